"""The Django admin in the permission matrix: every model's list, add, export and import
pages against the six roles. Only admins enter the admin (users, roles, site settings,
imports and exports); staff do all their work in the portal's pages, so the admin sends
them to its sign-in page like everyone else."""

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
# What the admin gets on each model's pages: (changelist, add); every other role is sent to
# the admin's sign-in page. Export and import (where offered) are the admin's too.
TABLES = (200, 200)
READ_ONLY = (200, 403)  # rows made by the portal's own flows, or by the system
ADMIN_MODELS = {
    "auth.group": TABLES,
    "django_tasks_database.dbtaskresult": READ_ONLY,
    "axes.accessattempt": READ_ONLY,
    "axes.accesslog": READ_ONLY,
    "axes.accessfailurelog": READ_ONLY,
    "core.sitesettings": READ_ONLY,  # the one row exists; it is edited, never added
    "core.auditentry": READ_ONLY,  # append-only, written by the services
    "core.outboxemail": READ_ONLY,  # written by the services, sent by the worker
    "core.workerheartbeat": READ_ONLY,  # written by the worker
    "accounts.user": TABLES,
    "workshops.workshop": TABLES,
    "workshops.organisation": TABLES,
    "workshops.participation": TABLES,
    "workshops.discussiongroup": TABLES,
    "workshops.registration": TABLES,
    "feedback.theme": TABLES,
    "feedback.topic": TABLES,
    "feedback.note": TABLES,
    "feedback.summary": READ_ONLY,  # written through the four-eyes pages
    "feedback.summarypoint": READ_ONLY,
    "feedback.summaryrevision": READ_ONLY,
    "feedback.disagreement": READ_ONLY,
    "followups.conference": TABLES,
    "followups.followup": TABLES,
    "followups.feedbacknotice": READ_ONLY,
    "followups.statuschange": READ_ONLY,
    "exports.exportlog": READ_ONLY,
    "exports.importjob": READ_ONLY,  # background imports and their progress pages
    # Staff enter indicator values and plan points in the portal's pages, not the admin.
    "indicators.indicator": TABLES,
    "indicators.actionpoint": TABLES,
}
MODEL_PAGES = (
    "changelist",
    "add",
    "change",
    "delete",
    "history",
    "export",
    "import",
    "process_import",
    "import_columns",  # the columns a file may have, with template files
    "import_template",
    "confirm",  # a background import's confirm step (exports.importjob)
)
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


def test_admin_index_is_for_admins_only(world):
    """Everyone but the admin, staff included, is sent to the admin's sign-in, which refuses them."""
    clients = signed_in_clients(world)
    got = {role: _answer(clients[role].get(reverse("admin:index"))) for role in ROLES}
    assert got == {
        "anonymous": ADMIN_LOGIN,
        "owner": ADMIN_LOGIN,
        "other_owner": ADMIN_LOGIN,
        "staff": ADMIN_LOGIN,
        "politician": ADMIN_LOGIN,
        "admin": 200,
    }


@pytest.mark.parametrize("label", sorted(ADMIN_MODELS))
def test_each_role_gets_the_expected_admin_answer(label, world):
    """Changelist, add, export and import of one model, for all six roles."""
    clients = signed_in_clients(world)
    admin_list, admin_add = ADMIN_MODELS[label]
    prefix = "admin:" + label.replace(".", "_")
    expected_pages = {
        "changelist": admin_list,
        "add": admin_add,
        "export": 200,
        "import": 200,
        "import_columns": 200,
    }
    mismatches = []
    for page, admin_answer in expected_pages.items():
        try:
            url = reverse(f"{prefix}_{page}")
        except NoReverseMatch:
            continue
        expected = dict.fromkeys(ROLES, ADMIN_LOGIN) | {"admin": admin_answer}
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
    assert got == dict.fromkeys(ROLES, ADMIN_LOGIN) | {"admin": 200}
