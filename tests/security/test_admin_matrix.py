"""The Django admin in the permission matrix: every model's list, add, export and import
pages against the six roles. Only staff and admins enter the admin at all; staff see the
tables of their work, admins everything; exports and imports are for admins only."""

import re

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from .test_permission_matrix import signed_in_clients
from .urlwalk import all_routes
from .world import ROLES

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "admin-login"
# What staff and the admin get on each model's pages: (changelist, add) for staff,
# (changelist, add) for the admin. Export and import (where offered) are admin-only.
STAFF_TABLES = (200, 200, 200, 200)
STAFF_READ_ONLY = (200, 403, 200, 403)  # rows made by the portal's own flows
ADMIN_ONLY = (403, 403, 200, 200)
ADMIN_READ_ONLY = (403, 403, 200, 403)
ADMIN_MODELS = {
    "auth.group": ADMIN_ONLY,
    "django_tasks_database.dbtaskresult": ADMIN_READ_ONLY,
    "axes.accessattempt": ADMIN_READ_ONLY,
    "axes.accesslog": ADMIN_READ_ONLY,
    "axes.accessfailurelog": ADMIN_READ_ONLY,
    "core.sitesettings": STAFF_READ_ONLY,  # the one row exists; it is edited, never added
    "core.auditentry": STAFF_READ_ONLY,  # append-only, written by the services
    "accounts.user": ADMIN_ONLY,
    "workshops.workshop": STAFF_TABLES,
    "workshops.organisation": STAFF_TABLES,
    "workshops.participation": STAFF_TABLES,
    "workshops.discussiongroup": STAFF_TABLES,
    "workshops.registration": STAFF_TABLES,
    "feedback.theme": STAFF_TABLES,
    "feedback.topic": STAFF_TABLES,
    "feedback.note": STAFF_TABLES,
    "feedback.summary": STAFF_READ_ONLY,  # written through the four-eyes pages
    "feedback.summarypoint": STAFF_READ_ONLY,
    "feedback.summaryrevision": STAFF_READ_ONLY,
    "feedback.disagreement": STAFF_READ_ONLY,
    "followups.conference": STAFF_TABLES,
    "followups.followup": STAFF_TABLES,
    "followups.feedbacknotice": STAFF_READ_ONLY,
    "followups.statuschange": STAFF_READ_ONLY,
    "exports.exportlog": ADMIN_READ_ONLY,
    # Staff enter indicator values and plan points in the portal's pages, not the admin.
    "indicators.indicator": ADMIN_ONLY,
    "indicators.actionpoint": ADMIN_ONLY,
}
MODEL_PAGES = ("changelist", "add", "change", "delete", "history", "export", "import", "process_import")
SITE_PAGES = {
    "index",
    "app_list",
    "autocomplete",
    "jsi18n",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "view_on_site",
    "auth_user_password_change",  # UserAdmin's set-password page (Django names it after auth.User)
}


def test_every_admin_url_is_covered():
    """Each admin URL is a page of a registered model with an entry above, or one of the
    admin site's own pages; a new kind of admin page fails here until it is added."""
    labels = {f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry}
    assert sorted(labels ^ ADMIN_MODELS.keys()) == [], "add or remove these models in ADMIN_MODELS"
    model_names = {f"{label.replace('.', '_')}_{page}" for label in labels for page in MODEL_PAGES}
    unknown = [
        route.name
        for route in all_routes()
        if route.name
        and route.name.startswith("admin:")
        and route.name.removeprefix("admin:") not in model_names | SITE_PAGES
    ]
    assert unknown == []
    unnamed = [
        route.pattern for route in all_routes() if route.pattern.startswith("admin/") and not route.name
    ]
    assert all(re.search(r"<path:object_id>/$|\(\?P<url>", pattern) for pattern in unnamed), unnamed


def _answer(response):
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return ADMIN_LOGIN
    return response.status_code


def test_admin_index_is_for_staff_and_admins_only(world):
    """Business owners and politicians are sent to the admin's sign-in, which refuses them."""
    clients = signed_in_clients(world)
    got = {role: _answer(clients[role].get(reverse("admin:index"))) for role in ROLES}
    assert got == {
        "anonymous": ADMIN_LOGIN,
        "owner": ADMIN_LOGIN,
        "other_owner": ADMIN_LOGIN,
        "staff": 200,
        "politician": ADMIN_LOGIN,
        "admin": 200,
    }


@pytest.mark.parametrize("label", sorted(ADMIN_MODELS))
def test_each_role_gets_the_expected_admin_answer(label, world):
    """Changelist, add, export and import of one model, for all six roles."""
    clients = signed_in_clients(world)
    staff_list, staff_add, admin_list, admin_add = ADMIN_MODELS[label]
    prefix = "admin:" + label.replace(".", "_")
    expected_pages = {
        "changelist": (staff_list, admin_list),
        "add": (staff_add, admin_add),
        "export": (403, 200),
        "import": (403, 200),
    }
    mismatches = []
    for page, (staff_answer, admin_answer) in expected_pages.items():
        try:
            url = reverse(f"{prefix}_{page}")
        except NoReverseMatch:
            continue
        expected = dict.fromkeys(ROLES, ADMIN_LOGIN) | {"staff": staff_answer, "admin": admin_answer}
        for role in ROLES:
            savepoint = transaction.savepoint_create()
            try:
                got = _answer(clients[role].get(url))
            finally:
                transaction.savepoint_rollback(savepoint)
            if got != expected[role]:
                mismatches.append(f"{page} as {role}: expected {expected[role]}, got {got}")
    assert mismatches == []


def test_only_the_admin_sets_another_users_password(world):
    """The admin's set-password page for a user: admins only."""
    clients = signed_in_clients(world)
    url = reverse("admin:auth_user_password_change", args=[world.owner.pk])
    got = {role: _answer(clients[role].get(url)) for role in ROLES}
    assert got == dict.fromkeys(ROLES, ADMIN_LOGIN) | {"staff": 403, "admin": 200}
