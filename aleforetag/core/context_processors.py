from django.utils.translation import get_language

from aleforetag.accounts import roles

from .models import SiteSettings


def site(request):
    """Expose the footer's contact facts and the signed-in user's roles to every template."""
    user = getattr(request, "user", None)
    return {
        "site_settings": SiteSettings.load(),
        "current_language": get_language(),
        "user_roles": roles.roles_of(user) if user is not None else frozenset(),
    }
