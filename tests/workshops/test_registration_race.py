"""Two people racing for the last seat, each on their own database connection."""

import contextlib
import threading

import pytest
from django.db import connection, connections

from tests import factories
from workshops import services
from workshops.models import Registration

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: SQLite runs one writer at a time, so two connections cannot race there.",
    ),
]


def test_two_registrations_race_for_the_last_seat():
    """Two signed-in business owners register for the last seat at the same moment on two
    connections: exactly one gets it and the other lands on the waiting list."""
    workshop = factories.WorkshopFactory(registration_open=True, capacity=3)
    factories.RegistrationFactory(workshop=workshop)
    factories.RegistrationFactory(workshop=workshop)
    racers = [factories.BusinessOwnerFactory(), factories.BusinessOwnerFactory()]
    start = threading.Barrier(len(racers))
    errors = []

    def register(user):
        try:
            start.wait(timeout=10)
            services.registration_create(workshop=workshop, user=user)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(user,)) for user in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    statuses = sorted(Registration.objects.filter(user__in=racers).values_list("status", flat=True))
    assert statuses == ["confirmed", "waitlisted"]
    assert Registration.objects.confirmed().filter(workshop=workshop).count() == 3


def test_second_racer_waits_until_the_first_has_committed(monkeypatch):
    """The workshop row lock keeps the two racers out of the seat count at the same time:
    both try to meet inside it, and since the second waits on the lock until the first has
    committed, they never meet. Without the lock they would both count one free seat."""
    workshop = factories.WorkshopFactory(registration_open=True, capacity=1)
    racers = [factories.BusinessOwnerFactory(), factories.BusinessOwnerFactory()]
    inside = threading.Barrier(len(racers))
    take_seat = services._take_seat_or_queue
    errors = []

    def take_seat_and_wait_for_the_other(registration, *, now):
        take_seat(registration, now=now)
        with contextlib.suppress(threading.BrokenBarrierError):
            inside.wait(timeout=2)

    def register(user):
        try:
            services.registration_create(workshop=workshop, user=user)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    monkeypatch.setattr(services, "_take_seat_or_queue", take_seat_and_wait_for_the_other)
    threads = [threading.Thread(target=register, args=(user,)) for user in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert inside.broken, "both racers were counting seats at the same time"
    assert sorted(Registration.objects.values_list("status", flat=True)) == ["confirmed", "waitlisted"]
