"""Mina sidor and the account's own pages in a browser, full of data: at 1366 px and at 390 px
each passes axe (no serious or critical violation), does not scroll sideways, and is kept as a
screenshot."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from aleforetag.accounts.notices import notice_send
from tests import factories
from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = [
    ("/mina-sidor/", "Mina sidor"),
    ("/konto/", "Mitt konto"),
    ("/konto/e-post/", "Byt e-postadress"),
    ("/konto/meddelanden/", "E-post om meddelanden"),
    ("/konto/losenord/byt/", "Byt lösenord"),
    ("/konto/mina-uppgifter/", "Dina uppgifter"),
]


def _owner_with_everything():
    owner = factories.BusinessOwnerFactory(full_name="Karin Företagare", email="karin.foretagare@example.se")
    now = timezone.now()
    seat = factories.WorkshopFactory(title="Frukostmöte om skyltning och vägvisning i Nödinge", capacity=5)
    factories.RegistrationFactory(workshop=seat, user=owner, email=owner.email, name=owner.full_name)
    full = factories.WorkshopFactory(
        title="Lunch med kommunstyrelsen",
        capacity=1,
        starts_at=now + datetime.timedelta(days=20),
        ends_at=now + datetime.timedelta(days=21, hours=3),
    )
    factories.RegistrationFactory(workshop=full)
    for minutes, person in enumerate(
        [factories.BusinessOwnerFactory(), factories.BusinessOwnerFactory(), owner]
    ):
        factories.RegistrationFactory(
            workshop=full,
            status="waitlisted",
            queued_at=now + datetime.timedelta(minutes=minutes),
            **({"user": owner, "email": owner.email, "name": owner.full_name} if person == owner else {}),
        )
    cancelled = factories.WorkshopFactory(title="Kvällsdialog")
    factories.RegistrationFactory(workshop=cancelled, user=owner, email=owner.email, status="cancelled")
    past = factories.WorkshopFactory(
        title="Höstens workshop 2025",
        starts_at=now - datetime.timedelta(days=60),
        ends_at=now - datetime.timedelta(days=60, hours=-2),
    )
    factories.RegistrationFactory(workshop=past, user=owner, email=owner.email)
    factories.NoteFactory(
        author=owner, workshop=seat, text="Skyltningen till industriområdet behöver ses över."
    )
    factories.NoteFactory(
        author=owner, workshop=seat, status="hidden", hidden_reason="Anteckningen nämner en enskild person."
    )
    factories.DisagreementFactory(author=owner, text="En kväll räcker inte, vi behöver e-tjänster.")
    notice_send(
        user=owner, kind="note_published", key="a", params={"title": seat.title}, link=seat.get_absolute_url()
    )
    notice_send(
        user=owner,
        kind="note_hidden",
        key="b",
        params={"title": seat.title, "reason": "Anteckningen nämner en enskild person."},
    )
    return owner, full


@pytest.mark.parametrize("width", [1366, 390])
def test_my_pages_and_account_pages_are_accessible_and_fit(live_server, page, width, console_errors):
    owner, full = _owner_with_everything()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, owner)
    for path, heading in PAGES:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
        scroll_width, window_width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= window_width, f"{path} scrolls sideways at {width} px"
        screenshot(page, f"my-pages-{path.strip('/').replace('/', '-')}-{width}")
    page.goto(live_server.url + full.get_absolute_url())
    expect(page.locator(".registration-section")).to_contain_text("Du står på plats 3 i kön")
    assert_accessible(page)
    screenshot(page, f"my-pages-workshop-queue-{width}")
    assert console_errors == []
