"""The permission matrix: for every URL of the portal, what each role gets, per method.

Expected answers: a status code, ``LOGIN`` for a redirect to the sign-in page, ``REDIRECT``
for any other redirect, and (for a POST of a filled-in form) ``DONE`` for a redirect after
the request stored something. Roles: anonymous, business owner A (``owner``, who owns the
objects in the URL), business owner B (``other_owner``), staff, politician and admin. See
world.py for the data.

Each URL is requested with GET and with an empty POST; the URLs in ``DATA`` also with a POST
of a filled-in form (``FILLED``), so that a role with the right is seen to act and a refused
one is seen to store nothing.
"""

import itertools

from tests import factories
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


_NEW_ADDRESS = itertools.count()


def _email_change_token(world: World) -> dict:
    """A's link to confirm a new address she asked for (inside the request's savepoint)."""
    from aleforetag.accounts.email_change import make_token
    from aleforetag.accounts.models import User

    User.objects.filter(pk=world.owner.pk).update(pending_email="karin.ny@example.se")
    return {"token": make_token(world.owner, "karin.ny@example.se")}


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
    "portal:workshop-detail": slug,
    "workshops:registration-create": slug,
    "workshops:registration-sent": slug,
    "workshops:registration-list": slug,
    "workshops:registration-sheet": slug,
    "workshops:registration-door": slug,
    "workshops:registration-fill": slug,
    "workshops:registration-check-in": lambda w: {"slug": w.workshop.slug, "pk": w.registration.pk},
    "workshops:workshop-update": slug,
    "workshops:workshop-copy": slug,
    "workshops:workshop-publish": slug,
    "workshops:workshop-cancel": slug,
    "workshops:registration-add": slug,
    "workshops:registration-kitchen": slug,
    "workshops:registration-csv": slug,
    "workshops:registration-staff-cancel": lambda w: {"slug": w.workshop.slug, "pk": w.registration.pk},
    "feedback:note-list": slug,
    "feedback:note-create": slug,
    "feedback:note-transcribe": slug,
    "feedback:note-update": pk("note"),
    "feedback:note-withdraw": pk("note"),
    "feedback:note-publish": pk("pending_note"),
    "feedback:note-groups": slug,
    "feedback:note-accept-suggestion": pk("pending_note"),
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
    "portal:open-data-download": lambda w: {"dataset": "workshoppar", "file_format": "csv"},
    "accounts:email-change-confirm": _email_change_token,
}

REDIRECT = "redirect"
DONE = "done"

G, P, FILLED = "GET", "POST", "POST filled in"


def _note(world: World) -> dict:
    return {
        "group": "",
        "text": "Längre öppettider, tack.",
        "kind": "suggestion",
        "themes": [factories.theme().pk],
    }


def _version(attribute):
    def data(world: World) -> dict:
        obj = getattr(world, attribute, None) or world.extra[attribute]
        return {"version": obj.version}

    return data


def _nothing(world: World) -> dict:
    return {}


def _workshop_form(world: World) -> dict:
    return {
        "title": "Ny frukost",
        "kind": "workshop",
        "starts_at": "2031-03-04T08:00",
        "ends_at": "2031-03-04T10:00",
        "venue": "Kommunhuset",
        "host": "Näringslivsenheten",
        "status": "draft",
        "bord-TOTAL_FORMS": "1",
        "bord-INITIAL_FORMS": "0",
        "bord-0-name": "Bord A",
    }


