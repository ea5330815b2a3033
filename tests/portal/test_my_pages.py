"""Mina sidor and the workshop page's booking state: what a business owner sees of their own."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from aleforetag.accounts.notices import notice_send
from tests import factories

pytestmark = pytest.mark.django_db

MY_PAGES = reverse("portal:my-pages")


def _workshop(**kwargs):
    kwargs.setdefault("capacity", 2)
    return factories.WorkshopFactory(registration_open=True, **kwargs)


def _register(workshop, user=None, status="confirmed", **kwargs):
    fields = {"user": user, "status": status}
    if user is not None:
        fields.update(name=user.full_name, email=user.email)
    fields.update(kwargs)
    return factories.RegistrationFactory(workshop=workshop, **fields)


def _queue(workshop, *users):
    base = timezone.now() - datetime.timedelta(hours=1)
    return [
        _register(workshop, user, status="waitlisted", queued_at=base + datetime.timedelta(minutes=i))
        for i, user in enumerate(users)
    ]


def test_workshop_page_says_you_are_registered_instead_of_the_register_button(client, business_owner):
    """A business owner with a seat reads "Du är anmäld" with the calendar and cancel links,
    not "Anmäl dig" and not the seats-left sentence."""
    workshop = _workshop()
    _register(workshop, business_owner)
    client.force_login(business_owner)
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "Du är anmäld" in html
    assert "Lägg till i kalendern" in html
    assert "Avboka" in html
    assert ">Anmäl dig<" not in html.replace("\n", "").replace("  ", "")
    assert "platser kvar" not in html and "plats kvar" not in html


def test_workshop_page_gives_the_place_in_the_queue(client, business_owner):
    """The third on the waiting list reads "Du står på plats 3 i kön"."""
    workshop = _workshop()
    _register(workshop, factories.BusinessOwnerFactory())
    _register(workshop, factories.BusinessOwnerFactory())
    _queue(workshop, factories.BusinessOwnerFactory(), factories.BusinessOwnerFactory(), business_owner)
    client.force_login(business_owner)
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "Du står på plats 3 i kön" in html
    assert "Lägg till i kalendern" not in html  # no seat, no calendar file


def test_workshop_page_says_the_registration_is_cancelled_and_offers_to_register_again(
    client, business_owner
):
    workshop = _workshop()
    _register(workshop, business_owner, status="cancelled", cancelled_at=timezone.now())
    client.force_login(business_owner)
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "Din anmälan är avbokad" in html
    assert "Anmäl dig igen" in html


def test_workshop_page_of_another_business_owner_shows_the_register_button(client, business_owner):
    """Another business owner's seat is not the reader's: B sees the register button."""
    workshop = _workshop()
    _register(workshop, business_owner)
    client.force_login(factories.BusinessOwnerFactory())
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "Du är anmäld" not in html
    assert "Anmäl dig" in html


def test_a_registration_made_before_the_account_is_shown_on_both_pages(client):
    """A visitor registered with the address the account later confirmed: the booking shows
    on the workshop page and on Mina sidor."""
    workshop = _workshop()
    _register(workshop, None, email="vera@example.se", name="Vera Besökare")
    owner = factories.BusinessOwnerFactory(email="vera@example.se", full_name="Vera Besökare")
    client.force_login(owner)
    assert "Du är anmäld" in client.get(workshop.get_absolute_url()).content.decode()
    html = client.get(MY_PAGES).content.decode()
    assert workshop.title in html
    assert "Du är anmäld" in html


def test_an_unconfirmed_address_does_not_claim_a_visitors_registration(client):
    workshop = _workshop()
    _register(workshop, None, email="vera@example.se", name="Vera Besökare")
    owner = factories.BusinessOwnerFactory(email="vera@example.se", email_confirmed=False)
    client.force_login(owner)
    assert "Du är anmäld" not in client.get(workshop.get_absolute_url()).content.decode()


def test_my_pages_lists_coming_and_past_registrations_in_each_state(client, business_owner):
    """Coming: a seat (with calendar and cancel), a queue place, a cancelled one; past: the
    workshop that ended, without actions."""
    seat = _workshop(title="Frukostmöte")
    _register(seat, business_owner)
    queue = _workshop(title="Lunchträff", capacity=1)
    _register(queue, factories.BusinessOwnerFactory())
    _queue(queue, business_owner)
    cancelled = _workshop(title="Kvällsdialog")
    _register(cancelled, business_owner, status="cancelled")
    past_start = timezone.now() - datetime.timedelta(days=30)
    past = factories.WorkshopFactory(
        title="Höstens workshop", starts_at=past_start, ends_at=past_start + datetime.timedelta(hours=2)
    )
    _register(past, business_owner)
    client.force_login(business_owner)
    response = client.get(MY_PAGES)
    assert response.status_code == 200
    coming = [item.workshop.title for item in response.context["registrations"]["coming"]]
    assert coming == ["Frukostmöte", "Lunchträff", "Kvällsdialog"] or set(coming) == {
        "Frukostmöte",
        "Lunchträff",
        "Kvällsdialog",
    }
    assert [item.workshop.title for item in response.context["registrations"]["past"]] == ["Höstens workshop"]
    html = response.content.decode()
    assert "Du är anmäld" in html
    assert "Du står på plats 1 i kön" in html
    assert "Din anmälan är avbokad" in html
    assert html.count("Lägg till i kalendern") == 1
    assert "Du hade en plats" in html  # the past workshop


def test_my_pages_shows_only_ones_own(client, business_owner):
    """Another business owner's registration, note and notice never show on A's Mina sidor."""
    other = factories.BusinessOwnerFactory()
    _register(_workshop(title="Annans träff"), other)
    factories.NoteFactory(author=other, text="Annans anteckning")
    notice_send(user=other, kind="note_published", key="x:1", params={"title": "Annans träff"})
    client.force_login(business_owner)
    html = client.get(MY_PAGES).content.decode()
    assert "Annans" not in html


def test_notices_and_the_unread_count_then_marked_read(client, business_owner):
    notice_send(user=business_owner, kind="note_published", key="note_published:1", params={"title": "Lunch"})
    notice_send(user=business_owner, kind="note_published", key="note_published:2", params={"title": "Lunch"})
    client.force_login(business_owner)
    html = client.get(MY_PAGES).content.decode()
    assert "Du har 2 olästa meddelanden." in html
    response = client.post(reverse("portal:my-notices-mark-read"))
    assert response.status_code == 302
    business_owner.refresh_from_db()
    assert business_owner.unread_notice_count == 0
    html = client.get(MY_PAGES).content.decode()
    assert "olästa" not in html and "oläst" not in html


@pytest.mark.parametrize("count", [1, 7])
def test_my_pages_query_count_is_the_same_at_two_sizes(
    client, business_owner, django_assert_num_queries, count
):
    """Session and user, notices, registrations, notes, disagreements, counts: fixed, whatever
    the amount."""
    for _ in range(count):
        _register(_workshop(), business_owner)
        factories.NoteFactory(author=business_owner)
        notice_send(user=business_owner, kind="note_published", key=f"n:{_}", params={"title": "T"})
    client.force_login(business_owner)
    with django_assert_num_queries(9):
        assert client.get(MY_PAGES).status_code == 200


def test_navigation_shows_the_unread_count_on_every_page(client, business_owner):
    """The count sits on the "Mina sidor" link of every page, read from the user row (no query
    of its own), and is gone once the notices are read."""
    notice_send(user=business_owner, kind="note_published", key="note_published:1", params={"title": "Lunch"})
    client.force_login(business_owner)
    html = client.get(reverse("home")).content.decode()
    badge = html.split('class="badge rounded-pill nav-count unread-notices">')[1].split("</span></span>")[0]
    assert badge.split("<")[0] == "1"
    assert "oläst meddelande" in badge
    client.post(reverse("portal:my-notices-mark-read"))
    assert "unread-notices" not in client.get(reverse("home")).content.decode()


def test_a_hidden_note_says_why_and_not_that_it_is_being_gone_through(client, business_owner):
    """On Mitt inflytande a hidden note shows its reason, not "goes through all input"."""
    factories.NoteFactory(
        author=business_owner, status="hidden", hidden_reason="Den nämner en enskild person."
    )
    client.force_login(business_owner)
    html = client.get(reverse("portal:my-influence")).content.decode()
    assert "Den nämner en enskild person." in html
    assert "går igenom" not in html
