import datetime

import pytest

from followups import services
from followups.models import FollowUp
from tests import factories

# The texts each step of the flow needs.
STEP_TEXTS = {
    FollowUp.Status.DECIDED: {"decision": "Vi provar kvällsöppet en dag i veckan."},
    FollowUp.Status.FEEDBACK_PUBLISHED: {"feedback_text": "Från mars har bygglov öppet på torsdagskvällar."},
    FollowUp.Status.DECLINED: {"decline_reason": "Det ryms inte i budgeten i år."},
}
PATH = [
    FollowUp.Status.ON_AGENDA,
    FollowUp.Status.DISCUSSED,
    FollowUp.Status.DECIDED,
    FollowUp.Status.FEEDBACK_PUBLISHED,
]


def advance(followup, to_status, *, actor):
    """Walk a follow-up through the allowed steps up to ``to_status`` using the services."""
    if to_status == FollowUp.Status.NEW:
        return followup
    if to_status == FollowUp.Status.DECLINED:
        steps = [FollowUp.Status.DECLINED]
    else:
        start = PATH.index(followup.status) + 1 if followup.status in PATH else 0
        steps = PATH[start : PATH.index(to_status) + 1]
    for step in steps:
        followup = services.followup_move(
            actor=actor,
            followup=followup,
            to_status=step,
            expected_version=followup.version,
            **STEP_TEXTS.get(step, {}),
        )
    return followup


@pytest.fixture
def conference(db):
    """This year's conference, so its promised date (31 January next year) lies ahead."""
    year = datetime.date.today().year
    return factories.ConferenceFactory(year=year, slug=f"konferens-{year}")


@pytest.fixture
def new_followup(conference, staff):
    return services.followup_create(
        actor=staff, conference=conference, title="Kvällsöppet", responsible=staff
    )
