"""Demo conference: the näringslivsråd conference that took the 2017 lunch's input, with its
follow-ups, their timelines and the feedback given (in our own words).

The conference and every follow-up go through the followups services: created with their
inputs, then moved step by step along the model's transitions (``portal.factories.status_path``)
with the decision, the answer or the reason; afterwards each step is dated back to 2017–2018."""

import datetime
from zoneinfo import ZoneInfo

from feedback.models import Theme
from followups import selectors
from followups.models import Conference, FeedbackNotice, FollowUp, StatusChange
from followups.services import conference_create, followup_create, followup_move
from portal.factories import status_path

STOCKHOLM = ZoneInfo("Europe/Stockholm")
S = FollowUp.Status


def _at(month, day, hour=10, year=None):
    return datetime.datetime(year or (2018 if month < 6 else 2017), month, day, hour, 0, tzinfo=STOCKHOLM)


# The steps each demo follow-up went through, with dates: created, on agenda, discussed at the
# conference (23–24 November), decided, answered.
STEPS = {
    S.ON_AGENDA: _at(11, 20),
    S.DISCUSSED: _at(11, 24, 15),
    S.DECIDED: _at(12, 14),
}

# title, theme slug, note indexes (portal.demo.feedback.NOTES), responsible key, final status,
# answered at, decision, feedback or reason
FOLLOWUPS = [
    (
        "Kvällsöppet hos bygglov",
        "service-och-leverans",
        [0],
        "staff",
        S.DECLINED,
        _at(1, 22),
        "",
        "Bygglovsenheten kan inte bemanna kvällar med de handläggare som finns i dag. I stället "
        "kan företagare från februari boka ett telefonmöte med en handläggare tidigt på morgonen. "
        "Frågan tas upp igen när enheten är fullt bemannad.",
    ),
    (
        "Nyhetsbrev till företagen och mer om företagslotsen",
        "service-och-leverans",
        [2, 4],
        "staff",
        S.FEEDBACK_PUBLISHED,
        _at(1, 19),
        "Ett nyhetsbrev till företagen i Ale skickas ut varannan månad från mars 2018. "
        "Företagslotsen finns kvar och presenteras i varje nummer.",
        "Det första nyhetsbrevet kommer i mars. Anmäl dig på kommunens webbplats eller säg till din "
        "företagarförening. Företagslotsen nås som tidigare via kontaktcenter.",
    ),
    (
        "Personalbrist och byte av handläggare",
        "service-och-leverans",
        [7, 8],
        "staff_reviewer",
        S.FEEDBACK_PUBLISHED,
        _at(3, 9),
        "Varje företag med ett pågående ärende får en namngiven kontaktperson som följer ärendet "
        "även om handläggaren byts. Rekryteringen till miljöenheten prioriteras.",
        "Från april får du en namngiven kontaktperson för ditt ärende. Två nya miljöinspektörer "
        "börjar under våren. Återkopplingen kom senare än vi lovat – beslutet om rekryteringen "
        "dröjde till februari.",
    ),
    (
        "Digital handläggning och kurs i digital synlighet",
        "service-och-leverans",
        [5, 6],
        "staff",
        S.DECIDED,
        None,
        "Kommunen tar fram e-tjänster för de vanligaste tillstånden och ordnar en kurs i digital "
        "synlighet tillsammans med företagarföreningarna.",
        "",
    ),
    (
        "En gemensam servicekultur i hela kommunen",
        "forstaelse-och-relation",
        [3, 12],
        "staff_reviewer",
        S.FEEDBACK_PUBLISHED,
        _at(1, 29),
        "Alla förvaltningar arbetar fram gemensamma löften för bemötande av företagare under 2018.",
        "Servicelöftena tas fram under våren tillsammans med näringslivsrådet och presenteras på "
        "höstens dialogmöte.",
    ),
    (
        "Utbildningar tillsammans och introduktion för nyanställda",
        "forstaelse-och-relation",
        [9, 10, 11, 13],
        "staff",
        S.FEEDBACK_PUBLISHED,
        _at(1, 26),
        "Tjänstepersoner och företagare går Samspelet tillsammans under 2018, och alla nyanställda "
        "får en genomgång av kommunens arbete för näringslivet. Fler luncher med kommunstyrelsen "
        "planeras.",
        "Den första omgången av Samspelet hålls i maj; anmälan öppnar i mars. Introduktionen för "
        "nyanställda gäller från 1 februari. Nästa lunch med kommunstyrelsen är i november.",
    ),
    (
        "Tala väl om varandra och ta problemen direkt",
        "samarbete",
        [14, 15],
        "staff_reviewer",
        S.FEEDBACK_PUBLISHED,
        _at(1, 30),
        "Kommunen svarar på frågor från företagare i sociala medier inom en arbetsdag och tar "
        "kontakt direkt med den som har ett problem.",
        "Från februari bevakar kontaktcenter kommunens sociala medier under kontorstid. Har du ett "
        "problem: ring eller mejla, så återkommer vi samma vecka.",
    ),
    (
        "Gemensamma mål och en väg in i kommunen",
        "samarbete",
        [16, 18, 19],
        "staff",
        S.FEEDBACK_PUBLISHED,
        _at(1, 24),
        "Näringslivsrådet, företagarföreningarna och kommunen tar fram gemensamma mål för "
        "företagsklimatet och följer upp dem varje år.",
        "Arbetet med målen startar på näringslivsrådets möte i mars. Frågor och ärenden kan som "
        "tidigare lämnas via företagarföreningarna eller kontaktcenter.",
    ),
]


