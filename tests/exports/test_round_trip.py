"""Export everything, import it into an empty database, export again: the same files."""

import pytest
from django.contrib.auth import get_user_model

from aleforetag.exports.registry import resource_classes
from aleforetag.exports.services import table_export, table_import
from feedback.models import Disagreement, Note, Summary, SummaryPoint, Theme, Topic
from followups.models import Conference, FollowUp, StatusChange
from workshops.models import DiscussionGroup, Organisation, Participation, Workshop

EVERY_MODEL_CHILD_FIRST = [
    StatusChange,
    FollowUp,
    Conference,
    Disagreement,
    SummaryPoint,
    Summary,
    Note,
    Participation,
    DiscussionGroup,
    Workshop,
    Organisation,
    Topic,
    Theme,
]


def export_everything(file_format, labels=False):
    return {
        rc.table_name: table_export(
            resource=rc(include_personal=True, labels=labels), file_format=file_format
        )
        for rc in resource_classes()
    }


def empty_database():
    for model in EVERY_MODEL_CHILD_FIRST:
        for row in model.objects.all():
            if hasattr(row, "themes"):
                row.themes.clear()
        model.objects.all().delete()
    get_user_model().objects.all().delete()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.django_db
def test_export_import_export_gives_identical_files(full_data, file_format):
    """Every table exported, imported into an empty database and exported again gives byte-identical
    CSV files (for XLSX: identical cell values, as the zip container carries timestamps)."""
    first = export_everything(file_format)
    empty_database()
    assert Note.objects.count() == 0 and Theme.objects.count() == 0

    for rc in resource_classes():
        outcome = table_import(
            resource=rc(include_personal=True), data=first[rc.table_name], file_format=file_format
        )
        assert outcome.ok, (rc.table_name, outcome.problems)

    second = export_everything(file_format)
    if file_format == "csv":
        for table, data in first.items():
            assert second[table] == data, table
    else:
        from aleforetag.exports.formats import xlsx_to_dataset

        for table, data in first.items():
            before, after = xlsx_to_dataset(data), xlsx_to_dataset(second[table])
            assert before.headers == after.headers and list(before) == list(after), table
    assert Note.objects.get(pk=full_data["note"].pk).created_at == full_data["note"].created_at.replace(
        microsecond=0
    )


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.django_db
def test_the_readable_export_imports_again_into_an_empty_database(full_data, language):
    """The readable export (labels for headers and codes, in Swedish or English) imports into
    an empty database and exports to the same files again."""
    from django.utils import translation

    with translation.override(language):
        first = export_everything("csv", labels=True)
        empty_database()
        for rc in resource_classes():
            outcome = table_import(resource=rc(include_personal=True), data=first[rc.table_name])
            assert outcome.ok, (rc.table_name, outcome.problems)
        assert export_everything("csv", labels=True) == first


def test_export_headers_and_codes_in_both_languages(full_data):
    """Swedish: Swedish labels and "Publicerad"; English: English labels; machine names on request."""
    from django.utils import translation

    from feedback.resources import NoteResource

    def first_lines(labels):
        data = table_export(resource=NoteResource(labels=labels)).decode("utf-8-sig")
        header, row = data.split("\r\n")[:2]
        return header.split(";"), row

    with translation.override("sv"):
        header, row = first_lines(True)
        assert header[:8] == ["ID", "Workshop", "Grupp", "Källa", "Typ", "Status", "Anteckning", "Teman"]
        assert ";Publicerad;" in row
    with translation.override("en"):
        header, row = first_lines(True)
        assert header[6:8] == ["Note", "Themes"] and ";Published;" in row
    header, row = first_lines(False)
    assert header[:3] == ["id", "workshop", "group"] and ";published;" in row


@pytest.mark.django_db
def test_importing_the_same_files_twice_creates_no_duplicates(full_data):
    """A second import of an unchanged export adds no row to any table and reports every row as skipped."""
    files = export_everything("csv")
    counts = {rc.table_name: rc._meta.model.objects.count() for rc in resource_classes()}
    for _round in range(2):
        for rc in resource_classes():
            outcome = table_import(resource=rc(include_personal=True), data=files[rc.table_name])
            assert outcome.ok, (rc.table_name, outcome.problems)
            assert outcome.totals["new"] == 0, rc.table_name
    assert counts == {rc.table_name: rc._meta.model.objects.count() for rc in resource_classes()}
