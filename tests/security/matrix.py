"""The permission matrix: for every URL of the portal, what each role gets, per method.

Expected answers: a status code, or ``LOGIN`` for a redirect to the sign-in page.
Roles: anonymous, business owner A (``owner``, who owns the objects in the URL),
business owner B (``other_owner``), staff, politician and admin. See world.py for the data.
"""

from workshops.tokens import make_confirmation_token as make_registration_confirmation_token
from workshops.tokens import make_manage_token

from .world import ROLES, World, account_confirmation_kwargs, password_reset_kwargs

LOGIN = "login"


def answers(anonymous, owner, other_owner, staff, politician, admin) -> dict:
    return dict(zip(ROLES, (anonymous, owner, other_owner, staff, politician, admin), strict=True))


def everyone(code) -> dict:
    return answers(code, code, code, code, code, code)


def signed_in(code=200, anonymous=LOGIN) -> dict:
    return answers(anonymous, code, code, code, code, code)


def staff_only(code=200, anonymous=LOGIN) -> dict:
    """The business development unit (staff and admins); others are refused."""
    return answers(anonymous, 403, 403, code, 403, code)


def owners_only(code=200, anonymous=LOGIN) -> dict:
    """Business owners; staff, politicians and admins are refused."""
    return answers(anonymous, code, code, 403, 403, 403)


def owner_of_object(code=200, anonymous=LOGIN, others=403) -> dict:
    """Only business owner A, whose object it is."""
    return answers(anonymous, code, others, others, others, others)


def slug(world: World) -> dict:
    return {"slug": world.workshop.slug}


def pk(attribute):
    def kwargs(world: World) -> dict:
        obj = getattr(world, attribute, None) or world.extra[attribute]
        return {"pk": obj.pk}

    return kwargs


def manage_token(world: World) -> dict:
    return {"token": make_manage_token(world.registration)}


# name: (kwargs for reverse(), {method: expected answers})
MATRIX: dict[str, tuple] = {}

ARGS = {
    "accounts:confirm": lambda w: account_confirmation_kwargs(w.owner),
    "accounts:password-reset-confirm": lambda w: password_reset_kwargs(w.owner),
    "workshops:registration-confirm": lambda w: {
        "token": make_registration_confirmation_token(w.pending_registration)
    },
    "workshops:registration-detail": manage_token,
    "workshops:registration-ics": manage_token,
    "workshops:registration-cancel": manage_token,
    "workshops:workshop-detail": slug,
    "workshops:registration-create": slug,
    "workshops:registration-sent": slug,
    "workshops:registration-list": slug,
    "workshops:registration-sheet": slug,
    "workshops:registration-door": slug,
    "workshops:registration-fill": slug,
    "workshops:registration-check-in": lambda w: {"slug": w.workshop.slug, "pk": w.registration.pk},
    "feedback:note-list": slug,
    "feedback:note-create": slug,
    "feedback:note-transcribe": slug,
    "feedback:note-update": pk("note"),
    "feedback:note-withdraw": pk("note"),
    "feedback:note-publish": pk("pending_note"),
    "feedback:note-hide": pk("note"),
    "feedback:summary-detail": pk("summary"),
    "feedback:summary-edit": pk("draft_summary"),
    "feedback:summary-submit": pk("draft_summary"),
    "feedback:summary-publish": pk("review_summary"),
    "feedback:summary-return-to-draft": pk("review_summary"),
    "feedback:summary-compare": pk("summary"),
    "feedback:summary-public": lambda w: {
        "workshop_slug": w.workshop.slug,
        "theme_slug": w.summary.theme.slug,
    },
    "feedback:disagreement-create": pk("point"),
    "feedback:disagreement-withdraw": pk("disagreement"),
    "followups:conference-detail": lambda w: {"slug": w.conference.slug},
    "followups:conference-update": lambda w: {"slug": w.conference.slug},
    "followups:conference-board": lambda w: {"slug": w.conference.slug},
    "followups:followup-detail": pk("followup"),
    "followups:followup-manage": pk("followup"),
    "followups:followup-update": pk("followup"),
    "followups:followup-answer-update": pk("followup"),
    "followups:followup-move": pk("followup"),
    "followups:followup-unlink": pk("followup"),
    "dashboard:table-csv": lambda w: {"key": "participants_by_role"},
    "exports:open-data-download": lambda w: {"dataset": "workshoppar", "file_format": "csv"},
}

