from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

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
    user.groups.add(Group.objects.get(name=roles.BUSINESS_OWNER))
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
