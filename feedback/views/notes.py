"""Views for notes: a business owner's own notes, paper transcription, moderation, the notes page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from aleforetag.core.numbers import form_count, query_int
from aleforetag.core.permissions import require_permission
from feedback.forms.notes import (
    TRANSCRIPTION_MAX_ROWS,
    NoteFilter,
    NoteForm,
    NoteHideForm,
    TagCatalogue,
    TranscriptionGroupForm,
    paper_note_formset,
)
from feedback.models import Note
from feedback.selectors import notes as selectors
from feedback.services import notes as services
from feedback.views import similar
from workshops.models import DiscussionGroup, Workshop

NOTES_PER_PAGE = 20
QUEUE_PER_PAGE = 25
TRANSCRIPTION_ROWS = 20
MORE_ROWS = 10


def _published_workshop(slug):
    return get_object_or_404(Workshop.objects.published(), slug=slug)


def _note(pk):
    try:
        return selectors.note_for_author(pk=pk)
    except Note.DoesNotExist as missing:
        raise Http404 from missing


def _apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


# --- business owners ---


@login_required
@require_http_methods(["GET", "POST"])
def note_create(request, slug):
    workshop = _published_workshop(slug)
    require_permission(request.user, "feedback.submit_note", workshop)
    form = NoteForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_submit(author=request.user, workshop=workshop, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if note.status == Note.Status.PENDING:
                messages.success(request, _("Thank you! Your note is saved and waits for moderation."))
            else:
                messages.success(request, _("Thank you! Your note is saved and published."))
            return redirect("feedback:note-mine")
    return render(
        request,
        "feedback/note_form.html",
        {"workshop": workshop, "form": form, "notes_open": workshop.notes_are_open()},
    )


@login_required
def note_mine(request):
    require_permission(request.user, "feedback.view_own_notes")
    page = Paginator(selectors.notes_of_author(user=request.user), NOTES_PER_PAGE).get_page(
        request.GET.get("sida")
    )
    return render(request, "feedback/note_mine.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def note_update(request, pk):
    note = _note(pk)
    require_permission(request.user, "feedback.view_own_note", note)
    can_change = request.user.has_perm("feedback.edit_own_note", note)
    form = NoteForm(
        request.POST if can_change and request.method == "POST" else None,
        workshop=note.workshop,
        initial=NoteForm.initial_for(note),
    )
    if request.method == "POST":
        if not can_change:
            return render(request, "feedback/note_form.html", {"note": note, "read_only": True}, status=403)
        if form.is_valid():
            try:
                services.note_update(note=note, **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Your note is updated."))
                return redirect("feedback:note-mine")
    return render(
        request,
        "feedback/note_form.html",
        {"workshop": note.workshop, "note": note, "form": form, "read_only": not can_change},
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_withdraw(request, pk):
    note = _note(pk)
    require_permission(request.user, "feedback.view_own_note", note)
    can_withdraw = request.user.has_perm("feedback.withdraw_own_note", note)
    if request.method == "POST":
        if not can_withdraw:
            return render(request, "feedback/note_form.html", {"note": note, "read_only": True}, status=403)
        services.note_withdraw(note=note)
        messages.success(request, _("Your note is withdrawn."))
        return redirect("feedback:note-mine")
    if not can_withdraw:
        return render(request, "feedback/note_form.html", {"note": note, "read_only": True})
    return render(request, "feedback/note_confirm_withdraw.html", {"note": note})


# --- staff ---


def _quiet(form) -> None:
    """Draw a bound form with what was typed but without errors (after "more rows")."""
    form._errors = ErrorDict()
    form.cleaned_data = {}


def _next_group(workshop, group):
    """The table group after ``group`` in the workshop's order (None after the last)."""
    groups = list(DiscussionGroup.objects.filter(workshop=workshop).order_by("order", "name"))
    if group is None:
        return groups[0] if groups else None
    following = [each for each in groups if (each.order, each.name) > (group.order, group.name)]
    return following[0] if following else None


