"""A synthetic municipality for the benchmark, bulk-created into an empty, migrated database.

Ten years of dialogue: workshops with groups and participants, notes tagged with themes and
topics, published summaries citing notes, disagreements, one conference a year with its
follow-ups, their timelines, linked inputs and the notices sent when feedback went out.

Every object is built (unsaved) by the factories of ``portal.factories``, the builder the tests
and the demo share, and written with ``bulk_create`` in one transaction, with one unusable
password for every account, so the large size builds in about a minute. A follow-up's status
and timeline come from the model's own transition rules (``FollowUp.TRANSITIONS`` through
``portal.factories.status_path`` and ``timeline``), never from a copy of them. The data is
deterministic for a given seed, and internally consistent (the check constraints hold and
``clean()`` would pass), so the pages see realistic rows rather than noise.
"""

import contextlib
import datetime
import random
import time
from dataclasses import dataclass, field

import factory
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from aleforetag.accounts import roles
from aleforetag.accounts.models import User
from feedback.models import Disagreement, Note, Summary, SummaryPoint, Theme, Topic
from followups.models import Conference, FeedbackNotice, FollowUp, StatusChange, default_promised_date
from portal.factories import (
    ConferenceFactory,
    DisagreementFactory,
    DiscussionGroupFactory,
    FeedbackNoticeFactory,
    FollowUpFactory,
    NoteFactory,
    OrganisationFactory,
    ParticipationFactory,
    SummaryFactory,
    SummaryPointFactory,
    UserFactory,
    WorkshopFactory,
    status_path,
    timeline,
)
from workshops.models import Organisation, Participation, Workshop
from workshops.validators import with_check_digit

BATCH_SIZE = 2000


@dataclass(frozen=True)
class Size:
    """How much of each thing to create."""

    name: str
    workshops: int
    notes: int
    business_owners: int
    disagreements: int
    followups: int
    years: int = 10
    groups_per_workshop: int = 5
    points_per_summary: int = 4


SIZES = {
    "tiny": Size("tiny", workshops=3, notes=150, business_owners=30, disagreements=12, followups=15, years=3),
    # Twice the tiny size: the suite compares query counts at the two.
    "tiny2": Size(
        "tiny2", workshops=3, notes=300, business_owners=60, disagreements=24, followups=30, years=3
    ),
    "small": Size("small", workshops=10, notes=5_000, business_owners=500, disagreements=200, followups=300),
    "large": Size(
        "large", workshops=100, notes=50_000, business_owners=5_000, disagreements=2_000, followups=3_000
    ),
}


@dataclass
class BuildResult:
    size: Size
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)


# Note texts are put together from these parts, in our own words.
SUBJECTS = [
    "Handläggningen av bygglov",
    "Upphandlingen av lokala tjänster",
    "Kontaktcenter",
    "Öppettiderna i kommunhuset",
    "Informationen till nystartade företag",
    "Samarbetet med näringslivsrådet",
    "Tillsynen av livsmedelslokaler",
    "Företagslotsen",
    "Den digitala handläggningen",
    "Dialogen mellan företagare och politiker",
    "Återkopplingen efter ett ärende",
    "Kommunens bemötande i telefon",
    "Vägarbetena i centrum",
    "Parkeringen vid stationen",
    "Introduktionen av nyanställda handläggare",
]
VERDICTS = [
    "tar för lång tid",
    "är svår att förstå för den som är ny",
    "har blivit bättre de senaste åren",
    "behöver tydligare kontaktvägar",
    "fungerar bra men kan utvecklas",
    "saknar återkoppling till företaget",
    "skiljer sig mellan förvaltningarna",
    "borde ske i dialog med företagen",
]
WISHES = [
    "Vi önskar snabbare besked.",
    "Gärna en fast kontaktperson som följer ärendet.",
    "Bjud in fler företagare till samtalen.",
    "Informera oftare, till exempel med ett nyhetsbrev.",
    "Tack för ett gott bemötande.",
    "Låt företagen vara med tidigt i planeringen.",
    "Samla all information på ett ställe.",
    "",
]
FIRST_NAMES = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Per", "Lena",
    "Mikael", "Emma", "Karl", "Ida", "Nils", "Sofia", "Olof", "Elin", "Gustav",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Berg", "Holm", "Ek",
]  # fmt: skip
TRADES = ["Bygg", "Måleri", "Café", "Redovisning", "El", "Transport", "Frisör", "Konsult", "Trädgård", "VVS"]
PLACES = ["Nödinge", "Alafors", "Älvängen", "Skepplanda", "Surte", "Bohus", "Nol", "Hålanda"]

