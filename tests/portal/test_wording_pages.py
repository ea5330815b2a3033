"""Wording on the public pages: no sentence for a count of nobody, internal labels kept from
the public, and the Mina sidor unread count in both languages."""

import pytest
from django.urls import reverse

from aleforetag.accounts.notices import notice_send
from tests import factories

pytestmark = pytest.mark.django_db


def test_notes_page_does_not_show_the_internal_source_to_the_public(client):
    note = factories.NoteFactory(source="paper")
    factories.NoteFactory(workshop=note.workshop, source="browser")
    html = client.get(reverse("feedback:note-list", args=[note.workshop.slug])).content.decode()
    assert note.text in html
    assert "Papperslapp" not in html and "Webbläsare" not in html


@pytest.mark.parametrize(
    ("language", "count", "expected", "absent"),
    [
        ("sv", 0, None, "oläst"),
        ("sv", 1, "Du har 1 oläst meddelande.", "1 olästa"),
        ("sv", 2, "Du har 2 olästa meddelanden.", None),
        ("en", 0, None, "unread notice"),
        ("en", 1, "You have 1 unread notice.", "1 unread notices"),
        ("en", 2, "You have 2 unread notices.", None),
    ],
)
def test_unread_count_on_my_pages(client, business_owner, settings, language, count, expected, absent):
    for n in range(count):
        notice_send(user=business_owner, kind="note_published", key=f"k{n}", params={"title": "T"})
    client.force_login(business_owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("portal:my-pages"), headers={"accept-language": language}).content.decode()
    if expected:
        assert expected in html
    if absent:
        assert absent not in html
