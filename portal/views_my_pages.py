"""Mina sidor: one home for a signed-in business owner, composed of the workshops (their
registrations), feedback (their notes and disagreements), followups (Mitt inflytande) and
accounts (their notices)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from aleforetag.accounts import notices as notice_services
from aleforetag.core.numbers import form_count
from aleforetag.core.permissions import permission_required

from . import my_pages

MY_PAGES = "accounts.view_my_pages"


@require_GET
@permission_required(MY_PAGES)
def my_pages_view(request):
    """The person's notices, coming and past registrations, latest notes and disagreements."""
    user = request.user
    notices = notice_services.notices_for_user(user=user)
    return render(
        request,
        "portal/my_pages.html",
        {
            "notices": notices,
            "has_unread": any(notice.is_unread for notice in notices),
            "registrations": my_pages.registrations_split(user=user),
            "notes": my_pages.my_latest_notes(user=user),
            "disagreements": my_pages.my_latest_disagreements(user=user),
            "counts": my_pages.my_counts(user=user),
        },
    )


@require_POST
@permission_required(MY_PAGES)
def my_notices_mark_read(request):
    """Mark every unread notice read, or the one whose id is posted as ``notice``."""
    notice_id = request.POST.get("notice", "")
    ids = [int(notice_id)] if form_count(notice_id) is not None else None
    changed = notice_services.notices_mark_read(user=request.user, notice_ids=ids)
    if changed:
        messages.success(
            request,
            ngettext("%(count)d notice marked as read.", "%(count)d notices marked as read.", changed)
            % {"count": changed},
        )
    else:
        messages.info(request, _("No unread notices."))
    return redirect("portal:my-pages")
