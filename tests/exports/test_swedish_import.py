"""The lists Swedish offices have: Excel's semicolon CSV in Windows-1252 with Swedish headers,
one list per workshop, organisations by number or name; every problem named with its row and
the column as the file names it, and nothing changed."""

import csv
import io

import pytest

from aleforetag.exports.formats import rows_to_xlsx
from aleforetag.exports.registry import resource_classes
from aleforetag.exports.services import table_import
from feedback.models import Note
from feedback.resources import NoteResource
from tests import factories
from workshops.models import Organisation, Participation, Workshop
from workshops.resources import OrganisationResource, ParticipationResource, WorkshopResource

HEADER = ["Namn", "E-post", "Företag", "Organisationsnummer", "Roll", "Bord"]
GOOD_ROWS = [
    ["Åsa Öberg", "asa@example.se", "Älvängens Bageri AB", "556016-0680", "Företagare", "Bord 1"],
    ["Örjan Ärlig", "orjan@example.se", "Älvängens Bageri AB", "5560160680", "företagare", "Bord 1"],
    ["Gun Hägg", "gun@example.se", "Nödinge Måleri HB", "", "Tjänsteperson", ""],
    ["Per Ström", "per@example.se", "Surte Snickeri", "", "Politiker", "bord 1"],
]


