"""Import-export resources for workshops, their groups, participants and organisations.

Related rows are written by natural names: a workshop by its slug, an organisation by its
organisationsnummer, a group by its name at the row's workshop, a user by e-mail address.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from import_export import widgets

from aleforetag.exports.headers import normalise_header
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
    header_aliases = {
        "organisation_number": ("Organisationsnummer", "Org.nr", "Orgnr", "Org nr", "Organisationsnr"),
        "name": ("Namn", "Företag", "Företagsnamn", "Organisation", "Bolag", "Förening", "Company"),
    }

    organisation_number = field("organisation_number")
    name = field("name")

    class Meta:
        model = Organisation
        fields = ("organisation_number", "name")
        import_id_fields = ("organisation_number",)

    def file_conflicts(self, dataset):
        """One organisationsnummer under two names in the file."""
        problems, first = [], {}
        headers = dataset.headers or []
        for number, values in enumerate(dataset, start=1):
            row = dict(zip(headers, values, strict=False))
            raw, name = _text(row.get("organisation_number")), " ".join(_text(row.get("name")).split())
            try:
                org_number = normalise_organisation_number(raw) if raw else ""
            except ValidationError:
                continue
            if not org_number:
                continue
            seen = first.setdefault(org_number, (number, name))
            if seen[1].casefold() != name.casefold():
                problems.append(
                    (
                        number,
                        "name",
                        gettext(
                            "Row %(row)s gives the organisation number %(number)s the name "
                            "“%(other)s”; one number, one name."
                        )
                        % {"row": seen[0], "number": org_number, "other": seen[1]},
                    )
                )
        return problems

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


class ParticipantOrganisationWidget(widgets.ForeignKeyWidget):
    """A participant's organisation by its organisationsnummer (the ``organisation`` column) or,
    without one, by its name (``organisation_name``). The resource finds or creates every
    organisation of the file before the rows are read (``known``)."""

    def __init__(self, model):
        super().__init__(model, field="organisation_number")
        self.known = {}

    def clean(self, value, row=None, **kwargs):
        row = row or {}
        text = _text(value)
        name = _text(row.get("organisation_name"))
        if text:
            try:
                number = normalise_organisation_number(text)
            except ValidationError as error:
                raise ValueError(f"“{text}”: {' '.join(error.messages)}") from None
            found = self.known.get(("number", number))
            if found is None:
                raise ValueError(
                    gettext(
                        "No organisation has the number %(number)s. Give its name in the company "
                        "column and the import creates it."
                    )
                    % {"number": number}
                )
            return found
        if name:
            return self.known.get(("name", name.casefold()))
        return None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else (value.organisation_number or "")


def workshop_form_field():
    """The import form's choice of workshop, for participant lists without a workshop column."""
    from django import forms

    return forms.ModelChoiceField(
        queryset=Workshop.objects.order_by("-starts_at"),
        to_field_name="slug",
        required=False,
        label=_("Workshop"),
        help_text=_("For a list without a workshop column: every row goes to this workshop."),
    )


def _person_key(row) -> tuple:
    """Who a participant row is: the account's e-mail address, else the e-mail address, else the name."""
    workshop = _text(row.get("workshop")).casefold()
    for column in ("user", "email", "name"):
        value = " ".join(_text(row.get(column)).split()).casefold()
        if value:
            return column, (workshop, column, value)
    return "", None


