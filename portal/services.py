"""Writes that span several apps, composed here so that no app below imports a higher one."""

from django.db import transaction

from aleforetag.accounts.models import User
from aleforetag.accounts.services import user_anonymise
from aleforetag.core import outbox
from feedback.services.summaries import disagreements_drop_contact_wish
from followups.services import notices_delete_for_user
from workshops.services import registrations_erase_for_user


@transaction.atomic
def account_erase(*, user: User) -> User:
    """Delete an account by removing every piece of personal data, keeping the input.

    The person's notes and disagreements stay in the dialogue and its follow-ups, shown
    without a name. Guarantees afterwards, all in one transaction: the account row carries
    no name, phone, organisation or real e-mail address and cannot sign in, with no roles
    (``user_anonymise``); coming registrations are cancelled, their seats given on, and no
    registration or participation keeps a name, address or needs; no disagreement asks to
    be contacted; no feedback notice is left; no e-mail to the address is left in the outbox,
    sent or waiting."""
    address = user.email
    user = user_anonymise(user=user)
    disagreements_drop_contact_wish(author=user)
    registrations_erase_for_user(user=user)
    notices_delete_for_user(user=user)
    outbox.forget_address(address)
    return user