def excel_csv(rows, *, encoding="cp1252", delimiter=";", newline="\r\n"):
    """A file as Swedish Excel saves "CSV (semikolonavgränsad)"."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue().encode(encoding)


def snapshot():
    return (
        list(Organisation.objects.values_list("name", "organisation_number").order_by("pk")),
        list(
            Participation.objects.values_list("name", "email", "organisation_id", "group_id").order_by("pk")
        ),
        list(Note.objects.values_list("pk", "text").order_by("pk")),
        list(Workshop.objects.values_list("slug", "title").order_by("pk")),
    )


@pytest.fixture
def workshop(db):
    workshop = factories.WorkshopFactory(slug="lunch-2017", title="Lunchworkshop 2017")
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1")
    return workshop


def participants(data, workshop=None, file_format="csv", dry_run=False):
    defaults = {"workshop": workshop.slug} if workshop else {}
    resource = ParticipationResource(include_personal=True, column_defaults=defaults)
    return table_import(resource=resource, data=data, file_format=file_format, dry_run=dry_run)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_a_swedish_participant_list_imports_into_the_workshop_chosen_on_the_form(
    workshop, encoding, delimiter, newline
):
    """No workshop column: every row goes to the chosen workshop; Swedish headers and role
    labels are read in any case; organisations are found or created by number or name."""
    factories.OrganisationFactory(name="Nödinge Måleri HB", organisation_number=None)
    data = excel_csv([HEADER, *GOOD_ROWS], encoding=encoding, delimiter=delimiter, newline=newline)
    outcome = participants(data, workshop)
    assert outcome.ok, outcome.problems
    assert outcome.totals["new"] == 4
    assert outcome.result.file_notes == ["2 nya organisationer skapas."]
    asa = Participation.objects.get(email="asa@example.se")
    assert (asa.workshop, asa.name, asa.role, asa.group.name) == (
        workshop,
        "Åsa Öberg",
        "business_owner",
        "Bord 1",
    )
    assert asa.organisation.name == "Älvängens Bageri AB"
    assert asa.organisation.organisation_number == "556016-0680"
    assert Participation.objects.get(email="orjan@example.se").organisation == asa.organisation
    assert Organisation.objects.filter(name="Nödinge Måleri HB").count() == 1
    assert Participation.objects.get(email="per@example.se").role == "politician"


def test_the_preview_says_how_the_file_was_read_and_what_will_be_created(workshop):
    data = excel_csv([[*HEADER, "Telefon"], *[[*row, "0303-33 00 00"] for row in GOOD_ROWS]])
    outcome = participants(data, workshop, dry_run=True)
    assert outcome.ok
    result = outcome.result
    assert (result.source_encoding, result.source_delimiter) == ("Windows-1252", ";")
    assert result.file_notes == ["3 nya organisationer skapas."]
    assert [(row, column) for row, column, _reason in result.file_warnings] == [(0, "Telefon")]
    assert result.preview_rows[0][:2] == (1, "new")
    assert result.preview_rows[0][2][:3] == ["lunch-2017", "Åsa Öberg", "asa@example.se"]
    assert not Participation.objects.exists() and not Organisation.objects.exists()


def test_first_and_last_names_in_two_columns_make_the_name(workshop):
    rows = [
        ["Förnamn", "Efternamn", "E-post", "Företag"],
        ["Åsa", "Öberg", "asa@example.se", "Älvängens Bageri AB"],
        ["Örjan", "", "orjan@example.se", ""],
    ]
    outcome = participants(excel_csv(rows), workshop)
    assert outcome.ok, outcome.problems
    assert sorted(Participation.objects.values_list("name", flat=True)) == ["Åsa Öberg", "Örjan"]
    assert outcome.result.file_warnings == []


def test_an_xlsx_list_with_swedish_headers_imports(workshop):
    data = rows_to_xlsx([*HEADER, "Workshop"], [[*row, "Lunchworkshop 2017"] for row in GOOD_ROWS])
    outcome = participants(data, file_format="xlsx")
    assert outcome.ok, outcome.problems
    assert Participation.objects.filter(workshop=workshop).count() == 4


def test_importing_the_same_list_twice_creates_nothing_new(workshop):
    data = excel_csv([HEADER, *GOOD_ROWS])
    assert participants(data, workshop).ok
    before = snapshot()
    again = participants(data, workshop)
    assert again.ok and again.totals["new"] == 0 and again.totals["skip"] == 4
    assert again.result.file_notes == []
    assert snapshot() == before


PROBLEMS = {
    "bad e-mail address": (["Åsa Öberg", "asa@example", "", "", "", ""], "E-post", "e-postadress"),
    "organisationsnummer too short": (
        ["Åsa Öberg", "", "Bageriet", "55601", "", ""],
        "Organisationsnummer",
        "10",
    ),
    "organisationsnummer with letters": (
        ["Åsa Öberg", "", "Bageriet", "55601A-0680", "", ""],
        "Organisationsnummer",
        "siffror",
    ),
    "organisationsnummer with a bad check digit": (
        ["Åsa Öberg", "", "Bageriet", "556016-0681", "", ""],
        "Organisationsnummer",
        "Kontrollsiffran",
    ),
    "unknown group": (["Åsa Öberg", "", "", "", "", "Bord 99"], "Bord", "Bord 99"),
    "unknown role": (["Åsa Öberg", "", "", "", "Kung", ""], "Roll", "Kung"),
}


@pytest.mark.parametrize("case", PROBLEMS, ids=list(PROBLEMS))
def test_each_problem_is_named_with_its_row_and_the_files_column_and_nothing_changes(workshop, case):
    row, column, mentioned = PROBLEMS[case]
    data = excel_csv([HEADER, GOOD_ROWS[0], GOOD_ROWS[2], row])
    before = snapshot()
    outcome = participants(data, workshop)
    assert [(r, c) for r, c, _reason in outcome.problems] == [(3, column)]
    assert mentioned in outcome.problems[0][2]
    assert snapshot() == before


def test_every_problem_of_a_file_is_listed_at_once(workshop):
    rows = [[f"Person {number}", *PROBLEMS[case][0][1:]] for number, case in enumerate(PROBLEMS)]
    outcome = participants(excel_csv([HEADER, *rows]), workshop)
    assert [column for _row, column, _reason in outcome.problems] == [PROBLEMS[case][1] for case in PROBLEMS]
    assert [row for row, _column, _reason in outcome.problems] == list(range(1, len(PROBLEMS) + 1))
    assert not Participation.objects.exists()


def test_an_unknown_workshop_is_named(workshop):
    data = excel_csv([["Workshop", *HEADER], ["Finns inte", *GOOD_ROWS[2]]])
    outcome = participants(data)
    assert [(r, c) for r, c, _reason in outcome.problems] == [(1, "Workshop")]
    assert "Finns inte" in outcome.problems[0][2]


def test_a_list_without_a_workshop_needs_one_chosen(workshop):
    outcome = participants(excel_csv([HEADER, GOOD_ROWS[0]]))
    assert [(r, c) for r, c, _reason in outcome.problems] == [(0, "Workshop")]
    assert "importformuläret" in outcome.problems[0][2]


def test_a_missing_required_column_is_named(workshop):
    outcome = participants(excel_csv([["E-post"], ["asa@example.se"]]), workshop)
    assert [(r, c) for r, c, _reason in outcome.problems] == [(0, "Namn")]


def test_the_same_person_twice_is_a_conflict(workshop):
    rows = [HEADER, GOOD_ROWS[0], GOOD_ROWS[2], ["Åsa Ö.", "ASA@example.se", "", "", "", ""]]
    outcome = participants(excel_csv(rows), workshop)
    assert [(r, c) for r, c, _reason in outcome.problems] == [(3, "E-post")]
    assert "rad 1" in outcome.problems[0][2]
    assert not Participation.objects.exists()


def test_one_organisationsnummer_under_two_names_is_a_conflict(workshop):
    rows = [
        HEADER,
        GOOD_ROWS[0],
        ["Berit Bo", "berit@example.se", "Bageriet i Älvängen", "556016-0680", "", ""],
    ]
    outcome = participants(excel_csv(rows), workshop)
    assert [(r, c) for r, c, _reason in outcome.problems] == [(2, "Företag")]
    assert not Organisation.objects.exists()


def test_an_organisations_file_with_one_number_under_two_names_is_refused(db):
    rows = [["Organisationsnummer", "Namn"], ["556016-0680", "Rätt AB"], ["5560160680", "Annat AB"]]
    outcome = table_import(resource=OrganisationResource(), data=excel_csv(rows))
    assert [(r, c) for r, c, _reason in outcome.problems] == [(2, "Namn")]
    assert not Organisation.objects.exists()


def test_notes_with_swedish_headers_name_an_unknown_theme_and_topic(workshop):
    rows = [
        ["Workshop", "Bord", "Text", "Tema", "Ämne"],
        ["lunch-2017", "Bord 1", "Längre öppettider", "Service och leverans", "Öppettider"],
        ["lunch-2017", "", "Mer samarbete", "Påhittat tema", "Påhittat ämne"],
    ]
    outcome = table_import(resource=NoteResource(), data=excel_csv(rows))
    assert [(r, c) for r, c, _reason in outcome.problems] == [(2, "Tema"), (2, "Ämne")]
    assert not Note.objects.exists()


def test_a_bad_date_is_named_with_the_swedish_header(db):
    rows = [
        ["Webbadress", "Rubrik", "Börjar", "Slutar", "Plats", "Värd"],
        ["ny", "Ny", "2018-02-30 11:30", "2018-02-01 13:00", "Nödinge", "KS"],
    ]
    outcome = table_import(resource=WorkshopResource(), data=excel_csv(rows))
    assert [(r, c) for r, c, _reason in outcome.problems] == [(1, "Börjar")]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_tables_labels_are_distinct_and_read_back_as_their_columns(language):
    """Each column's label is its own in both languages, so a readable export imports again."""
    from django.utils import translation

    for resource_class in resource_classes():
        resource = resource_class(include_personal=True)
        with translation.override(language):
            labels = [resource.column_label(f) for f in resource.get_export_fields()]
        assert len(set(labels)) == len(labels), (resource_class.table_name, labels)
        columns, problems, warnings = resource.resolve_headers(labels)
        assert columns == [f.column_name for f in resource.get_export_fields()], resource_class.table_name
        assert problems == warnings == []
