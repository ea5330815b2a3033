"""Shared helpers for the browser tests: sign-in, axe checks and screenshots."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import PASSWORD

SCREENSHOT_DIR = Path(os.environ.get("ALE_SCREENSHOT_DIR", "var/test-screenshots"))

_axe = Axe()


def axe_violations(page) -> list[str]:
    """Serious and critical axe-core violations on the page, as readable lines."""
    results = _axe.run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") in ("serious", "critical"):
            targets = [node["target"] for node in violation["nodes"]][:5]
            problems.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return problems


def assert_accessible(page):
    """Fail with the list of serious or critical axe violations, if any."""
    problems = axe_violations(page)
    assert not problems, f"axe found on {page.url}:\n" + "\n".join(problems)


def screenshot(page, name: str):
    """Save a full-page screenshot under the run's screenshot folder."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^a-zA-Z0-9_.-]+", "-", name)
    path = SCREENSHOT_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, live_server, user, password=PASSWORD):
    """Sign in through the real form."""
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label(re.compile("E-post|E-mail")).fill(user.email)
    page.get_by_label(re.compile("Lösenord|Password"), exact=False).first.fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.fixture
def console_errors(page):
    """Collect console errors of the page; a test asserts the list is empty."""
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_under_playwright(django_db_setup, playwright):
    """Keep ``serialized_rollback`` working once Playwright runs.

    Playwright's sync API keeps an event loop running in the main thread, so from then on
    Django's thread-critical ``connections`` hand out per-context connection objects that
    lack the serialized test database contents set up on the plain thread's connection.
    Without them a transactional test after the first one starts from an empty database
    (no seeded themes) whenever other tests set the database up first."""
    from asgiref.local import Local
    from django.db import connections

    sync_storage = Local.__getattribute__(connections._connections, "_storage")
    for alias in connections:
        plain = getattr(sync_storage, alias, None)
        contents = getattr(plain, "_test_serialized_contents", None)
        current = connections[alias]
        if contents is not None and not hasattr(current, "_test_serialized_contents"):
            current._test_serialized_contents = contents
