"""The workshop page is cached for visitors under the data versions of every table it reads:
each kind of write it shows, and time reaching one of its moments, shows at the next request."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from aleforetag.accounts.models import User
from aleforetag.core import pagecache
from aleforetag.core.models import SiteSettings
from feedback.models import Disagreement, SummaryPoint
from tests import factories
from tests.feedback.summary_helpers import fast_published_summary
from workshops import views
from workshops.models import DiscussionGroup, Registration, Workshop

pytestmark = pytest.mark.django_db


def _main(client, workshop) -> str:
    page = client.get(workshop.get_absolute_url()).content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_every_write_the_page_shows_reaches_the_next_visitor(client, staff, django_assert_num_queries):
    workshop = factories.WorkshopFactory(capacity=10, registration_open=True, title="Lunch med styrelsen")
    summary = fast_published_summary(workshop=workshop, theme_slug="samarbete", points=1, checker=staff)
    point = summary.points.get()
    group = factories.DiscussionGroupFactory(workshop=workshop, name="Bord A")
    assert "Bord A" in _main(client, workshop)
    with django_assert_num_queries(2):  # served from the cache: data versions, the frame
        _main(client, workshop)

    Workshop.objects.filter(pk=workshop.pk).update(venue="Medborgarhuset Alafors")
    assert "Medborgarhuset Alafors" in _main(client, workshop)
    assert "10 platser kvar" in _main(client, workshop)
    factories.RegistrationFactory(workshop=workshop)
    assert "9 platser kvar" in _main(client, workshop)
    Registration.objects.filter(workshop=workshop).update(status=Registration.Status.CANCELLED)
    assert "10 platser kvar" in _main(client, workshop)
    DiscussionGroup.objects.filter(pk=group.pk).update(name="Bord B")
    assert "Bord B" in _main(client, workshop)
    SummaryPoint.objects.filter(pk=point.pk).update(text="Snabbare bygglov")
    assert "Snabbare bygglov" in _main(client, workshop)
    assert "0 personer håller inte med" in _main(client, workshop)
    factories.DisagreementFactory(point=point)
    assert "1 person håller inte med" in _main(client, workshop)
    Disagreement.objects.filter(point=point).update(status=Disagreement.Status.WITHDRAWN)
    assert "0 personer håller inte med" in _main(client, workshop)
    note = point.notes.get()
    assert "Bygger på 1 anteckning" in _main(client, workshop)
    point.notes.remove(note)  # the m2m table
    assert "Bygger på 0 anteckningar" in _main(client, workshop)
    User.objects.filter(pk=staff.pk).update(full_name="Kim Granskare")
    assert "Kim Granskare" in _main(client, workshop)
    conference = factories.ConferenceFactory(title="Näringslivsrådets konferens 2031")
    assert "Näringslivsrådets konferens 2031" not in _main(client, workshop)
    conference.workshops.add(workshop)
    assert "Näringslivsrådets konferens 2031" in _main(client, workshop)
    settings = SiteSettings.load()
    SiteSettings.objects.filter(pk=settings.pk).update(phone="0303-99 99 99")
    assert "0303-99 99 99" in _main(client, workshop)
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.DRAFT)
    assert client.get(workshop.get_absolute_url()).status_code == 404


def test_a_login_does_not_draw_the_page_afresh(client, staff, django_assert_num_queries):
    """Only the columns a page shows bump the users' version: a login or new password does not."""
    workshop = factories.WorkshopFactory()
    _main(client, workshop)
    User.objects.filter(pk=staff.pk).update(last_login=timezone.now(), password="x")
    with django_assert_num_queries(2):
        _main(client, workshop)


def test_time_passing_a_moment_of_the_workshop_draws_it_afresh(client):
    """Registration closing and the notes window ending change the page without any write."""
    now = timezone.now()
    workshop = factories.WorkshopFactory(
        registration_open=True,
        registration_closes_at=now + datetime.timedelta(days=1),
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=2),
        notes_open_until=now + datetime.timedelta(days=5),
    )
    assert "Anmäl dig" in _main(client, workshop)
    with time_machine.travel(now + datetime.timedelta(days=2)):
        assert "Anmäl dig" not in _main(client, workshop)
        assert "Anmälan är stängd" in _main(client, workshop)
        assert "Lämna en anteckning" in _main(client, workshop)
    with time_machine.travel(now + datetime.timedelta(days=6)):
        assert "Lämna en anteckning" not in _main(client, workshop)


def test_visitors_and_signed_in_users_never_share_a_page(client, client_for, business_owner, staff):
    workshop = factories.WorkshopFactory()
    fast_published_summary(workshop=workshop, theme_slug="samarbete", points=1, checker=staff)
    assert "Logga in" in _main(client, workshop)
    owner_page = _main(client_for(business_owner), workshop)
    assert "Varför håller du inte med?" in owner_page
    staff_page = _main(client_for(staff), workshop)
    assert "Skriv en sammanfattning av workshoppen" in staff_page
    assert "Skriv en sammanfattning av workshoppen" not in _main(client, workshop)


def test_every_table_the_page_reads_keeps_a_data_version():
    """A table without a trigger would let the cache serve a stale page; it fails loudly."""
    assert pagecache.data_versions(views.WORKSHOP_PAGE_TABLES)
    with pytest.raises(LookupError, match="feedback_notice"):
        pagecache.data_versions(["feedback_note", "feedback_notice"])


def test_data_versions_change_with_a_write_in_one_query(django_assert_num_queries):
    before = pagecache.data_versions(["workshops_registration"])
    factories.RegistrationFactory()
    with django_assert_num_queries(1):
        after = pagecache.data_versions(["workshops_registration"])
    assert after != before
    assert connection.vendor in {"sqlite", "postgresql"}
