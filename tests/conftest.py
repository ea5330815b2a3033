import datetime
import os
import shutil

import pytest
from hypothesis import settings as hypothesis_settings

from . import factories

# The hostile-input tests draw their examples from a fixed seed, so a run of the suite is a gate
# that fails only on a change, never on a newly drawn example. HYPOTHESIS_PROFILE=hunt draws new
# examples each run (with HOSTILE_EXAMPLES=500 and the like for a long hunt; see the README).
hypothesis_settings.register_profile("suite", derandomize=True)
hypothesis_settings.register_profile("hunt", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


def pytest_configure(config):
    """One screenshot folder for the whole run: the xdist workers inherit its name from the
    process that starts them, instead of each naming its own by the second it started."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        os.environ.setdefault("ALE_JOURNEY_RUN", datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))


@pytest.fixture(autouse=True)
def _swedish(settings):
    settings.LANGUAGE_CODE = "sv"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves the dashboard's data
    versions where the next test starts from, so cached figures must not outlive the test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def business_owner(db):
    return factories.BusinessOwnerFactory(full_name="Karin Företagare")


@pytest.fixture
def other_business_owner(db):
    return factories.BusinessOwnerFactory(full_name="Olle Annan")


@pytest.fixture
def staff(db):
    return factories.StaffFactory(full_name="Sara Tjänsteperson")


@pytest.fixture
def other_staff(db):
    return factories.StaffFactory(full_name="Johan Granskare")


@pytest.fixture
def politician(db):
    return factories.PoliticianFactory(full_name="Anders Politiker")


@pytest.fixture
def admin_user(db):
    return factories.AdminFactory(full_name="Maria Admin")


@pytest.fixture
def users(business_owner, other_business_owner, staff, politician, admin_user):
    """One user per key of ``factories.ROLES``: A owns the objects under test, B does not."""
    return {
        "anonymous": None,
        "owner": business_owner,
        "other_owner": other_business_owner,
        "staff": staff,
        "politician": politician,
        "admin": admin_user,
    }


@pytest.fixture
def workshop(db):
    return factories.WorkshopFactory()


@pytest.fixture
def client_for(client):
    """Return a fresh test client signed in as the given user (or anonymous for None)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


# Browser tests: Debian's Chromium driven by Playwright; no browser downloads.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH") or shutil.which("chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--disable-dev-shm-usage",
        ],
    }


def _empties_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    return transactional or "live_server" in fixtures or "transactional_db" in fixtures


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests last, after pytest has grouped items by their parametrized session
    fixtures (Playwright's browser), which moves the browser tests ahead of ordinary database
    tests. A transactional test empties the database when it ends (seeded themes and role
    groups included), so every test that expects them must run before it, on each xdist worker
    alike; pytest-django's own ordering does this, but runs before pytest's regrouping."""
    items.sort(key=_empties_the_database)
