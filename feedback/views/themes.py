"""Staff keep the themes notes are grouped under and the topics under each, without the admin."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aleforetag.core.numbers import query_int
from aleforetag.core.permissions import permission_required
from feedback.forms.themes import ThemeForm, TopicForm
from feedback.models import Theme, Topic
from feedback.services import themes as services

MANAGE = "feedback.manage_themes"


@require_GET
@permission_required(MANAGE)
def theme_list(request):
    """Every theme with its topics and how many notes each is on: two queries at any size."""
    topics = Topic.objects.annotate(note_count=Count("notes", distinct=True)).order_by("order", "name_sv")
    themes = Theme.objects.annotate(note_count=Count("notes", distinct=True)).prefetch_related(
        Prefetch("topics", queryset=topics)
    )
    return render(request, "feedback/theme_list.html", {"themes": themes})


def _edit(request, form_class, *, heading, done, instance=None, initial=None):
    """The form page of a theme or a topic: a valid POST is saved and leads back to the list,
    at the saved row; anything else draws the form again, with its errors."""
    form = form_class(request.POST if request.method == "POST" else None, instance=instance, initial=initial)
    if form.is_valid():
        try:
            tag = services.tag_save(actor=request.user, tag=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done % {"name": tag.name})
            return redirect(f"{reverse('feedback:theme-list')}#{tag._meta.model_name}-{tag.pk}")
    return render(
        request,
        "staff_form.html",
        {"form": form, "heading": heading, "cancel_url": reverse("feedback:theme-list")},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def theme_create(request):
    return _edit(request, ThemeForm, heading=_("New theme"), done=_("The theme %(name)s was added."))


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def theme_update(request, pk):
    theme = get_object_or_404(Theme, pk=pk)
    heading = _("Edit %(name)s") % {"name": theme.name}
    return _edit(request, ThemeForm, instance=theme, heading=heading, done=_("The theme %(name)s was saved."))


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def topic_create(request):
    """A new topic; ``?tema=<id>`` chooses its theme in advance."""
    theme_id = query_int(request, "tema", minimum=1)
    theme = Theme.objects.filter(pk=theme_id).first() if theme_id else None
    heading, done = _("New topic"), _("The topic %(name)s was added.")
    return _edit(request, TopicForm, initial={"theme": theme}, heading=heading, done=done)


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def topic_update(request, pk):
    topic = get_object_or_404(Topic, pk=pk)
    heading = _("Edit %(name)s") % {"name": topic.name}
    return _edit(request, TopicForm, instance=topic, heading=heading, done=_("The topic %(name)s was saved."))
