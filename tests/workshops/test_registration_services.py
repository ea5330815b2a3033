"""Registration services: seats, the waiting list, e-mails, reminders, check-in and erasure."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from aleforetag.core.models import AuditEntry
from tests import factories
from workshops import services
from workshops.models import Participation, Registration

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def open_workshop(db):
    return factories.WorkshopFactory(registration_open=True, capacity=2)


@pytest.fixture(autouse=True)
def _commit_after_each_call(monkeypatch, django_capture_on_commit_callbacks):
    """Run each service's on-commit side effects (the e-mails) when the service returns, as
    its own transaction's commit would in production; the test's transaction never commits."""
    for name in (
        "registration_create",
        "registration_confirm",
        "registration_cancel",
        "workshop_fill_from_waiting_list",
    ):
        monkeypatch.setattr(
            services, name, _committing(getattr(services, name), django_capture_on_commit_callbacks)
        )


def _committing(service, capture):
    def call(**kwargs):
        with capture(execute=True):
            return service(**kwargs)

    return call


def _visitor(workshop, name="Vera Besökare", email="vera@example.se", **extra):
    return services.registration_create(workshop=workshop, name=name, email=email, **extra)


def _link(message, pattern):
    return re.search(rf"http://[^\s]*{pattern}[^\s]*", message.body).group(0)


def test_signed_in_business_owner_gets_a_seat_and_a_calendar_file(open_workshop, business_owner):
    """A signed-in business owner's registration takes a seat at once and is confirmed by
    e-mail with the workshop as an .ics attachment."""
    registration = services.registration_create(
        workshop=open_workshop, user=business_owner, dietary_needs="Vegetarisk"
    )
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.email == business_owner.email
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [business_owner.email]
    assert "plats" in message.subject.lower()
    filename, _content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    assert "/avboka/" in message.body


def test_visitor_holds_no_seat_until_the_e_mail_link_is_confirmed(open_workshop, client):
    """A visitor's registration waits for the e-mailed link; opening it shows a button and
    changes nothing (mail scanners open links), the button takes the seat and sends the
    confirmation with the calendar file."""
    registration = _visitor(open_workshop)
    assert registration.status == Registration.Status.PENDING
    assert len(mail.outbox) == 1 and not mail.outbox[0].attachments
    link = _link(mail.outbox[0], "/anmalan/bekrafta/")
    response = client.get(link)
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert len(mail.outbox) == 1
    response = client.post(link)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert mail.outbox[1].attachments[0][0].endswith(".ics")
    # The link again (opened or its button pressed) changes nothing and sends nothing.
    assert client.get(link).status_code == 302
    client.post(link)
    assert len(mail.outbox) == 2


def test_a_full_workshop_puts_people_on_the_waiting_list(open_workshop, business_owner, other_business_owner):
    """Once every seat is taken, the next registration lands on the waiting list and is told so."""
    factories.RegistrationFactory(workshop=open_workshop)
    factories.RegistrationFactory(workshop=open_workshop)
    registration = services.registration_create(workshop=open_workshop, user=business_owner)
    assert registration.status == Registration.Status.WAITLISTED
    assert "väntelista" in mail.outbox[-1].subject.lower()
    assert not mail.outbox[-1].attachments


def test_cancelling_gives_the_seat_to_the_waiting_list_in_order(open_workshop):
    """When someone with a seat cancels, the first on the waiting list gets it and an
    e-mail; the next cancellation serves the next in line."""
    first_seat = factories.RegistrationFactory(workshop=open_workshop)
    second_seat = factories.RegistrationFactory(workshop=open_workshop)
    now = timezone.now()
    # Created in reverse, so that the order is the queue time and not the row order.
    third = factories.RegistrationFactory(
        workshop=open_workshop, status="waitlisted", queued_at=now + datetime.timedelta(minutes=2)
    )
    second = factories.RegistrationFactory(
        workshop=open_workshop, status="waitlisted", queued_at=now + datetime.timedelta(minutes=1)
    )
    first = factories.RegistrationFactory(workshop=open_workshop, status="waitlisted", queued_at=now)

    promoted = services.registration_cancel(registration=first_seat)
    assert promoted == [first]
    assert {m.to[0] for m in mail.outbox} == {first_seat.email, first.email}
    promoted_mail = next(m for m in mail.outbox if m.to == [first.email])
    assert promoted_mail.attachments[0][0].endswith(".ics")

    assert services.registration_cancel(registration=second_seat) == [second]
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[first.pk] == statuses[second.pk] == "confirmed"
    assert statuses[third.pk] == "waitlisted"
    assert statuses[first_seat.pk] == statuses[second_seat.pk] == "cancelled"


def test_cancelling_from_the_waiting_list_promotes_nobody(open_workshop):
    """Leaving the waiting list frees no seat, so nobody else moves."""
    factories.RegistrationFactory(workshop=open_workshop)
    factories.RegistrationFactory(workshop=open_workshop)
    leaving = factories.RegistrationFactory(workshop=open_workshop, status="waitlisted")
    staying = factories.RegistrationFactory(workshop=open_workshop, status="waitlisted")
    assert services.registration_cancel(registration=leaving) == []
    staying.refresh_from_db()
    assert staying.status == "waitlisted"


def test_one_registration_per_person(open_workshop, business_owner):
    """A second registration by the same user is refused; a visitor repeating an address gets
    an e-mail about the registration that exists and no new row."""
    services.registration_create(workshop=open_workshop, user=business_owner)
    with pytest.raises(services.AlreadyRegistered):
        services.registration_create(workshop=open_workshop, user=business_owner)
    first = _visitor(open_workshop, email="Dubbel@Example.se")
    again = _visitor(open_workshop, email="dubbel@example.se")
    assert again.pk == first.pk
    assert Registration.objects.count() == 2
    assert mail.outbox[-1].to == ["dubbel@example.se"]


def test_registration_is_refused_when_closed(business_owner):
    """Registration is refused when staff have not opened it, after the last day, and once
    the workshop has started."""
    now = timezone.now()
    closed = factories.WorkshopFactory(registration_open=False)
    past_deadline = factories.WorkshopFactory(
        registration_open=True, registration_closes_at=now - datetime.timedelta(hours=1)
    )
    started = factories.WorkshopFactory(
        registration_open=True,
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=1),
    )
    for workshop in (closed, past_deadline, started):
        with pytest.raises(services.RegistrationClosed):
            services.registration_create(workshop=workshop, user=business_owner)
    assert not Registration.objects.exists()


def test_ics_file_parses_with_the_right_start_in_utc_and_stockholm_time(business_owner):
    """The calendar file parses with icalendar; its start is 07.30 Stockholm time (06.30 UTC
    in winter) with TZID Europe/Stockholm and a matching VTIMEZONE."""
    starts = datetime.datetime(2031, 1, 15, 7, 30, tzinfo=STOCKHOLM)
    workshop = factories.WorkshopFactory(
        title="Frukostmöte",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        registration_open=True,
    )
    with time_machine.travel(datetime.datetime(2030, 12, 1, tzinfo=STOCKHOLM)):
        services.registration_create(workshop=workshop, user=business_owner)
    calendar = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert str(event["summary"]) == "Frukostmöte"
    assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert start.astimezone(datetime.UTC) == datetime.datetime(2031, 1, 15, 6, 30, tzinfo=datetime.UTC)
    assert start.astimezone(STOCKHOLM).strftime("%H:%M") == "07:30"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert str(event["attendee"]) == f"MAILTO:{business_owner.email}"


def test_ics_file_uses_summer_time_in_summer(business_owner):
    """A June workshop at 10.00 Stockholm time starts at 08.00 UTC."""
    starts = datetime.datetime(2031, 6, 10, 10, 0, tzinfo=STOCKHOLM)
    workshop = factories.WorkshopFactory(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), registration_open=True
    )
    with time_machine.travel(datetime.datetime(2031, 5, 1, tzinfo=STOCKHOLM)):
        services.registration_create(workshop=workshop, user=business_owner)
    event = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert event.decoded("dtstart").astimezone(datetime.UTC).hour == 8


def test_reminder_goes_out_once_the_day_before(django_capture_on_commit_callbacks):
    """The hourly command reminds everyone with a seat at tomorrow's workshop, once, however
    often it runs; people on the waiting list and other days' workshops get nothing."""
    starts = datetime.datetime(2031, 3, 17, 7, 30, tzinfo=STOCKHOLM)
    tomorrow = factories.WorkshopFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    later = factories.WorkshopFactory(
        starts_at=starts + datetime.timedelta(days=2), ends_at=starts + datetime.timedelta(days=2, hours=2)
    )
    seat = factories.RegistrationFactory(workshop=tomorrow)
    factories.RegistrationFactory(workshop=tomorrow, status="waitlisted")
    factories.RegistrationFactory(workshop=later)
    with time_machine.travel(datetime.datetime(2031, 3, 16, 6, 0, tzinfo=STOCKHOLM)):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_registration_reminders", stdout=None)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_registration_reminders", stdout=None)
    assert [m.to for m in mail.outbox] == [[seat.email]]
    assert "imorgon" in mail.outbox[0].subject.lower()
    assert mail.outbox[0].attachments[0][0].endswith(".ics")
    seat.refresh_from_db()
    assert seat.reminder_sent_at is not None
    assert services.registration_send_reminder(registration_id=seat.pk) is False
    assert len(mail.outbox) == 1