# name: the POST body of the filled-in form (built inside the request's savepoint)
DATA = {
    "feedback:note-create": _note,
    "feedback:note-update": _note,
    "feedback:note-withdraw": _nothing,
    "feedback:note-transcribe": lambda w: {
        "group": "",
        "rad-TOTAL_FORMS": "1",
        "rad-INITIAL_FORMS": "0",
        "rad-0-text": "En pappersanteckning.",
        "rad-0-kind": "problem",
        "rad-0-themes": [factories.theme().pk],
    },
    "feedback:note-publish": _nothing,
    "feedback:note-accept-suggestion": lambda w: {"theme": factories.theme("samarbete").pk},
    "followups:triage-link-suggested": lambda w: {"suggestion": f"note:{w.note.pk}:{w.followup.pk}"},
    "feedback:note-hide": lambda w: {"reason": "Personuppgifter."},
    "feedback:summary-create": lambda w: {
        "workshop": factories.WorkshopFactory().pk,
        "theme": factories.theme().pk,
    },
    "feedback:summary-edit": lambda w: {
        "action": "save",
        "version": w.draft_summary.version,
        "introduction": "Ny inledning",
        "points-TOTAL_FORMS": "0",
        "points-INITIAL_FORMS": "0",
    },
    "feedback:summary-submit": _version("draft_summary"),
    "feedback:summary-publish": _version("review_summary"),
    "feedback:summary-return-to-draft": _version("review_summary"),
    "feedback:disagreement-create": lambda w: {"text": "Jag håller inte med."},
    "feedback:disagreement-withdraw": _nothing,
    "followups:followup-move": lambda w: {"to_status": "on_agenda", "version": w.followup.version},
    "followups:followup-unlink": lambda w: {"kind": "note", "id": w.note.pk},
    "portal:notices-mark-read": _nothing,
    "portal:my-notices-mark-read": lambda w: {"notice": w.extra["notice"].pk},
    "accounts:password-change": lambda w: {
        "old_password": factories.PASSWORD,
        "new_password1": "Nytt-lösenord-för-2026",
        "new_password2": "Nytt-lösenord-för-2026",
    },
    # A new address for each request: the e-mail allowance counts per address.
    "accounts:email-change": lambda w: {
        "new_email": f"helt.ny.{next(_NEW_ADDRESS)}@example.se",
        "password": factories.PASSWORD,
    },
    "accounts:notice-preferences": lambda w: {"kinds": ["note_hidden"]},
    "site-settings": lambda w: {
        "municipality_name": "Ale kommun",
        "service_name": "Ale företagsklimat",
        "service_name_en": "Ale business climate",
        "main_colour": "#1d6b48",
        "contact_centre_name": "Kontaktcenter",
        "phone": "0303-33 00 00",
        "email": "kommun@ale.se",
        "visiting_address": "Ale torg 7, Nödinge",
        "postal_address": "449 80 Alafors",
        "opening_hours": "Måndag–fredag kl. 8.00–16.30",
        "opening_hours_en": "Monday–Friday 8.00–16.30",
        "accessibility_contact_email": "kommun@ale.se",
    },
    "workshops:registration-create": lambda w: {
        "name": "Vera Besökare",
        "email": "vera@example.se",
        "dietary_needs": "",
        "accessibility_needs": "",
    },
    "workshops:registration-cancel": _nothing,
    "workshops:registration-check-in": _nothing,
    "workshops:registration-fill": _nothing,
    "workshops:workshop-create": _workshop_form,
    "workshops:workshop-copy": _workshop_form,
    "workshops:workshop-cancel": _nothing,
    "workshops:registration-add": lambda w: {"source": "walk_in", "name": "Dörr Gästsson"},
    "workshops:registration-staff-cancel": _nothing,
}