def _disagreements_for(note_indexes, disagreements: list) -> list:
    """Take from ``disagreements`` those whose point cites one of these notes: each
    disagreement goes to the first follow-up that holds its notes."""
    wanted = set(note_indexes)
    taken = [item for item in disagreements if wanted & item[1]]
    for item in taken:
        disagreements.remove(item)
    return [disagreement for disagreement, _cited in taken]


def _create_followup(conference, spec, users, notes, themes, disagreements) -> FollowUp:
    title, theme_slug, note_indexes, responsible_key, final, answered_at, decision, answer = spec
    responsible = users[responsible_key]
    followup = followup_create(
        actor=users["staff"],
        conference=conference,
        title=title,
        theme=themes[theme_slug],
        responsible=responsible,
        notes=[notes[i] for i in note_indexes],
        disagreements=_disagreements_for(note_indexes, disagreements),
    )
    steps = status_path(final)
    for step in steps[1:]:
        followup = followup_move(
            actor=responsible,
            followup=followup,
            to_status=step,
            expected_version=followup.version,
            decision=decision if step == S.DECIDED else None,
            feedback_text=answer if step == S.FEEDBACK_PUBLISHED else None,
            decline_reason=answer if step == S.DECLINED else None,
        )
    created = _at(11, 15)
    moments = [created, *(answered_at if step in FollowUp.ANSWERED else STEPS[step] for step in steps[1:])]
    for change, when in zip(followup.status_changes.order_by("pk"), moments, strict=True):
        StatusChange.objects.filter(pk=change.pk).update(changed_at=when)
    FollowUp.objects.filter(pk=followup.pk).update(
        created_at=created, updated_at=moments[-1], feedback_published_at=answered_at
    )
    followup.refresh_from_db()
    if followup.is_answered:
        # The notices as if e-mailed back then, so the notification task finds nothing to send.
        recipients = selectors.followup_notice_recipients(followup=followup)
        FeedbackNotice.objects.bulk_create(
            [FeedbackNotice(user=user, followup=followup, emailed_at=answered_at) for user in recipients],
            ignore_conflicts=True,
        )
        FeedbackNotice.objects.filter(followup=followup).update(created_at=answered_at)
    return followup


def load_demo_followups(users, workshops, feedback) -> dict:
    """Create the 2017 conference and its follow-ups; running it again changes nothing.

    Every theme has follow-ups; most were answered before 31 January 2018, one late, one
    declined with a reason and one is still overdue. Two paper notes are left in the triage
    inbox. Business owners get their in-app notices (marked as e-mailed, so nothing is sent)."""
    conference = Conference.objects.filter(year=2017).first() or conference_create(
        actor=users["staff"],
        workshops=[workshops["lunch"]],
        year=2017,
        title="Näringslivsrådets konferens 2017",
        slug="naringslivsradets-konferens-2017",
        starts_on=datetime.date(2017, 11, 23),
        ends_on=datetime.date(2017, 11, 24),
        place="Ale",
        description=(
            "Näringslivsrådet bjuder varje år in politiker och tjänstepersoner till två dagars "
            "konferens och planering: året som gått gås igenom och en ny plan läggs."
        ),
        promised_feedback_date=datetime.date(2018, 1, 31),
    )
    notes = feedback["notes"]
    themes = feedback.get("themes") or {theme.slug: theme for theme in Theme.objects.all()}
    index_of = {note.pk: index for index, note in enumerate(notes)}
    disagreements = [
        (d, {index_of[pk] for pk in d.point.notes.values_list("pk", flat=True) if pk in index_of})
        for d in feedback.get("disagreements") or []
    ]
    followups = []
    for spec in FOLLOWUPS:
        followup = FollowUp.objects.filter(conference=conference, title=spec[0]).first()
        if followup is None:
            followup = _create_followup(conference, spec, users, notes, themes, disagreements)
        followups.append(followup)
    return {"conference": conference, "followups": followups}
