from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aleforetag.core.numbers import page_number, parse_int
from aleforetag.core.permissions import permission_required
from feedback.models import Disagreement, Note, SummaryPoint

from . import selectors, services, suggestions
from .forms import (
    MOVE_TEXT,
    AnswerTextForm,
    ConferenceForm,
    FollowUpForm,
    MoveForm,
    TriageFilterForm,
    TriageLinkForm,
)
from .models import Conference, FollowUp

MANAGE = "followups.manage_followups"
PAGE_SIZE = 25
# Mitt inflytande: each note and disagreement shows every follow-up it feeds.
MY_INFLUENCE_PER_PAGE = 10
# The conference page's agenda, a page at a time.
AGENDA_PER_PAGE = 50
# The board shows at most this many cards per status column, then "Show all" (that column paged).
BOARD_COLUMN_LIMIT = 10
BOARD_COLUMN_PER_PAGE = 50


def _ids(values) -> list[int]:
    """Ids from the query string or a form; a value that is not one is a bad request (400)."""
    try:
        return [parse_int(value, minimum=1) for value in values if value != ""]
    except ValueError as error:
        raise BadRequest("not an id") from error


def _page_number(value) -> int:
    """A page number from the query string: 1 when missing or not a plain positive number."""
    return page_number(value)


def _page(total: int, per_page: int, number: int):
    """A page object for the pagination component when the rows and the total are already
    known (no query): only its numbers are used."""
    return Paginator(range(total), per_page).get_page(number)


# --- public pages ---


@require_GET
def conference_list(request):
    conferences = Paginator(selectors.conferences_list(), PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "followups/conference_list.html", {"page_obj": conferences})


def _conference_page(request, slug) -> dict:
    try:
        conference = selectors.conference_for_public(slug=slug)
    except Conference.DoesNotExist as missing:
        raise Http404 from missing
    number = _page_number(request.GET.get("sida"))
    start = (number - 1) * AGENDA_PER_PAGE
    agenda = selectors.conference_followups_slice(
        conference=conference, first=start + 1, last=start + AGENDA_PER_PAGE, for_board=False
    )
    if number > 1 and not agenda.followups:
        raise Http404
    return {
        "conference": conference,
        "title": conference.title,
        "followups": agenda.followups,
        "page_obj": _page(agenda.total, AGENDA_PER_PAGE, number),
        "promise": agenda.promise,
    }


@require_GET
def conference_detail(request, slug):
    return render(request, "followups/conference_detail.html", _conference_page(request, slug))


@require_GET
def followup_detail(request, pk):
    try:
        followup = selectors.followup_for_public(pk=pk)
    except FollowUp.DoesNotExist as missing:
        raise Http404 from missing
    return render(request, "followups/followup_detail.html", {"followup": followup})


