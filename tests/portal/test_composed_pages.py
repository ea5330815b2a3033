"""The pages composed in portal draw in Swedish with every app's part."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_workshop_page_shows_its_parts_in_swedish(client):
    """The workshop page keeps its path and shows the workshop's and follow-ups' parts in Swedish."""
    workshop = factories.WorkshopFactory()
    factories.ConferenceFactory().workshops.add(workshop)
    url = reverse("portal:workshop-detail", args=[workshop.slug])
    assert url == f"/workshoppar/{workshop.slug}/"
    body = client.get(url).content.decode()
    assert "Bordsgrupper" in body and "Detta händer nu" in body


def test_my_influence_and_open_data_are_in_swedish(client_for, business_owner):
    """Mitt inflytande and the open-data page keep their paths and their Swedish."""
    client = client_for(business_owner)
    assert reverse("portal:my-influence") == "/uppfoljning/mitt-inflytande/"
    assert "Mitt inflytande" in client.get(reverse("portal:my-influence")).content.decode()
    assert reverse("portal:open-data") == "/oppna-data/"
    assert "Öppna data" in client.get(reverse("portal:open-data")).content.decode()
