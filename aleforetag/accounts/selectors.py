"""Reads of the accounts app: everything the portal holds about one person (the GDPR right of
access and portability), in one shape that the page, the CSV and the JSON file all draw."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import roles
from .models import Notice, User
from .tokens import made_for, read_confirmation_token


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


@dataclass
class Section:
    """One kind of data: ``key`` names it in the JSON file, ``title`` on the page and in the
    CSV; each item is a list of (key, label, value) fields."""

    key: str
    title: str
    items: list[list[tuple[str, str, object]]] = field(default_factory=list)
    single: bool = False

    def display_items(self):
        """The items as (label, text) pairs, in the active language, for the page and the CSV."""
        return [[(label, display_value(value)) for _key, label, value in item] for item in self.items]

    def as_json(self):
        rows = [{key: _iso(value) for key, _label, value in item} for item in self.items]
        return (rows[0] if rows else {}) if self.single else rows


def display_value(value) -> str:
    """A stored value as a person reads it: yes/no, dates in the local time, lists joined."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list | tuple):
        return ", ".join(str(part) for part in value) or "–"
    if hasattr(value, "hour"):
        return date_format(timezone.localtime(value), "j F Y, H.i")
    return str(value)


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _fields(obj, names, extra=()) -> list[tuple[str, str, object]]:
    """(name, label, value) of the model fields ``names``, choices shown by their label."""
    model = type(obj)
    out = []
    for name in names:
        model_field = model._meta.get_field(name)
        value = getattr(obj, name)
        if model_field.choices and value not in (None, ""):
            value = getattr(obj, f"get_{name}_display")()
        out.append((name, _label(model, name), value))
    return out + list(extra)


def _tied_to(user: User) -> Q:
    """Rows tied to the account, or recorded without an account under its confirmed address
    (for example before the account existed)."""
    mine = Q(user=user)
    if user.email_confirmed:
        mine |= Q(user__isnull=True, email__iexact=user.email)
    return mine


def registrations_of(user: User):
    """Registrations tied to the account or made with its confirmed address."""
    registration_model = apps.get_model("workshops", "Registration")
    return (
        registration_model.objects.filter(_tied_to(user))
        .select_related("workshop", "preferred_group")
        .order_by("created_at", "pk")
    )


def participations_of(user: User):
    """Participations tied to the account, or recorded without one under its confirmed address."""
    participation_model = apps.get_model("workshops", "Participation")
    return (
        participation_model.objects.filter(_tied_to(user))
        .select_related("workshop", "group", "organisation")
        .order_by("created_at", "pk")
    )


REGISTRATION_SKIPPED = {"id", "user", "workshop", "participation", "preferred_group"}


def personal_data_sections(*, user: User) -> list[Section]:
    """Everything the portal stores about one person, section by section: the account and its
    roles, notes, disagreements, workshop participations, registrations (also those made with
    the confirmed address before the account), notices and feedback notices. A fixed number of
    queries, whatever the amount of data."""
    user = User.objects.get(pk=user.pk)
    account = Section("account", _("Account"), single=True)
    account.items.append(
        _fields(
            user,
            [
                "email",
                "pending_email",
                "full_name",
                "phone",
                "organisation_name",
                "language",
                "email_notifications",
                "email_notice_kinds",
                "email_confirmed",
                "date_joined",
                "last_login",
            ],
            extra=[("roles", _("Roles"), sorted(roles.roles_of(user)))],
        )
    )
    # The chosen kinds of e-mail by their names, not their codes.
    account.items[0] = [
        (key, label, [str(Notice.Kind(kind).label) for kind in value if kind in Notice.Kind.values])
        if key == "email_notice_kinds"
        else (key, label, value)
        for key, label, value in account.items[0]
    ]
    notes = Section("notes", _("Notes"))
    for note in user.notes.select_related("workshop", "group").prefetch_related("themes", "topics"):
        notes.items.append(
            [
                ("id", "ID", note.pk),
                ("workshop", _("Workshop"), note.workshop.title),
                *_fields(note, ["text", "kind", "status", "hidden_reason"]),
                ("group", _("Table group"), note.group.name if note.group else None),
                ("themes", _("Themes"), [theme.name_sv for theme in note.themes.all()]),
                ("topics", _("Topics"), [topic.name_sv for topic in note.topics.all()]),
                *_fields(note, ["created_at", "updated_at"]),
            ]
        )
    disagreements = Section("disagreements", _("Disagreements"))
    for disagreement in user.disagreements.select_related(
        "point__summary__workshop", "point__summary__theme"
    ):
        disagreements.items.append(
            [
                ("id", "ID", disagreement.pk),
                ("workshop", _("Workshop"), disagreement.point.summary.workshop.title),
                ("theme", _("Theme"), disagreement.point.summary.theme.name_sv),
                ("summary_point", _("Summary point"), disagreement.point.text),
                *_fields(disagreement, ["text", "wants_contact", "status", "created_at"]),
            ]
        )
    participations = Section("participations", _("Workshops taken part in"))
    for participation in participations_of(user):
        participations.items.append(
            [
                ("workshop", _("Workshop"), participation.workshop.title),
                ("group", _("Table group"), participation.group.name if participation.group else None),
                (
                    "organisation",
                    _("Organisation"),
                    participation.organisation.name if participation.organisation else None,
                ),
                *_fields(participation, ["role", "attended"]),
            ]
        )
    registrations = Section("registrations", _("Registrations"))
    registration_model = apps.get_model("workshops", "Registration")
    names = [f.name for f in registration_model._meta.concrete_fields if f.name not in REGISTRATION_SKIPPED]
    for registration in registrations_of(user):
        registrations.items.append(
            [
                ("workshop", _("Workshop"), registration.workshop.title),
                (
                    "preferred_group",
                    _("Preferred table group"),
                    registration.preferred_group.name if registration.preferred_group else None,
                ),
                ("tied_to_account", _("Tied to your account"), registration.user_id is not None),
                *_fields(registration, names),
            ]
        )
    notices = Section("notices", _("Notices"))
    for notice in Notice.objects.filter(user=user).order_by("created_at", "pk"):
        notices.items.append(
            [
                ("message", _("Notice"), notice.message),
                *_fields(notice, ["kind", "link", "created_at", "emailed_at", "read_at"]),
            ]
        )
    feedback_notices = Section("feedback_notices", _("Feedback notices"))
    for notice in user.feedback_notices.select_related("followup"):
        feedback_notices.items.append(
            [
                ("followup", _("Follow-up"), notice.followup.title),
                *_fields(notice, ["created_at", "emailed_at", "read_at"]),
            ]
        )
    return [account, notes, disagreements, participations, registrations, notices, feedback_notices]


def personal_data_export(*, user: User) -> dict:
    """``personal_data_sections`` as JSON-ready data, one key per section."""
    return {section.key: section.as_json() for section in personal_data_sections(user=user)}


def user_for_confirmation(*, token: str) -> User:
    """The account a confirmation link was made for, without confirming anything. Raises
    ``signing.BadSignature`` (or ``SignatureExpired``) for a forged or expired link and
    ``User.DoesNotExist`` when the account is gone or its address has changed since."""
    payload = read_confirmation_token(token)
    user = User.objects.get(pk=payload["id"], anonymised_at__isnull=True)
    if not made_for(payload, user):
        raise User.DoesNotExist
    return user
