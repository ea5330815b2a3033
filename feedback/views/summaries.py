"""Views of the summaries half: the staff editor, review, history and comparison, the public
summary page, and disagreement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from aleforetag.core.numbers import form_count, query_int

from ..forms import summaries as forms
from ..models import Disagreement, Summary, SummaryPoint
from ..selectors import similar as similar_selectors
from ..selectors import summaries as selectors
from ..services import summaries as services
from . import similar


class SummaryObjectMixin:
    def get_object(self):
        return self.summary

    @cached_property
    def summary(self):
        return get_object_or_404(Summary.objects.select_related("workshop", "theme"), pk=self.kwargs["pk"])


def _revision_label(revision) -> str:
    return _("Version %(number)s – %(who)s, %(when)s (%(status)s)") % {
        "number": revision.number,
        "who": revision.saved_by or _("unknown"),
        "when": date_format(localtime(revision.saved_at), "Y-m-d H:i"),
        "status": revision.get_status_display(),
    }


class SummaryListView(PermissionRequiredMixin, View):
    permission_required = "feedback.manage_summaries"

    def get(self, request):
        page = Paginator(selectors.summaries_for_staff(), 25).get_page(request.GET.get("sida"))
        return render(
            request, "feedback/summary_list.html", {"page_obj": page, "summaries": page.object_list}
        )


class SummaryCreateView(PermissionRequiredMixin, View):
    permission_required = "feedback.manage_summaries"

    def get(self, request):
        form = forms.SummaryCreateForm(initial={"workshop": request.GET.get("workshop")})
        return render(request, "feedback/summary_create.html", {"form": form})

    def post(self, request):
        form = forms.SummaryCreateForm(request.POST)
        if not form.is_valid():
            return render(request, "feedback/summary_create.html", {"form": form})
        try:
            summary = services.summary_create(editor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, "feedback/summary_create.html", {"form": form})
        messages.success(request, _("The draft summary was created. Now write its points."))
        return redirect("feedback:summary-edit", pk=summary.pk)


class SummaryDetailView(PermissionRequiredMixin, SummaryObjectMixin, View):
    permission_required = "feedback.manage_summaries"

    def get(self, request, pk):
        summary = selectors.summary_for_staff(pk=self.summary.pk)
        revisions = list(summary.revisions.all())
        compare_form = forms.CompareForm(
            choices=[(revision.number, _revision_label(revision)) for revision in revisions],
            initial={
                "a": revisions[1].number if len(revisions) > 1 else None,
                "b": revisions[0].number if revisions else None,
            },
        )
        context = {
            "summary": summary,
            "revisions": revisions,
            "compare_form": compare_form,
            "can_check": request.user.has_perm("feedback.check_summary", summary),
        }
        return render(request, "feedback/summary_detail.html", context)


class SummaryEditView(PermissionRequiredMixin, SummaryObjectMixin, View):
    permission_required = "feedback.manage_summaries"

    def get(self, request, pk):
        summary = selectors.summary_for_editing(pk=self.summary.pk)
        if summary.status == Summary.Status.PUBLISHED:
            messages.info(request, _("Return the summary to draft before you edit it."))
            return redirect("feedback:summary-detail", pk=summary.pk)
        initial_points = [
            {
                "id": point.pk,
                "text": point.text,
                "order": point.order,
                "notes": [n.pk for n in point.notes.all()],
            }
            for point in summary.points.all()
        ]
        form = forms.SummaryEditForm(
            initial={"version": summary.version, "introduction": summary.introduction}
        )
        note_filter = forms.NoteFilterForm({"filter-theme": summary.theme_id}, workshop=summary.workshop)
        formset = self._formset(summary, note_filter, initial=initial_points)
        return self._render(summary, form, formset, note_filter)

    def post(self, request, pk):
        summary = selectors.summary_for_editing(pk=self.summary.pk)
        data = request.POST.copy()
        action = data.get("action", "save")
        # "Cite this group" ticks a group of similar notes in one point and redraws (issue 21).
        similar.cite_group(data)
        if action == "add":
            key = "points-TOTAL_FORMS"
            total = data.get(key) or ""
            # A tampered count is read as zero rather than failing with a server error.
            count = form_count(total) or 0
            data[key] = str(min(count + 1, 100))
        form = forms.SummaryEditForm(data)
        note_filter = forms.NoteFilterForm(data, workshop=summary.workshop)
        formset = self._formset(summary, note_filter, data=data)
        if action != "save":
            return self._render(summary, form, formset, note_filter)
        if not (form.is_valid() and formset.is_valid()):
            return self._render(summary, form, formset, note_filter, show_errors=True)
        points = formset.point_inputs()
        try:
            services.summary_save(
                summary=summary,
                editor=request.user,
                expected_version=form.cleaned_data["version"],
                introduction=form.cleaned_data["introduction"],
                points=points,
            )
        except services.SummaryConflict as conflict:
            # Keep everything typed; carry the newer version so the merged text can be saved.
            data["version"] = str(conflict.current.version)
            form = forms.SummaryEditForm(data)
            current = selectors.summary_for_staff(pk=summary.pk)
            return self._render(
                summary, form, formset, note_filter, show_errors=True, conflict=current, status=409
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self._render(summary, form, formset, note_filter, show_errors=True)
        messages.success(request, _("The summary was saved."))
        return redirect("feedback:summary-detail", pk=summary.pk)

    def _formset(self, summary, note_filter, data=None, initial=None):
        # Notes already cited (saved or ticked) stay in the picker whatever the filter says.
        cited = {n.pk for point in summary.points.all() for n in point.notes.all()}
        if data is not None:
            cited |= {
                int(value)
                for key in data
                if key.startswith("points-") and key.endswith("-notes")
                for value in data.getlist(key)
                if form_count(value) is not None
            }
        self.picker_notes = list(
            selectors.notes_for_picker(workshop=summary.workshop, always=cited, **note_filter.filters())
        )
        return forms.SummaryPointFormSet(
            data=data, initial=initial, prefix="points", form_kwargs={"note_choices": self.picker_notes}
        )

    def _render(self, summary, form, formset, note_filter, show_errors=False, conflict=None, status=200):
        context = {
            "summary": summary,
            "form": form,
            "formset": formset,
            "note_filter": note_filter,
            "picker_notes": self.picker_notes,
            "note_groups": similar_selectors.groups_among(self.picker_notes),
            "show_errors": show_errors,
            "conflict": conflict,
        }
        return render(self.request, "feedback/summary_edit.html", context, status=status)


class SummaryTransitionView(PermissionRequiredMixin, SummaryObjectMixin, View):
    """POST only: one status change of a summary, refused if the summary changed meanwhile."""

    permission_required = "feedback.manage_summaries"
    success_message = ""
    form_class = forms.SummaryVersionForm

    def perform(self, summary, version):
        raise NotImplementedError

    def post(self, request, pk):
        form = self.form = self.form_class(request.POST)
        if not form.is_valid():
            field_errors = [
                f"{form[name].label}: {message}"
                for name, errors in form.errors.items()
                if name in form.fields and name != "version"
                for message in errors
            ]
            for message in field_errors or [_("The request was incomplete; reload the page and try again.")]:
                messages.error(request, message)
            return redirect("feedback:summary-detail", pk=pk)
        try:
            self.perform(self.summary, form.cleaned_data["version"])
        except services.SummaryConflict as conflict:
            messages.error(
                request,
                _("%(name)s changed the summary while you were reading it. Read it again, then try again.")
                % {"name": conflict.current.last_edited_by or _("Someone")},
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.success_message)
        return redirect("feedback:summary-detail", pk=pk)


class SummarySubmitView(SummaryTransitionView):
    success_message = _("The summary is waiting for a check by another staff member.")

    def perform(self, summary, version):
        services.summary_submit_for_review(summary=summary, actor=self.request.user, expected_version=version)


class SummaryPublishView(SummaryTransitionView):
    permission_required = "feedback.check_summary"
    success_message = _("You checked the summary and it is published.")

    def perform(self, summary, version):
        services.summary_check_and_publish(
            summary=summary, checker=self.request.user, expected_version=version
        )


class SummaryReturnToDraftView(SummaryTransitionView):
    success_message = _("The summary is a draft again.")
    form_class = forms.SummaryReturnForm

    def perform(self, summary, version):
        services.summary_return_to_draft(
            summary=summary,
            actor=self.request.user,
            expected_version=version,
            comment=self.form.cleaned_data["comment"],
        )


class SummaryCompareView(PermissionRequiredMixin, SummaryObjectMixin, View):
    permission_required = "feedback.manage_summaries"

    def get(self, request, pk):
        summary = self.summary
        revisions = {r.number: r for r in summary.revisions.select_related("saved_by").order_by("-number")}
        numbers = sorted(revisions)
        if not numbers:
            # A summary that came in through an import has no saved versions to compare.
            raise Http404
        choices = [(number, _revision_label(revisions[number])) for number in reversed(numbers)]
        default = {"a": numbers[-2] if len(numbers) > 1 else numbers[0], "b": numbers[-1]}
        form = forms.CompareForm(request.GET or None, choices=choices, initial=default)
        chosen = form.cleaned_data if form.is_bound and form.is_valid() else default
        old, new = sorted((revisions[chosen["a"]], revisions[chosen["b"]]), key=lambda r: r.number)
        context = {
            "summary": summary,
            "form": form,
            "old": old,
            "new": new,
            "old_label": _revision_label(old),
            "new_label": _revision_label(new),
            "rows": selectors.revision_diff(old, new),
        }
        return render(request, "feedback/summary_compare.html", context)


def _summary_page(workshop_slug, theme_slug) -> dict:
    try:
        summary = selectors.summary_published(workshop_slug=workshop_slug, theme_slug=theme_slug)
    except Summary.DoesNotExist as missing:
        raise Http404 from missing
    return {"summary": summary, "title": f"{summary.theme.name} – {summary.workshop.title}"}


def summary_public(request, workshop_slug, theme_slug):
    """The published summary of one theme, each point with the notes it cites."""
    return render(request, "feedback/summary_public.html", _summary_page(workshop_slug, theme_slug))


class DisagreementCreateView(PermissionRequiredMixin, View):
    permission_required = "feedback.disagree_with_point"

    @cached_property
    def point(self):
        try:
            return selectors.point_for_disagreement(pk=self.kwargs["pk"])
        except SummaryPoint.DoesNotExist as missing:
            raise Http404 from missing

    def get_object(self):
        return self.point

    def get(self, request, pk):
        if self.point.summary.status != Summary.Status.PUBLISHED:
            raise Http404
        return self._render(forms.DisagreementForm())

    def post(self, request, pk):
        form = forms.DisagreementForm(request.POST)
        if form.is_valid():
            try:
                services.disagreement_create(point=self.point, author=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Thank you. Your disagreement is recorded and will be taken to the follow-up."),
                )
                return redirect(self._point_url())
        return self._render(form, status=400)

    def _point_url(self):
        workshop_url = reverse("portal:workshop-detail", args=[self.point.summary.workshop.slug])
        return f"{workshop_url}#punkt-{self.point.pk}"

    def _render(self, form, status=200):
        context = {"point": self.point, "form": form, "point_url": self._point_url()}
        return render(self.request, "feedback/disagreement_form.html", context, status=status)


class DisagreementWithdrawView(PermissionRequiredMixin, View):
    permission_required = "feedback.withdraw_disagreement"

    @cached_property
    def disagreement(self):
        return get_object_or_404(
            Disagreement.objects.select_related("point__summary__workshop"), pk=self.kwargs["pk"]
        )

    def get_object(self):
        return self.disagreement

    def post(self, request, pk):
        try:
            services.disagreement_withdraw(disagreement=self.disagreement, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your disagreement was withdrawn."))
        return redirect(self.disagreement.get_absolute_url() + f"#punkt-{self.disagreement.point_id}")


class DisagreementListView(PermissionRequiredMixin, View):
    permission_required = "feedback.read_disagreements"

    def get(self, request):
        summary = None
        if (summary_pk := query_int(request, "sammanfattning")) is not None:
            summary = Summary.objects.select_related("workshop", "theme").filter(pk=summary_pk).first()
        disagreements = selectors.disagreements_for_reading(summary=summary)
        page = Paginator(disagreements, 25).get_page(request.GET.get("sida"))
        context = {
            "page_obj": page,
            "disagreements": page.object_list,
            "summary": summary,
            "query_string": f"sammanfattning={summary.pk}" if summary else "",
            "show_contact": request.user.has_perm("feedback.manage_summaries"),
        }
        return render(request, "feedback/disagreement_list.html", context)
