import sys

from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from . import branding, services
from .forms import SiteSettingsForm
from .middleware import DATABASE_ERRORS, database_unavailable_response
from .models import SiteSettings
from .permissions import permission_required


@require_http_methods(["GET", "POST"])
@permission_required("core.edit_site_settings")
def site_settings_edit(request):
    """Admins give the portal their municipality's names, logo, main colour and favicon, and
    the contact centre's facts."""
    site_settings = SiteSettings.load()
    form = SiteSettingsForm(request.POST or None, request.FILES or None, instance=site_settings)
    if request.method == "POST" and form.is_valid():
        services.site_settings_update(
            actor=request.user, site_settings=SiteSettings.load(), data=form.cleaned_data
        )
        messages.success(request, _("The site settings are saved."))
        return redirect("site-settings")
    return render(request, "core/site_settings.html", {"form": form})


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
    """The favicon the municipality uploaded; without one, the site's own SVG icon.

    Browsers and the Django admin ask for /favicon.ico. The static URL is resolved per request:
    with hashed static files it only exists after collectstatic, which must not be needed to
    import the URL configuration."""
    site_settings = SiteSettings.load()
    if not site_settings.favicon:
        return redirect(static("favicon.svg"))
    return _stored_image(request, site_settings.favicon)


@require_GET
def site_logo(request):
    """The logo the municipality uploaded (404 while there is none)."""
    site_settings = SiteSettings.load()
    if not site_settings.logo:
        raise Http404
    return _stored_image(request, site_settings.logo)


@require_GET
def site_theme(request):
    """The main colour as CSS custom properties (a stylesheet, since the Content Security
    Policy allows no inline style); its URL changes with every save of the settings."""
    site_settings = SiteSettings.load()
    response = render(
        request,
        "core/theme.css",
        {"main": site_settings.main_colour, "dark": site_settings.main_colour_dark},
        content_type="text/css; charset=utf-8",
    )
    _cache_long(request, response)
    return response


def _stored_image(request, field_file):
    """An uploaded image from the storage, with the type its content shows."""
    with field_file.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=branding.content_type_of(ContentFile(data)))
    response["X-Content-Type-Options"] = "nosniff"
    _cache_long(request, response)
    return response


def _cache_long(request, response):
    # The page links these with ?v=<when the settings were saved>: a new upload gets a new URL.
    if request.GET.get("v"):
        patch_cache_control(response, public=True, max_age=365 * 24 * 3600, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=300)


def _uses_worker() -> bool:
    # With the immediate backend (development, tests) tasks run in the request: no worker.
    return not settings.TASKS["default"]["BACKEND"].startswith("django.tasks.backends.immediate")


@never_cache
@require_safe
def health(request):
    """For the municipality's monitoring: 200 when the database answers and the background
    worker has been heard from within WORKER_STALE_SECONDS, else 503; JSON says which."""
    from .models import OutboxEmail
    from .services import worker_last_heartbeat

    report = {"database": "ok", "worker": "not used", "outbox": {}}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        beat = worker_last_heartbeat()
        report["outbox"] = {
            "waiting": OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).count(),
            "given_up": OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED).count(),
        }
    except DATABASE_ERRORS:
        return JsonResponse({"database": "unavailable", "worker": "unknown"}, status=503)
    if _uses_worker():
        age = None if beat is None else (timezone.now() - beat).total_seconds()
        fresh = age is not None and age <= settings.WORKER_STALE_SECONDS
        report["worker"] = "ok" if fresh else "stale"
        report["worker_last_heartbeat"] = beat.isoformat() if beat else None
        report["worker_heartbeat_age_seconds"] = None if age is None else round(age)
        healthy = fresh
    return JsonResponse(report, status=200 if healthy else 503)
