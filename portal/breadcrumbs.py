"""Breadcrumbs: one map from a page's URL name to its parent page, for the whole site.

The trail runs from the start page to the current page's parent (the current page is its
heading, as in GOV.UK's and Designsystemet's breadcrumbs). A new page gets its breadcrumbs with
one line in ``PARENTS``: ``"app:page-name": "app:parent-name"``. A parent that is itself a page
with an object (a workshop, a conference, a summary) takes its label and address from the
object in the page's context, found by ``OBJECTS``; a parent whose object is not there is left
out rather than guessed. Pages that are not in the map get "Start" alone. A template can still
replace the whole trail with ``{% block breadcrumbs %}``.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


# Parent of each page (URL name -> URL name). "home" is the start page.
PARENTS: dict[str, str] = {
    # Workshops and what hangs under one workshop.
    "workshops:workshop-list": "home",
    "portal:workshop-detail": "workshops:workshop-list",
    "workshops:registration-create": "portal:workshop-detail",
    "workshops:registration-sent": "portal:workshop-detail",
    "workshops:registration-list": "portal:workshop-detail",
    "workshops:registration-sheet": "workshops:registration-list",
    "workshops:registration-door": "workshops:registration-list",
    "workshops:registration-fill": "workshops:registration-list",
    "workshops:registration-detail": "workshops:workshop-list",
    "workshops:registration-cancel": "workshops:workshop-list",
    "feedback:note-list": "portal:workshop-detail",
    "feedback:note-create": "portal:workshop-detail",
    "feedback:note-transcribe": "portal:workshop-detail",
    "feedback:note-groups": "portal:workshop-detail",
    "feedback:summary-public": "portal:workshop-detail",
    "feedback:disagreement-create": "feedback:summary-public",
    # Input: moderation, summaries, disagreements, the inbox.
    "feedback:note-moderation": "home",
    "feedback:note-hide": "feedback:note-moderation",
    "feedback:note-mine": "home",
    "feedback:note-update": "feedback:note-mine",
    "feedback:note-withdraw": "feedback:note-mine",
    "feedback:summary-list": "home",
    "feedback:summary-create": "feedback:summary-list",
    "feedback:summary-detail": "feedback:summary-list",
    "feedback:summary-edit": "feedback:summary-detail",
    "feedback:summary-compare": "feedback:summary-detail",
    "feedback:summary-publish": "feedback:summary-detail",
    "feedback:disagreement-list": "home",
    "feedback:theme-list": "home",
    "feedback:theme-create": "feedback:theme-list",
    "feedback:theme-update": "feedback:theme-list",
    "feedback:topic-create": "feedback:theme-list",
    "feedback:topic-update": "feedback:theme-list",
    # Follow-ups.
    "followups:conference-list": "home",
    "followups:conference-create": "followups:conference-list",
    "followups:conference-detail": "followups:conference-list",
    "followups:conference-update": "followups:conference-detail",
    "followups:conference-board": "followups:conference-detail",
    "followups:followup-create": "followups:conference-list",
    "followups:followup-detail": "followups:conference-detail",
    "followups:followup-manage": "followups:followup-detail",
    "followups:followup-update": "followups:followup-manage",
    "followups:followup-answer-update": "followups:followup-manage",
    "followups:followup-move": "followups:followup-manage",
    "followups:triage": "home",
    "portal:my-influence": "home",
    "dashboard:dashboard": "home",
    # Indicators, the action plan and "Ni sa – vi gjorde".
    "indicators:indicator-list": "home",
    "indicators:indicator-create": "indicators:indicator-list",
    "indicators:indicator-import": "indicators:indicator-list",
    "indicators:indicator-detail": "indicators:indicator-list",
    "indicators:indicator-update": "indicators:indicator-detail",
    "indicators:indicator-year-set": "indicators:indicator-detail",
    "indicators:plan": "home",
    "indicators:point-create": "indicators:plan",
    "indicators:point-update": "indicators:plan",
    # The person's own account.
    "accounts:account": "home",
    "portal:account-delete": "accounts:account",
    "accounts:data-download": "accounts:account",
    "accounts:password-change": "accounts:account",
    "accounts:email-change": "accounts:account",
    "accounts:notice-preferences": "accounts:account",
    "portal:my-pages": "home",
    "site-settings": "home",
}

# Labels of the parents that are fixed pages.
LABELS: dict[str, Any] = {
    "home": _("Start"),
    "workshops:workshop-list": _("Workshops"),
    "workshops:registration-list": _("Registrations"),
    "feedback:note-moderation": _("Moderation"),
    "feedback:note-mine": _("My notes"),
    "feedback:summary-list": _("Summaries"),
    "feedback:theme-list": _("Themes and topics"),
    "followups:conference-list": _("Follow-ups"),
    "accounts:account": _("My account"),
    "portal:workspace": _("Workspace"),
    "followups:followup-manage": _("Manage"),
    "indicators:indicator-list": _("Indicators"),
    "indicators:plan": _("Action plan"),
}

# Parents that are pages of one object: (the object's path in the context, its label, the
# URL's keyword arguments), each a dotted path tried in order until one resolves.
OBJECTS: dict[str, tuple[tuple[str, ...], str, dict[str, str]]] = {
    "portal:workshop-detail": (
        ("workshop", "summary.workshop", "note.workshop", "registration.workshop", "point.summary.workshop"),
        "title",
        {"slug": "slug"},
    ),
    "workshops:registration-list": (("workshop", "registration.workshop"), "", {"slug": "slug"}),
    "feedback:summary-public": (
        ("summary", "point.summary"),
        "theme.name",
        {"workshop_slug": "workshop.slug", "theme_slug": "theme.slug"},
    ),
    "feedback:summary-detail": (("summary",), "theme.name", {"pk": "pk"}),
    "followups:conference-detail": (("conference", "followup.conference"), "title", {"slug": "slug"}),
    "followups:followup-detail": (("followup",), "title", {"pk": "pk"}),
    "followups:followup-manage": (("followup",), "", {"pk": "pk"}),
    "indicators:indicator-detail": (("indicator",), "name", {"slug": "slug"}),
}

MAX_DEPTH = 8


def _lookup(context, path: str):
    """The value at a dotted path in the template context, or None. A related object that the
    page did not load with its query counts as missing: breadcrumbs never add a query."""
    head, *rest = path.split(".")
    value = context.get(head)
    for part in rest:
        if value is None:
            return None
        if isinstance(value, Model):
            try:
                field = value._meta.get_field(part)
            except FieldDoesNotExist:
                field = None
            if field is not None and hasattr(field, "is_cached") and not field.is_cached(value):
                return None
        value = getattr(value, part, None)
    return value


def _crumb(context, name: str) -> Crumb | None:
    """The crumb for page ``name``, or None when its object is not in the context."""
    if name not in OBJECTS:
        try:
            return Crumb(label=str(LABELS.get(name, name)), url=reverse(name))
        except NoReverseMatch:
            return None
    paths, label_path, kwargs = OBJECTS[name]
    obj = next((found for path in paths if (found := _lookup(context, path)) is not None), None)
    if obj is None:
        return None
    values = {key: _lookup({"o": obj}, f"o.{attr}") for key, attr in kwargs.items()}
    if None in values.values():
        return None
    try:
        url = reverse(name, kwargs=values)
    except NoReverseMatch:
        return None
    label = _lookup({"o": obj}, f"o.{label_path}") if label_path else None
    return Crumb(label=str(label or LABELS.get(name, obj)), url=url)


def crumbs_for(context) -> list[Crumb]:
    """The trail of the page being drawn: its ancestors from the start page down."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    name = getattr(match, "view_name", "")
    if not name or name == "home":
        return []
    crumbs = []
    parent = PARENTS.get(name, "home")
    for _depth in range(MAX_DEPTH):
        crumb = _crumb(context, parent)
        if crumb is not None:
            crumbs.append(crumb)
        if parent == "home":
            break
        parent = PARENTS.get(parent, "home")
    return list(reversed(crumbs))
