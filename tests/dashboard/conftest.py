"""A hand-built data set for the dashboard, with answers worked out by hand in the tests.

The clock stands at 1 March 2019, noon, Stockholm time.

Workshops: W2017 (7 Nov 2017), W2018a (15 May 2018), W2018b (10 Sep 2018) held and
published; a draft in June 2018 (never counted) and a published one on 1 June 2019 (not yet
held). Conferences 2017, 2018 and 2019 promise feedback by 31 January of the next year.
"""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from feedback.models import Disagreement, Note, Summary
from followups.models import FollowUp
from tests import factories
from tests.factories import theme, topic
from workshops.models import Participation, Workshop

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime.datetime(2019, 3, 1, 12, 0, tzinfo=STOCKHOLM)

S, F, C = "service-och-leverans", "forstaelse-och-relation", "samarbete"


def local(*args):
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def _workshop(title, starts_at, status=Workshop.Status.PUBLISHED):
    return factories.WorkshopFactory(title=title, starts_at=starts_at, status=status)


def _attend(workshop, role=Participation.Role.BUSINESS_OWNER, *, attended=True, **fields):
    fields.setdefault("name", "" if fields.get("user") else "Gäst")
    return factories.ParticipationFactory(workshop=workshop, role=role, attended=attended, **fields)


def _note(workshop, themes, kind=Note.Kind.SUGGESTION, status=Note.Status.PUBLISHED, topics=()):
    return factories.NoteFactory(
        workshop=workshop,
        kind=kind,
        status=status,
        themes=[theme(slug) for slug in themes],
        topics=[topic(slug) for slug in topics],
    )


def _answered(conference, theme_slug, status, published_at):
    reason = {"decline_reason": "Ryms inte i budgeten."} if status == FollowUp.Status.DECLINED else {}
    return factories.FollowUpFactory(
        conference=conference,
        theme=theme(theme_slug) if theme_slug else None,
        status=status,
        decision="Beslut fattat.",
        feedback_text="Så här blev det.",
        feedback_published_at=published_at,
        **reason,
    )


def _open(conference, theme_slug, status):
    return factories.FollowUpFactory(
        conference=conference,
        theme=theme(theme_slug) if theme_slug else None,
        status=status,
        decision="Beslut fattat." if status == FollowUp.Status.DECIDED else "",
    )