def test_needs_are_erased_after_the_retention_period_and_nothing_else(settings):
    """Needs are kept until the retention period after the workshop has run out, then erased
    by the command; names, statuses and other workshops' needs stay."""
    settings.REGISTRATION_NEEDS_RETENTION_DAYS = 30
    ends = datetime.datetime(2031, 3, 17, 9, 30, tzinfo=STOCKHOLM)
    old = factories.WorkshopFactory(starts_at=ends - datetime.timedelta(hours=2), ends_at=ends)
    newer = factories.WorkshopFactory(
        starts_at=ends + datetime.timedelta(days=20), ends_at=ends + datetime.timedelta(days=20, hours=2)
    )
    erased = factories.RegistrationFactory(
        workshop=old, name="Anna Allergi", dietary_needs="Nötallergi", accessibility_needs="Hörslinga"
    )
    kept = factories.RegistrationFactory(workshop=newer, dietary_needs="Glutenfritt")
    with time_machine.travel(ends + datetime.timedelta(days=29)):
        call_command("erase_registration_needs", stdout=None)
    erased.refresh_from_db()
    assert erased.dietary_needs == "Nötallergi"
    with time_machine.travel(ends + datetime.timedelta(days=31)):
        call_command("erase_registration_needs", stdout=None)
    erased.refresh_from_db()
    kept.refresh_from_db()
    assert (erased.dietary_needs, erased.accessibility_needs) == ("", "")
    assert erased.needs_erased_at is not None
    assert (erased.name, erased.email, erased.status) == ("Anna Allergi", erased.email, "confirmed")
    assert kept.dietary_needs == "Glutenfritt"
    assert AuditEntry.objects.filter(action="registration.erase_needs").count() == 1