class ParticipationResource(PortalResource):
    """Participants. Found again by workshop and user, or, for walk-ins, by workshop, name and
    e-mail address. Names and e-mail addresses are personal data.

    Made for the lists offices have: one list per workshop (chosen on the import form), Swedish
    headers, organisations by organisationsnummer or name, created by the import when they
    are new. Tens of thousands of rows: every workshop, group, account, organisation and
    existing participant of the file is read before the rows in a few queries, and rows are
    written in bulk."""

    table_name = "participants"
    personal_fields = ("user", "name", "email")
    required_columns = ("workshop", "name")
    export_ordering = ("workshop__starts_at", "workshop__slug", "name", "email", "user__email", "pk")
    select_related = ("workshop", "user", "organisation", "group")
    validate_in_database = False
    header_aliases = {
        "workshop": ("Träff", "Tillfälle", "Evenemang", "Event"),
        "user": ("Konto", "Account"),
        "name": ("Namn", "Deltagare", "Fullständigt namn", "Participant", "Full name"),
        "email": ("E-post", "E-postadress", "Epost", "Mejl", "Mejladress", "Mail", "Email", "E-mail"),
        "organisation": (
            "Organisationsnummer",
            "Org.nr",
            "Orgnr",
            "Org nr",
            "Organisationsnr",
            "Organisation number",
        ),
        "organisation_name": (
            "Företag",
            "Företagsnamn",
            "Organisation",
            "Organisationens namn",
            "Bolag",
            "Förening",
            "Company",
        ),
        "role": ("Roll", "Role"),
        "group": ("Bord", "Bordsgrupp", "Bordsnummer", "Grupp", "Table"),
        "attended": ("Närvarande", "Närvaro", "Deltog", "Attended"),
    }
    column_labels = {
        "organisation": pgettext_lazy("import column", "Organisation number"),
        "organisation_name": pgettext_lazy("import column", "Company"),
        "group": pgettext_lazy("import column", "Table"),
        "attended": pgettext_lazy("import column", "Attended"),
    }
    form_columns = {"workshop": workshop_form_field}

    workshop = field(
        "workshop", LookupWidget(Workshop, "slug", label=_("workshop"), lookups=("slug", "title__iexact"))
    )
    user = field("user", user_widget())
    name = field("name")
    email = field("email")
    organisation = field("organisation", ParticipantOrganisationWidget(Organisation))
    organisation_name = field("organisation__name", readonly=True, column_name="organisation_name")
    role = choice_field("role", Participation.Role.choices, empty=Participation.Role.BUSINESS_OWNER)
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
        use_bulk = True
        batch_size = 1000
        skip_diff = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.existing = {}
        self._snapshot = None

    # Before the rows ---------------------------------------------------------------------

    FIRST_NAMES = ("Förnamn", "First name", "Given name")
    LAST_NAMES = ("Efternamn", "Last name", "Surname", "Family name")

    def prepare(self, dataset):
        """A list with first and last names in two columns (as many are) gets one name column."""
        headers = [normalise_header(h) for h in dataset.headers or []]
        lookup = self.header_lookup()
        first = next(
            (i for i, h in enumerate(headers) if h in {normalise_header(n) for n in self.FIRST_NAMES}), None
        )
        last = next(
            (i for i, h in enumerate(headers) if h in {normalise_header(n) for n in self.LAST_NAMES}), None
        )
        has_name = any(lookup.get(h) == "name" for h in headers)
        if first is not None and last is not None and not has_name:
            first_header, last_header = dataset.headers[first], dataset.headers[last]
            names = [
                " ".join(f"{_text(given)} {_text(family)}".split())
                for given, family in zip(dataset[first_header], dataset[last_header], strict=True)
            ]
            del dataset[last_header]
            del dataset[first_header]
            dataset.append_col(names, header="name")
            self.file_headers["name"] = f"{first_header} + {last_header}"
        return super().prepare(dataset)

    def file_conflicts(self, dataset):
        """The same person twice, and one organisationsnummer under two names."""
        problems, people, numbers = [], {}, {}
        headers = dataset.headers or []
        for number, values in enumerate(dataset, start=1):
            row = dict(zip(headers, values, strict=False))
            column, key = _person_key(row)
            if key is not None:
                if key in people:
                    problems.append(
                        (
                            number,
                            column,
                            gettext("The same person is on row %(row)s too.") % {"row": people[key]},
                        )
                    )
                else:
                    people[key] = number
            raw, name = _text(row.get("organisation")), " ".join(_text(row.get("organisation_name")).split())
            try:
                org_number = normalise_organisation_number(raw) if raw else ""
            except ValidationError:
                continue
            if org_number and name:
                first = numbers.setdefault(org_number, (number, name))
                if first[1].casefold() != name.casefold():
                    problems.append(
                        (
                            number,
                            "organisation_name",
                            gettext(
                                "Row %(row)s gives the organisation number %(number)s the name "
                                "“%(other)s”; one number, one name."
                            )
                            % {"row": first[0], "number": org_number, "other": first[1]},
                        )
                    )
        return problems

    def before_import(self, dataset, **kwargs):
        """Read the file's workshops, accounts, organisations and existing participants at once,
        and create the organisations the file names for the first time."""
        super().before_import(dataset, **kwargs)
        headers = dataset.headers or []

        def column(name):
            return [_text(value) for value in dataset[name]] if name in headers else []

        workshop_widget = self.fields["workshop"].widget
        workshops = {}
        for value in set(column("workshop")):
            try:
                workshops[value] = workshop_widget.clean(value)
            except ValueError:
                continue
        if "user" in self.fields and "user" in headers:
            user_widget_ = self.fields["user"].widget
            emails = {value.casefold() for value in column("user") if value}
            for user in get_user_model().objects.annotate(lower=Lower("email")).filter(lower__in=emails):
                user_widget_._found[user.email.casefold()] = user
        group_widget = self.fields["group"].widget
        groups = DiscussionGroup.objects.filter(
            workshop__in=[w for w in workshops.values() if w]
        ).select_related("workshop")
        for group in groups:
            for workshop_value, workshop in workshops.items():
                if workshop is not None and workshop.pk == group.workshop_id:
                    group_widget._found[(workshop_value.casefold(), group.name.casefold())] = group
        self._prepare_organisations(column("organisation"), column("organisation_name"))
        self.existing = {}
        # Only the people this file names: a list imported in chunks reads each chunk's own.
        people = Q(name__in={value for value in column("name") if value})
        accounts = {value.casefold() for value in column("user") if value}
        if accounts:
            people |= Q(
                user__email__in=get_user_model()
                .objects.annotate(lower=Lower("email"))
                .filter(lower__in=accounts)
                .values("email")
            )
        participations = Participation.objects.filter(
            people, workshop__in=[w for w in workshops.values() if w]
        ).select_related("user")
        for participation in participations:
            if participation.user_id:
                key = (participation.workshop_id, "user", participation.user.email.casefold())
            else:
                key = (participation.workshop_id, participation.name, participation.email.casefold())
            self.existing.setdefault(key, participation)

    def _prepare_organisations(self, numbers, names):
        """Find every organisation the file names; create those it names for the first time."""
        widget = self.fields["organisation"].widget
        wanted_numbers, wanted_names = {}, {}
        for index in range(max(len(numbers), len(names))):
            raw = numbers[index] if index < len(numbers) else ""
            name = " ".join((names[index] if index < len(names) else "").split())
            if raw:
                try:
                    wanted_numbers.setdefault(normalise_organisation_number(raw), name)
                except ValidationError:
                    continue
            elif name:
                wanted_names.setdefault(name.casefold(), name)
        for organisation in Organisation.objects.filter(organisation_number__in=wanted_numbers):
            widget.known[("number", organisation.organisation_number)] = organisation
        lowered = Organisation.objects.annotate(lower=Lower("name")).filter(lower__in=wanted_names)
        for organisation in lowered.order_by("organisation_number", "pk"):
            widget.known.setdefault(("name", organisation.name.casefold()), organisation)
        new = [
            Organisation(name=name, organisation_number=number)
            for number, name in wanted_numbers.items()
            if ("number", number) not in widget.known and name
        ]
        new += [
            Organisation(name=name, organisation_number=None)
            for key, name in wanted_names.items()
            if ("name", key) not in widget.known
        ]
        for organisation in Organisation.objects.bulk_create(new):
            if organisation.organisation_number:
                widget.known[("number", organisation.organisation_number)] = organisation
            else:
                widget.known[("name", organisation.name.casefold())] = organisation
        if new:
            self.file_notes.append(
                ngettext(
                    "%(count)s new organisation is created.",
                    "%(count)s new organisations are created.",
                    len(new),
                )
                % {"count": len(new)}
            )

    # Each row ----------------------------------------------------------------------------

    def get_instance(self, instance_loader, row):
        try:
            workshop = self.fields["workshop"].widget.clean(row.get("workshop"))
        except ValueError:
            return None
        if workshop is None:
            return None
        email_of_user = _text(row.get("user"))
        if email_of_user:
            return self.existing.get((workshop.pk, "user", email_of_user.casefold()))
        return self.existing.get((workshop.pk, _text(row.get("name")), _text(row.get("email")).casefold()))

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self._snapshot = None if new else self._values(instance)

    def _values(self, instance):
        return tuple(getattr(instance, f.attname) for f in Participation._meta.concrete_fields)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """An existing participant the file does not change is skipped (nothing is written)."""
        if import_validation_errors or self._snapshot is None:
            return False
        return self._values(instance) == self._snapshot

    def get_bulk_update_fields(self):
        return [
            name
            for name in ("user", "name", "email", "organisation", "role", "group", "attended")
            if name in self.fields
        ]


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
