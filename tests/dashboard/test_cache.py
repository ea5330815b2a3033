"""The dashboard's figures are cached (Django's cache framework) and dropped by every kind of
write they count once it commits: a service call, a queryset update, an m2m change, a deletion,
an admin edit; and by time passing (a workshop starting, a new day). A rolled-back write drops
nothing, and each filter and language has its own entry."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dashboard import figures
from feedback.models import Note, Theme
from feedback.services.notes import note_hide, note_publish
from tests import factories
from tests.factories import theme

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:dashboard")
NOTES = "Publicerade anteckningar"
HELD = "Genomförda workshoppar"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def figure(client, name, query=None):
    response = client.get(URL, query or {"ar": "alla"})
    return dict(response.context["dashboard"].key_figures)[name]


@pytest.fixture
def reader(client_for, politician):
    return client_for(politician)


def test_figures_are_read_from_the_cache_until_a_write_commits(
    reader, workshop, django_capture_on_commit_callbacks
):
    """Without a committed write the cached figures are served, even when rows changed
    underneath without telling (raw SQL): the timeout is the backstop for those."""
    before = figure(reader, NOTES)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factories.NoteFactory(workshop=workshop)
    assert callbacks, "saving a counted row schedules the cache's invalidation on commit"
    assert figure(reader, NOTES) == before  # not committed yet: nothing dropped
    for callback in callbacks:
        callback()
    assert figure(reader, NOTES) == before + 1


def test_service_calls_drop_the_figures(reader, workshop, staff, django_capture_on_commit_callbacks):
    note = factories.NoteFactory(workshop=workshop, status=Note.Status.PENDING)
    before = figure(reader, NOTES)
    with django_capture_on_commit_callbacks(execute=True):
        note_publish(actor=staff, note=note)
    assert figure(reader, NOTES) == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        note_hide(actor=staff, note=note, reason="Personuppgifter")
    assert figure(reader, NOTES) == before


def test_queryset_updates_m2m_changes_and_deletions_drop_the_figures(
    reader, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note = factories.NoteFactory(workshop=workshop)
    first = figure(reader, NOTES)
    with django_capture_on_commit_callbacks(execute=True):
        Note.objects.filter(pk=note.pk).update(status=Note.Status.HIDDEN)  # no save(), no post_save
    assert figure(reader, NOTES) == first - 1
    with django_capture_on_commit_callbacks(execute=True):
        Note.objects.filter(pk=note.pk).update(status=Note.Status.PUBLISHED)
    rows = reader.get(URL, {"ar": "alla"}).context["dashboard"].tables["notes_by_theme"].rows
    with django_capture_on_commit_callbacks(execute=True):
        note.themes.set([theme("samarbete")])  # the m2m table only
    assert reader.get(URL, {"ar": "alla"}).context["dashboard"].tables["notes_by_theme"].rows != rows
    with django_capture_on_commit_callbacks(execute=True):
        Theme.objects.filter(slug="samarbete").update(name_sv="Samverkan")
    assert "Samverkan" in reader.get(URL, {"ar": "alla"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        note.delete()
    assert figure(reader, NOTES) == first - 1


def test_an_admin_edit_drops_the_figures(
    reader, client_for, admin_user, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note = factories.NoteFactory(workshop=workshop)
    before = figure(reader, NOTES)
    admin = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("admin:feedback_note_changelist"),
            {"action": "delete_selected", "_selected_action": [note.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Note.objects.filter(pk=note.pk).exists()
    assert figure(reader, NOTES) == before - 1


def test_a_rolled_back_write_drops_nothing(reader, workshop):
    before = figure(reader, NOTES)
    generation = cache.get(figures.GENERATION_KEY)
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.NoteFactory(workshop=workshop)
        raise RuntimeError
    assert cache.get(figures.GENERATION_KEY) == generation
    assert figure(reader, NOTES) == before


def test_time_passing_changes_the_figures_without_a_write(reader, django_capture_on_commit_callbacks):
    """A workshop starting changes the count of held workshops: the entry lives no longer than
    until that moment."""
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        soon = factories.WorkshopFactory(starts_at=now + datetime.timedelta(minutes=5))
    held = figure(reader, HELD)
    with time_machine.travel(now + datetime.timedelta(minutes=1)):
        assert figure(reader, HELD) == held  # still cached, still true
    with time_machine.travel(soon.starts_at + datetime.timedelta(minutes=1)):
        assert figure(reader, HELD) == held + 1


def test_entries_live_until_the_clock_changes_a_figure_and_never_past_the_backstop(workshop):
    now = timezone.now()
    assert figures._seconds_until_time_changes(now) <= figures.TIMEOUT
    starts = now + datetime.timedelta(seconds=90)
    factories.WorkshopFactory(starts_at=starts)
    later = now + datetime.timedelta(microseconds=1)  # a new moment: not the memoised one
    assert figures._seconds_until_time_changes(later) <= 91


def test_each_filter_and_language_has_its_own_entry(reader, workshop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        factories.NoteFactory(workshop=workshop, themes=[theme("samarbete")])
    every_theme = figure(reader, NOTES)
    one_theme = figure(reader, NOTES, {"ar": "alla", "tema": "service-och-leverans"})
    assert (every_theme, one_theme) == (every_theme, 0)
    reader.cookies["django_language"] = "en"
    english = reader.get(URL, {"ar": "alla"}).content.decode()
    assert "Published notes" in english
    assert NOTES not in english
