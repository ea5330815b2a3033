"""Writes that span several apps, composed here so that no app below imports a higher one."""

from django.db import transaction
from django.db.models import Q

from aleforetag.accounts.models import User
from aleforetag.accounts.services import user_anonymise
from aleforetag.core import outbox
from aleforetag.core.services import audit_forget_targets
from feedback.models import Disagreement, Note
from feedback.services.summaries import disagreements_drop_contact_wish
from followups.services import notices_delete_for_user
from workshops.models import Participation, Registration
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
    sent or waiting.

    What was registered under the account's confirmed address before the account existed is
    erased with it, and the person's participations no longer point to their organisation
    (a sole trader's company names the person). The audit log keeps who did what and when,
    but describes the person, their notes, disagreements, registrations and participations
    only by kind and id, never by their text or name."""
    address = user.email
    confirmed = address if user.email_confirmed else ""
    theirs = Q(user=user) | Q(email__iexact=confirmed) if confirmed else Q(user=user)
    described = {
        User: [user.pk],
        Note: list(Note.objects.filter(author=user).values_list("pk", flat=True)),
        Disagreement: list(Disagreement.objects.filter(author=user).values_list("pk", flat=True)),
        Registration: list(Registration.objects.filter(theirs).values_list("pk", flat=True)),
        Participation: list(Participation.objects.filter(theirs).values_list("pk", flat=True)),
    }
    user = user_anonymise(user=user)
    disagreements_drop_contact_wish(author=user)
    registrations_erase_for_user(user=user, email=confirmed)
    notices_delete_for_user(user=user)
    outbox.forget_address(address)
    for model, ids in described.items():
        audit_forget_targets(model=model, ids=ids)
    return user
