from django import template

from aleforetag.accounts.rules import is_staff_member

from .. import selectors

register = template.Library()


@register.filter
def manages_followups(user) -> bool:
    """Whether the user may manage follow-ups (reads the cached roles, no query)."""
    return bool(user is not None and is_staff_member(user))


@register.inclusion_tag("followups/components/workshop_what_happens_now.html")
def workshop_what_happens_now(workshop):
    """The workshop page's "What happens now": the conferences its input goes to (one query)."""
    return {"conferences": list(selectors.conferences_for_workshop(workshop=workshop))}