def test_check_in_records_attendance_as_participation(staff, business_owner):
    """Checking in creates the workshop's participation record with attended=True, once;
    undoing keeps the record but no longer counts it as attended."""
    workshop = factories.WorkshopFactory()
    group = factories.DiscussionGroupFactory(workshop=workshop)
    visitor = factories.RegistrationFactory(workshop=workshop, name="Vera Besökare", preferred_group=group)
    member = factories.RegistrationFactory(workshop=workshop, user=business_owner, email=business_owner.email)

    participation = services.registration_check_in(registration=visitor, actor=staff)
    services.registration_check_in(registration=visitor, actor=staff)
    services.registration_check_in(registration=member, actor=staff)
    assert Participation.objects.filter(workshop=workshop, attended=True).count() == 2
    assert (participation.name, participation.group, participation.attended) == ("Vera Besökare", group, True)
    assert Participation.objects.get(user=business_owner).role == Participation.Role.BUSINESS_OWNER

    services.registration_undo_check_in(registration=visitor, actor=staff)
    visitor.refresh_from_db()
    assert visitor.checked_in_at is None
    assert Participation.objects.filter(workshop=workshop, attended=True).count() == 1
    assert Participation.objects.filter(workshop=workshop).count() == 2


def test_check_in_reuses_an_existing_participation(staff, business_owner):
    """A user already recorded as a participant is not recorded twice."""
    workshop = factories.WorkshopFactory()
    existing = factories.ParticipationFactory(workshop=workshop, user=business_owner, name="", attended=False)
    registration = factories.RegistrationFactory(
        workshop=workshop, user=business_owner, email=business_owner.email
    )
    assert services.registration_check_in(registration=registration, actor=staff).pk == existing.pk
    existing.refresh_from_db()
    assert existing.attended is True


