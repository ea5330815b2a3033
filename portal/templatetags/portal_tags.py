from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from aleforetag.accounts import roles
from aleforetag.accounts.rules import is_business_owner, is_politician, is_staff_member
from followups import selectors as followup_selectors

from .. import breadcrumbs as trail

register = template.Library()

# The navigation's inbox badge counts no further than this and then shows "99+".
NAV_COUNT_LIMIT = 99

# The signed-in person's role in the header, the highest first, in a word.
ROLE_SHORT_LABELS = (
    (roles.ADMIN, _("Administrator")),
    (roles.STAFF, _("Staff")),
    (roles.POLITICIAN, _("Politician")),
    (roles.BUSINESS_OWNER, _("Business owner")),
)

# The menu section a page belongs to, by URL name or by namespace (the first match wins).
SECTIONS = {
    "portal:workspace": "workspace",
    "portal:workshop-detail": "workshops",
    "portal:my-influence": "mine",
    "portal:my-pages": "mine",
    "feedback:note-mine": "mine",
    "feedback:note-list": "workshops",
    "feedback:note-create": "workshops",
    "feedback:summary-public": "workshops",
    "feedback:note-moderation": "input",
    "feedback:note-transcribe": "input",
    "feedback:note-groups": "input",
    "feedback:summary-list": "input",
    "feedback:summary-create": "input",
    "feedback:summary-detail": "input",
    "feedback:summary-edit": "input",
    "feedback:summary-compare": "input",
    "feedback:disagreement-list": "input",
    "feedback:theme-list": "input",
    "feedback:theme-create": "input",
    "feedback:theme-update": "input",
    "feedback:topic-create": "input",
    "feedback:topic-update": "input",
    "followups:triage": "input",
    "workshops": "workshops",
    "followups": "followups",
    "dashboard": "dashboard",
}


def _url(name: str) -> str:
    """The URL of ``name``, or "" while the page does not exist (another part is building it)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def current_section(request) -> str:
    """The menu section of the page being drawn ("" for pages outside every section)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return SECTIONS.get(match.view_name) or SECTIONS.get(match.namespace, "")


@register.inclusion_tag("portal/components/nav.html", takes_context=True)
def portal_nav(context):
    """The site navigation for the signed-in user's roles, grouped so that it fits one line at
    1280 px: staff see Arbetsyta · Workshoppar · Inspel · Uppföljning · Översikt. Staff also see
    the inbox count (one query, only for staff, that stops counting above ``NAV_COUNT_LIMIT``:
    then it reads "99+"); nothing else queries."""
    user = context.get("user")
    request = context.get("request")
    staff = bool(user is not None and is_staff_member(user))
    count = followup_selectors.triage_count(limit=NAV_COUNT_LIMIT + 1) if staff else None
    user_roles = context.get("user_roles") or frozenset()
    return {
        "user": user,
        "user_roles": user_roles,
        "request": request,
        "is_business_owner": bool(user is not None and is_business_owner(user)),
        "is_staff_member": staff,
        "is_politician": bool(user is not None and is_politician(user)),
        "triage_count": f"{NAV_COUNT_LIMIT}+" if count is not None and count > NAV_COUNT_LIMIT else count,
        "section": current_section(request),
        "view_name": getattr(getattr(request, "resolver_match", None), "view_name", ""),
        "workspace_url": _url("portal:workspace") if staff else "",
        "my_pages_url": _url("portal:my-pages"),
    }


@register.simple_tag(takes_context=True)
def role_label(context):
    """The signed-in person's highest role, in a word ("" when signed out or without a role)."""
    user_roles = context.get("user_roles") or frozenset()
    return next((label for name, label in ROLE_SHORT_LABELS if name in user_roles), "")


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the start page to the current page's parent (see ``portal.breadcrumbs``)."""
    return {"crumbs": trail.crumbs_for(context), "request": context.get("request")}
