"""The staff summary pages: the editor with its note picker, refused stale saves, the check,
history and comparison; and the public pages with "Vad vi hörde"."""

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Summary
from feedback.services import summaries as services
from tests import factories

from .summary_helpers import draft_summary, published_summary

pytestmark = pytest.mark.django_db


def _editor_data(summary, points, *, version=None, introduction="Inledning", action="save", **extra):
    """POST data of the editor: ``points`` is a list of (id or None, text, order, note ids)."""
    data = {
        "action": action,
        "version": str(version if version is not None else summary.version),
        "introduction": introduction,
        "filter-theme": "",
        "filter-topic": "",
        "filter-group": "",
        "filter-q": "",
        "points-TOTAL_FORMS": str(len(points)),
        "points-INITIAL_FORMS": str(sum(1 for p in points if p[0])),
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "100",
    }
    for index, (pk, text, order, note_ids) in enumerate(points):
        data[f"points-{index}-id"] = str(pk or "")
        data[f"points-{index}-text"] = text
        data[f"points-{index}-order"] = str(order)
        data[f"points-{index}-notes"] = [str(n) for n in note_ids]
    data.update(extra)
    return data


def test_editor_saves_points_citing_notes_and_records_a_version(client_for, workshop, staff):
    """Saving the editor stores the introduction and points with their notes, one new version."""
    summary = draft_summary(workshop=workshop, editor=staff, points=0)
    notes = factories.NoteFactory.create_batch(3, workshop=workshop)
    response = client_for(staff).post(
        reverse("feedback:summary-edit", args=[summary.pk]),
        _editor_data(summary, [(None, "Längre öppettider", 1, [n.pk for n in notes])]),
    )
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.version == 2
    assert summary.introduction == "Inledning"
    assert set(summary.points.get().notes.all()) == set(notes)
    assert summary.revisions.count() == 2


