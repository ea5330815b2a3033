"""Staff keep the themes and topics in the portal (issue 16: staff need the admin for nothing):
add and rename them, with the web address made from the Swedish name and kept once made; bad
input is named next to its field, keeps what was typed and stores nothing."""

import pytest
from django.urls import reverse

from aleforetag.core.models import AuditEntry
from feedback.models import Theme, Topic
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("feedback:theme-list")


def test_staff_add_a_theme_whose_address_is_made_from_its_name(client_for, staff):
    response = client_for(staff).post(
        reverse("feedback:theme-create"),
        {"name_sv": "Kompetensförsörjning", "name_en": "Skills supply", "slug": "", "order": "4"},
    )
    theme = Theme.objects.get(name_sv="Kompetensförsörjning")
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}#theme-{theme.pk}"
    assert (theme.slug, theme.name_en) == ("kompetensforsorjning", "Skills supply")
    assert AuditEntry.objects.filter(action="theme.create", actor=staff).count() == 1
    page = client_for(staff).get(LIST).content.decode()
    assert "Kompetensförsörjning" in page and "Inte på någon anteckning än." in page


def test_a_new_topic_under_a_theme_is_offered_when_a_note_is_written(client_for, staff, business_owner):
    theme = factories.theme("samarbete")
    form = client_for(staff).get(reverse("feedback:topic-create"), {"tema": theme.pk}).content.decode()
    assert f'<option value="{theme.pk}" selected>' in form
    response = client_for(staff).post(
        reverse("feedback:topic-create"),
        {"theme": theme.pk, "name_sv": "Lärlingsplatser", "name_en": "Apprenticeships", "order": "9"},
    )
    topic = Topic.objects.get(name_sv="Lärlingsplatser")
    assert response.status_code == 302 and (topic.theme, topic.slug) == (theme, "larlingsplatser")
    workshop = factories.WorkshopFactory(status="published")
    note_form = client_for(business_owner).get(reverse("feedback:note-create", args=[workshop.slug]))
    assert "Lärlingsplatser" in note_form.content.decode()


def test_renaming_keeps_the_address(client_for, staff):
    theme = factories.theme("samarbete")
    response = client_for(staff).post(
        reverse("feedback:theme-update", args=[theme.pk]),
        {"name_sv": "Samverkan", "name_en": "Cooperation", "slug": "nagot-annat", "order": "3"},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.name_sv, theme.slug) == ("Samverkan", "samarbete")
    assert AuditEntry.objects.filter(action="theme.update").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name_sv": "", "name_en": "Skills"}, "name_sv", "Detta fält måste fyllas i."),
        ({"name_sv": "Samarbete", "name_en": "Skills"}, "name_sv", "finns redan"),
        ({"name_sv": "Nytt tema", "slug": "samarbete"}, "slug", "finns redan"),
        ({"name_sv": "!!!", "name_en": "Skills"}, "slug", "Skriv en webbadress"),
        ({"name_sv": "Nytt tema", "order": "-1"}, "order", "större än eller lika med 0"),
    ],
)
def test_bad_theme_input_is_named_at_its_field_keeps_the_text_and_stores_nothing(
    client_for, staff, data, field, message
):
    before = (Theme.objects.count(), AuditEntry.objects.count())
    response = client_for(staff).post(reverse("feedback:theme-create"), {"order": "0", **data})
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert 'value="Skills"' in response.content.decode() or "name_en" not in data
    assert (Theme.objects.count(), AuditEntry.objects.count()) == before


def test_a_topic_needs_a_theme_and_a_free_name(client_for, staff):
    before = Topic.objects.count()
    taken = factories.topic().name_sv
    response = client_for(staff).post(reverse("feedback:topic-create"), {"name_sv": taken, "order": "1"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"theme", "name_sv"}
    assert Topic.objects.count() == before


@pytest.mark.parametrize("extra_topics", [0, 30])
def test_the_list_takes_the_same_queries_at_two_sizes(
    client_for, staff, django_assert_num_queries, extra_topics
):
    theme = factories.theme()
    for number in range(extra_topics):
        Topic.objects.create(theme=theme, slug=f"amne-{number}", name_sv=f"Ämne {number}", order=number)
    factories.NoteFactory.create_batch(3, topics=list(Topic.objects.all()[:5]))
    client = client_for(staff)
    client.get(LIST)
    # The frame (session, user, roles, site settings, the staff menu's inbox count), the themes
    # with their note counts and the topics with theirs.
    with django_assert_num_queries(7):
        response = client.get(LIST)
    assert response.status_code == 200
