"""Security headers on every response, and HTTPS-only cookies and HSTS in production."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

PUBLIC_PAGES = [
    "home",
    "privacy",
    "accessibility",
    "workshops:workshop-list",
    "accounts:login",
    "accounts:sign-up",
]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_pages_send_a_strict_content_security_policy(client, name):
    """Each page sends a CSP with no 'unsafe-inline' or 'unsafe-eval', scripts and styles from
    the site only, no framing, no plugins, and forms posting only to the site."""
    response = client.get(reverse(name))
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    csp = csp_directives(header)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_pages_send_the_other_security_headers(client, name):
    """No sniffing, no framing, a strict referrer policy and an isolated browsing context."""
    response = client.get(reverse(name))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def _production_settings(*names):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(
        DJANGO_SECRET_KEY="k3#" + "v9Qx" * 15,
        DJANGO_ALLOWED_HOSTS="foretag.ale.se",
        DJANGO_SETTINGS_MODULE="aleforetag.settings.production",
    )
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_and_https_is_enforced():
    """In production every cookie is HTTPS-only, the session and language cookies are not
    readable by scripts, plain HTTP is redirected and browsers are told to remember HTTPS
    (HSTS) for a year, subdomains included."""
    values = _production_settings(
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_REFERRER_POLICY",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "X_FRAME_OPTIONS",
        "DEBUG",
    )
    assert (
        values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["LANGUAGE_COOKIE_SECURE"]
    )
    assert values["SESSION_COOKIE_HTTPONLY"] and values["LANGUAGE_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax" and values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_REFERRER_POLICY"] in (
        "strict-origin-when-cross-origin",
        "same-origin",
        "no-referrer",
    )
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["DEBUG"] is False


def test_production_keeps_sign_in_throttling():
    """The throttling backend comes first in production, so locked-out users cannot sign in."""
    values = _production_settings("AUTHENTICATION_BACKENDS", "MIDDLEWARE", "AXES_FAILURE_LIMIT")
    assert values["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"
    assert values["MIDDLEWARE"][-1] == "axes.middleware.AxesMiddleware"
    assert values["AXES_FAILURE_LIMIT"] == 5
