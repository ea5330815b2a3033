""" "Håller du inte med?": business owners disagree with a published point, once per point,
may withdraw while it is open; staff and politicians read the texts."""

import pytest
from django.urls import reverse

from aleforetag.core.models import AuditEntry
from feedback.models import Disagreement
from tests import factories

from .summary_helpers import draft_summary, published_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def point(workshop, staff, other_staff):
    summary = published_summary(workshop=workshop, editor=staff, checker=other_staff, points=2)
    return summary.points.order_by("order").first()


def _disagree(client, point, text="Så menade vi inte alls.", wants_contact=False):
    data = {"text": text}
    if wants_contact:
        data["wants_contact"] = "on"
    return client.post(reverse("feedback:disagreement-create", args=[point.pk]), data)


def test_business_owner_disagrees_and_the_count_on_the_point_becomes_one(client_for, point, business_owner):
    """A valid disagreement is saved with the wish for contact, the owner returns to the point,
    and the public page counts it."""
    client = client_for(business_owner)
    response = _disagree(client, point, wants_contact=True)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#punkt-{point.pk}")
    disagreement = Disagreement.objects.get()
    assert (disagreement.author, disagreement.wants_contact, disagreement.status) == (
        business_owner,
        True,
        "open",
    )
    assert AuditEntry.objects.filter(action="disagreement.create").exists()
    html = client_for(None).get(point.summary.workshop.get_absolute_url()).content.decode()
    assert "1 person håller inte med" in html


def test_empty_disagreement_is_refused_next_to_the_field(client_for, point, business_owner):
    """An empty text is refused with a message by the field and nothing is saved."""
    response = _disagree(client_for(business_owner), point, text="   ")
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert not Disagreement.objects.exists()


def test_too_long_disagreement_is_refused_and_the_text_kept(client_for, point, business_owner):
    """More than 2,000 characters is refused with a message, and the typed text stays in the form."""
    text = "å" * 2001
    response = _disagree(client_for(business_owner), point, text=text)
    html = response.content.decode()
    assert response.status_code == 400
    assert "har som mest 2000 tecken (den har 2001)" in html
    assert text in html
    assert not Disagreement.objects.exists()


def test_disagreeing_with_a_draft_is_refused(client_for, workshop, staff, business_owner):
    """A point of an unpublished summary cannot be disagreed with, and its text is not shown."""
    summary = draft_summary(workshop=workshop, editor=staff, theme_slug="samarbete")
    point = summary.points.get()
    response = _disagree(client_for(business_owner), point)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Du kan bara invända mot en publicerad sammanfattning." in html
    assert point.text not in html
    assert not Disagreement.objects.exists()
    assert (
        client_for(business_owner).get(reverse("feedback:disagreement-create", args=[point.pk])).status_code
        == 404
    )


def test_second_disagreement_on_the_same_point_is_refused(client_for, point, business_owner):
    """One open disagreement per person and point: the second is refused with a message."""
    client = client_for(business_owner)
    _disagree(client, point)
    response = _disagree(client, point, text="En gång till.")
    assert response.status_code == 400
    assert "Du har redan sagt att du inte håller med om den här punkten" in response.content.decode()
    assert Disagreement.objects.count() == 1


def test_another_point_and_another_person_are_fine(client_for, point, business_owner, other_business_owner):
    """The one-per-point rule is per person and per point."""
    other_point = point.summary.points.exclude(pk=point.pk).get()
    assert _disagree(client_for(business_owner), point).status_code == 302
    assert _disagree(client_for(business_owner), other_point).status_code == 302
    assert _disagree(client_for(other_business_owner), point).status_code == 302
    assert Disagreement.objects.count() == 3


def test_author_withdraws_an_open_disagreement_and_may_write_again(client_for, point, business_owner):
    """Withdrawing keeps the row marked withdrawn, removes it from the count, and frees the point."""
    client = client_for(business_owner)
    _disagree(client, point)
    disagreement = Disagreement.objects.get()
    page = client.get(point.summary.workshop.get_absolute_url()).content.decode()
    assert "Ta tillbaka min invändning" in page
    response = client.post(reverse("feedback:disagreement-withdraw", args=[disagreement.pk]))
    assert response.status_code == 302
    disagreement.refresh_from_db()
    assert disagreement.status == "withdrawn"
    public = client_for(None).get(point.summary.workshop.get_absolute_url()).content.decode()
    # A count of nobody is not written out as a sentence.
    assert "håller inte med" not in public
    assert _disagree(client, point, text="Ny formulering.").status_code == 302


def test_only_an_open_disagreement_can_be_withdrawn(client_for, point, business_owner):
    """A disagreement already taken into a follow-up cannot be withdrawn (403)."""
    disagreement = factories.DisagreementFactory(point=point, author=business_owner, status="in_followup")
    response = client_for(business_owner).post(
        reverse("feedback:disagreement-withdraw", args=[disagreement.pk])
    )
    assert response.status_code == 403
    disagreement.refresh_from_db()
    assert disagreement.status == "in_followup"


def test_anonymous_visitor_is_offered_sign_in_or_the_contact_centre(client_for, point):
    """Without an account the point offers sign-in (back to the point) and the contact centre."""
    html = client_for(None).get(point.summary.workshop.get_absolute_url()).content.decode()
    assert "Håller du inte med?" in html
    assert f"/konto/logga-in/?next=/workshoppar/{point.summary.workshop.slug}/%23punkt-{point.pk}" in html
    assert "kontaktcenter: 0303-33 00 00, kommun@ale.se" in html
    assert 'name="text"' not in html


def test_business_owner_sees_the_form_staff_do_not(client_for, point, business_owner, staff):
    """The form is shown to business owners; staff get a link to read the disagreements instead."""
    url = point.summary.workshop.get_absolute_url()
    owner_html = client_for(business_owner).get(url).content.decode()
    assert f'action="{reverse("feedback:disagreement-create", args=[point.pk])}"' in owner_html
    assert 'maxlength="2000"' in owner_html
    staff_html = client_for(staff).get(url).content.decode()
    assert "disagreement-create" not in staff_html and "Läs invändningarna" in staff_html


def test_staff_see_texts_and_contact_politicians_see_texts_only(client_for, point, staff, politician):
    """Staff and politicians read the texts; only staff see the e-mail of someone who wants contact."""
    disagreement = factories.DisagreementFactory(
        point=point, text="Vi menade något annat.", wants_contact=True
    )
    url = reverse("feedback:disagreement-list")
    staff_html = client_for(staff).get(url).content.decode()
    assert "Vi menade något annat." in staff_html and disagreement.author.email in staff_html
    politician_html = client_for(politician).get(url).content.decode()
    assert "Vi menade något annat." in politician_html
    assert disagreement.author.email not in politician_html
    assert "Vill bli kontaktad" in politician_html


def test_withdrawn_disagreements_are_not_listed(client_for, point, staff):
    """Withdrawn disagreements are kept in the database but not shown in the list."""
    factories.DisagreementFactory(point=point, text="Tillbakadragen text", status="withdrawn")
    assert (
        "Tillbakadragen text"
        not in client_for(staff).get(reverse("feedback:disagreement-list")).content.decode()
    )
