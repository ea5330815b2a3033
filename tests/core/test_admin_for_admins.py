"""The admin is for admins, and every label in it is Swedish, third-party apps' included."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_staff_do_not_enter_the_admin(client_for, staff):
    """Staff do their work in the portal; the admin sends them to its sign-in page."""
    response = client_for(staff).get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_admin_index_is_swedish_with_third_party_apps(client_for, admin_user):
    body = client_for(admin_user).get(reverse("admin:index")).content.decode()
    assert "Ale företagsklimat: administration" in body and "Django-administration" not in body
    for swedish in ("Inloggningsförsök", "Bakgrundsjobb", "Jobbresultat", "Misslyckade inloggningar"):
        assert swedish in body
    for english in (">Axes<", "Access attempts", "Task Results", "Tasks Database Backend", "Access logs"):
        assert english not in body


@pytest.mark.parametrize(
    ("url", "swedish"),
    [
        ("admin:axes_accessattempt_changelist", ["Användarnamn", "IP-adress"]),
        ("admin:django_tasks_database_dbtaskresult_changelist", ["Jobbresultat"]),
    ],
)
def test_third_party_lists_are_swedish(client_for, admin_user, url, swedish):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username="x@example.se",
        ip_address="127.0.0.1",
        user_agent="t",
        http_accept="*",
        path_info="/",
        failures_since_start=1,
    )
    body = client_for(admin_user).get(reverse(url)).content.decode()
    assert all(word in body for word in swedish)
