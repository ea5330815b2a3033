"""Staff views for similar notes: a workshop's groups and near-duplicates, and accepting a
suggested theme or topic for a note with one click (a plain form button, no JavaScript)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aleforetag.core.numbers import parse_int
from aleforetag.core.permissions import require_permission
from feedback.models import Note, Theme, Topic
from feedback.selectors import similar as selectors
from feedback.services.suggestions import note_accept_suggestion as note_accept_suggestion_service
from workshops.models import Workshop


@login_required
@require_GET
def note_groups(request, slug):
    """A workshop's notes grouped by what they say, under the themes, and near-duplicates."""
    workshop = get_object_or_404(Workshop, slug=slug)
    require_permission(request.user, "feedback.view_similar_notes", workshop)
    sections = selectors.similar_note_groups(workshop=workshop)
    return render(
        request,
        "feedback/similar/note_groups.html",
        {
            "workshop": workshop,
            "sections": sections,
            "group_count": sum(len(section.groups) for section in sections),
            "duplicates": selectors.near_duplicates(workshop=workshop),
        },
    )


def attach_suggestions(notes) -> None:
    """Give each of ``notes`` (a page of saved notes, tags prefetched) ``suggested``: the
    themes and topics its most similar tagged notes carry, and ``near_duplicate``: a nearly
    identical note of its workshop, if any. Only read; nothing is applied."""
    notes = list(notes)
    suggestions = selectors.suggest_tags_for_notes(notes)
    duplicates = selectors.near_duplicates_for(notes)
    for note in notes:
        note.suggested = suggestions.get(note.pk)
        note.near_duplicate = duplicates.get(note.pk)


# --- suggestions on the transcription page, for rows not saved yet ---

SUGGEST, ACCEPT = "suggest", "accept"
ROW_PREFIX = "rad"


def transcription_suggestion_row(data) -> int | None:
    """The row a POST of the transcription page asks suggestions for (the "suggest" button's
    row), or whose suggestion it accepts ("accept": "row:theme:id" or "row:topic:id:theme-id");
    an accepted tag is ticked in ``data`` (a mutable copy of the POST), nothing is stored.
    None when the POST does neither."""
    if ACCEPT in data:
        parts = data.get(ACCEPT, "").split(":")
        try:
            row, kind, *ids = parts[0], parts[1], *parts[2:]
            row, ids = parse_int(row), [parse_int(each, minimum=1) for each in ids]
        except (IndexError, ValueError):
            return None
        if (kind, len(ids)) not in {("theme", 1), ("topic", 2)}:
            return None
        ticks = [("themes", ids[0])] if kind == "theme" else [("topics", ids[0]), ("themes", ids[1])]
        for field, value in ticks:
            key = f"{ROW_PREFIX}-{row}-{field}"
            values = data.getlist(key)
            if str(value) not in values:
                data.setlist(key, [*values, str(value)])
        return row
    if SUGGEST in data:
        try:
            return parse_int(data.get(SUGGEST, ""))
        except ValueError:
            return None
    return None


def _ids(values) -> set[int]:
    found = set()
    for value in values:
        try:
            found.add(parse_int(value, minimum=1))
        except ValueError:
            continue
    return found


def attach_transcription_suggestions(forms, *, focus_row: int | None) -> None:
    """Give each row with typed text ``suggested`` (themes and topics from the most similar
    tagged notes, leaving out those ticked) and the asking row ``focus_suggestions``. Read
    from what was typed; nothing is stored or ticked. Three or four queries for all rows."""
    rows = [
        (index, form) for index, form in enumerate(forms) if form.data.get(f"{form.prefix}-text", "").strip()
    ]
    suggestions = selectors.suggest_tags_for_texts(
        [form.data[f"{form.prefix}-text"] for _index, form in rows],
        current=[
            (
                _ids(form.data.getlist(f"{form.prefix}-themes")),
                _ids(form.data.getlist(f"{form.prefix}-topics")),
            )
            for _index, form in rows
        ],
    )
    for (index, form), suggestion in zip(rows, suggestions, strict=True):
        form.suggested = suggestion
        form.focus_suggestions = index == focus_row


# --- the summary editor: cite a group of similar notes in one step ---

CITE_GROUP = "cite-group:"


def cite_group(data) -> bool:
    """Tick a group's notes in one point of the summary editor's POST ``data`` (a mutable
    copy): the "action" "cite-group:<point index>:<id>,<id>,…". Nothing is saved: the editor
    is drawn again with them ticked. False when the action is not one or names nothing."""
    action = data.get("action", "")
    if not action.startswith(CITE_GROUP):
        return False
    point, _sep, ids = action.removeprefix(CITE_GROUP).partition(":")
    try:
        point = parse_int(point, maximum=1000)
        ids = [parse_int(each, minimum=1) for each in ids.split(",")]
    except ValueError:
        return False
    key = f"points-{point}-notes"
    values = data.getlist(key)
    data.setlist(key, [*values, *(str(each) for each in ids if str(each) not in values)])
    return True


def _id(request, name):
    try:
        return parse_int(request.POST.get(name, ""), minimum=1)
    except ValueError:
        return None


@login_required
@require_POST
def note_accept_suggestion(request, pk):
    """One suggested theme (``theme``) or topic (``topic``) added to a note; back to ``next``."""
    note = get_object_or_404(Note, pk=pk)
    require_permission(request.user, "feedback.moderate_note", note)
    theme_id, topic_id = _id(request, "theme"), _id(request, "topic")
    theme = get_object_or_404(Theme, pk=theme_id) if theme_id else None
    topic = get_object_or_404(Topic.objects.select_related("theme"), pk=topic_id) if topic_id else None
    try:
        note_accept_suggestion_service(actor=request.user, note=note, theme=theme, topic=topic)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(tag)s” was added to the note.") % {"tag": topic or theme})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("feedback:note-moderation")
    return redirect(f"{target}#note-{note.pk}" if "#" not in target else target)
