"""The four roles as Django groups, and the model permissions each role holds.

Object-level rules live in each app's ``rules.py``; the model permissions here only
decide what a role may do in the Django admin.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

BUSINESS_OWNER = "företagare"
STAFF = "näringslivsenheten"
POLITICIAN = "politiker"
ADMIN = "administratör"

ROLE_LABELS = {
    BUSINESS_OWNER: _("Business owner"),
    STAFF: _("Staff (business development unit)"),
    POLITICIAN: _("Politician"),
    ADMIN: _("Administrator"),
}

# Model permissions by role: app label -> codename prefixes ("view", "add", ...).
STAFF_MODEL_PERMISSIONS = {
    "workshops": ("view", "add", "change", "delete"),
    "feedback": ("view", "add", "change"),
    "followups": ("view", "add", "change"),
    "core": ("view", "change"),
}
POLITICIAN_MODEL_PERMISSIONS = {
    "workshops": ("view",),
    "feedback": ("view",),
    "followups": ("view",),
}


def _permissions(spec):
    query = Permission.objects.none()
    for app_label, actions in spec.items():
        for action in actions:
            query = query | Permission.objects.filter(
                content_type__app_label=app_label, codename__startswith=f"{action}_"
            )
    return query


def sync_role_groups():
    """Create the four role groups and give staff and politicians their model permissions."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_LABELS}
    groups[STAFF].permissions.set(_permissions(STAFF_MODEL_PERMISSIONS))
    groups[POLITICIAN].permissions.set(_permissions(POLITICIAN_MODEL_PERMISSIONS))
    groups[ADMIN].permissions.set(Permission.objects.all())
    return groups


def sync_role_groups_after_migrate(sender, apps=None, using="default", plan=None, **kwargs):
    from django.apps import apps as global_apps

    if plan is None:
        # A flush (as between transactional tests) also sends post_migrate, without a plan;
        # recreating the groups then would clash with rows a serialized rollback restores.
        return

    with_models = [config for config in global_apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        sync_role_groups()


def roles_of(user) -> frozenset:
    """The role names of a user, read once per request and cached on the user object."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached = cached | {ADMIN}
        user._role_names = cached
    return cached


def has_role(user, *names) -> bool:
    return bool(roles_of(user) & set(names))