def test_editor_offers_notes_filtered_by_text_and_keeps_typed_text(client_for, workshop, staff):
    """The filter button narrows the picker, saves nothing and keeps what was typed."""
    summary = draft_summary(workshop=workshop, editor=staff, points=0)
    factories.NoteFactory(workshop=workshop, text="Längre öppettider vore bra")
    factories.NoteFactory(workshop=workshop, text="Parkeringen saknas")
    data = _editor_data(summary, [(None, "Min osparade punkt", 1, [])], action="filter")
    data["filter-q"] = "öppettider"
    response = client_for(staff).post(reverse("feedback:summary-edit", args=[summary.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Längre öppettider vore bra" in html
    assert "Parkeringen saknas" not in html
    assert "Min osparade punkt" in html
    summary.refresh_from_db()
    assert summary.version == 1


def test_editor_picker_filters_by_group_and_topic(client_for, workshop, staff):
    """Choosing a group and a topic shows only the notes of that group with that topic."""
    summary = draft_summary(workshop=workshop, editor=staff, points=0)
    table = factories.DiscussionGroupFactory(workshop=workshop)
    factories.NoteFactory(workshop=workshop, group=table, topics=[factories.topic("oppettider")], text="Rätt")
    factories.NoteFactory(workshop=workshop, group=table, text="Fel ämne")
    factories.NoteFactory(workshop=workshop, topics=[factories.topic("oppettider")], text="Fel grupp")
    data = _editor_data(summary, [(None, "", "", [])], action="filter")
    data["filter-group"] = str(table.pk)
    data["filter-topic"] = str(factories.topic("oppettider").pk)
    html = client_for(staff).post(reverse("feedback:summary-edit", args=[summary.pk]), data).content.decode()
    assert "Rätt" in html and "Fel ämne" not in html and "Fel grupp" not in html


def test_add_point_button_adds_an_empty_point_without_saving(client_for, workshop, staff):
    """ "Add another point" renders one more empty point form and keeps the typed text."""
    summary = draft_summary(workshop=workshop, editor=staff, points=0)
    data = _editor_data(summary, [(None, "Första", 1, [])], action="add")
    html = client_for(staff).post(reverse("feedback:summary-edit", args=[summary.pk]), data).content.decode()
    assert 'name="points-1-text"' in html
    assert "Första" in html
    assert Summary.objects.get(pk=summary.pk).version == 1


def test_stale_save_is_refused_and_keeps_the_typed_text(client_for, workshop, staff, other_staff):
    """When another staff member saved first, the late save is refused with a clear message,
    the late editor's text stays in the form, the other text is shown, and nothing changes."""
    summary = draft_summary(workshop=workshop, editor=staff)
    point = summary.points.get()
    loaded = summary.version
    client_for(staff).post(
        reverse("feedback:summary-edit", args=[summary.pk]),
        _editor_data(
            summary, [(point.pk, "Saras version av punkten", 1, [])], introduction="Saras inledning"
        ),
    )
    response = client_for(other_staff).post(
        reverse("feedback:summary-edit", args=[summary.pk]),
        _editor_data(
            summary,
            [(point.pk, "Johans version av punkten", 1, [])],
            version=loaded,
            introduction="Johans inledning",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Inte sparad: någon annan sparade sammanfattningen medan du skrev" in html
    assert "Sara Tjänsteperson sparade version 3" in html
    assert "Johans inledning" in html and "Johans version av punkten" in html
    assert "Saras version av punkten" in html
    assert 'name="version" value="3"' in html
    summary.refresh_from_db()
    assert summary.introduction == "Saras inledning"
    assert summary.points.get().text == "Saras version av punkten"


def test_merged_text_saves_after_a_refused_save(client_for, workshop, staff, other_staff):
    """After the refusal, saving again from the re-shown form (carrying the new version) succeeds."""
    summary = draft_summary(workshop=workshop, editor=staff)
    point = summary.points.get()
    services.summary_save(
        summary=summary, editor=staff, expected_version=summary.version, introduction="Ny", points=[]
    )
    response = client_for(other_staff).post(
        reverse("feedback:summary-edit", args=[summary.pk]),
        _editor_data(summary, [(point.pk, "Sammanfogad", 1, [])], version=3),
    )
    assert response.status_code == 302
    assert Summary.objects.get(pk=summary.pk).points.get().text == "Sammanfogad"


def test_editor_shows_errors_next_to_fields_and_keeps_input(client_for, workshop, staff):
    """An empty point text and duplicate places are refused with messages, and nothing is saved."""
    summary = draft_summary(workshop=workshop, editor=staff)
    point = summary.points.get()
    data = _editor_data(summary, [(point.pk, "", 1, []), (None, "Andra", 1, [])], introduction="Behålls")
    response = client_for(staff).post(reverse("feedback:summary-edit", args=[summary.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in html
    assert "Behålls" in html and "Andra" in html
    assert Summary.objects.get(pk=summary.pk).version == summary.version


def test_last_editor_sees_no_publish_button_but_another_staff_member_does(
    client_for, workshop, staff, other_staff
):
    """The detail page offers "check and publish" only to a staff member who is not the last editor."""
    summary = draft_summary(workshop=workshop, editor=staff)
    services.summary_submit_for_review(summary=summary, actor=staff, expected_version=summary.version)
    url = reverse("feedback:summary-detail", args=[summary.pk])
    own = client_for(staff).get(url).content.decode()
    assert "Jag har granskat den: publicera" not in own
    assert "en annan medarbetare måste granska och publicera den" in own
    assert "Jag har granskat den: publicera" in client_for(other_staff).get(url).content.decode()


def test_publish_view_refuses_last_editor_and_accepts_another(client_for, workshop, staff, other_staff):
    """Posting the check as the last editor is refused (403); another staff member publishes."""
    summary = draft_summary(workshop=workshop, editor=staff)
    summary = services.summary_submit_for_review(
        summary=summary, actor=staff, expected_version=summary.version
    )
    url = reverse("feedback:summary-publish", args=[summary.pk])
    assert client_for(staff).post(url, {"version": summary.version}).status_code == 403
    response = client_for(other_staff).post(url, {"version": summary.version}, follow=True)
    assert "Du har granskat sammanfattningen och den är publicerad." in response.content.decode()
    summary.refresh_from_db()
    assert summary.checked_by == other_staff


def test_stale_status_change_is_refused_with_a_message(client_for, workshop, staff, other_staff):
    """Checking a version that has since changed is refused, so nobody publishes unread text."""
    summary = draft_summary(workshop=workshop, editor=staff)
    summary = services.summary_submit_for_review(
        summary=summary, actor=staff, expected_version=summary.version
    )
    seen = summary.version
    services.summary_save(
        summary=summary, editor=staff, expected_version=seen, introduction="Ändrad", points=[]
    )
    response = client_for(other_staff).post(
        reverse("feedback:summary-publish", args=[summary.pk]), {"version": seen}, follow=True
    )
    assert "ändrade sammanfattningen medan du läste den" in response.content.decode()
    assert Summary.objects.get(pk=summary.pk).status == Summary.Status.IN_REVIEW


def test_comparison_shows_what_changed_side_by_side(client_for, workshop, staff):
    """Comparing two versions shows the removed and the added words in two columns."""
    summary = draft_summary(workshop=workshop, editor=staff)
    point = summary.points.get()
    services.summary_save(
        summary=summary,
        editor=staff,
        expected_version=summary.version,
        introduction="Det här hörde vi vid borden.",
        points=[services.PointInput(pk=point.pk, text="Punkt om kvällsöppet", order=1)],
    )
    response = client_for(staff).get(reverse("feedback:summary-compare", args=[summary.pk]), {"a": 2, "b": 3})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>1</del>" in html and "<ins>om kvällsöppet</ins>" in html
    assert "<ins> vid borden</ins>." in html
    assert "Version 2" in html and "Version 3" in html


def test_create_summary_starts_a_draft_and_refuses_a_second_for_the_same_theme(client_for, workshop, staff):
    """Creating a summary opens the editor; a second one for the same workshop and theme is refused."""
    data = {"workshop": workshop.pk, "theme": factories.theme().pk, "introduction": "Inledning"}
    client = client_for(staff)
    response = client.post(reverse("feedback:summary-create"), data)
    summary = Summary.objects.get()
    assert response["Location"] == reverse("feedback:summary-edit", args=[summary.pk])
    assert summary.last_edited_by == staff and summary.revisions.count() == 1
    again = client.post(reverse("feedback:summary-create"), data)
    assert again.status_code == 200
    assert Summary.objects.count() == 1


def test_public_workshop_page_shows_what_we_heard_with_checker_and_counts(
    client_for, workshop, staff, other_staff
):
    """The workshop page lists published summaries by theme with each point's note count linking
    to the notes, its disagreement count, and who checked the page and when; drafts stay hidden."""
    summary = published_summary(
        workshop=workshop, editor=staff, checker=other_staff, points=2, notes_per_point=3
    )
    first = summary.points.order_by("order").first()
    factories.DisagreementFactory(point=first)
    draft_summary(workshop=workshop, editor=staff, theme_slug="samarbete")
    html = client_for(None).get(workshop.get_absolute_url()).content.decode()
    assert "Vad vi hörde" in html
    assert "Service och leverans" in html
    assert "Samarbete" not in html.split('id="what-we-heard-heading"')[1].split('id="groups-heading"')[0]
    checked_on = timezone.localdate(summary.checked_at)
    assert f"Sidan kontrollerades av Johan Granskare den {checked_on:%Y-%m-%d}" in html
    assert "Bygger på 3 anteckningar" in html
    assert "1 person håller inte med" in html and "0 personer håller inte med" not in html
    assert f"vad-vi-horde/service-och-leverans/#punkt-{first.pk}" in html
    assert "Logga in</a> och berätta varför" in html


def test_public_summary_page_lists_the_cited_published_notes(client_for, workshop, staff, other_staff):
    """The summary page shows each point's cited notes (published only, no author names)."""
    summary = published_summary(workshop=workshop, editor=staff, checker=other_staff, notes_per_point=2)
    hidden = summary.points.get().notes.first()
    hidden.status = "hidden"
    hidden.save()
    url = reverse("feedback:summary-public", args=[workshop.slug, "service-och-leverans"])
    html = client_for(None).get(url).content.decode()
    assert "De 1 anteckningarna" not in html
    assert "Anteckningen bakom punkten" in html
    assert hidden.text not in html
    assert "Sidan kontrollerades av Johan Granskare" in html


def test_draft_summary_has_no_public_page(client_for, workshop, staff):
    """An unpublished summary's public address answers 404."""
    draft_summary(workshop=workshop, editor=staff)
    url = reverse("feedback:summary-public", args=[workshop.slug, "service-och-leverans"])
    assert client_for(None).get(url).status_code == 404


def test_english_public_page(client_for, workshop, staff, other_staff):
    """With the language cookie set to English the section is in English."""
    published_summary(workshop=workshop, editor=staff, checker=other_staff)
    client = client_for(None)
    client.cookies["django_language"] = "en"
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "What we heard" in html and "The page was checked by Johan Granskare" in html


def test_staff_start_a_summary_from_the_workshop_page(client_for, workshop, staff, business_owner):
    """Staff find "write a summary" on the workshop page; it opens the form with the workshop chosen.
    Business owners see no such link."""
    url = reverse("feedback:summary-create") + f"?workshop={workshop.pk}"
    assert url.replace("&", "&amp;") in client_for(staff).get(workshop.get_absolute_url()).content.decode()
    assert (
        "/sammanfattningar/ny/"
        not in client_for(business_owner).get(workshop.get_absolute_url()).content.decode()
    )
    form_html = client_for(staff).get(url).content.decode()
    assert f'<option value="{workshop.pk}" selected>' in form_html
    assert "Välj tema" in form_html


@pytest.mark.django_db
def test_summary_without_saved_versions_shows_and_compare_answers_404(client_for, staff):
    """A summary with no saved version (e.g. imported) still opens; comparing has nothing to show."""
    summary = factories.SummaryFactory()
    client = client_for(staff)
    assert client.get(reverse("feedback:summary-detail", args=[summary.pk])).status_code == 200
    assert client.get(reverse("feedback:summary-compare", args=[summary.pk])).status_code == 404
