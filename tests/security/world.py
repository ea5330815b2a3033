"""A small portal in use, shared by the permission matrix, the CSRF, hostile-input and XSS tests.

Business owner A owns the notes, the disagreement, the registration and the notices;
business owner B is the neighbour who must never reach them by changing an id.

A test module builds the world once (``built_once``, the ``world`` fixture in conftest.py)
and each of its tests runs in a savepoint inside that module's transaction.
"""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.db import models, transaction
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from aleforetag.accounts.models import Notice, User
from aleforetag.accounts.tokens import make_confirmation_token
from feedback.models import Disagreement, Note, Summary, SummaryPoint, SummaryRevision
from followups.models import Conference, FeedbackNotice, FollowUp
from tests import factories
from workshops.models import Registration, Workshop

ROLES = ("anonymous", "owner", "other_owner", "staff", "politician", "admin")


@dataclass
class World:
    users: dict[str, User | None]
    workshop: Workshop
    note: Note
    pending_note: Note
    other_note: Note
    summary: Summary
    draft_summary: Summary
    point: SummaryPoint
    disagreement: Disagreement
    conference: Conference
    followup: FollowUp
    registration: Registration
    pending_registration: Registration
    extra: dict = field(default_factory=dict)

    @property
    def owner(self) -> User:
        return self.users["owner"]


def build_world(*, text: str | None = None, name: str | None = None) -> World:
    """Create the people and objects; ``text``/``name`` replace every user-written text/name."""

    def written(default):
        return text if text is not None else default

    def named(default):
        return name if name is not None else default

    users = {
        "anonymous": None,
        "owner": factories.BusinessOwnerFactory(
            full_name=named("Karin Företagare"),
            organisation_name=named("Karins Bygg AB"),
            phone="070-1112233",
        ),
        "other_owner": factories.BusinessOwnerFactory(full_name=named("Olle Annan")),
        "staff": factories.StaffFactory(full_name=named("Sara Tjänsteperson")),
        "politician": factories.PoliticianFactory(full_name=named("Anders Politiker")),
        "admin": factories.AdminFactory(full_name=named("Maria Admin")),
    }
    reviewer = factories.StaffFactory(full_name=named("Johan Granskare"))
    now = timezone.now()
    workshop = factories.WorkshopFactory(
        slug="lunchworkshop",
        title=written("Lunchworkshop om företagsklimatet"),
        description=written("Vi pratar om service."),
        venue=written("Kommunhuset"),
        host=written("Kommunstyrelsen"),
        starts_at=now + datetime.timedelta(days=5),
        ends_at=now + datetime.timedelta(days=5, hours=2),
        notes_open_until=now + datetime.timedelta(days=12),
        registration_open=True,
        capacity=40,
        invitation_text=written("Välkommen!"),
    )
    group = factories.DiscussionGroupFactory(
        workshop=workshop, name=named("Bord 1"), table_host=named("Lena")
    )
    note = factories.NoteFactory(
        workshop=workshop,
        group=group,
        author=users["owner"],
        source=Note.Source.BROWSER,
        text=written("Bygglovet tog för lång tid."),
    )
    pending_note = factories.NoteFactory(
        workshop=workshop,
        author=users["owner"],
        status=Note.Status.PENDING,
        text=written("Väntande anteckning"),
    )
    other_note = factories.NoteFactory(
        workshop=workshop, author=users["other_owner"], text=written("Olles anteckning")
    )
    summary = factories.SummaryFactory(
        workshop=workshop,
        introduction=written("Det här hörde vi om service."),
        status=Summary.Status.PUBLISHED,
        published_at=now,
        checked_by=reviewer,
        checked_at=now,
        last_edited_by=users["staff"],
        last_edited_at=now,
    )
    point = factories.SummaryPointFactory(summary=summary, text=written("Handläggningen är långsam."))
    point.notes.set([note])
    draft_summary = factories.SummaryFactory(
        workshop=workshop,
        theme=factories.theme("samarbete"),
        introduction=written("Utkast"),
        status=Summary.Status.DRAFT,
    )
    factories.SummaryPointFactory(summary=draft_summary, text=written("En punkt i utkastet."))
    review_summary = factories.SummaryFactory(
        workshop=workshop,
        theme=factories.theme("forstaelse-och-relation"),
        introduction=written("Till granskning"),
        status=Summary.Status.IN_REVIEW,
        last_edited_by=users["staff"],
        last_edited_at=now,
    )
    factories.SummaryPointFactory(summary=review_summary, text=written("En punkt att granska."))
    # The services save a revision with every version; the pages show the history.
    for each in (summary, draft_summary, review_summary):
        SummaryRevision.objects.create(
            summary=each,
            number=each.version,
            introduction=each.introduction,
            points=[
                {"id": p.pk, "order": p.order, "text": p.text, "notes": sorted(n.pk for n in p.notes.all())}
                for p in each.points.all()
            ],
            status=each.status,
            saved_by=users["staff"],
        )
    disagreement = factories.DisagreementFactory(
        point=point, author=users["owner"], text=written("Så menade vi inte."), wants_contact=True
    )
    conference = factories.ConferenceFactory(
        year=2017, slug="naringslivsradet-2017", title=written("Näringslivsrådet 2017"), place=written("Ale")
    )
    conference.workshops.add(workshop)
    followup = factories.FollowUpFactory(
        conference=conference,
        title=written("Snabbare bygglov"),
        description=written("Vi ser över handläggningen."),
        decision=written("Beslut"),
        feedback_text=written("Återkoppling"),
        responsible=users["staff"],
    )
    followup.notes.add(note)
    followup.disagreements.add(disagreement)
    FeedbackNotice.objects.create(user=users["owner"], followup=followup)
    notice = Notice.objects.create(
        user=users["owner"],
        kind=Notice.Kind.NOTE_PUBLISHED,
        key=f"note_published:{note.pk}",
        params={"title": workshop.title},
        link=workshop.get_absolute_url(),
    )
    registration = factories.RegistrationFactory(
        workshop=workshop,
        user=users["owner"],
        name=named("Karin Företagare"),
        email=users["owner"].email,
        organisation_name=named("Karins Bygg AB"),
        dietary_needs=written("Nötallergi"),
        accessibility_needs=written("Hörslinga"),
        status=Registration.Status.CONFIRMED,
        queued_at=now,
    )
    pending_registration = factories.RegistrationFactory(
        workshop=workshop,
        name=named("Gäst Gästsson"),
        email="gast@example.se",
        status=Registration.Status.PENDING,
    )
    waiting_registration = factories.RegistrationFactory(
        workshop=workshop,
        name=named("Vera Väntande"),
        email="vera.vantar@example.se",
        status=Registration.Status.WAITLISTED,
    )
    return World(
        users=users,
        workshop=workshop,
        note=note,
        pending_note=pending_note,
        other_note=other_note,
        summary=summary,
        draft_summary=draft_summary,
        point=point,
        disagreement=disagreement,
        conference=conference,
        followup=followup,
        registration=registration,
        pending_registration=pending_registration,
        extra={
            "group": group,
            "reviewer": reviewer,
            "review_summary": review_summary,
            "waiting_registration": waiting_registration,
            "notice": notice,
        },
    )


