"""The conference form: the web address from the title, linked workshops, the promised date
filled in; and one id per element on the follow-up manage page."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from followups.models import Conference
from tests import factories

pytestmark = pytest.mark.django_db

CREATE = reverse("followups:conference-create")


def _form(**overrides):
    data = {
        "year": "2031",
        "title": "Näringslivsrådet 2031",
        "slug": "",
        "starts_on": "2031-11-20",
        "ends_on": "2031-11-21",
        "place": "Ale",
        "description": "",
        "promised_feedback_date": "",
    }
    data.update(overrides)
    return data


def test_new_conference_form_fills_in_year_and_promised_date(client_for, staff):
    form = client_for(staff).get(CREATE).context["form"]
    year = timezone.localdate().year
    assert form["year"].value() == year
    assert str(form["promised_feedback_date"].value()) == f"{year + 1}-01-31"


def test_address_from_the_title_and_linked_workshops(client_for, staff):
    workshops = factories.WorkshopFactory.create_batch(2)
    response = client_for(staff).post(CREATE, _form(workshops=[w.pk for w in workshops]))
    assert response.status_code == 302
    conference = Conference.objects.get(year=2031)
    assert conference.slug == "naringslivsradet-2031"
    assert set(conference.workshops.all()) == set(workshops)
    assert str(conference.promised_feedback_date) == "2032-01-31"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"slug": "taget"}, "slug", "har redan den här webbadressen"),
        ({"ends_on": "2031-11-01"}, "ends_on", "kan inte sluta innan"),
        ({"year": "2017"}, "year", "finns redan en konferens"),
        ({"title": ""}, "title", "måste fyllas i"),
    ],
)
def test_bad_conference_input_gives_a_field_error_and_changes_nothing(
    client_for, staff, overrides, field, message
):
    factories.ConferenceFactory(year=2017, slug="taget")
    before = Conference.objects.count()
    response = client_for(staff).post(CREATE, _form(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert Conference.objects.count() == before


def test_followup_manage_page_has_unique_ids(client_for, staff):
    """The follow-up form and the answer-text form each carry their version, under their own ids."""
    conference = factories.ConferenceFactory()
    followup = factories.FollowUpFactory(conference=conference, status="decided", decision="Beslut")
    body = client_for(staff).get(reverse("followups:followup-manage", args=[followup.pk])).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', body)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert 'id="id_version"' in body and 'id="id_answer_version"' in body
