import sys

from django.conf import settings
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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
