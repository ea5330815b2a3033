"""Demo conference: the näringslivsråd conference that took the 2017 lunch's input, with its
follow-ups, their timelines and the feedback given (in our own words)."""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Q

from feedback.models import Disagreement, Theme

from . import selectors
from .models import Conference, FeedbackNotice, FollowUp, StatusChange

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

# title, theme slug, note indexes (feedback.demo.NOTES), responsible key, final status,
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


def _steps_to(final: str) -> list[str]:
    if final == S.DECLINED:
        return [S.ON_AGENDA, S.DISCUSSED, S.DECLINED]
    path = [S.ON_AGENDA, S.DISCUSSED, S.DECIDED, S.FEEDBACK_PUBLISHED]
    return path[: path.index(final) + 1]


def _create_followup(conference, spec, users, notes, themes) -> FollowUp:
    title, theme_slug, note_indexes, responsible_key, final, answered_at, decision, answer = spec
    followup = FollowUp.objects.create(
        conference=conference,
        title=title,
        theme=themes[theme_slug],
        responsible=users[responsible_key],
        status=final,
        decision=decision,
        feedback_text=answer if final == S.FEEDBACK_PUBLISHED else "",
        decline_reason=answer if final == S.DECLINED else "",
        feedback_published_at=answered_at,
        version=len(_steps_to(final)) + 1,
    )
    created = _at(11, 15)
    FollowUp.objects.filter(pk=followup.pk).update(
        created_at=created, updated_at=answered_at or STEPS[S.DECIDED]
    )
    StatusChange.objects.create(
        followup=followup, from_status="", to_status=S.NEW, changed_by=users["staff"], changed_at=created
    )
    previous = S.NEW
    for step in _steps_to(final):
        when = answered_at if step in FollowUp.ANSWERED else STEPS[step]
        StatusChange.objects.create(
            followup=followup,
            from_status=previous,
            to_status=step,
            changed_by=users[responsible_key],
            changed_at=when,
        )
        previous = step
    followup.notes.set([notes[i] for i in note_indexes])
    return followup


def _link_disagreements(followups: list[FollowUp], disagreements) -> None:
    """Link each demo disagreement to the follow-up that holds the notes its point cites, or to
    the first follow-up of its theme."""
    for disagreement in disagreements:
        if disagreement.followups.exists():
            continue
        cited = set(disagreement.point.notes.values_list("pk", flat=True))
        theme_id = disagreement.point.summary.theme_id
        target = next(
            (f for f in followups if cited & {n.pk for n in f.notes.all()}),
            next((f for f in followups if f.theme_id == theme_id), None),
        )
        if target is None:
            continue
        target.disagreements.add(disagreement)
        status = Disagreement.Status.ANSWERED if target.is_answered else Disagreement.Status.IN_FOLLOWUP
        Disagreement.objects.filter(pk=disagreement.pk).exclude(status=Disagreement.Status.WITHDRAWN).update(
            status=status
        )


def load_demo_followups(users, workshops, feedback) -> dict:
    """Create the 2017 conference and its follow-ups; running it again changes nothing.

    Every theme has follow-ups; most were answered before 31 January 2018, one late, one
    declined with a reason and one is still overdue. Two paper notes are left in the triage
    inbox. Business owners get their in-app notices (marked as e-mailed, so nothing is sent)."""
    conference, _ = Conference.objects.update_or_create(
        year=2017,
        defaults={
            "title": "Näringslivsrådets konferens 2017",
            "slug": "naringslivsradets-konferens-2017",
            "starts_on": datetime.date(2017, 11, 23),
            "ends_on": datetime.date(2017, 11, 24),
            "place": "Ale",
            "description": (
                "Näringslivsrådet bjuder varje år in politiker och tjänstepersoner till två dagars "
                "konferens och planering: året som gått gås igenom och en ny plan läggs."
            ),
            "promised_feedback_date": datetime.date(2018, 1, 31),
        },
    )
    conference.workshops.add(workshops["lunch"])
    notes = feedback["notes"]
    themes = feedback.get("themes") or {theme.slug: theme for theme in Theme.objects.all()}
    followups = []
    for spec in FOLLOWUPS:
        followup = FollowUp.objects.filter(conference=conference, title=spec[0]).first()
        if followup is None:
            followup = _create_followup(conference, spec, users, notes, themes)
        followups.append(followup)
    _link_disagreements(followups, feedback.get("disagreements") or [])
    for followup in followups:
        if followup.is_answered:
            recipients = selectors.followup_notice_recipients(followup=followup)
            FeedbackNotice.objects.bulk_create(
                [FeedbackNotice(user=user, followup=followup) for user in recipients], ignore_conflicts=True
            )
            FeedbackNotice.objects.filter(Q(followup=followup), Q(emailed_at__isnull=True)).update(
                emailed_at=followup.feedback_published_at, created_at=followup.feedback_published_at
            )
    return {"conference": conference, "followups": followups}
