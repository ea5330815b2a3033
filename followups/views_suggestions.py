"""Linking an input in the triage inbox to a suggested follow-up with one button."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aleforetag.core.numbers import parse_int
from aleforetag.core.permissions import permission_required
from feedback.models import Disagreement, Note

from . import services
from .models import FollowUp

MANAGE = "followups.manage_followups"
KINDS = {
    "note": (Note.objects.published(), "notes"),
    "disagreement": (Disagreement.objects.all(), "disagreements"),
}


def _suggestion(value: str):
    """("note" or "disagreement", input id, follow-up id) from "kind:id:followup", or None."""
    kind, _sep, rest = value.partition(":")
    item, _sep, followup = rest.partition(":")
    try:
        return kind, parse_int(item, minimum=1), parse_int(followup, minimum=1)
    except ValueError:
        return None


@require_POST
@permission_required(MANAGE)
def triage_link_suggested(request):
    """The one input a suggestion names linked to the follow-up it names (``suggestion``:
    "note:12:5"); back to the inbox as it was. A bad value changes nothing."""
    return_to = request.POST.get("return_to", "")
    if not url_has_allowed_host_and_scheme(return_to, allowed_hosts={request.get_host()}):
        return_to = reverse("followups:triage")
    parsed = _suggestion(request.POST.get("suggestion", ""))
    if parsed is None or parsed[0] not in KINDS:
        messages.error(request, _("Choose one of the suggested follow-ups."))
        return redirect(return_to)
    kind, item_id, followup_id = parsed
    queryset, argument = KINDS[kind]
    item = get_object_or_404(queryset, pk=item_id)
    followup = get_object_or_404(FollowUp, pk=followup_id)
    try:
        services.followup_link_inputs(actor=request.user, followup=followup, **{argument: [item]})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The input was linked to “%(title)s”.") % {"title": followup.title})
    return redirect(return_to)
