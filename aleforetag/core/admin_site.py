"""The Django admin of the portal: Django's own, for admins only, with its query strings
read strictly.

The admin is for admins (users, roles, site settings, imports and exports) and for whoever an
admin granted the export or import right; staff do their work in the portal's own pages, so
the admin sends them, like everyone else, to its sign-in page.

The admin's list filters and date hierarchy put numbers in the query string
(``created_at__year=2017``, ``workshop__id__exact=3``). Django reads a year of 20 digits or an
id of 23 into an overflowing date or database integer, a server error. Here every value of
such a parameter that looks like a number must be a plain ASCII integer in range
(``aleforetag.core.numbers``), else the answer is 400, before the admin reads it.
"""

import re
from functools import update_wrapper

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import BadRequest
from django.utils.translation import gettext_lazy as _

from .numbers import MAX_ID, parse_int

# A date hierarchy's parts, and the lookups that take an id or another whole number.
DATE_PARTS = {"__year": (1, 9999), "__month": (1, 12), "__day": (1, 31)}
NUMBER_LOOKUPS = ("__exact", "__id", "__pk", "__gte", "__lte", "__gt", "__lt", "__in")
# Any digits (of any script), signs, spaces and underscores: what int() would try to read.
NUMBER_LIKE = re.compile(r"\s*[-+]?[\d_\s]+\s*")


def _looks_like_a_number(value: str) -> bool:
    return bool(NUMBER_LIKE.fullmatch(value)) or value.isnumeric()


def check_admin_query(query) -> None:
    """Raise ``BadRequest`` for a date part or number-like filter value that is not a plain
    ASCII integer in range; other values are left to the admin."""
    for key, values in query.lists():
        for value in values:
            date_part = next((part for part in DATE_PARTS if key.endswith(part)), None)
            try:
                if date_part is not None:
                    low, high = DATE_PARTS[date_part]
                    parse_int(value, minimum=low, maximum=high)
                elif key == "p" or key.endswith(NUMBER_LOOKUPS):
                    parts = value.split(",") if key.endswith("__in") else [value]
                    for part in parts:
                        if _looks_like_a_number(part):
                            parse_int(part, minimum=-MAX_ID, maximum=MAX_ID)
            except ValueError as error:
                raise BadRequest(f"{key} must be a whole number in range") from error


class PortalAdminSite(AdminSite):
    site_header = _("Ale business climate: administration")
    site_title = _("Administration")
    index_title = _("Users, roles, site settings, imports and exports")

    def has_permission(self, request):
        # Imported here: this module is loaded with the app registry, before the models.
        from aleforetag.accounts import roles

        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return roles.has_role(user, roles.ADMIN) or any(
            user.has_perm(perm) for perm in ("exports.export_data", "exports.import_data")
        )

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def checked(request, *args, **kwargs):
            check_admin_query(request.GET)
            return inner(request, *args, **kwargs)

        return update_wrapper(checked, inner)


class PortalAdminConfig(AdminConfig):
    default_site = "aleforetag.core.admin_site.PortalAdminSite"