# Models whose automatic timestamps are switched off while building, so history can be dated.
_TIMESTAMPED = (Organisation, Workshop, Participation, Note, Summary, Disagreement, FollowUp, FeedbackNotice)


@contextlib.contextmanager
def _historical_timestamps():
    """Let ``bulk_create`` keep the dates given instead of stamping every row with now."""
    saved = []
    for model in _TIMESTAMPED:
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
                saved.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def _bulk(model, objs):
    return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)


def _weighted_owners(rng: random.Random, owners: list, k: int) -> list:
    """Pick ``k`` authors with a mild skew: a few business owners give much more input."""
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(owners))]
    return rng.choices(owners, weights=weights, k=k)


class _Builder:
    def __init__(self, size: Size, seed: int, now: datetime.datetime):
        self.size = size
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
        self.now = now
        self.counts = {}

    # --- people ---

    def users(self):
        rng = self.rng
        # The benchmark signs in with sessions, never with a password: accounts get an unusable one.
        password = factory.Transformer.Force(make_password(None))
        joined = self.now - datetime.timedelta(days=365 * self.size.years)
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ROLE_LABELS}

        organisations = []
        for i in range(self.size.business_owners):
            trade, place = rng.choice(TRADES), rng.choice(PLACES)
            organisations.append(
                OrganisationFactory.build(
                    name=f"{trade} {place} {i + 1} AB",
                    organisation_number=_org_number(i),
                    created_at=joined,
                )
            )
        self.organisations = _bulk(Organisation, organisations)

        def person(email, name, **extra):
            return UserFactory.build(
                email=email,
                full_name=name,
                password=password,
                email_confirmed=True,
                date_joined=joined,
                **extra,
            )

        owners = [
            person(
                f"foretagare{i + 1}@bench.example.se",
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                organisation_name=organisation.name,
                language="en" if i % 10 == 0 else "sv",
            )
            for i, organisation in enumerate(self.organisations)
        ]
        staff = [
            person(f"personal{i + 1}@bench.example.se", f"Handläggare {i + 1}", is_staff=True)
            for i in range(8)
        ]
        politicians = [person(f"politiker{i + 1}@bench.example.se", f"Ledamot {i + 1}") for i in range(5)]
        admins = [person("admin@bench.example.se", "Bench Admin", is_staff=True, is_superuser=True)]
        _bulk(User, owners + staff + politicians + admins)
        self.owners, self.staff, self.politicians = owners, staff, politicians
        self.user_of = {owner.pk: owner for owner in owners}
        self.owner_org = {owner.pk: org for owner, org in zip(owners, self.organisations, strict=True)}

        Through = User.groups.through
        memberships = [Through(user_id=u.pk, group_id=groups[roles.BUSINESS_OWNER].pk) for u in owners]
        memberships += [Through(user_id=u.pk, group_id=groups[roles.STAFF].pk) for u in staff]
        memberships += [Through(user_id=u.pk, group_id=groups[roles.POLITICIAN].pk) for u in politicians]
        memberships += [Through(user_id=u.pk, group_id=groups[roles.ADMIN].pk) for u in admins]
        _bulk(Through, memberships)
        self.counts["users"] = len(owners) + len(staff) + len(politicians) + len(admins)
        self.counts["organisations"] = len(self.organisations)

    # --- workshops ---

    def workshops(self):
        rng, size = self.rng, self.size
        last_year = self.now.year
        first_year = last_year - size.years + 1
        self.years = list(range(first_year, last_year + 1))
        per_year = [
            size.workshops // size.years + (1 if i < size.workshops % size.years else 0)
            for i in range(size.years)
        ]
        tz = timezone.get_current_timezone()
        workshops = []
        number = 0
        for year, count in zip(self.years, per_year, strict=True):
            for k in range(count):
                number += 1
                month = 2 + (k * 9) // max(count, 1)
                starts = datetime.datetime(year, month, 1 + rng.randrange(27), 11, 30, tzinfo=tz)
                is_upcoming = year == last_year and k == count - 1 and size.workshops > 1
                if is_upcoming:
                    starts = (self.now + datetime.timedelta(days=20)).replace(
                        hour=11, minute=30, second=0, microsecond=0
                    )
                ends = starts + datetime.timedelta(hours=2, minutes=30)
                kind = rng.choice(list(Workshop.Kind))
                workshops.append(
                    WorkshopFactory.build(
                        title=f"{Workshop.Kind(kind).label} om företagsklimatet {year}:{k + 1}",
                        slug=f"workshop-{year}-{k + 1}",
                        kind=kind,
                        starts_at=starts,
                        ends_at=ends,
                        venue=f"Kommunhuset i {rng.choice(PLACES)}",
                        host="Kommunstyrelsen och näringslivsenheten",
                        description="Företagare, tjänstepersoner och politiker om företagsklimatet i Ale.",
                        status=Workshop.Status.PUBLISHED,
                        notes_open_until=ends + datetime.timedelta(days=14),
                        pre_moderation=True,
                        registration_open=is_upcoming,
                        capacity=60,
                        created_at=starts - datetime.timedelta(days=45),
                        updated_at=starts - datetime.timedelta(days=45),
                    )
                )
        self.workshop_list = _bulk(Workshop, workshops)
        self.workshop_of = {w.pk: w for w in self.workshop_list}
        self.past_workshops = [w for w in self.workshop_list if w.starts_at < self.now]
        self.workshops_by_year = {}
        for workshop in self.workshop_list:
            self.workshops_by_year.setdefault(workshop.starts_at.year, []).append(workshop)

        groups = [
            DiscussionGroupFactory.build(
                workshop=w, name=f"Bord {g + 1}", order=g, table_host=f"Bordsvärd {g + 1}"
            )
            for w in self.workshop_list
            for g in range(size.groups_per_workshop)
        ]
        self.groups = _bulk(groups[0].__class__, groups)
        self.groups_of = {}
        for group in self.groups:
            self.groups_of.setdefault(group.workshop_id, []).append(group)
        self.counts["workshops"] = len(self.workshop_list)
        self.counts["discussion_groups"] = len(self.groups)

    # --- notes ---

    def notes(self):
        rng, size = self.rng, self.size
        themes = list(Theme.objects.order_by("order"))
        topics_of = {theme.pk: list(Topic.objects.filter(theme=theme)) for theme in themes}
        past = self.past_workshops
        authors = _weighted_owners(rng, self.owners, size.notes)
        statuses = rng.choices(
            [Note.Status.PUBLISHED, Note.Status.PENDING, Note.Status.HIDDEN, Note.Status.WITHDRAWN],
            weights=[90, 4, 3, 3],
            k=size.notes,
        )
        moderator = self.staff[0]
        notes = []
        for i in range(size.notes):
            workshop = past[i % len(past)] if i < len(past) else rng.choice(past)
            created = workshop.starts_at + datetime.timedelta(minutes=rng.randrange(14 * 24 * 60))
            from_browser = rng.random() < 0.7
            status = statuses[i]
            text = f"{rng.choice(SUBJECTS)} {rng.choice(VERDICTS)}. {rng.choice(WISHES)}".strip()
            notes.append(
                NoteFactory.build(
                    workshop=workshop,
                    group=rng.choice(self.groups_of[workshop.pk]),
                    author=authors[i] if from_browser else None,
                    source=Note.Source.BROWSER if from_browser else Note.Source.PAPER,
                    text=text,
                    kind=rng.choice(list(Note.Kind)),
                    status=status,
                    hidden_reason="Innehåller personuppgifter." if status == Note.Status.HIDDEN else "",
                    moderated_by=moderator if status in (Note.Status.PUBLISHED, Note.Status.HIDDEN) else None,
                    moderated_at=created + datetime.timedelta(hours=4)
                    if status in (Note.Status.PUBLISHED, Note.Status.HIDDEN)
                    else None,
                    created_at=created,
                    updated_at=created,
                )
            )
        self.note_list = _bulk(Note, notes)

        ThemeLink, TopicLink = Note.themes.through, Note.topics.through
        theme_links, topic_links = [], []
        self.published_by_workshop_theme = {}
        for note in self.note_list:
            note_themes = rng.sample(themes, k=1 if rng.random() < 0.7 else 2)
            for theme in note_themes:
                theme_links.append(ThemeLink(note_id=note.pk, theme_id=theme.pk))
                if note.status == Note.Status.PUBLISHED:
                    self.published_by_workshop_theme.setdefault((note.workshop_id, theme.pk), []).append(note)
            candidates = [topic for theme in note_themes for topic in topics_of[theme.pk]]
            for topic in rng.sample(candidates, k=min(len(candidates), rng.choice([0, 1, 1, 2]))):
                topic_links.append(TopicLink(note_id=note.pk, topic_id=topic.pk))
        _bulk(ThemeLink, theme_links)
        _bulk(TopicLink, topic_links)
        self.themes = themes
        self.published_notes_by_workshop = {}
        for note in self.note_list:
            if note.status == Note.Status.PUBLISHED:
                self.published_notes_by_workshop.setdefault(note.workshop_id, []).append(note)
        self.counts["notes"] = len(self.note_list)
        self.counts["note_theme_links"] = len(theme_links)
        self.counts["note_topic_links"] = len(topic_links)

    def participations(self):
        rng = self.rng
        rows, seen = [], set()
        for note in self.note_list:
            if note.author_id and (note.workshop_id, note.author_id) not in seen:
                seen.add((note.workshop_id, note.author_id))
                rows.append(
                    ParticipationFactory.build(
                        workshop=self.workshop_of[note.workshop_id],
                        user=note.author,
                        name="",
                        organisation=self.owner_org[note.author_id],
                        role=Participation.Role.BUSINESS_OWNER,
                        group=note.group,
                        attended=rng.random() < 0.9,
                        created_at=note.created_at,
                    )
                )
        for workshop in self.past_workshops:
            for k in range(3):
                rows.append(
                    ParticipationFactory.build(
                        workshop=workshop,
                        name=f"Gäst {k + 1}",
                        role=rng.choice([Participation.Role.OFFICIAL, Participation.Role.POLITICIAN]),
                        attended=True,
                        created_at=workshop.starts_at,
                    )
                )
        _bulk(Participation, rows)
        self.counts["participations"] = len(rows)

    # --- summaries and disagreements ---

    def summaries(self):
        rng, size = self.rng, self.size
        reviewer, editor = self.staff[1], self.staff[2]
        latest_past = max(self.past_workshops, key=lambda w: w.starts_at)
        summaries = []
        for workshop in self.past_workshops:
            for order, theme in enumerate(self.themes):
                published = workshop is not latest_past or order == 0
                written = workshop.ends_at + datetime.timedelta(days=20)
                summaries.append(
                    SummaryFactory.build(
                        workshop=workshop,
                        theme=theme,
                        introduction=f"Det här hörde vi om {theme.name_sv.lower()} vid {workshop.title}.",
                        status=Summary.Status.PUBLISHED
                        if published
                        else (Summary.Status.IN_REVIEW if order == 1 else Summary.Status.DRAFT),
                        version=2 if published else 1,
                        last_edited_by=editor,
                        last_edited_at=written,
                        checked_by=reviewer if published else None,
                        checked_at=written + datetime.timedelta(days=2) if published else None,
                        published_at=written + datetime.timedelta(days=2) if published else None,
                        created_at=written - datetime.timedelta(days=5),
                    )
                )
        self.summary_list = _bulk(Summary, summaries)
        points = [
            SummaryPointFactory.build(
                summary=summary, order=k, text=f"{rng.choice(SUBJECTS)} {rng.choice(VERDICTS)}."
            )
            for summary in self.summary_list
            for k in range(size.points_per_summary)
        ]
        self.point_list = _bulk(SummaryPoint, points)
        summary_of = {s.pk: s for s in self.summary_list}
        Cited = SummaryPoint.notes.through
        cited = []
        for point in self.point_list:
            summary = summary_of[point.summary_id]
            pool = self.published_by_workshop_theme.get((summary.workshop_id, summary.theme_id), [])
            for note in rng.sample(pool, k=min(5, len(pool))):
                cited.append(Cited(summarypoint_id=point.pk, note_id=note.pk))
        _bulk(Cited, cited)
        self.summary_of = summary_of
        self.published_points = [
            p for p in self.point_list if summary_of[p.summary_id].status == Summary.Status.PUBLISHED
        ]
        self.counts["summaries"] = len(self.summary_list)
        self.counts["summary_points"] = len(self.point_list)
        self.counts["summary_citations"] = len(cited)

    def disagreements(self):
        rng, size = self.rng, self.size
        authors = _weighted_owners(rng, self.owners, size.disagreements * 2)
        rows, taken = [], set()
        statuses = [
            Disagreement.Status.OPEN,
            Disagreement.Status.IN_FOLLOWUP,
            Disagreement.Status.ANSWERED,
            Disagreement.Status.WITHDRAWN,
        ]
        for author in authors:
            if len(rows) == size.disagreements:
                break
            point = rng.choice(self.published_points)
            if (point.pk, author.pk) in taken:
                continue
            taken.add((point.pk, author.pk))
            summary = self.summary_of[point.summary_id]
            created = min(summary.published_at + datetime.timedelta(days=rng.randrange(1, 60)), self.now)
            rows.append(
                DisagreementFactory.build(
                    point=point,
                    author=author,
                    text="Så menade vi inte. " + rng.choice(WISHES),
                    wants_contact=rng.random() < 0.3,
                    status=rng.choices(statuses, weights=[50, 25, 20, 5])[0],
                    created_at=created,
                    updated_at=created,
                )
            )
        self.disagreement_list = _bulk(Disagreement, rows)
        self.counts["disagreements"] = len(self.disagreement_list)

    # --- conferences and follow-ups ---

    def followups(self):
        rng, size = self.rng, self.size
        today = self.now.date()
        conferences = [
            ConferenceFactory.build(
                year=year,
                title=f"Näringslivsrådets konferens {year}",
                slug=f"konferens-{year}",
                starts_on=datetime.date(year, 11, 20),
                ends_on=datetime.date(year, 11, 21),
                place="Hotell i Ale",
                description="Näringslivsrådet och kommunen går igenom årets inspel.",
                promised_feedback_date=default_promised_date(year),
            )
            for year in self.years
        ]
        self.conference_list = _bulk(Conference, conferences)
        ConfWorkshop = Conference.workshops.through
        _bulk(
            ConfWorkshop,
            [
                ConfWorkshop(conference_id=c.pk, workshop_id=w.pk)
                for c in self.conference_list
                for w in self.workshops_by_year.get(c.year, [])
            ],
        )

        year_of = {w.pk: w.starts_at.year for w in self.workshop_list}
        point_year = {p.pk: year_of[self.summary_of[p.summary_id].workshop_id] for p in self.point_list}
        points_by_year, disagreements_by_year = {}, {}
        for point in self.published_points:
            points_by_year.setdefault(point_year[point.pk], []).append(point)
        for disagreement in self.disagreement_list:
            if disagreement.status in (Disagreement.Status.IN_FOLLOWUP, Disagreement.Status.ANSWERED):
                disagreements_by_year.setdefault(point_year[disagreement.point_id], []).append(disagreement)
        notes_by_year = {}
        for workshop in self.past_workshops:
            notes_by_year.setdefault(workshop.starts_at.year, []).extend(
                self.published_notes_by_workshop.get(workshop.pk, [])
            )

        S = FollowUp.Status
        per_conference = [
            size.followups // len(conferences) + (1 if i < size.followups % len(conferences) else 0)
            for i in range(len(conferences))
        ]
        followups, changes = [], []
        for conference, count in zip(self.conference_list, per_conference, strict=True):
            current = conference.promised_feedback_date >= today
            for k in range(count):
                if current:
                    status = rng.choices(
                        [S.NEW, S.ON_AGENDA, S.DISCUSSED, S.DECIDED, S.DECLINED], [30, 30, 25, 10, 5]
                    )[0]
                else:
                    status = rng.choices(
                        [S.FEEDBACK_PUBLISHED, S.DECLINED, S.DECIDED, S.DISCUSSED], [75, 12, 8, 5]
                    )[0]
                # The way there, as the model's transitions allow (declining can come at any step).
                steps = status_path(status, rng)
                start = datetime.datetime.combine(
                    conference.starts_on, datetime.time(9), tzinfo=timezone.get_current_timezone()
                )
                start -= datetime.timedelta(days=30)
                moments = [
                    start + datetime.timedelta(days=12 * n, hours=rng.randrange(8)) for n in range(len(steps))
                ]
                answered_at = None
                if status in FollowUp.ANSWERED:
                    promised = datetime.datetime.combine(
                        conference.promised_feedback_date,
                        datetime.time(12),
                        tzinfo=timezone.get_current_timezone(),
                    )
                    late = rng.random() < 0.15
                    answered_at = promised + datetime.timedelta(
                        days=rng.randrange(1, 40) * (1 if late else -1)
                    )
                    answered_at = min(max(answered_at, moments[-2] + datetime.timedelta(days=1)), self.now)
                    moments[-1] = answered_at
                decided = S.DECIDED in steps
                followup = FollowUpFactory.build(
                    conference=conference,
                    title=f"{rng.choice(SUBJECTS)} ({conference.year}:{k + 1})",
                    description="Inspel från workshopparna som näringslivsrådet tar upp.",
                    theme=rng.choice(self.themes),
                    responsible=rng.choice(self.staff),
                    decision="Kommunen inför en fast kontaktperson för företag." if decided else "",
                    decline_reason="Frågan ligger utanför kommunens ansvar." if status == S.DECLINED else "",
                    feedback_text="Nu har varje företag en fast kontaktperson."
                    if status == S.FEEDBACK_PUBLISHED
                    else "",
                    feedback_published_at=answered_at,
                    version=len(steps),
                    created_at=moments[0],
                    updated_at=moments[-1],
                )
                changes += timeline(
                    followup, steps, moments, by=followup.responsible, comment="Flyttad på tavlan."
                )
                followups.append(followup)
        self.followup_list = _bulk(FollowUp, followups)
        _bulk(StatusChange, changes)

        NoteLink = FollowUp.notes.through
        DisLink = FollowUp.disagreements.through
        PointLink = FollowUp.summary_points.through
        note_links, dis_links, point_links, notices = [], [], [], []
        followups_by_year = {}
        for followup in self.followup_list:
            followups_by_year.setdefault(followup.conference.year, []).append(followup)
        for followup in self.followup_list:
            year = followup.conference.year
            pool = notes_by_year.get(year, [])
            linked_authors = set()
            for note in rng.sample(pool, k=min(len(pool), rng.randrange(3, 13))):
                note_links.append(NoteLink(followup_id=followup.pk, note_id=note.pk))
                if note.author_id:
                    linked_authors.add(note.author_id)
            points = points_by_year.get(year, [])
            for point in rng.sample(points, k=min(len(points), rng.randrange(0, 3))):
                point_links.append(PointLink(followup_id=followup.pk, summarypoint_id=point.pk))
            followup._linked_authors = linked_authors
        for year, disagreements in disagreements_by_year.items():
            targets = followups_by_year.get(year) or []
            for disagreement in disagreements:
                if targets:
                    followup = rng.choice(targets)
                    dis_links.append(DisLink(followup_id=followup.pk, disagreement_id=disagreement.pk))
                    followup._linked_authors.add(disagreement.author_id)
        for followup in self.followup_list:
            if followup.status in (S.FEEDBACK_PUBLISHED, S.DECLINED):
                for user_id in sorted(followup._linked_authors):
                    notices.append(
                        FeedbackNoticeFactory.build(
                            user=self.user_of[user_id],
                            followup=followup,
                            created_at=followup.feedback_published_at,
                            emailed_at=followup.feedback_published_at,
                            read_at=followup.feedback_published_at + datetime.timedelta(days=3)
                            if rng.random() < 0.5
                            else None,
                        )
                    )
        _bulk(NoteLink, note_links)
        _bulk(DisLink, dis_links)
        _bulk(PointLink, point_links)
        _bulk(FeedbackNotice, notices)
        self.counts.update(
            conferences=len(self.conference_list),
            followups=len(self.followup_list),
            status_changes=len(changes),
            followup_note_links=len(note_links),
            followup_disagreement_links=len(dis_links),
            followup_point_links=len(point_links),
            feedback_notices=len(notices),
        )


