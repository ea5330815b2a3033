from django.db.models import Count, Prefetch

from .models import DiscussionGroup, Workshop


def workshops_upcoming():
    """Published workshops that have not ended, soonest first."""
    return Workshop.objects.published().upcoming()


def workshops_past():
    """Published workshops that have ended, latest first."""
    return Workshop.objects.published().past()


def workshop_for_public(*, slug: str) -> Workshop:
    """A published workshop with its groups, each with its participant count.

    Raises ``Workshop.DoesNotExist`` for unknown or unpublished workshops."""
    groups = DiscussionGroup.objects.annotate(participant_count=Count("participations")).order_by(
        "order", "name"
    )
    return Workshop.objects.published().prefetch_related(Prefetch("groups", queryset=groups)).get(slug=slug)
