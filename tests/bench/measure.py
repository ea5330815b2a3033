"""Measuring in a benchmark municipality that is built, measured and rolled back."""

from django.db import transaction

from portal.bench import builder


class _RollBack(Exception):
    pass


def measured_at(size, measure):
    """``measure()``'s result in a municipality of ``size`` built in a transaction that is then
    rolled back, so that each test leaves the database as it found it."""
    measured = None
    try:
        with transaction.atomic():
            builder.build(size)
            measured = measure()
            raise _RollBack
    except _RollBack:
        pass
    return measured