def _org_number(i: int) -> str:
    return with_check_digit(f"55{i:07d}")


def build(size: Size, *, seed: int = 2017, now: datetime.datetime | None = None) -> BuildResult:
    """Fill the (empty, migrated) default database with a municipality of ``size``.

    Deterministic for a given seed and ``now``; one transaction, bulk inserts only. Runs
    ANALYZE afterwards so the query planner sees the new tables as they are.
    """
    started = time.perf_counter()
    builder = _Builder(size, seed, now or timezone.now())
    with _historical_timestamps(), transaction.atomic():
        builder.users()
        builder.workshops()
        builder.notes()
        builder.participations()
        builder.summaries()
        builder.disagreements()
        builder.followups()
    # Statistics for the planner, and on PostgreSQL the visibility map that autovacuum keeps
    # in a database in use (index-only scans need it); a fresh bulk load has neither yet.
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE"
            if connection.vendor == "postgresql" and not connection.in_atomic_block
            else "ANALYZE"
        )
    return BuildResult(size=size, seconds=time.perf_counter() - started, counts=builder.counts)


def is_built(size: Size) -> bool:
    """Whether the default database already holds a municipality of this size."""
    return (
        Workshop.objects.count() == size.workshops
        and Note.objects.count() == size.notes
        and FollowUp.objects.count() == size.followups
    )
