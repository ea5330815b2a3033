"""Import-export resources for workshops, their groups, participants and organisations.

Related rows are written by natural names: a workshop by its slug, an organisation by its
organisationsnummer, a group by its name at the row's workshop, a user by e-mail address.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import widgets

from aleforetag.exports.resources import (
    PortalResource,
    boolean_field,
    choice_field,
    datetime_field,
    field,
)
from aleforetag.exports.widgets import (
    GroupWidget,
    LookupWidget,
    StrictIntegerWidget,
)
from workshops.validators import normalise_organisation_number

from .models import DiscussionGroup, Organisation, Participation, Registration, Workshop


def _text(value) -> str:
    return "" if value is None else str(value).strip()


class OrganisationNumberWidget(widgets.ForeignKeyWidget):
    """An organisation by its organisationsnummer; the number is checked before the look-up."""

    def __init__(self, model):
        super().__init__(model, field="organisation_number")

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        try:
            number = normalise_organisation_number(text)
        except ValidationError as error:
            raise ValueError(f"“{text}”: {' '.join(error.messages)}") from None
        organisation = self.model.objects.filter(organisation_number=number).first()
        if organisation is None:
            raise ValueError(
                gettext("No organisation has the number %(number)s. Import the organisations first.")
                % {"number": number}
            )
        return organisation

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else (value.organisation_number or "")


def workshop_widget():
    return LookupWidget(Workshop, "slug", label=_("workshop"))


def user_widget():
    return LookupWidget(get_user_model(), "email", label=_("user"), lookups=("email__iexact",))


class OrganisationResource(PortalResource):
    """Organisations, found again by organisationsnummer (or by name when they have none)."""

    table_name = "organisations"
    required_columns = ("organisation_number", "name")
    export_ordering = ("name", "organisation_number", "pk")

    organisation_number = field("organisation_number")
    name = field("name")

    class Meta:
        model = Organisation
        fields = ("organisation_number", "name")
        import_id_fields = ("organisation_number",)

    def get_instance(self, instance_loader, row):
        raw = _text(row.get("organisation_number"))
        if raw:
            try:
                number = normalise_organisation_number(raw)
            except Exception:  # noqa: BLE001 - reported by the model's validation
                return None
            return Organisation.objects.filter(organisation_number=number).first()
        return Organisation.objects.filter(
            organisation_number__isnull=True, name__iexact=_text(row.get("name"))
        ).first()


class WorkshopResource(PortalResource):
    """Workshops, found again by slug."""

    table_name = "workshops"
    required_columns = ("slug", "title", "starts_at", "ends_at", "venue", "host")
    export_ordering = ("starts_at", "slug")

    slug = field("slug")
    title = field("title")
    kind = choice_field("kind", Workshop.Kind.choices)
    status = choice_field("status", Workshop.Status.choices)
    starts_at = datetime_field("starts_at")
    ends_at = datetime_field("ends_at")
    venue = field("venue")
    host = field("host")
    description = field("description")
    notes_open_until = datetime_field("notes_open_until")
    pre_moderation = boolean_field("pre_moderation")
    registration_open = boolean_field("registration_open")
    capacity = field("capacity", StrictIntegerWidget())
    registration_closes_at = datetime_field("registration_closes_at")
    invitation_text = field("invitation_text")

    class Meta:
        model = Workshop
        fields = (
            "slug",
            "title",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "venue",
            "host",
            "description",
            "notes_open_until",
            "pre_moderation",
            "registration_open",
            "capacity",
            "registration_closes_at",
            "invitation_text",
        )
        import_id_fields = ("slug",)


class DiscussionGroupResource(PortalResource):
    """Table groups, found again by workshop slug and group name."""

    table_name = "discussion-groups"
    personal_fields = ("table_host",)
    required_columns = ("workshop", "name")
    export_ordering = ("workshop__starts_at", "workshop__slug", "order", "name")
    select_related = ("workshop",)

    workshop = field("workshop", workshop_widget())
    name = field("name")
    order = field("order", StrictIntegerWidget())
    table_host = field("table_host")
    description = field("description")

    class Meta:
        model = DiscussionGroup
        fields = ("workshop", "name", "order", "table_host", "description")
        import_id_fields = ("workshop", "name")


class ParticipationResource(PortalResource):
    """Participants. Found again by workshop and user, or, for walk-ins, by workshop, name and
    e-mail address. Names and e-mail addresses are personal data."""

    table_name = "participants"
    personal_fields = ("user", "name", "email")
    required_columns = ("workshop", "name")
    export_ordering = ("workshop__starts_at", "workshop__slug", "name", "email", "user__email", "pk")
    select_related = ("workshop", "user", "organisation", "group")

    workshop = field("workshop", workshop_widget())
    user = field("user", user_widget())
    name = field("name")
    email = field("email")
    organisation = field("organisation", OrganisationNumberWidget(Organisation))
    organisation_name = field("organisation__name", readonly=True, column_name="organisation_name")
    role = choice_field("role", Participation.Role.choices)
    group = field("group", GroupWidget(DiscussionGroup))
    attended = boolean_field("attended")

    class Meta:
        model = Participation
        fields = (
            "workshop",
            "user",
            "name",
            "email",
            "organisation",
            "organisation_name",
            "role",
            "group",
            "attended",
        )
        import_id_fields = ("workshop",)

    def get_instance(self, instance_loader, row):
        workshop = Workshop.objects.filter(slug=_text(row.get("workshop"))).first()
        if workshop is None:
            return None
        participations = Participation.objects.filter(workshop=workshop)
        email_of_user = _text(row.get("user"))
        if email_of_user:
            return participations.filter(user__email__iexact=email_of_user).first()
        return participations.filter(
            user__isnull=True, name=_text(row.get("name")), email__iexact=_text(row.get("email"))
        ).first()


class RegistrationResource(PortalResource):
    """Registrations, found again by workshop and e-mail address. Name, e-mail address and the
    dietary and accessibility needs (which may be health data) are personal data."""

    table_name = "registrations"
    personal_fields = ("user", "name", "email", *Registration.SENSITIVE_FIELDS)
    required_columns = ("workshop", "name", "email", "status")
    preserved_timestamps = ("created_at",)
    export_ordering = ("workshop__starts_at", "workshop__slug", "created_at", "pk")
    select_related = ("workshop", "user", "preferred_group")

    workshop = field("workshop", workshop_widget())
    user = field("user", user_widget())
    name = field("name")
    email = field("email")
    organisation_name = field("organisation_name")
    language = choice_field("language", [("sv", _("Swedish")), ("en", _("English"))])
    dietary_needs = field("dietary_needs")
    accessibility_needs = field("accessibility_needs")
    preferred_group = field("preferred_group", GroupWidget(DiscussionGroup))
    status = choice_field("status", Registration.Status.choices)
    queued_at = datetime_field("queued_at")
    cancelled_at = datetime_field("cancelled_at")
    promoted_at = datetime_field("promoted_at")
    reminder_sent_at = datetime_field("reminder_sent_at")
    checked_in_at = datetime_field("checked_in_at")
    needs_erased_at = datetime_field("needs_erased_at")
    created_at = datetime_field("created_at")

    class Meta:
        model = Registration
        fields = (
            "workshop",
            "user",
            "name",
            "email",
            "organisation_name",
            "language",
            "dietary_needs",
            "accessibility_needs",
            "preferred_group",
            "status",
            "queued_at",
            "cancelled_at",
            "promoted_at",
            "reminder_sent_at",
            "checked_in_at",
            "needs_erased_at",
            "created_at",
        )
        import_id_fields = ("workshop",)

    def get_instance(self, instance_loader, row):
        registrations = Registration.objects.filter(
            workshop__slug=_text(row.get("workshop")), email__iexact=_text(row.get("email"))
        )
        created = _text(row.get("created_at"))
        if created:
            try:
                same = registrations.filter(created_at=self.fields["created_at"].clean(row))
            except ValueError:
                same = registrations.none()
            if same.exists():
                return same.first()
        return registrations.exclude(status=Registration.Status.CANCELLED).first()
