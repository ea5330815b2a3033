"""Export from the admin: who may, what the files hold, and the export log."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from aleforetag.exports.models import ExportLog
from feedback.models import Note
from tests import factories

from .conftest import INJECTION

ROLES = ["anonymous", "business_owner", "other_business_owner", "staff", "politician", "admin_user"]


def user_for(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


def export(client, table="feedback_note", file_format="0", headers="names"):
    return client.post(
        reverse(f"admin:{table}_export"), {"format": file_format, "resource": "0", "headers": headers}
    )


def read_csv(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("business_owner", 302),
        ("other_business_owner", 302),
        ("staff", 302),
        ("politician", 302),
        ("admin_user", 200),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_admins_may_export(request, client_for, role, expected, method, full_data):
    """Everyone but admins (and those an admin granted the right) is sent to the admin
    sign-in, staff included; admins get the form (GET) or the file (POST)."""
    client = client_for(user_for(request, role))
    url = reverse("admin:feedback_note_export")
    response = client.get(url) if method == "get" else export(client)
    assert response.status_code == expected
    if expected == 302:
        assert reverse("admin:login") in response["Location"]
    if expected != 200:
        assert not ExportLog.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("business_owner", 302), ("staff", 302), ("politician", 302), ("admin_user", 200)],
)
def test_only_admins_may_import(request, client_for, role, expected, full_data):
    response = client_for(user_for(request, role)).get(reverse("admin:feedback_note_import"))
    assert response.status_code == expected


def test_staff_see_no_export_button_or_action(client_for, staff, full_data):
    """Staff do not enter the admin; its changelist offers them neither the export button nor
    the streamed download."""
    response = client_for(staff).get(reverse("admin:feedback_note_changelist"))
    assert response.status_code == 302
    body = response.content.decode()
    assert reverse("admin:feedback_note_export") not in body
    assert "stream_csv" not in body


def test_admin_exports_notes_as_csv_with_personal_data_and_logs_it(client_for, admin_user, full_data):
    """The admin's CSV has the author's e-mail address, å ä ö intact, the formula neutralised,
    and the export log records who exported which table, how many rows and when."""
    response = export(client_for(admin_user))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="notes-' in response["Content-Disposition"]
    rows = read_csv(response)
    header = rows[0]
    assert header[:4] == ["id", "workshop", "group", "author"]
    by_text = {row[header.index("text")]: row for row in rows[1:]}
    assert (
        by_text["Längre öppettider på bygglovsenheten, tack!"][header.index("author")]
        == "asa.oberg@example.se"
    )
    assert "'" + INJECTION in by_text
    assert by_text["'-5 grader i lokalen"][header.index("status")] == "hidden"
    entry = ExportLog.objects.get()
    assert (entry.user, entry.table, entry.row_count, entry.file_format) == (
        admin_user,
        "feedback.note",
        3,
        "csv",
    )
    assert entry.personal_data and entry.direction == "export" and entry.channel == "admin"


@pytest.mark.parametrize(
    ("language", "header", "status"),
    [
        ("sv", ["ID", "Workshop", "Grupp", "Författare", "Källa", "Typ", "Status", "Anteckning"], "Dold"),
        ("en", ["ID", "Workshop", "Group", "Author", "Source", "Kind", "Status", "Note"], "Hidden"),
    ],
)
def test_the_readable_export_has_labels_in_the_admins_language(
    client_for, admin_user, full_data, language, header, status
):
    """By default the export is readable: headers are the columns' labels and codes are their
    labels ("Dold" for hidden) in the language of the admin page."""
    client = client_for(admin_user)
    client.cookies["django_language"] = language
    rows = read_csv(export(client, headers="labels"))
    assert rows[0][:8] == header
    assert status in [row[6] for row in rows[1:]]


def test_export_staff_without_personal_data_permission_get_no_personal_columns(
    client_for, export_staff, full_data
):
    """Someone with the export permission but not the personal-data one gets the table without
    names, e-mail addresses or phone numbers."""
    client = client_for(export_staff)
    notes = read_csv(export(client))
    assert "author" not in notes[0] and "moderated_by" not in notes[0]
    participants = read_csv(export(client, "workshops_participation"))
    assert participants[0] == ["workshop", "organisation", "organisation_name", "role", "group", "attended"]
    flat = str(notes + participants)
    for personal in ("asa.oberg", "Gösta", "gosta@", "soren@"):
        assert personal not in flat
    assert ExportLog.objects.filter(user=export_staff, personal_data=False).count() == 2


def test_users_table_needs_the_personal_data_permission(client_for, export_staff, admin_user, full_data):
    assert client_for(export_staff).get(reverse("admin:accounts_user_export")).status_code == 403
    rows = read_csv(export(client_for(admin_user), "accounts_user"))
    assert "asa.oberg@example.se" in [row[0] for row in rows]
    assert "password" not in rows[0]


def test_admin_exports_xlsx_that_openpyxl_reads(client_for, admin_user, full_data):
    response = export(client_for(admin_user), "workshops_organisation", "1")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["organisation_number", "name"]
    assert [row[1] for row in values if row[1].startswith("Ä")] == ["Älvängens Bageri AB"]


def test_streamed_download_of_selected_rows(client_for, admin_user, full_data):
    """The changelist action streams the chosen rows as CSV and logs the export."""
    notes = [full_data["note"], full_data["evil"]]
    response = client_for(admin_user).post(
        reverse("admin:feedback_note_changelist"),
        {"action": "stream_csv", "_selected_action": [n.pk for n in notes]},
    )
    assert response.status_code == 200 and response.streaming
    rows = read_csv(response)
    assert [row[0] for row in rows[1:]] == [str(n.pk) for n in notes]
    assert ExportLog.objects.get().channel == "stream"


@pytest.mark.parametrize("size", [5, 60])
def test_export_queries_do_not_grow_with_rows(client_for, admin_user, django_assert_num_queries, size):
    """Exporting notes takes the same number of queries for 5 and for 60 notes."""
    workshop = factories.WorkshopFactory()
    for _ in range(size):
        factories.NoteFactory(workshop=workshop, author=admin_user, topics=[factories.topic()])
    client = client_for(admin_user)
    with django_assert_num_queries(EXPORT_QUERIES):
        rows = read_csv(export(client))
    assert len(rows) == size + 1
    assert Note.objects.count() == size


# session, user, roles (portal permissions hold through roles, superusers included), filter
# choices (2), count and log (the streamed CSV's line in the export log), notes (one value query
# per 2,000), themes and topics (one each per 2,000 notes), user check
EXPORT_QUERIES = 11


@pytest.mark.parametrize(("role", "expected"), [("staff", 302), ("admin_user", 200)])
def test_the_export_log_is_visible_to_admins_only(request, client_for, role, expected, full_data):
    """Admins read who exported what in the admin; staff are refused."""
    admin = request.getfixturevalue("admin_user")
    export(client_for(admin))
    response = client_for(request.getfixturevalue(role)).get(reverse("admin:exports_exportlog_changelist"))
    assert response.status_code == expected
    if expected == 200:
        assert admin.email in response.content.decode()


def test_registrations_export_keeps_dietary_and_accessibility_needs_for_admins(
    client_for, export_staff, admin_user, full_data
):
    """Dietary and accessibility needs may be health data: only the personal-data export has them."""
    assert "dietary_needs" not in read_csv(export(client_for(export_staff), "workshops_registration"))[0]
    rows = read_csv(export(client_for(admin_user), "workshops_registration"))
    assert rows[1][rows[0].index("dietary_needs")] == "Nötallergi"