def password_reset_kwargs(user: User) -> dict:
    # From the database: signing in changes last_login, which the token covers.
    user = User.objects.get(pk=user.pk)
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def account_confirmation_kwargs(user: User) -> dict:
    return {"token": make_confirmation_token(user)}


@contextmanager
def built_once(django_db_blocker, build: Callable[[], World] = build_world) -> Iterator[World]:
    """Build the world in a transaction that stays open while the caller's tests run (each
    test's own transaction becomes a savepoint in it) and is rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# What build_world(text=WRITTEN, name=WRITTEN) puts in every user-written text and name;
# rewrite_written() turns it into any other text without building the world again.
WRITTEN = "skrivet-av-en-person"


def _replaced(value, new: str):
    if isinstance(value, str):
        return value.replace(WRITTEN, new)
    if isinstance(value, list):
        return [_replaced(item, new) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, new) for key, item in value.items()}
    return value


def rewrite_written(new: str) -> None:
    """Replace WRITTEN by ``new`` in every text, name and JSON column of every table."""
    for model in apps.get_models():
        if not model._meta.managed:
            continue
        for column in model._meta.concrete_fields:
            manager = model._base_manager
            if isinstance(column, models.JSONField):
                for pk, value in manager.values_list("pk", column.attname):
                    if value is not None and _replaced(value, new) != value:
                        manager.filter(pk=pk).update(**{column.attname: _replaced(value, new)})
            elif isinstance(column, (models.CharField, models.TextField)) and not column.choices:
                manager.filter(**{f"{column.attname}__contains": WRITTEN}).update(
                    **{column.attname: Replace(column.attname, models.Value(WRITTEN), models.Value(new))}
                )
