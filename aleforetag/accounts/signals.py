"""Signals of the accounts app, for the apps above it (which the accounts app cannot import)."""

from django.dispatch import Signal

# Sent after commit when an account has confirmed an e-mail address (arguments ``user`` and
# ``email``): the apps above tie to the account what was made with that address without one,
# such as a registration made before the account existed.
email_confirmed = Signal()
