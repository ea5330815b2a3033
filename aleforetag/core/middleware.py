import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)


class SwedishFirstLocaleMiddleware:
    """Activate the language the visitor chose with the language switch, else Swedish.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a Swedish
    municipality's site opens in Swedish for everyone and offers English on request.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable_response(request):
    """The 503 page in the site's frame, rendered without touching the database.

    The signed-in user and the messages both live in the database-backed session, so the
    page is drawn for an anonymous visitor with cookie-only messages; the context processor falls
    back to the default contact facts when it cannot read them.
    """
    request.user = AnonymousUser()
    request._messages = CookieStorage(request)
    # Drawn without asking the database again: a hung one would make the visitor wait for
    # its connect timeout a second time.
    request.database_unavailable = True
    try:
        response = render(request, "503.html", status=503)
    except Exception:  # noqa: BLE001 - the plain page is the last resort
        response = HttpResponse(loader.get_template("503_plain.html").render(), status=503)
    response["Retry-After"] = "60"
    return response


class DatabaseUnavailableMiddleware:
    """Answer with a clear 503 page, not a traceback, while the database cannot be reached.

    Django opens a new connection for the next request, so the site recovers by itself
    as soon as the database answers again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable: %s", exception, exc_info=exception)
            return database_unavailable_response(request)
        return None
