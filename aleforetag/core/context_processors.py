import logging

from django.db import DatabaseError
from django.utils.translation import get_language

from aleforetag.accounts import roles

from .models import SiteSettings

logger = logging.getLogger(__name__)


def site(request):
    """Expose the footer's contact facts and the signed-in user's roles to every template."""
    user = getattr(request, "user", None)
    try:
        if getattr(request, "database_unavailable", False):
            raise DatabaseError("the 503 page is drawn without the database")
        site_settings = SiteSettings.load()
        user_roles = roles.roles_of(user) if user is not None else frozenset()
    except DatabaseError:
        # The 503 page is drawn while the database is away: show the default contact facts.
        logger.warning("Site settings unavailable; using the defaults.")
        site_settings, user_roles = SiteSettings(), frozenset()
    return {
        "site_settings": site_settings,
        "current_language": get_language(),
        "user_roles": user_roles,
    }