REDIRECT = "redirect"

G, P = "GET", "POST"

MATRIX.update(
    {
        # --- site pages (they answer any method with the page; forms need the CSRF token anyway)
        "home": {G: everyone(200), P: everyone(200)},
        "privacy": {G: everyone(200), P: everyone(200)},
        "accessibility": {G: everyone(200), P: everyone(200)},
        "service-status": {G: everyone(200), P: everyone(200)},
        "favicon": {G: everyone(REDIRECT), P: everyone(REDIRECT)},
        "set_language": {G: everyone(REDIRECT), P: everyone(REDIRECT)},
        # --- accounts and GDPR
        "accounts:account": {G: signed_in(200), P: signed_in(200)},
        "accounts:data-download": {G: signed_in(200), P: signed_in(405)},
        "accounts:account-delete": {G: owners_only(200), P: owners_only(200)},
        "accounts:login": {G: signed_in(REDIRECT, anonymous=200), P: signed_in(REDIRECT, anonymous=200)},
        "accounts:logout": {G: everyone(405), P: everyone(REDIRECT)},
        "accounts:sign-up": {G: signed_in(REDIRECT, anonymous=200), P: signed_in(REDIRECT, anonymous=200)},
        "accounts:sign-up-done": {G: everyone(200), P: everyone(200)},
        # A valid confirmation link confirms and sends the visitor on to sign in.
        "accounts:confirm": {G: everyone(LOGIN), P: everyone(LOGIN)},
        "accounts:resend-confirmation": {G: everyone(200), P: everyone(200)},
        "accounts:password-reset": {G: everyone(200), P: everyone(200)},
        "accounts:password-reset-done": {G: everyone(200), P: everyone(405)},
        # The e-mailed link is the key: it leads on to the set-password form for whoever holds it.
        "accounts:password-reset-confirm": {G: everyone(REDIRECT), P: everyone(REDIRECT)},
        "accounts:password-reset-complete": {G: everyone(200), P: everyone(405)},
        # --- workshops and registrations
        "workshops:workshop-list": {G: everyone(200), P: everyone(200)},
        # The signed links in registration e-mails are the key, whoever holds them.
        "workshops:registration-confirm": {G: everyone(REDIRECT), P: everyone(REDIRECT)},
        "workshops:registration-detail": {G: everyone(200), P: everyone(200)},
        "workshops:registration-ics": {G: everyone(200), P: everyone(200)},
        "workshops:registration-cancel": {G: everyone(200), P: everyone(REDIRECT)},
        "workshops:workshop-detail": {G: everyone(200), P: everyone(200)},
        # A already holds a seat: the form sends her to her registration.
        "workshops:registration-create": {
            G: answers(200, REDIRECT, 200, 200, 200, 200),
            P: answers(200, REDIRECT, 200, 200, 200, 200),
        },
        "workshops:registration-sent": {G: everyone(200), P: everyone(200)},
        "workshops:registration-list": {G: staff_only(200), P: staff_only(200)},
        "workshops:registration-sheet": {G: staff_only(200), P: staff_only(200)},
        "workshops:registration-door": {G: staff_only(200), P: staff_only(200)},
        "workshops:registration-check-in": {G: staff_only(405), P: staff_only(REDIRECT)},
        "workshops:registration-fill": {G: staff_only(405), P: staff_only(REDIRECT)},
        # --- notes (checked with rules.has_perm: an admin is not a note's author)
        "feedback:note-list": {G: everyone(200), P: everyone(200)},
        "feedback:note-create": {
            G: answers(LOGIN, 200, 200, 403, 403, 403),
            P: answers(LOGIN, 200, 200, 403, 403, 403),
        },
        "feedback:note-transcribe": {G: staff_only(200), P: staff_only(200)},
        "feedback:note-mine": {
            G: answers(LOGIN, 200, 200, 403, 403, 403),
            P: answers(LOGIN, 200, 200, 403, 403, 403),
        },
        "feedback:note-update": {
            G: answers(LOGIN, 200, 403, 403, 403, 403),
            P: answers(LOGIN, 200, 403, 403, 403, 403),
        },
        "feedback:note-withdraw": {
            G: answers(LOGIN, 200, 403, 403, 403, 403),
            P: answers(LOGIN, REDIRECT, 403, 403, 403, 403),
        },
        "feedback:note-publish": {G: answers(LOGIN, 405, 405, 405, 405, 405), P: staff_only(REDIRECT)},
        "feedback:note-hide": {G: staff_only(200), P: staff_only(200)},
        "feedback:note-moderation": {G: staff_only(200), P: staff_only(200)},
        # --- summaries and disagreements (checked with rules.has_perm: no superuser shortcut)
        "feedback:summary-list": {G: staff_only(200), P: staff_only(405)},
        "feedback:summary-create": {G: staff_only(200), P: staff_only(200)},
        "feedback:summary-detail": {G: staff_only(200), P: staff_only(405)},
        "feedback:summary-edit": {G: staff_only(200), P: staff_only(200)},
        "feedback:summary-submit": {G: staff_only(405), P: staff_only(REDIRECT)},
        # Four eyes: the staff member who last edited it may not check it; another (the admin) may.
        "feedback:summary-publish": {
            G: answers(LOGIN, 403, 403, 403, 403, 405),
            P: answers(LOGIN, 403, 403, 403, 403, REDIRECT),
        },
        "feedback:summary-return-to-draft": {G: staff_only(405), P: staff_only(REDIRECT)},
        "feedback:summary-compare": {G: staff_only(200), P: staff_only(405)},
        "feedback:summary-public": {G: everyone(200), P: everyone(200)},
        # An empty disagreement is refused with 400 and the form.
        "feedback:disagreement-create": {G: owners_only(200), P: owners_only(400)},
        "feedback:disagreement-withdraw": {
            G: answers(LOGIN, 405, 403, 403, 403, 403),
            P: answers(LOGIN, REDIRECT, 403, 403, 403, 403),
        },
        "feedback:disagreement-list": {
            G: answers(LOGIN, 403, 403, 200, 200, 200),
            P: answers(LOGIN, 403, 403, 405, 405, 405),
        },
        # --- follow-ups (the method is checked before the role)
        "followups:conference-list": {G: everyone(200), P: everyone(405)},
        "followups:conference-create": {G: staff_only(200), P: staff_only(200)},
        "followups:conference-detail": {G: everyone(200), P: everyone(405)},
        "followups:conference-update": {G: staff_only(200), P: staff_only(200)},
        "followups:conference-board": {G: staff_only(200), P: everyone(405)},
        "followups:followup-create": {G: staff_only(200), P: staff_only(200)},
        "followups:followup-detail": {G: everyone(200), P: everyone(405)},
        "followups:followup-manage": {G: staff_only(200), P: everyone(405)},
        "followups:followup-update": {G: everyone(405), P: staff_only(200)},
        "followups:followup-answer-update": {G: everyone(405), P: staff_only(200)},
        "followups:followup-move": {G: staff_only(200), P: staff_only(400)},
        "followups:followup-unlink": {G: everyone(405), P: staff_only(REDIRECT)},
        "followups:triage": {G: staff_only(200), P: everyone(405)},
        "followups:triage-link": {G: everyone(405), P: staff_only(400)},
        "followups:my-influence": {G: answers(LOGIN, 200, 200, 403, 403, 200), P: everyone(405)},
        "followups:notices-mark-read": {
            G: everyone(405),
            P: answers(LOGIN, REDIRECT, REDIRECT, 403, 403, REDIRECT),
        },
        # --- dashboard and open data
        "dashboard:dashboard": {
            G: answers(403, 403, 403, 200, 200, 200),
            P: answers(403, 403, 403, 405, 405, 405),
        },
        "dashboard:table-csv": {
            G: answers(403, 403, 403, 200, 200, 200),
            P: answers(403, 403, 403, 405, 405, 405),
        },
        "exports:open-data": {G: everyone(200), P: everyone(405)},
        "exports:open-data-download": {G: everyone(200), P: everyone(405)},
    }
)
