"""What the workshops app does when something happens to an account (the accounts app below
cannot call it): registrations made with an address become the account's once it is confirmed."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from aleforetag.accounts.signals import email_confirmed

from .services import registrations_attach_to_user


@receiver(email_confirmed, dispatch_uid="workshops.attach_on_email_confirmed")
def attach_on_email_confirmed(sender, user, **kwargs):
    registrations_attach_to_user(user=user)


@receiver(user_logged_in, dispatch_uid="workshops.attach_on_sign_in")
def attach_on_sign_in(sender, user, **kwargs):
    # Signing in is the first thing after confirming the address at sign-up.
    registrations_attach_to_user(user=user)