def test_cancelled_registrations_cannot_be_checked_in(staff):
    """Only people with a seat or a queue place can be checked in."""
    registration = factories.RegistrationFactory(status="cancelled")
    with pytest.raises(ValidationError):
        services.registration_check_in(registration=registration, actor=staff)


def test_raised_capacity_gives_the_new_seats_to_the_waiting_list_in_order(open_workshop, staff):
    """When staff raise the number of seats and fill them, the first on the waiting list get
    them, in order, each with an e-mail; the rest stay in line."""
    factories.RegistrationFactory(workshop=open_workshop)
    factories.RegistrationFactory(workshop=open_workshop)
    now = timezone.now()
    queue = [
        factories.RegistrationFactory(
            workshop=open_workshop, status="waitlisted", queued_at=now + datetime.timedelta(minutes=minutes)
        )
        for minutes in (3, 1, 2)
    ]
    open_workshop.capacity = 4
    open_workshop.save()
    promoted = services.workshop_fill_from_waiting_list(workshop=open_workshop, actor=staff)
    assert promoted == [queue[1], queue[2]]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([queue[1].email, queue[2].email])
    queue[0].refresh_from_db()
    assert queue[0].status == "waitlisted"


def test_a_late_registrant_is_reminded_by_the_next_hourly_run(django_capture_on_commit_callbacks):
    """Someone who takes a seat after the day's first run is reminded by a later run; nobody
    is reminded of a workshop that starts within two hours (the confirmation just went)."""

    def run_reminders():
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_registration_reminders", stdout=None)

    starts = datetime.datetime(2031, 3, 17, 9, 0, tzinfo=STOCKHOLM)
    workshop = factories.WorkshopFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    early = factories.RegistrationFactory(workshop=workshop)
    with time_machine.travel(datetime.datetime(2031, 3, 16, 6, 0, tzinfo=STOCKHOLM)):
        run_reminders()
    late = factories.RegistrationFactory(workshop=workshop)
    with time_machine.travel(datetime.datetime(2031, 3, 16, 20, 0, tzinfo=STOCKHOLM)):
        run_reminders()
    last_minute = factories.RegistrationFactory(workshop=workshop)
    with time_machine.travel(datetime.datetime(2031, 3, 17, 7, 30, tzinfo=STOCKHOLM)):
        run_reminders()
    assert [m.to for m in mail.outbox] == [[early.email], [late.email]]
    last_minute.refresh_from_db()
    assert last_minute.reminder_sent_at is None
