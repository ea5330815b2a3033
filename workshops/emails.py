"""The registration e-mails, each in the registrant's language; seats come with a calendar file."""

from django.urls import reverse

from aleforetag.core.email import absolute_url
from aleforetag.core.outbox import queue_email

from . import tokens
from .calendar import workshop_ics

# Which e-mails carry the workshop as an .ics attachment: those that give or remind of a seat.
WITH_CALENDAR = {"confirmed", "promoted", "reminder"}
KINDS = {"confirm", "confirmed", "waitlisted", "promoted", "cancelled", "already", "reminder"}
# Which e-mails tell of an event that happens once per registration: recorded under a key, so
# a task or command that runs twice e-mails once. The others answer a request made again.
ONCE = {"confirmed", "waitlisted", "promoted", "cancelled", "reminder"}


def registration_links(registration) -> dict:
    """The personal links of a registration, as absolute URLs."""
    manage = tokens.make_manage_token(registration)
    return {
        "manage_link": absolute_url(reverse("workshops:registration-detail", args=[manage])),
        "cancel_link": absolute_url(reverse("workshops:registration-cancel", args=[manage])),
        "ics_link": absolute_url(reverse("workshops:registration-ics", args=[manage])),
        "workshop_link": absolute_url(registration.workshop.get_absolute_url()),
    }


def queue_registration_email(*, registration, kind: str) -> None:
    """Put one of the registration e-mails (``KINDS``) to the registrant in the outbox."""
    if kind not in KINDS:
        raise ValueError(kind)
    context = {
        "registration": registration,
        "workshop": registration.workshop,
        **registration_links(registration),
    }
    if kind == "confirm":
        context["confirm_link"] = absolute_url(
            reverse("workshops:registration-confirm", args=[tokens.make_confirmation_token(registration)])
        )
    attachments = ()
    if kind in WITH_CALENDAR:
        attachments = (
            (
                f"{registration.workshop.slug}.ics",
                workshop_ics(workshop=registration.workshop, registration=registration),
                "text/calendar",
            ),
        )
    queue_email(
        to=registration.email,
        template=f"workshops/email/registration_{kind}",
        context=context,
        language=registration.language,
        attachments=attachments,
        key=f"registration:{registration.pk}:{kind}" if kind in ONCE else None,
    )
