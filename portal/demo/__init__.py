"""The demo behind ``make run``: the November 2017 lunch workshop with Ale's municipal board,
its notes, summaries, conference and follow-ups (the facts in our own words), and one user per
role. Built with ``portal.factories`` and the apps' services; loading it twice changes nothing.
"""

from django.db import transaction
from django.db.models import Max

from aleforetag.core.models import OutboxEmail

from .feedback import load_demo_feedback, load_demo_summaries
from .followups import load_demo_followups
from .indicators import load_demo_indicators
from .site import load_demo_site
from .users import DEMO_PASSWORD, load_demo_users
from .workshops import load_demo_workshops

__all__ = ["DEMO_PASSWORD", "load_demo", "load_demo_users", "load_demo_workshops"]


@transaction.atomic
def load_demo() -> dict:
    """Load (or complete) the demo in one transaction; return the demo users by key."""
    before = OutboxEmail.objects.aggregate(last=Max("pk"))["last"] or 0
    load_demo_site()
    users = load_demo_users()
    workshops = load_demo_workshops(users)
    feedback = load_demo_feedback(users, workshops)
    feedback.update(load_demo_summaries(users, workshops, feedback))
    followups = load_demo_followups(users, workshops, feedback)
    load_demo_indicators(users, followups["followups"])
    # The demo's own steps (a summary sent for review, say) record e-mail to its made-up
    # addresses: none of it is sent.
    OutboxEmail.objects.filter(pk__gt=before).delete()
    return users
