import pytest

from aleforetag.accounts import roles
from aleforetag.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def test_admin_creates_a_staff_account_that_can_sign_in_at_once(client_for):
    """An admin creates a staff member in the admin: confirmed, with admin access through the group."""
    from django.contrib.auth.models import Group

    admin_client = client_for(factories.AdminFactory())
    assert admin_client.get("/admin/accounts/user/add/").status_code == 200
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "ny.handlaggare@ale.se",
            "full_name": "Ny Handläggare",
            "usable_password": "true",
            "password1": "ett-bra-losen-123",
            "password2": "ett-bra-losen-123",
            "groups": [Group.objects.get(name=roles.STAFF).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="ny.handlaggare@ale.se")
    assert user.email_confirmed
    assert user.is_staff and not user.is_superuser
    assert roles.roles_of(user) == {roles.STAFF}


def test_removing_the_staff_group_removes_admin_access():
    """Admin access follows the groups: out of the staff group, out of the admin."""
    from aleforetag.accounts.services import user_sync_admin_access

    user = factories.StaffFactory()
    user.groups.clear()
    user_sync_admin_access(user=user)
    user.refresh_from_db()
    assert not user.is_staff


def test_createsuperuser_makes_an_admin_role_member():
    """A superuser made from the command line is in the admin group as well."""
    user = User.objects.create_superuser(email="root@ale.se", password="x-very-long-pass", full_name="Root")
    assert roles.ADMIN in set(user.groups.values_list("name", flat=True))
