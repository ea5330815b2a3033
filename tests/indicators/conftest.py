"""A hand-built data set for the indicators, the action plan and their part of the dashboard,
with the answers worked out by hand in the tests.

The clock stands at 1 March 2019, noon, Stockholm time.

Indicators (scale, direction; year: value / target):
    service (Service och leverans; 1–6, higher better, one decimal):
        2016: 3,0 · 2017: 3,2 / 3,3 · 2018: 3,5 / 3,4 · 2019: – / 3,6
    bygglov (Service och leverans; NKI 0–100, no decimals): 2018: 64 (example) / 65
    dialog (Samarbete; 1–6): 2017: 3,0 · 2018: 3,0
    placering (no theme; 1–290, lower better): 2017: 187 / 180 · 2018: 151 / 160
Notes: 2017 workshop: two on service, one on samarbete (and a hidden one on service);
    2018 workshop: one on service, one on förståelse.
Follow-ups: conference 2017: service answered, service open, samarbete answered;
    conference 2018: service open.
Action plan: 2018 service done (published) serving the 2017 service follow-up; 2018 service
    in progress with deadline 31 Dec 2018 (overdue 60 days, published); 2019 samarbete behind
    (deadline 30 June 2019, not published); 2019 förståelse planned (31 Dec 2019); 2018
    samarbete cancelled (deadline 1 Jan 2018).
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from feedback.models import Note
from followups.models import FollowUp
from indicators.models import ActionPoint, Indicator
from portal.factories import ActionPointFactory, IndicatorFactory, IndicatorYearFactory
from tests import factories
from tests.factories import theme

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime.datetime(2019, 3, 1, 12, 0, tzinfo=STOCKHOLM)
S, F, C = "service-och-leverans", "forstaelse-och-relation", "samarbete"


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def _years(indicator, rows):
    for year, value, target, *example in rows:
        IndicatorYearFactory(
            indicator=indicator,
            year=year,
            value=None if value is None else Decimal(value),
            target=None if target is None else Decimal(target),
            is_example=bool(example),
        )


@pytest.fixture
def indicator_set(db, frozen_now, staff):
    """The hand-built indicators, dialogue and action plan described above."""
    service = IndicatorFactory(slug="service", name_sv="Service till företagen", theme=theme(S), order=1)
    _years(service, [(2016, "3.0", None), (2017, "3.2", "3.3"), (2018, "3.5", "3.4"), (2019, None, "3.6")])
    bygglov = IndicatorFactory(
        slug="bygglov",
        name_sv="NKI bygglov",
        theme=theme(S),
        source=Indicator.Source.INSIKT,
        unit="NKI",
        scale_min=0,
        scale_max=100,
        decimals=0,
        order=2,
    )
    _years(bygglov, [(2018, "64", "65", "example")])
    dialog = IndicatorFactory(slug="dialog", name_sv="Dialog med beslutsfattare", theme=theme(C))
    _years(dialog, [(2017, "3.0", None), (2018, "3.0", None)])
    placering = IndicatorFactory(
        slug="placering",
        name_sv="Placering i rankingen",
        unit="placering",
        scale_min=1,
        scale_max=290,
        decimals=0,
        higher_is_better=False,
    )
    _years(placering, [(2017, "187", "180"), (2018, "151", "160")])

    w2017 = factories.WorkshopFactory(starts_at=datetime.datetime(2017, 11, 7, 11, 30, tzinfo=STOCKHOLM))
    w2018 = factories.WorkshopFactory(starts_at=datetime.datetime(2018, 9, 10, 18, 0, tzinfo=STOCKHOLM))
    for workshop, slugs in ((w2017, [S, S, C]), (w2018, [S, F])):
        for slug in slugs:
            factories.NoteFactory(workshop=workshop, themes=[theme(slug)])
    factories.NoteFactory(workshop=w2017, themes=[theme(S)], status=Note.Status.HIDDEN)

    c2017 = factories.ConferenceFactory(year=2017)
    c2018 = factories.ConferenceFactory(year=2018)
    answered = {
        "status": FollowUp.Status.FEEDBACK_PUBLISHED,
        "decision": "Beslut.",
        "feedback_text": "Så här blev det.",
        "feedback_published_at": datetime.datetime(2018, 1, 20, 10, 0, tzinfo=STOCKHOLM),
    }
    f_service = factories.FollowUpFactory(
        conference=c2017, theme=theme(S), title="Snabbare bygglov", **answered
    )
    factories.FollowUpFactory(conference=c2017, theme=theme(S), title="Kvällsöppet")
    f_together = factories.FollowUpFactory(conference=c2017, theme=theme(C), title="Träffar", **answered)
    factories.FollowUpFactory(conference=c2018, theme=theme(S), title="E-tjänster")

    done = ActionPointFactory(
        year=2018,
        title="Kontaktperson i varje ärende",
        theme=theme(S),
        owner=staff,
        deadline=datetime.date(2018, 4, 30),
        status=ActionPoint.Status.DONE,
        done_on=datetime.date(2018, 4, 3),
        report="Infört i april.",
    )
    done.followups.add(f_service)
    done.indicators.add(service)
    overdue = ActionPointFactory(
        year=2018,
        title="E-tjänst för bygglov",
        theme=theme(S),
        owner=staff,
        deadline=datetime.date(2018, 12, 31),
        status=ActionPoint.Status.IN_PROGRESS,
    )
    behind = ActionPointFactory(
        year=2019,
        title="Svar i sociala medier",
        theme=theme(C),
        owner=staff,
        deadline=datetime.date(2019, 6, 30),
        status=ActionPoint.Status.BEHIND,
        is_published=False,
    )
    planned = ActionPointFactory(
        year=2019, title="Servicelöften", theme=theme(F), owner=staff, deadline=datetime.date(2019, 12, 31)
    )
    cancelled = ActionPointFactory(
        year=2018,
        title="Kvällsöppet hos bygglov",
        theme=theme(C),
        owner=staff,
        deadline=datetime.date(2018, 1, 1),
        status=ActionPoint.Status.CANCELLED,
    )
    return SimpleNamespace(
        indicators=SimpleNamespace(service=service, bygglov=bygglov, dialog=dialog, placering=placering),
        followups=SimpleNamespace(service=f_service, together=f_together),
        points=SimpleNamespace(
            done=done, overdue=overdue, behind=behind, planned=planned, cancelled=cancelled
        ),
        workshops=SimpleNamespace(w2017=w2017, w2018=w2018),
    )