MATRIX.update(
    {
        # --- site pages (they answer any method with the page; forms need the CSRF token anyway)
        "home": {G: everyone(200), P: everyone(200)},
        "privacy": {G: everyone(200), P: everyone(200)},
        "accessibility": {G: everyone(200), P: everyone(200)},
        "service-status": {G: everyone(200), P: everyone(200)},
        "health": {G: everyone(200), P: everyone(405)},
        "favicon": {G: everyone(REDIRECT), P: everyone(REDIRECT)},
        # The municipality's identity: its logo (none uploaded in the world) and main colour.
        "site-logo": {G: everyone(404), P: everyone(405)},
        "site-theme": {G: everyone(200), P: everyone(405)},
        "site-settings": {
            G: answers(LOGIN, 403, 403, 403, 403, 200),
            P: answers(LOGIN, 403, 403, 403, 403, 200),
            FILLED: answers(LOGIN, 403, 403, 403, 403, DONE),
        },
        "set_language": {G: everyone(REDIRECT), P: everyone(REDIRECT)},
        # --- accounts and GDPR
        "accounts:account": {G: signed_in(200), P: signed_in(200)},
        "accounts:data-download": {G: signed_in(200), P: everyone(405)},
        "accounts:data-download-json": {G: signed_in(200), P: everyone(405)},
        "accounts:data-download-csv": {G: signed_in(200), P: everyone(405)},
        "accounts:password-change": {G: signed_in(200), P: signed_in(200), FILLED: signed_in(DONE)},
        # An empty form is refused with 400 and the form; a filled-in one stores the new address
        # as pending (the old one keeps working) and e-mails both.
        "accounts:email-change": {G: signed_in(200), P: signed_in(400), FILLED: signed_in(DONE)},
        "accounts:email-change-cancel": {G: everyone(405), P: signed_in(REDIRECT)},
        # The link sent to the new address is the key, whoever holds it: it opens a page with a
        # button, and only the button's POST changes the address.
        "accounts:email-change-confirm": {G: everyone(200), P: everyone(REDIRECT)},
        "accounts:notice-preferences": {G: signed_in(200), P: signed_in(REDIRECT), FILLED: signed_in(DONE)},
        "portal:account-delete": {G: owners_only(200), P: owners_only(200)},
        "accounts:login": {G: signed_in(REDIRECT, anonymous=200), P: signed_in(REDIRECT, anonymous=200)},
        "accounts:logout": {G: everyone(405), P: everyone(REDIRECT)},
        "accounts:sign-up": {G: signed_in(REDIRECT, anonymous=200), P: signed_in(REDIRECT, anonymous=200)},
        "accounts:sign-up-done": {G: everyone(200), P: everyone(200)},
        # A's address is confirmed already: her link sends her on to sign in, GET or POST. A new
        # account's link shows a button, only its POST confirms (tests/accounts/test_confirmation_links.py).
        "accounts:confirm": {G: everyone(LOGIN), P: everyone(LOGIN)},
        "accounts:resend-confirmation": {G: everyone(200), P: everyone(200)},
        "accounts:password-reset": {G: everyone(200), P: everyone(200)},
        "accounts:password-reset-done": {G: everyone(200), P: everyone(405)},
        # The e-mailed link is the key: it leads on to the set-password form for whoever holds it.
        "accounts:password-reset-confirm": {G: everyone(REDIRECT), P: everyone(REDIRECT)},
        "accounts:password-reset-complete": {G: everyone(200), P: everyone(405)},
        # --- workshops and registrations
        "workshops:workshop-list": {G: everyone(200), P: everyone(200)},
        # The signed links in registration e-mails are the key, whoever holds them. The
        # confirmation link shows a button (GET changes nothing: mail scanners follow links);
        # its POST confirms and goes on to the registration.
        "workshops:registration-confirm": {G: everyone(200), P: everyone(REDIRECT)},
        "workshops:registration-detail": {G: everyone(200), P: everyone(200)},
        "workshops:registration-ics": {G: everyone(200), P: everyone(200)},
        "workshops:registration-cancel": {G: everyone(200), P: everyone(REDIRECT), FILLED: everyone(DONE)},
        "portal:workshop-detail": {G: everyone(200), P: everyone(200)},
        # A already holds a seat: the form sends her to her registration.
        "workshops:registration-create": {
            G: answers(200, REDIRECT, 200, 200, 200, 200),
            P: answers(200, REDIRECT, 200, 200, 200, 200),
            FILLED: answers(DONE, REDIRECT, DONE, DONE, DONE, DONE),
        },
        "workshops:registration-sent": {G: everyone(200), P: everyone(200)},
        "workshops:registration-list": {G: staff_only(200), P: staff_only(200)},
        "workshops:registration-sheet": {G: staff_only(200), P: staff_only(200)},
        "workshops:registration-door": {G: staff_only(200), P: staff_only(200)},
        "workshops:registration-check-in": {
            G: staff_only(405),
            P: staff_only(REDIRECT),
            FILLED: staff_only(DONE),
        },
        "workshops:registration-fill": {
            G: staff_only(405),
            P: staff_only(REDIRECT),
            FILLED: staff_only(DONE),
        },
        # --- staff: workshops with their table groups, registrations by staff
        "portal:workshop-manage-list": {G: staff_only(200), P: everyone(405)},
        # An empty POST is a form with errors (400).
        "workshops:workshop-create": {G: staff_only(200), P: staff_only(400), FILLED: staff_only(DONE)},
        "workshops:workshop-update": {G: staff_only(200), P: staff_only(400)},
        "workshops:workshop-copy": {G: staff_only(200), P: staff_only(400), FILLED: staff_only(DONE)},
        # The world's workshop is published already: publishing again stores nothing.
        "workshops:workshop-publish": {G: everyone(405), P: staff_only(REDIRECT)},
        "workshops:workshop-cancel": {G: staff_only(200), P: staff_only(REDIRECT), FILLED: staff_only(DONE)},
        "workshops:registration-add": {G: staff_only(200), P: staff_only(400), FILLED: staff_only(DONE)},
        "workshops:registration-kitchen": {G: staff_only(200), P: everyone(405)},
        "workshops:registration-csv": {G: staff_only(200), P: everyone(405)},
        "workshops:registration-staff-cancel": {
            G: staff_only(200),
            P: staff_only(REDIRECT),
            FILLED: staff_only(DONE),
        },
        # --- notes (checked with rules.has_perm: an admin is not a note's author)
        "feedback:note-list": {G: everyone(200), P: everyone(200)},
        "feedback:note-create": {
            G: answers(LOGIN, 200, 200, 403, 403, 403),
            P: answers(LOGIN, 200, 200, 403, 403, 403),
            FILLED: answers(LOGIN, DONE, DONE, 403, 403, 403),
        },
        # An empty POST is a page of rows with errors (400), every typed row kept.
        "feedback:note-transcribe": {G: staff_only(200), P: staff_only(400), FILLED: staff_only(DONE)},
        "feedback:note-mine": {
            G: answers(LOGIN, 200, 200, 403, 403, 403),
            P: answers(LOGIN, 200, 200, 403, 403, 403),
        },
        "feedback:note-update": {
            G: answers(LOGIN, 200, 403, 403, 403, 403),
            P: answers(LOGIN, 200, 403, 403, 403, 403),
            FILLED: answers(LOGIN, DONE, 403, 403, 403, 403),
        },
        "feedback:note-withdraw": {
            G: answers(LOGIN, 200, 403, 403, 403, 403),
            P: answers(LOGIN, REDIRECT, 403, 403, 403, 403),
            FILLED: answers(LOGIN, DONE, 403, 403, 403, 403),
        },
        "feedback:note-publish": {
            G: answers(LOGIN, 405, 405, 405, 405, 405),
            P: staff_only(REDIRECT),
            FILLED: staff_only(DONE),
        },
        "feedback:note-hide": {G: staff_only(200), P: staff_only(200), FILLED: staff_only(DONE)},
        "feedback:note-moderation": {G: staff_only(200), P: staff_only(200)},
        # Similar notes and suggestions (issue 21): staff read the groups and accept a tag.
        "feedback:note-groups": {G: staff_only(200), P: answers(LOGIN, 405, 405, 405, 405, 405)},
        "feedback:note-accept-suggestion": {
            G: answers(LOGIN, 405, 405, 405, 405, 405),
            P: staff_only(REDIRECT),
            FILLED: staff_only(DONE),
        },
        # --- summaries and disagreements (checked with rules.has_perm: no superuser shortcut)
        "feedback:summary-list": {G: staff_only(200), P: staff_only(405)},
        "feedback:summary-create": {G: staff_only(200), P: staff_only(200), FILLED: staff_only(DONE)},
        "feedback:summary-detail": {G: staff_only(200), P: staff_only(405)},
        "feedback:summary-edit": {G: staff_only(200), P: staff_only(200), FILLED: staff_only(DONE)},
        "feedback:summary-submit": {G: staff_only(405), P: staff_only(REDIRECT), FILLED: staff_only(DONE)},
        # Four eyes: the staff member who last edited it may not check it; another (the admin) may.
        "feedback:summary-publish": {
            G: answers(LOGIN, 403, 403, 403, 403, 405),
            P: answers(LOGIN, 403, 403, 403, 403, REDIRECT),
            FILLED: answers(LOGIN, 403, 403, 403, 403, DONE),
        },
        "feedback:summary-return-to-draft": {
            G: staff_only(405),
            P: staff_only(REDIRECT),
            FILLED: staff_only(DONE),
        },
        "feedback:summary-compare": {G: staff_only(200), P: staff_only(405)},
        "feedback:summary-public": {G: everyone(200), P: everyone(200)},
        # An empty disagreement is refused with 400 and the form, and so is A's second one with
        # the same point.
        "feedback:disagreement-create": {
            G: owners_only(200),
            P: owners_only(400),
            FILLED: answers(LOGIN, 400, DONE, 403, 403, 403),
        },
        "feedback:disagreement-withdraw": {
            G: answers(LOGIN, 405, 403, 403, 403, 403),
            P: answers(LOGIN, REDIRECT, 403, 403, 403, 403),
            FILLED: answers(LOGIN, DONE, 403, 403, 403, 403),
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
        "followups:followup-move": {G: staff_only(200), P: staff_only(400), FILLED: staff_only(DONE)},
        "followups:followup-unlink": {G: everyone(405), P: staff_only(REDIRECT), FILLED: staff_only(DONE)},
        "followups:triage": {G: staff_only(200), P: everyone(405)},
        "followups:triage-link": {G: everyone(405), P: staff_only(400)},
        "followups:triage-link-suggested": {
            G: everyone(405),
            P: staff_only(REDIRECT),
            FILLED: staff_only(DONE),
        },
        # Arbetsyta, the staff home.
        "portal:workspace": {G: staff_only(200), P: everyone(405)},
        # An admin acts through the admin role, never as a business owner (no superuser shortcut).
        "portal:my-influence": {G: owners_only(200), P: everyone(405)},
        "portal:notices-mark-read": {
            G: everyone(405),
            P: owners_only(REDIRECT),
            FILLED: answers(LOGIN, DONE, REDIRECT, 403, 403, 403),
        },
        # Mina sidor: business owners only, each sees and marks only their own notices.
        "portal:my-pages": {G: owners_only(200), P: everyone(405)},
        "portal:my-notices-mark-read": {
            G: everyone(405),
            P: owners_only(REDIRECT),
            FILLED: answers(LOGIN, DONE, REDIRECT, 403, 403, 403),
        },
        # --- dashboard and open data
        "dashboard:dashboard": {
            G: answers(LOGIN, 403, 403, 200, 200, 200),
            P: answers(LOGIN, 403, 403, 405, 405, 405),
        },
        "dashboard:table-csv": {
            G: answers(LOGIN, 403, 403, 200, 200, 200),
            P: answers(LOGIN, 403, 403, 405, 405, 405),
        },
        "portal:open-data": {G: everyone(200), P: everyone(405)},
        "portal:open-data-download": {G: everyone(200), P: everyone(405)},
    }
)


# --- indicators, the action plan and "Ni sa – vi gjorde" (issue 23) --------------------------
# Built inside each request's savepoint, so every role meets the same indicator and point.


def _indicator(world: World):
    from indicators.models import Indicator
    from portal.factories import IndicatorFactory, IndicatorYearFactory

    indicator = Indicator.objects.filter(slug="nki-bygglov").first()
    if indicator is None:
        indicator = IndicatorFactory(slug="nki-bygglov", name_sv="NKI bygglov", scale_min=0, scale_max=100)
        IndicatorYearFactory(indicator=indicator, year=2017, value=68, target=70)
    return indicator


def _action_point(world: World):
    from indicators.models import ActionPoint
    from portal.factories import ActionPointFactory

    return ActionPoint.objects.filter(title="Snabbare bygglov").first() or ActionPointFactory(
        title="Snabbare bygglov", owner=world.users["staff"], is_published=False
    )


def _indicator_form(world: World) -> dict:
    return {
        "name_sv": "NKI miljö- och hälsoskydd",
        "slug": "nki-miljo",
        "source": "insikt",
        "unit": "NKI",
        "scale_min": "0",
        "scale_max": "100",
        "decimals": "0",
        "higher_is_better": "on",
        "order": "1",
    }


def _point_form(world: World) -> dict:
    return {
        "year": "2018",
        "title": "E-tjänst för bygglov",
        "owner": world.users["staff"].pk,
        "deadline": "2018-06-30",
        "status": "in_progress",
        "followups": [world.followup.pk],
        "indicators": [_indicator(world).pk],
        "is_published": "on",
    }


def _import_file(world: World) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    _indicator(world)
    return {
        "file": SimpleUploadedFile("värden.csv", "indikator;år;värde;mål\nnki-bygglov;2018;71;72\n".encode()),
        "municipality": "Ale",
    }


ARGS.update(
    {
        "indicators:indicator-detail": lambda w: {"slug": _indicator(w).slug},
        "indicators:indicator-update": lambda w: {"slug": _indicator(w).slug},
        "indicators:indicator-year-set": lambda w: {"slug": _indicator(w).slug},
        "indicators:plan-year": lambda w: {"year": 2018},
        "indicators:point-update": lambda w: {"pk": _action_point(w).pk},
        "indicators:said-did-year": lambda w: {"year": w.conference.year},
    }
)
DATA.update(
    {
        "indicators:indicator-create": _indicator_form,
        "indicators:indicator-update": lambda w: {**_indicator_form(w), "slug": "nki-bygglov"},
        "indicators:indicator-year-set": lambda w: {"year": "2018", "value": "71,5", "target": ""},
        "indicators:indicator-import": _import_file,
        "indicators:point-create": _point_form,
        "indicators:point-update": _point_form,
    }
)
READERS = answers(LOGIN, 403, 403, 200, 200, 200)
MATRIX.update(
    {
        "indicators:indicator-list": {G: READERS, P: everyone(405)},
        "indicators:indicator-detail": {G: READERS, P: everyone(405)},
        "indicators:indicator-create": {G: staff_only(200), P: staff_only(200), FILLED: staff_only(DONE)},
        "indicators:indicator-update": {G: staff_only(200), P: staff_only(200), FILLED: staff_only(DONE)},
        "indicators:indicator-year-set": {G: staff_only(200), P: staff_only(200), FILLED: staff_only(DONE)},
        "indicators:indicator-import": {G: staff_only(200), P: staff_only(200), FILLED: staff_only(DONE)},
        "indicators:indicator-import-template": {G: staff_only(200), P: everyone(405)},
        # The public sees the published points; politicians and staff the whole plan.
        "indicators:plan": {G: everyone(200), P: everyone(405)},
        "indicators:plan-year": {G: everyone(200), P: everyone(405)},
        "indicators:point-create": {G: staff_only(200), P: staff_only(200), FILLED: staff_only(DONE)},
        "indicators:point-update": {G: staff_only(200), P: staff_only(200), FILLED: staff_only(DONE)},
        "indicators:said-did": {G: everyone(200), P: everyone(405)},
        "indicators:said-did-year": {G: everyone(200), P: everyone(405)},
    }
)


# --- themes and topics, kept by staff ---


def _theme(world: World):
    return factories.theme()


def _topic(world: World):
    return factories.topic()


def _theme_form(world: World) -> dict:
    return {"name_sv": "Kompetensförsörjning", "name_en": "Skills supply", "slug": "", "order": "4"}


def _topic_form(world: World) -> dict:
    return {
        "theme": _theme(world).pk,
        "name_sv": "Lärlingsplatser",
        "name_en": "Apprenticeships",
        "order": "9",
    }


ARGS.update(
    {
        "feedback:theme-update": lambda w: {"pk": _theme(w).pk},
        "feedback:topic-update": lambda w: {"pk": _topic(w).pk},
    }
)
DATA.update(
    {
        "feedback:theme-create": _theme_form,
        "feedback:theme-update": lambda w: {**_theme_form(w), "name_sv": "Service och bemötande"},
        "feedback:topic-create": _topic_form,
        "feedback:topic-update": _topic_form,
    }
)
MATRIX.update(
    {
        "feedback:theme-list": {G: staff_only(200), P: everyone(405)},
        "feedback:theme-create": {G: staff_only(200), P: staff_only(400), FILLED: staff_only(DONE)},
        "feedback:theme-update": {G: staff_only(200), P: staff_only(400), FILLED: staff_only(DONE)},
        "feedback:topic-create": {G: staff_only(200), P: staff_only(400), FILLED: staff_only(DONE)},
        "feedback:topic-update": {G: staff_only(200), P: staff_only(400), FILLED: staff_only(DONE)},
    }
)
