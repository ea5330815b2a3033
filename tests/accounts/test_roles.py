import pytest
from django.contrib.auth.models import Group

from aleforetag.accounts import roles
from tests import factories


@pytest.mark.django_db
def test_the_four_role_groups_exist_after_migrate():
    """The data migration creates the four roles as groups."""
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.BUSINESS_OWNER, roles.STAFF, roles.POLITICIAN, roles.ADMIN} <= names


@pytest.mark.django_db
def test_role_groups_carry_their_model_permissions():
    """Staff may change workshops and notes; politicians may only view; business owners have
    no admin permissions; admins have every permission."""
    staff = Group.objects.get(name=roles.STAFF)
    politician = Group.objects.get(name=roles.POLITICIAN)
    owner = Group.objects.get(name=roles.BUSINESS_OWNER)
    admin = Group.objects.get(name=roles.ADMIN)
    staff_perms = set(staff.permissions.values_list("codename", flat=True))
    assert {"change_workshop", "add_workshop", "change_note", "view_followup"} <= staff_perms
    politician_perms = set(politician.permissions.values_list("codename", flat=True))
    assert "view_note" in politician_perms
    assert not {p for p in politician_perms if not p.startswith("view_")}
    assert owner.permissions.count() == 0
    assert "delete_user" in set(admin.permissions.values_list("codename", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "perm", "expected"),
    [
        (factories.StaffFactory, "workshops.manage_workshop", True),
        (factories.AdminFactory, "workshops.manage_workshop", True),
        (factories.PoliticianFactory, "workshops.manage_workshop", False),
        (factories.BusinessOwnerFactory, "workshops.manage_workshop", False),
        (factories.AdminFactory, "accounts.manage_users", True),
        (factories.StaffFactory, "accounts.manage_users", False),
    ],
)
def test_rule_predicates_follow_the_roles(factory, perm, expected):
    """The rules predicates give each role its permissions on the server."""
    assert factory().has_perm(perm) is expected


@pytest.mark.django_db
def test_anonymous_user_has_no_role():
    """An anonymous user has no roles and no staff permissions."""
    from django.contrib.auth.models import AnonymousUser

    assert roles.roles_of(AnonymousUser()) == frozenset()
    assert not AnonymousUser().has_perm("workshops.manage_workshop")