@login_required
@require_http_methods(["GET", "POST"])
def note_transcribe(request, slug):
    """A stack of paper notes, 20 rows a page: "more rows" redraws the page with everything
    typed and more empty rows; a row that repeats a note already saved for the workshop is
    marked and saved only when confirmed; "save and continue" moves on to the next group."""
    workshop = get_object_or_404(Workshop, slug=slug)
    require_permission(request.user, "feedback.transcribe_notes", workshop)
    # A row count that is not a plain number reads as the default, like a page number.
    rows = form_count(request.GET.get("rader", ""))
    rows = TRANSCRIPTION_ROWS if rows is None else min(max(rows, 1), TRANSCRIPTION_MAX_ROWS)
    catalogue = TagCatalogue(*selectors.themes_and_topics())
    repeats = set()
    suggest_row = None
    if request.method == "POST":
        data = request.POST.copy()
        more = "more_rows" in data
        # "Suggest themes" and accepting a suggestion redraw the rows like "more rows" (issue 21).
        suggest_row = similar.transcription_suggestion_row(data)
        total = data.get("rad-TOTAL_FORMS", "")
        if more and (count := form_count(total)) is not None:
            data["rad-TOTAL_FORMS"] = str(min(count + MORE_ROWS, TRANSCRIPTION_MAX_ROWS))
        group_form = TranscriptionGroupForm(data, workshop=workshop)
        formset = paper_note_formset(rows)(data, prefix="rad", form_kwargs={"catalogue": catalogue})
        if more or suggest_row is not None:
            for form in [group_form, *formset.forms]:
                _quiet(form)
            formset._non_form_errors = ErrorList()
        elif group_form.is_valid() and formset.is_valid():
            filled = formset.filled_forms()
            texts = [form.cleaned_data["text"] for form in filled]
            repeats = selectors.texts_already_saved(workshop=workshop, texts=texts)
            seen = set()
            for text in map(selectors.normalised_text, texts):
                if text in seen:
                    repeats.add(text)
                seen.add(text)
            if not repeats or data.get("repeats_ok"):
                return _save_transcribed(request, workshop, group_form.cleaned_data["group"], filled, data)
    else:
        group = None
        if (group_id := query_int(request, "grupp")) is not None:
            group = DiscussionGroup.objects.filter(workshop=workshop, pk=group_id).first()
        group_form = TranscriptionGroupForm(initial={"group": group}, workshop=workshop)
        formset = paper_note_formset(rows)(prefix="rad", form_kwargs={"catalogue": catalogue})
    if suggest_row is not None:
        similar.attach_transcription_suggestions(formset.forms, focus_row=suggest_row)
    for form in formset.forms:
        text = form.cleaned_data.get("text") if form.is_bound and hasattr(form, "cleaned_data") else None
        form.repeats = bool(text) and selectors.normalised_text(text) in repeats
    status = 400 if request.method == "POST" and (group_form.errors or formset.total_error_count()) else 200
    return render(
        request,
        "feedback/note_transcribe.html",
        {
            "workshop": workshop,
            "group_form": group_form,
            "formset": formset,
            "repeats": repeats,
            "can_add_rows": len(formset.forms) < TRANSCRIPTION_MAX_ROWS,
        },
        status=status,
    )


def _save_transcribed(request, workshop, group, filled, data):
    saved = services.notes_transcribe(
        actor=request.user,
        workshop=workshop,
        group=group,
        notes=[services.PaperNote(**form.cleaned_data) for form in filled],
    )
    messages.success(
        request,
        ngettext(
            "%(count)s paper note is saved and published.",
            "%(count)s paper notes are saved and published.",
            len(saved),
        )
        % {"count": len(saved)},
    )
    url = reverse("feedback:note-transcribe", args=[workshop.slug])
    if "next_group" in data:
        following = _next_group(workshop, group)
        if following is not None:
            messages.info(request, _("Now the notes of %(group)s.") % {"group": following.name})
            return redirect(f"{url}?grupp={following.pk}")
        messages.info(request, _("That was the last table group."))
    elif group is not None:
        return redirect(f"{url}?grupp={group.pk}")
    return redirect(url)


@login_required
def note_moderation(request):
    require_permission(request.user, "feedback.moderate_note")
    page = Paginator(selectors.notes_pending_moderation(), QUEUE_PER_PAGE).get_page(request.GET.get("sida"))
    similar.attach_suggestions(page)
    return render(request, "feedback/note_moderation.html", {"page_obj": page, "hide_form": NoteHideForm()})


@login_required
@require_POST
def note_publish(request, pk):
    note = get_object_or_404(Note, pk=pk)
    require_permission(request.user, "feedback.moderate_note", note)
    try:
        services.note_publish(actor=request.user, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The note is published."))
    return redirect(_safe_next(request, reverse("feedback:note-moderation")))


@login_required
@require_http_methods(["GET", "POST"])
def note_hide(request, pk):
    note = _note(pk)
    require_permission(request.user, "feedback.moderate_note", note)
    form = NoteHideForm(request.POST or None, initial={"reason": note.hidden_reason})
    if request.method == "POST" and form.is_valid():
        try:
            services.note_hide(actor=request.user, note=note, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The note is hidden."))
            return redirect(_safe_next(request, reverse("feedback:note-moderation")))
    return render(
        request,
        "feedback/note_hide.html",
        {"note": note, "form": form, "next": _safe_next(request, "")},
    )


# --- everyone ---


def note_list(request, slug):
    workshop = _published_workshop(slug)
    include_unpublished = request.user.has_perm("feedback.view_unpublished_notes")
    can_moderate = request.user.has_perm("feedback.moderate_note")

    themes = selectors.themes_in_order()
    notes = selectors.notes_for_notes_page(workshop=workshop, include_unpublished=include_unpublished)
    # Each theme's count is what following its link gives: all the workshop's notes of that
    # theme (the link sets the theme alone), so it does not change with the filter in use.
    theme_counts = selectors.theme_note_counts(notes=notes, themes=themes)
    filterset = NoteFilter(
        request.GET or None,
        queryset=notes,
        workshop=workshop,
        themes=themes,
    )
    notes = filterset.qs
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "workshop": workshop,
        "filter": filterset,
        "page_obj": Paginator(notes, NOTES_PER_PAGE).get_page(request.GET.get("sida")),
        "theme_counts": theme_counts,
        "query_string": query.urlencode(),
        "include_unpublished": include_unpublished,
        "can_moderate": can_moderate,
    }

    return render(request, "feedback/note_list.html", context)
