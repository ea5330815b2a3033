import sys

from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static

from .middleware import DATABASE_ERRORS, database_unavailable_response


def privacy(request):
    return render(request, "core/privacy.html")


def accessibility(request):
    return render(request, "core/accessibility.html")


def service_status(request):
    """Public service status ("driftstatus"): the portal answers, with the contact centre below.

    Deliberately trivial (no queries of its own), so it is also the benchmark's floor view."""
    return render(request, "core/service_status.html")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # A database outage raised outside a view (in a middleware) still gets the 503 page.
    if isinstance(sys.exception(), DATABASE_ERRORS):
        return database_unavailable_response(request)
    # The context processors may need the database, which may be what failed.
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001
        return HttpResponseServerError(loader.get_template("500_plain.html").render())


def favicon(request):
    """Browsers and the Django admin ask for /favicon.ico; the site's icon is an SVG.

    The static URL is resolved per request: with hashed static files it only exists after
    collectstatic, which must not be needed to import the URL configuration."""
    return redirect(static("favicon.svg"))
