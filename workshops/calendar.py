"""iCalendar (.ics) files for workshops, in Stockholm time with its VTIMEZONE."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from aleforetag.core.email import absolute_url

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def workshop_ics(*, workshop, registration=None) -> bytes:
    """An iCalendar file with one event for the workshop; start and end carry
    ``TZID=Europe/Stockholm`` and the file includes the matching VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", "-//Ale kommun//Ale foretagsklimat//SV")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")

    event = Event()
    event.add("uid", f"workshop-{workshop.pk}@aleforetag")
    event.add("summary", workshop.title)
    event.add("dtstart", workshop.starts_at.astimezone(STOCKHOLM))
    event.add("dtend", workshop.ends_at.astimezone(STOCKHOLM))
    event.add("dtstamp", timezone.now())
    event.add("location", workshop.venue)
    url = absolute_url(workshop.get_absolute_url())
    event.add("url", url)
    description = "\n\n".join(part for part in (workshop.invitation_text, workshop.description, url) if part)
    event.add("description", description)
    organizer = vCalAddress("MAILTO:" + _address(settings.DEFAULT_FROM_EMAIL))
    organizer.params["cn"] = vText(workshop.host)
    event["organizer"] = organizer
    if registration is not None:
        attendee = vCalAddress("MAILTO:" + registration.email)
        attendee.params["cn"] = vText(registration.name)
        attendee.params["partstat"] = vText("ACCEPTED")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    # The VTIMEZONE covers the years around the event, which keeps the file small.
    year = workshop.starts_at.astimezone(STOCKHOLM).year
    calendar.add_missing_timezones(
        first_date=datetime.date(year - 1, 1, 1), last_date=datetime.date(year + 2, 1, 1)
    )
    return calendar.to_ical()


def _address(from_email: str) -> str:
    if "<" in from_email:
        return from_email.split("<", 1)[1].rstrip(">").strip()
    return from_email
