import uuid

from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from aleforetag.core.email import absolute_url
from aleforetag.core.outbox import queue_email

from . import roles
from .models import User
from .tokens import made_for, make_confirmation_token, read_confirmation_token


def send_confirmation_email(*, user: User) -> None:
    """Put an e-mail with a signed link that confirms the user's address in the outbox."""
    link = absolute_url(reverse("accounts:confirm", args=[make_confirmation_token(user)]))
    queue_email(
        to=user.email,
        template="accounts/email/confirm",
        context={"user": user, "link": link},
        language=user.language,
    )


def send_account_exists_email(*, user: User) -> None:
    """Tell the holder of an account that someone tried to sign up with its address, with
    the ways back in (sign in, choose a new password)."""
    queue_email(
        to=user.email,
        template="accounts/email/account_exists",
        context={
            "user": user,
            "sign_in_link": absolute_url(reverse("accounts:login")),
            "reset_link": absolute_url(reverse("accounts:password-reset")),
        },
        language=user.language,
    )


@transaction.atomic
def business_owner_sign_up(
    *, email: str, full_name: str, password: str, organisation_name: str = "", language: str = "sv"
) -> User | None:
    """Create an unconfirmed business-owner account and record its confirmation e-mail in the
    same transaction (the worker sends it after commit).

    When the address already has an account nothing is created and its holder is e-mailed
    instead (a new confirmation link while it is unconfirmed), so the page answers the same
    whether or not the address has an account. Returns the new account, else None."""
    email = User.objects.normalize_email(email).lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if existing.is_active and existing.email_confirmed:
            send_account_exists_email(user=existing)
        elif existing.is_active:
            send_confirmation_email(user=existing)
        return None
    user = User(
        email=email,
        full_name=full_name,
        organisation_name=organisation_name,
        language=language,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=roles.BUSINESS_OWNER)[0])
    send_confirmation_email(user=user)
    return user


def user_confirm_email(*, token: str) -> User:
    """Mark the address in a valid token as confirmed. Raises ``signing.BadSignature``
    for a forged or expired token and ``User.DoesNotExist`` when the account is gone
    or its address has changed since."""
    payload = read_confirmation_token(token)
    user = User.objects.get(pk=payload["id"], anonymised_at__isnull=True)
    if not made_for(payload, user):
        raise User.DoesNotExist
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
    """Empty the account row of every piece of personal data; the row itself stays.

    The row stays so that the person's notes and disagreements stay in the dialogue and its
    follow-ups, shown without a name. Guarantees afterwards: no name, phone, organisation or
    real e-mail address on the row; no way to sign in (unusable password, inactive); no
    roles; failed-sign-in records for the old address are gone. What the other apps hold
    about the person is erased with it by ``portal.services.account_erase``.
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    user = User.objects.select_for_update().get(pk=user.pk)
    old_email = user.email
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
    user.anonymised_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=old_email).delete()
    return user


def user_sync_admin_access(*, user: User) -> None:
    """Give staff and admins access to the Django admin (and admins every permission),
    and take it away from everyone else, after an admin changed the user's groups."""
    names = set(user.groups.values_list("name", flat=True))
    is_staff = bool(names & {roles.STAFF, roles.ADMIN})
    is_superuser = roles.ADMIN in names
    if (user.is_staff, user.is_superuser) != (is_staff, is_superuser):
        user.is_staff, user.is_superuser = is_staff, is_superuser
        user.save(update_fields=["is_staff", "is_superuser"])
