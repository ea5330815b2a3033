from django import template

from aleforetag.accounts.rules import is_staff_member

from .. import selectors

register = template.Library()

# The navigation's inbox badge counts no further than this and then shows "99+".
NAV_COUNT_LIMIT = 99


@register.inclusion_tag("followups/components/nav.html", takes_context=True)
def followups_nav(context):
    """The follow-up links of the site navigation; staff also see the inbox count
    (one query, only for staff, that stops counting above ``NAV_COUNT_LIMIT``: then it reads
    "99+")."""
    user = context.get("user")
    staff = bool(user is not None and is_staff_member(user))
    count = selectors.triage_count(limit=NAV_COUNT_LIMIT + 1) if staff else None
    return {
        "is_staff_member": staff,
        "triage_count": f"{NAV_COUNT_LIMIT}+" if count is not None and count > NAV_COUNT_LIMIT else count,
    }


@register.filter
def manages_followups(user) -> bool:
    """Whether the user may manage follow-ups (reads the cached roles, no query)."""
    return bool(user is not None and is_staff_member(user))


@register.inclusion_tag("followups/components/workshop_what_happens_now.html")
def workshop_what_happens_now(workshop):
    """The workshop page's "What happens now": the conferences its input goes to (one query)."""
    return {"conferences": list(selectors.conferences_for_workshop(workshop=workshop))}
