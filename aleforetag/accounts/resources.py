"""Import-export resource for user accounts. Every column is personal data, so only people
who may export personal data can export it; passwords never leave the portal."""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from aleforetag.exports.resources import PortalResource, boolean_field, choice_field, datetime_field, field
from aleforetag.exports.widgets import NamesManyToManyWidget

from .models import User


class UserResource(PortalResource):
    """Accounts, found again by e-mail address, with their roles by group name. An imported
    account gets no usable password: the person sets one through "forgot password"."""

    table_name = "users"
    requires_personal_data = True
    required_columns = ("email", "full_name")
    export_ordering = ("email",)
    prefetch_related = ("groups",)

    email = field("email")
    full_name = field("full_name")
    phone = field("phone")
    organisation_name = field("organisation_name")
    language = choice_field("language", [("sv", _("Swedish")), ("en", _("English"))])
    email_notifications = boolean_field("email_notifications")
    email_confirmed = boolean_field("email_confirmed")
    is_active = boolean_field("is_active")
    is_staff = boolean_field("is_staff")
    groups = field(
        "groups",
        NamesManyToManyWidget(Group, label=_("role"), lookups=("name__iexact",), render_field="name"),
    )
    date_joined = datetime_field("date_joined")

    class Meta:
        model = User
        fields = (
            "email",
            "full_name",
            "phone",
            "organisation_name",
            "language",
            "email_notifications",
            "email_confirmed",
            "is_active",
            "is_staff",
            "groups",
            "date_joined",
        )
        import_id_fields = ("email",)

    def after_init_instance(self, instance, new, row, **kwargs):
        if new:
            instance.set_unusable_password()
