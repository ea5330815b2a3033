"""Demo conference: the näringslivsråd conference that took the 2017 lunch's input."""

import datetime

from .models import Conference


def load_demo_followups(users, workshops, feedback) -> dict:
    """Create the 2017 conference; running it again changes nothing."""
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
    return {"conference": conference}
