"""Imports change every row or none, and name each bad row and column with the reason."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aleforetag.exports.models import ExportLog
from aleforetag.exports.services import table_import
from feedback.models import Note
from feedback.resources import NoteResource
from tests import factories
from workshops.models import Organisation, Participation, Workshop
from workshops.resources import OrganisationResource, ParticipationResource, WorkshopResource

WORKSHOP_HEADER = "slug;title;starts_at;ends_at;venue;host"


def csv_file(*lines):
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def snapshot():
    """Everything an import could touch, to compare before and after."""
    return (
        list(Workshop.objects.values_list("slug", "title", "starts_at").order_by("slug")),
        list(Organisation.objects.values_list("name", "organisation_number").order_by("pk")),
        list(Participation.objects.values_list("name", "email", "organisation_id").order_by("pk")),
        list(Note.objects.values_list("pk", "text", "status").order_by("pk")),
    )


def problems_of(outcome):
    return [(row, column) for row, column, _reason in outcome.problems]


BAD_FILES = {
    "unknown theme": (
        NoteResource,
        csv_file(
            "workshop;text;themes",
            "workshop-x;Bra dialog;Service och leverans",
            "workshop-x;Sämre parkering;Trafik och parkering",
            'workshop-x;Mer samarbete;"samarbete; Påhittat tema"',
        ),
        [(2, "themes"), (3, "themes")],
        "Trafik och parkering",
    ),
    "unknown workshop and missing theme": (
        NoteResource,
        csv_file("workshop;text;themes", "finns-inte;Text;Samarbete", "workshop-x;Utan tema;"),
        [(1, "workshop"), (2, "themes")],
        "finns-inte",
    ),
    "bad date": (
        WorkshopResource,
        csv_file(
            WORKSHOP_HEADER,
            "ny-workshop;Ny;2018-02-30 11:30;2018-02-01 13:00;Nödinge;Kommunstyrelsen",
            "annan;Annan;2018-02-01 11:30;i morgon;Nödinge;Kommunstyrelsen",
        ),
        [(1, "starts_at"), (2, "ends_at")],
        "2018-02-30",
    ),
    "ends before it starts": (
        WorkshopResource,
        csv_file(WORKSHOP_HEADER, "ny-workshop;Ny;2018-02-01 13:00;2018-02-01 11:00;Nödinge;KS"),
        [(1, "ends_at")],
        "",
    ),
    "bad organisationsnummer": (
        OrganisationResource,
        csv_file(
            "organisation_number;name",
            "556016-0680;Rätt AB",
            "556016-0681;Fel kontrollsiffra AB",
            "55601A-0680;Bokstäver AB",
            "12345;För kort AB",
        ),
        [(2, "organisation_number"), (3, "organisation_number"), (4, "organisation_number")],
        "Kontrollsiffran",
    ),
    "participant with a bad organisationsnummer and an unknown group": (
        ParticipationResource,
        csv_file(
            "workshop;name;email;organisation;group",
            "workshop-x;Åke Ärlig;ake@example.se;556016-0681;",
            "workshop-x;Berit Bo;berit@example.se;;Bord 99",
        ),
        [(1, "organisation"), (2, "group")],
        "Bord 99",
    ),
    "missing column": (
        WorkshopResource,
        csv_file("slug;starts_at;ends_at;venue;host", "ny;2018-02-01 11:00;2018-02-01 13:00;Nödinge;KS"),
        [(0, "Rubrik")],
        "Rubrik",
    ),
    "unknown encoding": (
        OrganisationResource,
        b"organisation_number;name\r\n556016-0680;\x81lv\x8dngens Bageri AB\r\n",
        [(1, "name")],
        "UTF-8",
    ),
}


@pytest.fixture
def import_world(db):
    workshop = factories.WorkshopFactory(slug="workshop-x")
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1")
    factories.NoteFactory(workshop=workshop, text="Redan inlagd")
    return workshop


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_changes_nothing_and_names_every_bad_row_and_column(import_world, case):
    """Every bad row of the file is listed with its column and reason, and no row of the database
    changes, not even the good rows of the same file."""
    resource_class, data, expected, mentioned = BAD_FILES[case]
    before = snapshot()
    outcome = table_import(resource=resource_class(include_personal=True), data=data)
    assert problems_of(outcome) == expected
    assert mentioned in " ".join(reason for _row, _column, reason in outcome.problems)
    assert snapshot() == before
    assert not ExportLog.objects.exists()


def test_a_good_file_imports_and_importing_it_again_adds_nothing(import_world):
    """Notes without numbers (a paper transcription) are found again by workshop, group and text,
    and themes and topics are read by name or slug."""
    data = csv_file(
        "workshop;group;text;themes;topics",
        "workshop-x;Bord 1;Längre öppettider, tack;Service och leverans;Öppettider",
        "workshop-x;;Fler träffar som denna;samarbete;",
    )
    first = table_import(resource=NoteResource(include_personal=True), data=data)
    assert first.ok and first.totals["new"] == 2
    second = table_import(resource=NoteResource(include_personal=True), data=data)
    assert second.ok and second.totals["new"] == 0 and second.totals["skip"] == 2
    note = Note.objects.get(text="Längre öppettider, tack")
    assert note.source == Note.Source.IMPORT and note.group.name == "Bord 1"
    assert [t.slug for t in note.themes.all()] == ["service-och-leverans"]
    assert [t.slug for t in note.topics.all()] == ["oppettider"]
    assert ExportLog.objects.filter(direction="import", table="feedback.note", row_count=2).count() == 2


def test_organisation_numbers_are_normalised_and_matched_on_reimport(db):
    """An organisationsnummer written without a dash is stored as NNNNNN-NNNN and found again."""
    data = csv_file("organisation_number;name", "5560160680;Rätt AB", ";Föreningen utan nummer")
    assert table_import(resource=OrganisationResource(), data=data).ok
    assert table_import(resource=OrganisationResource(), data=data).totals["new"] == 0
    assert Organisation.objects.get(name="Rätt AB").organisation_number == "556016-0680"
    assert Organisation.objects.count() == 2


def test_participants_import_links_organisation_and_group(import_world):
    organisation = factories.OrganisationFactory(organisation_number="556016-0680")
    data = csv_file(
        "workshop;name;email;organisation;group;attended",
        "workshop-x;Åke Ärlig;ake@example.se;5560160680;Bord 1;1",
    )
    for _round in range(2):
        assert table_import(resource=ParticipationResource(include_personal=True), data=data).ok
    participation = Participation.objects.get()
    assert participation.organisation == organisation and participation.group.name == "Bord 1"
    assert participation.attended


def test_a_dry_run_changes_nothing(import_world):
    data = csv_file(WORKSHOP_HEADER, "ny;Ny;2018-02-01 11:00;2018-02-01 13:00;Nödinge;KS")
    outcome = table_import(resource=WorkshopResource(), data=data, dry_run=True)
    assert outcome.ok and outcome.totals["new"] == 1
    assert not Workshop.objects.filter(slug="ny").exists()


def upload(client, url, data, name="notes.csv"):
    return client.post(url, {"import_file": SimpleUploadedFile(name, data, "text/csv"), "format": "0"})


def test_admin_import_previews_then_confirms(client_for, admin_user, import_world):
    """An admin uploads notes: the preview (dry run) changes nothing and offers a confirm step,
    which imports the rows and writes the export log."""
    client = client_for(admin_user)
    url = reverse("admin:feedback_note_import")
    data = csv_file("workshop;text;themes", "workshop-x;Ny anteckning från papper;Samarbete")
    preview = upload(client, url, data)
    assert preview.status_code == 200
    assert not Note.objects.filter(text="Ny anteckning från papper").exists()
    confirm = preview.context["confirm_form"]
    response = client.post(reverse("admin:feedback_note_process_import"), confirm.initial)
    assert response.status_code == 302
    assert Note.objects.filter(text="Ny anteckning från papper").exists()
    assert ExportLog.objects.get(direction="import").user == admin_user


def test_admin_import_preview_lists_problems_and_offers_no_confirm(client_for, admin_user, import_world):
    client = client_for(admin_user)
    data = BAD_FILES["unknown theme"][1]
    response = upload(client, reverse("admin:feedback_note_import"), data)
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert [(row, column) for row, column, _reason in response.context["problems"]] == [
        (2, "themes"),
        (3, "themes"),
    ]
    assert "Trafik och parkering" in response.content.decode()


def test_admin_import_of_a_file_in_the_wrong_encoding_says_so(client_for, admin_user, import_world):
    client = client_for(admin_user)
    response = upload(
        client, reverse("admin:workshops_organisation_import"), BAD_FILES["unknown encoding"][1]
    )
    assert response.status_code == 200
    assert "UTF-8" in response.content.decode()
    assert not Organisation.objects.exists()
