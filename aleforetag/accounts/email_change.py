"""Changing the e-mail address one signs in with: the new address is used only once the link
sent to it is opened, and the old address is told. Until then the old address keeps working."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aleforetag.core.email import absolute_url
from aleforetag.core.outbox import queue_email
from aleforetag.core.tokens import address_digest, address_matches

from .models import User
from .signals import email_confirmed

SALT = "aleforetag.accounts.change-email"


def make_token(user: User, new_email: str) -> str:
    # Keyed digests of the two addresses, never the addresses: links end up in access logs.
    payload = {"id": user.pk, "a": address_digest(user.email), "n": address_digest(new_email)}
    return signing.TimestampSigner(salt=SALT).sign_object(payload)


def read_token(token: str) -> dict:
    """The token's account id with the current (``old``) and pending (``new``) address it was
    made for; ``signing.BadSignature`` (or ``SignatureExpired``) when forged or old, and
    ``User.DoesNotExist`` when either address has changed since."""
    payload = signing.TimestampSigner(salt=SALT).unsign_object(
        token, max_age=settings.ACCOUNT_CONFIRMATION_MAX_AGE
    )
    if "old" in payload:  # a link e-mailed before addresses were left out of them
        return payload
    row = User.objects.filter(pk=payload["id"]).values("email", "pending_email").first()
    if row is None or not (
        row["pending_email"]
        and address_matches(payload, row["email"], legacy_key="old")
        and address_matches({"a": payload["n"]}, row["pending_email"], legacy_key="new")
    ):
        raise User.DoesNotExist
    return {"id": payload["id"], "old": row["email"], "new": row["pending_email"]}


def _address_taken(email: str, user: User) -> bool:
    return User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()


@transaction.atomic
def email_change_request(*, user: User, new_email: str) -> User:
    """Remember ``new_email`` as the account's pending address, e-mail a confirmation link to
    it and a notice to the current address. The account keeps signing in with the current
    address until the link is opened. Raises ``ValidationError`` for the same address."""
    user = User.objects.select_for_update().get(pk=user.pk)
    new_email = User.objects.normalize_email(new_email).strip().lower()
    if new_email == user.email:
        raise ValidationError({"new_email": _("This is already your e-mail address.")})
    user.pending_email = new_email
    user.full_clean(exclude=["password"])
    user.save(update_fields=["pending_email"])
    link = absolute_url(reverse("accounts:email-change-confirm", args=[make_token(user, new_email)]))
    # Whether the new address already has an account is not told here: the link then fails
    # with the same message an expired one gives, so the form cannot probe for accounts.
    queue_email(
        to=new_email,
        template="accounts/email/email_change_confirm",
        context={"user": user, "link": link},
        language=user.language,
    )
    queue_email(
        to=user.email,
        template="accounts/email/email_change_requested",
        context={
            "user": user,
            "new_email": new_email,
            "account_url": absolute_url(reverse("accounts:account")),
            "reset_url": absolute_url(reverse("accounts:password-reset")),
        },
        language=user.language,
    )
    return user


def email_change_for_token(*, token: str) -> User:
    """The account whose change of address the link asks to confirm, without changing it
    (the page the link opens). Raises as ``email_change_confirm`` does."""
    payload = read_token(token)
    user = User.objects.get(
        pk=payload["id"], email=payload["old"], pending_email=payload["new"], anonymised_at__isnull=True
    )
    if _address_taken(payload["new"], user):
        raise ValidationError(_("Another account uses this e-mail address."))
    return user


@transaction.atomic
def email_change_confirm(*, token: str) -> User:
    """Make the pending address the one the account signs in with, confirmed, and tell the
    old address that the change is done. Raises ``signing.BadSignature`` for a forged or
    expired link, ``User.DoesNotExist`` when the account, its address or its pending address
    has changed since the link was sent, and ``ValidationError`` when another account took the
    address in the meantime. Opening the link twice changes nothing the second time."""
    payload = read_token(token)
    user = User.objects.select_for_update().get(
        pk=payload["id"], email=payload["old"], pending_email=payload["new"], anonymised_at__isnull=True
    )
    new_email = payload["new"]
    if _address_taken(new_email, user):
        raise ValidationError(_("Another account uses this e-mail address."))
    old_email = user.email
    user.email = new_email
    user.pending_email = ""
    user.email_confirmed = True
    user.save(update_fields=["email", "pending_email", "email_confirmed"])
    queue_email(
        to=old_email,
        template="accounts/email/email_changed",
        context={"user": user, "old_email": old_email, "new_email": new_email},
        language=user.language,
    )
    transaction.on_commit(lambda: email_confirmed.send(sender=User, user=user, email=new_email))
    return user


@transaction.atomic
def email_change_cancel(*, user: User) -> None:
    """Forget the pending address; a link already sent to it stops working."""
    User.objects.filter(pk=user.pk).exclude(pending_email="").update(pending_email="")