# --- staff: conferences and the board ---


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def conference_create(request):
    form = ConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        workshops = data.pop("workshops")
        try:
            conference = services.conference_create(actor=request.user, workshops=workshops, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The conference was created."))
            return redirect("followups:conference-board", slug=conference.slug)
    return render(request, "staff_form.html", {"form": form, "heading": _("New conference")})


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def conference_update(request, slug):
    conference = get_object_or_404(Conference, slug=slug)
    form = ConferenceForm(request.POST or None, instance=conference)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        workshops = data.pop("workshops")
        try:
            services.conference_update(actor=request.user, conference=conference, workshops=workshops, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The conference was saved."))
            return redirect("followups:conference-board", slug=conference.slug)
    heading = _("Edit %(title)s") % {"title": conference.title}
    return render(request, "staff_form.html", {"form": form, "conference": conference, "heading": heading})


def _board_context(slug, *, shown, page) -> dict:
    conference = get_object_or_404(Conference, slug=slug)
    today = timezone.localdate()
    days_left = (conference.promised_feedback_date - today).days
    context = {
        "conference": conference,
        "days_left": days_left,
        "due_soon": 0 <= days_left <= services.REMINDER_DAYS,
    }
    if shown in FollowUp.Status.values:
        # One column in full, page by page: where "Show all" leads when a column is capped.
        number = _page_number(page)
        start = (number - 1) * BOARD_COLUMN_PER_PAGE
        column = selectors.conference_followups_slice(
            conference=conference,
            first=start + 1,
            last=start + BOARD_COLUMN_PER_PAGE,
            status=shown,
            today=today,
        )
        if number > 1 and not column.followups:
            raise Http404
        total = column.total
        context["columns"] = [(shown, FollowUp.Status(shown).label, column.followups, total)]
        context["page_obj"] = _page(total, BOARD_COLUMN_PER_PAGE, number)
        context["query_string"] = urlencode({"kolumn": shown})
        context["promise"] = None
    else:
        board = selectors.conference_followups_slice(
            conference=conference, first=1, last=BOARD_COLUMN_LIMIT, per_status=True, today=today
        )
        context["columns"] = [
            (status, label, followups, board.per_status[status])
            for status, label, followups in selectors.group_by_status(board.followups)
        ]
        context["promise"] = board.promise
    return context


@require_GET
@permission_required(MANAGE)
def conference_board(request, slug):
    shown = request.GET.get("kolumn")
    shown = shown if shown in FollowUp.Status.values else None
    page = request.GET.get("sida") if shown else None
    return render(request, "followups/conference_board.html", _board_context(slug, shown=shown, page=page))


# --- staff: follow-ups ---


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def followup_create(request):
    source = request.POST if request.method == "POST" else request.GET
    note_ids, disagreement_ids = _ids(source.getlist("notes")), _ids(source.getlist("disagreements"))
    initial = {"notes": note_ids, "disagreements": disagreement_ids}
    conference = Conference.objects.order_by("-year").first()
    if conference is not None:
        initial["conference"] = conference.pk
    # "New follow-up from these" in the inbox posts the ticked inputs: start the form with them.
    submitted = request.method == "POST" and "from_inbox" not in request.POST
    form = FollowUpForm(
        request.POST if submitted else None,
        initial=initial,
        note_ids=note_ids,
        disagreement_ids=disagreement_ids,
    )
    if submitted and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            followup = services.followup_create(
                actor=request.user,
                conference=data["conference"],
                title=data["title"],
                description=data["description"],
                theme=data["theme"],
                responsible=data["responsible"],
                notes=data.get("notes", ()),
                disagreements=data.get("disagreements", ()),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The follow-up was created."))
            return redirect("followups:followup-manage", pk=followup.pk)
    return render(request, "followups/followup_form.html", {"form": form})


def _render_manage(request, pk, *, edit_form=None, answer_form=None, move_form=None, status=200):
    try:
        followup = selectors.followup_for_staff(pk=pk)
    except FollowUp.DoesNotExist as missing:
        raise Http404 from missing
    return render(
        request,
        "followups/followup_manage.html",
        {
            "followup": followup,
            "edit_form": edit_form or FollowUpForm(instance=followup),
            "answer_form": answer_form or AnswerTextForm(instance=followup),
            "move_form": move_form or MoveForm(followup=followup),
        },
        status=status,
    )


def _keep_typed_with_current_version(form, followup):
    """After a stale save: keep what the user typed, pointed at the version now stored."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(followup.version)
    form.data = data


@require_GET
@permission_required(MANAGE)
def followup_manage(request, pk):
    return _render_manage(request, pk)


def _save_versioned(request, followup, form, changes) -> bool:
    """Save ``changes`` if nobody saved since the form was opened; otherwise keep what was
    typed, move the form to the current version and put the refusal on the form."""
    try:
        services.followup_update(
            actor=request.user,
            followup=followup,
            expected_version=form.cleaned_data["version"],
            **changes,
        )
    except ValidationError as error:
        followup.refresh_from_db()
        _keep_typed_with_current_version(form, followup)
        form.add_error(None, error)
        return False
    return True


@require_POST
@permission_required(MANAGE)
def followup_update(request, pk):
    followup = get_object_or_404(FollowUp, pk=pk)
    form = FollowUpForm(request.POST, instance=followup)
    if form.is_valid():
        changes = {
            name: form.cleaned_data[name] for name in form.Meta.fields if not form.fields[name].disabled
        }
        if _save_versioned(request, followup, form, changes):
            messages.success(request, _("The follow-up was saved."))
            return redirect("followups:followup-manage", pk=followup.pk)
    return _render_manage(request, followup.pk, edit_form=form)


@require_POST
@permission_required(MANAGE)
def followup_answer_update(request, pk):
    followup = get_object_or_404(FollowUp, pk=pk)
    form = AnswerTextForm(request.POST, instance=followup)
    if form.has_texts and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields if name != "version"}
        if _save_versioned(request, followup, form, changes):
            messages.success(request, _("The text was saved. Nobody is notified again."))
            return redirect("followups:followup-manage", pk=followup.pk)
    return _render_manage(request, followup.pk, answer_form=form)


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def followup_move(request, pk):
    followup = get_object_or_404(FollowUp, pk=pk)
    if request.method == "GET":
        form = MoveForm(followup=followup, initial={"to_status": request.GET.get("till")})
        return render(request, "followups/followup_move.html", {"followup": followup, "form": form})
    form = MoveForm(request.POST, followup=followup)
    # From the board a step that needs a text first shows the page to write it.
    if form.needed_text and "with_text" not in request.POST:
        form = MoveForm(
            followup=followup, initial={"to_status": form.target, "comment": request.POST.get("comment", "")}
        )
        return render(request, "followups/followup_move.html", {"followup": followup, "form": form})
    if form.is_valid():
        data = form.cleaned_data
        text_field = MOVE_TEXT.get(data["to_status"])
        texts = {}
        if text_field:
            texts[text_field] = data[text_field]
        if data["to_status"] == FollowUp.Status.FEEDBACK_PUBLISHED:
            texts["decision"] = data["decision"]
        try:
            services.followup_move(
                actor=request.user,
                followup=followup,
                to_status=data["to_status"],
                expected_version=data["version"],
                comment=data["comment"],
                **texts,
            )
        except ValidationError as error:
            followup.refresh_from_db()
            _keep_typed_with_current_version(form, followup)
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now: %(status)s.")
                % {"title": followup.title, "status": followup.get_status_display()},
            )
            next_url = request.POST.get("next")
            if next_url == "board":
                return redirect("followups:conference-board", slug=followup.conference.slug)
            return redirect("followups:followup-manage", pk=followup.pk)
    return render(request, "followups/followup_move.html", {"followup": followup, "form": form}, status=400)


@require_POST
@permission_required(MANAGE)
def followup_unlink(request, pk):
    followup = get_object_or_404(FollowUp, pk=pk)
    kind, item_id = request.POST.get("kind"), request.POST.get("id", "")
    models = {"note": Note, "disagreement": Disagreement, "summary_point": SummaryPoint}
    try:
        item_id = parse_int(item_id, minimum=1)
    except ValueError:
        item_id = None
    if kind not in models or item_id is None:
        return redirect("followups:followup-manage", pk=followup.pk)
    item = get_object_or_404(models[kind], pk=item_id)
    services.followup_unlink_input(actor=request.user, followup=followup, **{kind: item})
    messages.success(request, _("The link was removed."))
    return redirect("followups:followup-manage", pk=followup.pk)


# --- staff: triage inbox ---


class _CountedPaginator(Paginator):
    """A paginator told its count, so it does not count again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # fills Paginator's cached_property


def _triage_context(request, link_form=None):
    filter_form = TriageFilterForm(request.GET or None)
    filters = filter_form.filters()
    notes, disagreements = selectors.triage_notes(**filters), selectors.triage_disagreements(**filters)
    if link_form is None:
        offered = selectors.followups_offered_for_linking(conference=filter_form.chosen_conference())
        link_form = TriageLinkForm(followups=offered)
    context = {"filter_form": filter_form, "link_form": link_form}
    query = request.GET.copy()
    query.pop("sida", None)
    query.pop("sida_invandningar", None)
    notes, disagreements = Paginator(notes, PAGE_SIZE), Paginator(disagreements, PAGE_SIZE)
    context.update(
        notes=notes.get_page(request.GET.get("sida")),
        disagreements=disagreements.get_page(request.GET.get("sida_invandningar")),
        query_string=query.urlencode(),
    )
    suggestions.attach_suggested_followups(
        notes=context["notes"],
        disagreements=context["disagreements"],
        conference=filter_form.chosen_conference(),
    )
    return context


@require_GET
@permission_required(MANAGE)
def triage(request):
    return render(request, "followups/triage.html", _triage_context(request))


@require_POST
@permission_required(MANAGE)
def triage_link(request):
    form = TriageLinkForm(request.POST, followups=selectors.followups_open_for_linking())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.followup_link_inputs(
                actor=request.user,
                followup=data["followup"],
                notes=data["notes"],
                disagreements=data["disagreements"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = len(data["notes"]) + len(data["disagreements"])
            messages.success(
                request,
                ngettext(
                    "%(count)s input was linked to “%(title)s”.",
                    "%(count)s inputs were linked to “%(title)s”.",
                    count,
                )
                % {"count": count, "title": data["followup"].title},
            )
            return_to = request.POST.get("return_to", "")
            if not url_has_allowed_host_and_scheme(return_to, allowed_hosts={request.get_host()}):
                return_to = reverse("followups:triage")
            return redirect(return_to)
    # Redrawn with the short list the inbox offers, plus the follow-up that was chosen.
    chosen = form.cleaned_data.get("followup") if hasattr(form, "cleaned_data") else None
    form.fields["followup"].queryset = selectors.followups_offered_for_linking(also=chosen)
    return render(request, "followups/triage.html", _triage_context(request, link_form=form), status=400)


# --- business owners ---


def my_inputs(request) -> dict:
    """The business owner's notes and disagreements, a page of each, with the follow-ups
    each feeds; for Mitt inflytande (``portal.views.my_influence``)."""
    note_count, disagreement_count = selectors.my_input_counts(user=request.user)
    notes = _CountedPaginator(selectors.my_notes(user=request.user), MY_INFLUENCE_PER_PAGE, count=note_count)
    notes = notes.get_page(request.GET.get("sida"))
    disagreements = _CountedPaginator(
        selectors.my_disagreements(user=request.user), MY_INFLUENCE_PER_PAGE, count=disagreement_count
    ).get_page(request.GET.get("sida_invandningar"))
    fed_by_note, fed_by_disagreement = selectors.followups_fed_by(notes=notes, disagreements=disagreements)
    return {
        "notes": notes,
        "note_rows": [(note, fed_by_note.get(note.pk, [])) for note in notes],
        "disagreements": disagreements,
        "disagreement_rows": [
            (disagreement, fed_by_disagreement.get(disagreement.pk, [])) for disagreement in disagreements
        ],
    }
