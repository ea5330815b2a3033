import datetime

import pytest
from django.utils import timezone

from aleforetag.accounts import roles
from feedback.models import Note, Summary
from followups.models import FollowUp, StatusChange
from tests import factories

INJECTION = '=HYPERLINK("http://evil.example","klicka")'


@pytest.fixture
def export_staff(db):
    """A staff member an admin has given the export permission, but not personal data."""
    from django.contrib.auth.models import Permission

    user = factories.StaffFactory(full_name="Eva Exportör")
    user.user_permissions.add(
        Permission.objects.get(codename="export_data", content_type__app_label="exports")
    )
    return user


@pytest.fixture
def full_data(db):
    """One of everything, with personal data, å ä ö and a formula-looking note."""
    owner = factories.BusinessOwnerFactory(
        full_name="Åsa Öberg", email="asa.oberg@example.se", phone="0303-33 00 00"
    )
    staff = factories.StaffFactory(full_name="Sören Ängström", email="soren@ale.se")
    organisation = factories.OrganisationFactory(name="Älvängens Bageri AB")
    factories.OrganisationFactory(name="Förening utan nummer", organisation_number=None)
    start = timezone.make_aware(datetime.datetime(2017, 11, 23, 11, 30))
    workshop = factories.WorkshopFactory(
        title="Lunchworkshop om företagsklimatet",
        slug="lunchworkshop-2017",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        notes_open_until=start + datetime.timedelta(days=14),
    )
    draft = factories.WorkshopFactory(title="Utkast", slug="utkast-workshop", status="draft")
    group = factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1", table_host="Örjan Värd")
    factories.ParticipationFactory(
        workshop=workshop,
        name="Gösta Gästsson",
        email="gosta@example.se",
        organisation=organisation,
        group=group,
    )
    factories.ParticipationFactory(workshop=workshop, user=owner, name="", organisation=organisation)
    factories.RegistrationFactory(
        workshop=workshop, name="Åke Anmäld", email="ake@example.se", dietary_needs="Nötallergi"
    )
    service = factories.theme("service-och-leverans")
    relation = factories.theme("forstaelse-och-relation")
    note = factories.NoteFactory(
        workshop=workshop,
        group=group,
        author=owner,
        text="Längre öppettider på bygglovsenheten, tack!",
        themes=[service],
        topics=[factories.topic("oppettider")],
    )
    evil = factories.NoteFactory(workshop=workshop, text=INJECTION, themes=[service, relation])
    hidden = factories.NoteFactory(
        workshop=workshop,
        text="-5 grader i lokalen",
        status=Note.Status.HIDDEN,
        hidden_reason="Inte om företagsklimatet",
        moderated_by=staff,
        moderated_at=start,
    )
    summary = factories.SummaryFactory(
        workshop=workshop,
        theme=service,
        status=Summary.Status.PUBLISHED,
        checked_by=staff,
        checked_at=start + datetime.timedelta(days=3),
        published_at=start + datetime.timedelta(days=4),
    )
    point = factories.SummaryPointFactory(summary=summary, text="Företagen vill ha snabbare besked.")
    point.notes.set([note, evil])
    factories.SummaryFactory(
        workshop=workshop, theme=relation, status=Summary.Status.DRAFT, introduction="Hemligt utkast"
    )
    disagreement = factories.DisagreementFactory(
        point=point, author=owner, text="Så menade vi inte – även @ annat"
    )
    conference = factories.ConferenceFactory(year=2017, slug="naringslivsradet-2017")
    conference.workshops.set([workshop])
    followup = factories.FollowUpFactory(
        conference=conference,
        title="Öppettider",
        theme=service,
        responsible=staff,
        status=FollowUp.Status.FEEDBACK_PUBLISHED,
        decision="Bygglov har öppet till 18 på torsdagar.",
        feedback_text="Införs från januari.",
        feedback_published_at=start + datetime.timedelta(days=60),
    )
    followup.notes.set([note])
    followup.disagreements.set([disagreement])
    followup.summary_points.set([point])
    StatusChange.objects.create(
        followup=followup,
        from_status="",
        to_status="new",
        changed_by=staff,
        changed_at=start,
        comment="Skapad",
    )
    factories.FollowUpFactory(conference=conference, title="Nytt ärende", decision="Internt utkast")
    return {
        "owner": owner,
        "staff": staff,
        "workshop": workshop,
        "draft": draft,
        "note": note,
        "evil": evil,
        "hidden": hidden,
        "summary": summary,
        "point": point,
        "followup": followup,
        "roles": roles,
    }
