"""Background work for registrations, run by Django's tasks framework."""

from django.tasks import task

from . import services
from .emails import send_registration_email as _send
from .models import Registration


@task
def send_registration_email(registration_id: int, kind: str) -> bool:
    """Send one registration e-mail; a registration deleted in the meantime gets none."""
    registration = Registration.objects.select_related("workshop").filter(pk=registration_id).first()
    if registration is None:
        return False
    _send(registration=registration, kind=kind)
    return True


@task
def send_registration_reminder(registration_id: int) -> bool:
    """Send the day-before reminder, at most once per registration."""
    return services.registration_send_reminder(registration_id=registration_id)
