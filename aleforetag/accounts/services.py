import uuid

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from aleforetag.core.email import absolute_url, send_templated_email

from . import roles
from .models import User
from .tokens import make_confirmation_token, read_confirmation_token


def send_confirmation_email(*, user: User) -> None:
    """E-mail the user a signed link that confirms their address."""
    link = absolute_url(reverse("accounts:confirm", args=[make_confirmation_token(user)]))
    send_templated_email(
        to=user.email,
        template="accounts/email/confirm",
        context={"user": user, "link": link},
        language=user.language,
    )


@transaction.atomic
def business_owner_sign_up(
    *, email: str, full_name: str, password: str, organisation_name: str = "", language: str = "sv"
) -> User:
    """Create an unconfirmed business-owner account and send its confirmation link
    once the account is committed."""
    user = User(
        email=User.objects.normalize_email(email).lower(),
        full_name=full_name,
        organisation_name=organisation_name,
        language=language,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=roles.BUSINESS_OWNER)[0])
    transaction.on_commit(lambda: send_confirmation_email(user=user))
    return user


def user_confirm_email(*, token: str) -> User:
    """Mark the address in a valid token as confirmed. Raises ``signing.BadSignature``
    for a forged or expired token and ``User.DoesNotExist`` when the account is gone
    or its address has changed since."""
    payload = read_confirmation_token(token)
    user = User.objects.get(pk=payload["id"], email=payload["email"], anonymised_at__isnull=True)
    if not user.email_confirmed:
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
    return user


@transaction.atomic
def user_update_account(
    *,
    user: User,
    full_name: str,
    phone: str,
    organisation_name: str,
    language: str,
    email_notifications: bool,
) -> User:
    """Save the account holder's own details and preferences; validates before saving."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.full_name = full_name
    user.phone = phone
    user.organisation_name = organisation_name
    user.language = language
    user.email_notifications = email_notifications
    user.full_clean()
    user.save(update_fields=["full_name", "phone", "organisation_name", "language", "email_notifications"])
    return user


def anonymised_email(user: User) -> str:
    """A unique address that can never receive mail (the .invalid domain is reserved)."""
    return f"deleted-{user.pk}-{uuid.uuid4().hex[:12]}@anonymised.invalid"


@transaction.atomic
def user_anonymise(*, user: User) -> User:
    """Delete an account by removing every piece of personal data, keeping the input.

    The user row stays, emptied, so that the person's notes and disagreements stay in the
    dialogue and its follow-ups, shown without a name. Guarantees afterwards: no name, phone,
    organisation or real e-mail address on the row; no way to sign in (unusable password,
    inactive); no roles; no feedback notices; registrations and participations carry no
    name or contact details; failed-sign-in records for the old address are gone.
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    user = User.objects.select_for_update().get(pk=user.pk)
    old_email = user.email
    now = timezone.now()
    with translation.override("sv"):
        placeholder_name = gettext("Deleted account")

    user.full_name = ""
    user.email = anonymised_email(user)
    user.phone = ""
    user.organisation_name = ""
    user.email_notifications = False
    user.email_confirmed = False
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.anonymised_at = now
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()

    # Input is kept (public documents feeding follow-ups); only the wish to be contacted goes.
    user.disagreements.update(wants_contact=False)
    user.participations.update(name="", email="")
    user.feedback_notices.all().delete()
    _anonymise_registrations(user=user, placeholder_name=placeholder_name, now=now)

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=old_email).delete()
    return user


def _anonymise_registrations(*, user: User, placeholder_name: str, now) -> None:
    """Cancel the person's coming registrations, then strip the contact details and needs
    from all of them."""
    try:
        registration_model = apps.get_model("workshops", "Registration")
    except LookupError:
        return
    from workshops.services import registration_cancel

    # A seat at a coming workshop is given back, so the first on the waiting list gets it.
    for registration in registration_model.objects.active().filter(user=user, workshop__starts_at__gt=now):
        registration_cancel(registration=registration)
    registrations = registration_model.objects.filter(user=user)
    for registration in registrations:
        registration.name = placeholder_name
        registration.email = f"deleted-registration-{registration.pk}@anonymised.invalid"
        registration.organisation_name = ""
        registration.dietary_needs = ""
        registration.accessibility_needs = ""
        registration.needs_erased_at = registration.needs_erased_at or now
        registration.save(
            update_fields=[
                "name",
                "email",
                "organisation_name",
                "dietary_needs",
                "accessibility_needs",
                "needs_erased_at",
            ]
        )


def user_sync_admin_access(*, user: User) -> None:
    """Give staff and admins access to the Django admin (and admins every permission),
    and take it away from everyone else, after an admin changed the user's groups."""
    names = set(user.groups.values_list("name", flat=True))
    is_staff = bool(names & {roles.STAFF, roles.ADMIN})
    is_superuser = roles.ADMIN in names
    if (user.is_staff, user.is_superuser) != (is_staff, is_superuser):
        user.is_staff, user.is_superuser = is_staff, is_superuser
        user.save(update_fields=["is_staff", "is_superuser"])
