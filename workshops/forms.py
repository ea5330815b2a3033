from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from aleforetag.accounts import roles
from aleforetag.core.validators import validate_plain_name

from .models import DiscussionGroup, Registration, Workshop

# Web addresses the staff pages use under /workshoppar/; no workshop may take them.
RESERVED_SLUGS = {"hantera", "ny"}


class RegistrationForm(forms.ModelForm):
    """Register for a workshop. A signed-in user's name and address come from the account,
    so only a visitor fills in who they are."""

    VISITOR_FIELDS = ("name", "email", "organisation_name")

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "organisation_name",
            "preferred_group",
            "dietary_needs",
            "accessibility_needs",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"name": _("Your name"), "email": _("Your e-mail address")}
        help_texts = {"email": _("We send a link to this address that you open to confirm the registration.")}

    def __init__(self, *args, workshop, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop
        if signed_in:
            for name in self.VISITOR_FIELDS:
                del self.fields[name]
        else:
            self.fields["name"].required = True
            self.fields["email"].required = True
            # The name is repeated in the e-mail to the typed address.
            self.fields["name"].validators.append(validate_plain_name)
            self.fields["organisation_name"].validators.append(validate_plain_name)
        groups = workshop.groups.all()
        if groups:
            self.fields["preferred_group"].queryset = groups
            self.fields["preferred_group"].empty_label = _("No preference")
            self.fields["preferred_group"].help_text = _(
                "Staff try to follow your wish when they seat people."
            )
        else:
            del self.fields["preferred_group"]

    def _post_clean(self):
        # The service owns validation against other registrations (one per person).
        pass


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def staff_users():
    """Active staff and admins, by name: who may host a table group."""
    return (
        get_user_model()
        .objects.filter(
            groups__name__in=[roles.STAFF, roles.ADMIN], is_active=True, anonymised_at__isnull=True
        )
        .distinct()
        .order_by("full_name", "email")
    )


class WorkshopForm(forms.ModelForm):
    """Every fact of a workshop. The web address is made from the title when left empty;
    a taken or reserved one is refused with a field error. Cancelling is its own action,
    since it tells everyone registered."""

    class Meta:
        model = Workshop
        fields = [
            "title",
            "slug",
            "kind",
            "starts_at",
            "ends_at",
            "venue",
            "host",
            "description",
            "capacity",
            "registration_open",
            "registration_closes_at",
            "notes_open_until",
            "pre_moderation",
            "invitation_text",
            "status",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "notes_open_until": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "invitation_text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Made from the title when left empty; letters a–z, digits and hyphens."),
            "capacity": _("Empty: no limit."),
        }
        error_messages = {
            "slug": {"unique": _("Another workshop already has this web address; choose another.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["capacity"].widget.attrs["min"] = 0
        self.fields["status"].choices = [
            choice for choice in Workshop.Status.choices if choice[0] != Workshop.Status.CANCELLED
        ]
        if self.instance.status == Workshop.Status.CANCELLED:
            del self.fields["status"]
        for name in ("starts_at", "ends_at", "registration_closes_at", "notes_open_until"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This web address is used by the portal itself; choose another."))
        if not slug:
            slug = self._free_slug(slugify(self.data.get(self.add_prefix("title"), ""))[:90] or "workshop")
        return slug

    def _free_slug(self, base: str) -> str:
        taken = (
            set(
                Workshop.objects.exclude(pk=self.instance.pk)
                .filter(slug__startswith=base)
                .values_list("slug", flat=True)
            )
            | RESERVED_SLUGS
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug


class GroupForm(forms.ModelForm):
    """One table group: its name, its place in the order and its host (a member of staff,
    chosen from a list read once for the whole formset)."""

    host = forms.TypedChoiceField(label=_("Table host"), required=False, coerce=int, empty_value=None)

    class Meta:
        model = DiscussionGroup
        fields = ["name", "order"]
        labels = {"name": _("Table group"), "order": _("Order")}

    def __init__(self, *args, hosts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.hosts = {user.pk: user for user in hosts}
        self.fields["host"].choices = [("", _("No host yet"))] + [
            (user.pk, user.get_full_name() or user.email) for user in hosts
        ]
        self.fields["host"].initial = self.instance.host_id
        self.fields["order"].required = False
        self.fields["order"].widget.attrs.update({"min": 0})

    def has_changed(self):
        # A new row counts when it has a name or a host, whether typed or copied from an
        # earlier workshop; an order number alone does not make a group.
        if self.instance.pk is None:
            return bool(
                self.data.get(self.add_prefix("name"), "").strip() or self.data.get(self.add_prefix("host"))
            )
        return super().has_changed()

    def clean_order(self):
        return self.cleaned_data.get("order") or 0

    def clean_host(self):
        pk = self.cleaned_data.get("host")
        return self.hosts.get(pk) if pk is not None else None

    def _post_clean(self):
        self.instance.host = self.cleaned_data.get("host")
        super()._post_clean()


class BaseGroupFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        self.hosts = list(staff_users())
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "hosts": self.hosts}


# Empty table-group rows the workshop form offers, and adds on "more rows".
GROUP_ROWS = 3


def group_formset(extra: int = GROUP_ROWS):
    """The table groups of a workshop as a formset with ``extra`` empty (or copied) rows."""
    return forms.inlineformset_factory(
        Workshop,
        DiscussionGroup,
        form=GroupForm,
        formset=BaseGroupFormSet,
        extra=extra,
        can_delete=True,
        max_num=60,
    )


class StaffRegistrationForm(forms.ModelForm):
    """A registration staff take by phone or at the door. By phone the person gets their
    confirmation by e-mail, so an address is needed; at the door it may be left empty."""

    class Meta:
        model = Registration
        fields = [
            "source",
            "name",
            "email",
            "organisation_name",
            "preferred_group",
            "dietary_needs",
            "accessibility_needs",
        ]
        widgets = {
            "source": forms.RadioSelect,
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"source": _("Registered")}
        help_texts = {"email": _("Needed by phone: the confirmation goes to this address.")}

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop
        self.fields["source"].choices = [
            (value, label) for value, label in Registration.Source.choices if value != Registration.Source.WEB
        ]
        self.fields["source"].initial = Registration.Source.PHONE
        groups = workshop.groups.all()
        if groups:
            self.fields["preferred_group"].queryset = groups
            self.fields["preferred_group"].empty_label = _("No preference")
        else:
            del self.fields["preferred_group"]

    def clean(self):
        data = super().clean()
        if data.get("source") == Registration.Source.PHONE and not data.get("email"):
            self.add_error("email", _("Give an e-mail address for a registration by phone."))
        return data

    def _post_clean(self):
        # The service owns validation against other registrations (one per person).
        pass