@pytest.fixture
def dataset(db, frozen_now):
    """The hand-built data set; see each block for what it adds."""
    w2017 = _workshop("Lunch 2017", local(2017, 11, 7, 11, 30))
    w2018a = _workshop("Frukost 2018", local(2018, 5, 15, 7, 30))
    w2018b = _workshop("Dialog 2018", local(2018, 9, 10, 18, 0))
    draft = _workshop("Utkast 2018", local(2018, 6, 1, 12, 0), status=Workshop.Status.DRAFT)
    upcoming = _workshop("Kommande 2019", local(2019, 6, 1, 12, 0))

    # Participation. Person A and walk-in Eva (same e-mail, different case) return; C's first
    # registration was not attended; B's second workshop is a draft; Nils has no e-mail.
    orgs = [factories.OrganisationFactory() for _ in range(4)]
    a, b, c = (factories.BusinessOwnerFactory() for _ in range(3))
    _attend(w2017, user=a, organisation=orgs[0])
    _attend(w2017, user=b, organisation=orgs[1])
    _attend(w2017, name="Eva Gäst", email="eva@example.se", organisation=orgs[2])
    _attend(w2017, Participation.Role.POLITICIAN, name="Per Politiker")
    _attend(w2017, Participation.Role.OFFICIAL, name="Fia Tjänsteperson")
    _attend(w2017, user=c, attended=False)
    _attend(w2018a, user=a, organisation=orgs[0])
    _attend(w2018a, name="Eva Gäst", email="EVA@example.se", organisation=orgs[2])
    _attend(w2018a, name="Nils Utan E-post")
    _attend(w2018a, Participation.Role.POLITICIAN, name="Per Politiker")
    _attend(w2018b, user=a, organisation=orgs[0])
    _attend(w2018b, user=c, organisation=orgs[3])
    _attend(w2018b, Participation.Role.OTHER, name="Journalist")
    _attend(draft, user=b, organisation=orgs[1])
    _attend(upcoming, user=a, attended=False)

    # Notes: only published ones count.
    _note(w2017, [S], topics=["oppettider"])
    _note(w2017, [S, F], topics=["personalbrist"])
    _note(w2017, [F], Note.Kind.PROBLEM, topics=["utbildningar"])
    _note(w2017, [C], Note.Kind.PRAISE, status=Note.Status.PENDING)
    _note(w2017, [C], Note.Kind.QUESTION, topics=["tala-val-om-varandra"])
    _note(w2017, [S], status=Note.Status.HIDDEN, topics=["oppettider"])
    _note(w2018a, [S], Note.Kind.PROBLEM, topics=["oppettider"])
    _note(w2018a, [C], topics=["tala-val-om-varandra"])
    _note(w2018a, [C], status=Note.Status.WITHDRAWN)
    _note(w2018b, [S], topics=["oppettider", "personalbrist"])
    _note(w2018b, [F], Note.Kind.PRAISE)

    # Summaries: only published ones; withdrawn disagreements do not count.
    published = Summary.Status.PUBLISHED
    sum_s = factories.SummaryFactory(workshop=w2017, theme=theme(S), status=published)
    p1, p2, _p3 = (factories.SummaryPointFactory(summary=sum_s) for _ in range(3))
    factories.DisagreementFactory(point=p1, status=Disagreement.Status.OPEN)
    factories.DisagreementFactory(point=p1, status=Disagreement.Status.ANSWERED)
    factories.DisagreementFactory(point=p2, status=Disagreement.Status.WITHDRAWN)
    sum_f = factories.SummaryFactory(workshop=w2017, theme=theme(F), status=published)
    p4, p5 = (factories.SummaryPointFactory(summary=sum_f) for _ in range(2))
    factories.DisagreementFactory(point=p4, status=Disagreement.Status.IN_FOLLOWUP)
    factories.DisagreementFactory(point=p5)
    sum_c = factories.SummaryFactory(workshop=w2017, theme=theme(C), status=Summary.Status.DRAFT)
    factories.DisagreementFactory(point=factories.SummaryPointFactory(summary=sum_c))
    factories.SummaryFactory(workshop=w2018a, theme=theme(S), status=published)

    # Follow-ups and promises (today is 1 March 2019).
    Status = FollowUp.Status
    c2017 = factories.ConferenceFactory(year=2017)
    c2018 = factories.ConferenceFactory(year=2018)
    c2019 = factories.ConferenceFactory(year=2019)
    followups = SimpleNamespace(
        f1=_answered(c2017, S, Status.FEEDBACK_PUBLISHED, local(2018, 1, 20, 10, 0)),
        # Published at 00:30 on 1 February, Stockholm time (still 31 January in UTC): late.
        f2=_answered(c2017, F, Status.FEEDBACK_PUBLISHED, local(2018, 2, 1, 0, 30)),
        # Declined with its reason published on the last day: on time.
        f3=_answered(c2017, S, Status.DECLINED, local(2018, 1, 31, 23, 30)),
        f4=_open(c2017, C, Status.DECIDED),
        f5=_open(c2017, None, Status.ON_AGENDA),
        f6=_answered(c2018, S, Status.FEEDBACK_PUBLISHED, local(2019, 1, 10, 9, 0)),
        f7=_open(c2018, C, Status.DISCUSSED),
        f8=_open(c2018, S, Status.NEW),
        f9=_open(c2019, S, Status.NEW),
        f10=_answered(c2019, S, Status.FEEDBACK_PUBLISHED, local(2019, 2, 20, 9, 0)),
    )
    return SimpleNamespace(
        workshops=SimpleNamespace(w2017=w2017, w2018a=w2018a, w2018b=w2018b, draft=draft, upcoming=upcoming),
        conferences=SimpleNamespace(c2017=c2017, c2018=c2018, c2019=c2019),
        followups=followups,
    )
