"""Import through the admin: the Swedish participant list, the size limit, the columns page,
and large files imported in the background with a progress page and an e-mail when done."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from aleforetag.exports.formats import xlsx_to_dataset
from aleforetag.exports.models import ExportLog, ImportJob
from aleforetag.exports.services import import_job_run
from aleforetag.exports.tasks import run_import_job
from tests import factories
from workshops.models import Organisation, Participation

from .test_swedish_import import GOOD_ROWS, HEADER, excel_csv

IMPORT_URL = "admin:workshops_participation_import"
PROCESS_URL = "admin:workshops_participation_process_import"


@pytest.fixture
def workshop(db):
    workshop = factories.WorkshopFactory(slug="lunch-2017", title="Lunchworkshop 2017")
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1")
    return workshop


def upload(client, data, workshop=None, name="deltagare.csv"):
    form = {"import_file": SimpleUploadedFile(name, data, "text/csv"), "resource": "0"}
    if workshop is not None:
        form["workshop"] = workshop.slug
    return client.post(reverse(IMPORT_URL), form)


def many_rows(count):
    return [
        [f"Person {i}", f"person{i}@example.se", f"Företag {i % 7}", "", "Företagare", ""]
        for i in range(count)
    ]


def test_a_windows_1252_list_previews_with_how_it_was_read_then_confirms(client_for, admin_user, workshop):
    """The admin chooses the workshop on the form and uploads Excel's semicolon CSV: the preview
    says Windows-1252 and semicolons, that two organisations will be created, and shows the
    rows; nothing is stored until the confirm step, which imports all four."""
    client = client_for(admin_user)
    preview = upload(client, excel_csv([HEADER, *GOOD_ROWS]), workshop)
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "Windows-1252" in body and "semikolon" in body
    assert "3 nya organisationer skapas." in body
    assert "Åsa Öberg" in body
    assert not Participation.objects.exists() and not Organisation.objects.exists()
    confirm = preview.context["confirm_form"]
    assert confirm.initial["workshop"] == "lunch-2017"
    response = client.post(reverse(PROCESS_URL), confirm.initial)
    assert response.status_code == 302
    assert Participation.objects.filter(workshop=workshop).count() == 4
    assert ExportLog.objects.get(direction="import").row_count == 4


def test_a_bad_row_is_named_in_the_preview_and_nothing_can_be_confirmed(client_for, admin_user, workshop):
    rows = [HEADER, GOOD_ROWS[0], ["Berit Bo", "berit@", "", "556016-0681", "", ""]]
    response = upload(client_for(admin_user), excel_csv(rows), workshop)
    assert "confirm_form" not in response.context
    assert [(row, column) for row, column, _reason in response.context["problems"]] == [
        (2, "E-post"),
        (2, "Organisationsnummer"),
    ]
    assert not Participation.objects.exists()


@override_settings(EXPORTS_IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client_for, admin_user, workshop):
    data = excel_csv([HEADER, *many_rows(40)])
    assert len(data) > 1000
    response = upload(client_for(admin_user), data, workshop)
    assert response.status_code == 200
    errors = response.context["form"].errors["import_file"]
    assert "högst 0,0 MB" in errors[0] or "högst" in errors[0]
    assert "result" not in response.context
    assert not Participation.objects.exists()


def test_the_columns_page_lists_swedish_and_english_names_and_offers_templates(client_for, admin_user, db):
    client = client_for(admin_user)
    response = client.get(reverse("admin:workshops_participation_import_columns"))
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("Organisationsnummer", "Organisation number", "Företag", "E-post", "Bord"):
        assert text in body
    template = client.get(reverse("admin:workshops_participation_import_template", args=["csv"]))
    assert template.content.decode("utf-8-sig").split("\r\n")[0] == (
        "Workshop;Användare;Namn;E-post;Organisationsnummer;Företag;Roll;Bord;Närvarade"
    )
    english = client.get(
        reverse("admin:workshops_participation_import_template", args=["xlsx"]), {"language": "en"}
    )
    assert xlsx_to_dataset(english.content).headers[:4] == ["Workshop", "User", "Name", "E-mail"]


def test_staff_get_neither_the_columns_page_nor_templates(client_for, staff, db):
    """Refused (403), or sent to the admin's sign-in where staff do not enter the admin at all."""
    client = client_for(staff)
    for url in (
        reverse("admin:workshops_participation_import_columns"),
        reverse("admin:workshops_participation_import_template", args=["csv"]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"].startswith(reverse("admin:login"))


@override_settings(EXPORTS_BACKGROUND_IMPORT_ROWS=5)
def test_a_large_file_is_imported_in_the_background_with_progress_and_an_email(
    client_for, admin_user, workshop, django_capture_on_commit_callbacks
):
    """Over the limit, the confirm step records a job and sends the admin to its page; the worker
    checks and imports it chunk by chunk, the page shows it done, and the admin gets an e-mail."""
    client = client_for(admin_user)
    preview = upload(client, excel_csv([HEADER, *many_rows(12)]), workshop)
    assert "i bakgrunden" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(PROCESS_URL), preview.context["confirm_form"].initial)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:exports_importjob_change", args=[job.pk])
    assert (job.status, job.total_rows, job.totals["new"], job.data) == ("done", 12, 12, b"")
    assert Participation.objects.filter(workshop=workshop).count() == 12
    page = client.get(response["Location"])
    assert page.status_code == 200 and "100 %" in page.content.decode()
    assert [message.to for message in mail.outbox] == [[admin_user.email]]
    assert "12" in mail.outbox[0].body and str(job.pk) in mail.outbox[0].body
    assert ExportLog.objects.get(direction="import").channel == "background"


def test_a_running_job_shows_how_far_it_has_got(client_for, admin_user, db):
    job = ImportJob.objects.create(
        user=admin_user,
        table="participants",
        file_name="stor.csv",
        file_format="csv",
        status=ImportJob.Status.IMPORTING,
        total_rows=1000,
        processed_rows=500,
    )
    body = (
        client_for(admin_user).get(reverse("admin:exports_importjob_change", args=[job.pk])).content.decode()
    )
    assert "500 av 1000 rader" in body and 'value="75"' in body


def test_the_worker_records_progress_after_every_chunk(admin_user, workshop):
    """Progress is written (and committed) after each chunk of the check and of the import."""
    job = ImportJob.objects.create(
        user=admin_user,
        table="participants",
        file_name="lista.csv",
        file_format="csv",
        data=excel_csv([HEADER, *many_rows(7)]),
        column_defaults={"workshop": workshop.slug},
        include_personal=True,
    )
    seen = []

    def watch(execute, sql, params, many, context):
        if sql.startswith("UPDATE") and "processed_rows" in sql:
            seen.append(next(p for p in params if isinstance(p, int)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        assert import_job_run(job_id=job.pk, chunk_size=3) == "done"
    assert seen[:6] == [3, 6, 7, 0, 3, 6]
    assert Participation.objects.count() == 7


def test_a_bad_large_file_changes_nothing_and_says_why(
    admin_user, workshop, django_capture_on_commit_callbacks
):
    rows = [HEADER, *many_rows(6), ["Fel Person", "fel@", "", "", "", ""]]
    job = ImportJob.objects.create(
        user=admin_user,
        table="participants",
        file_name="lista.csv",
        file_format="csv",
        data=excel_csv(rows),
        column_defaults={"workshop": workshop.slug},
        include_personal=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert import_job_run(job_id=job.pk, chunk_size=4) == "refused"
    job.refresh_from_db()
    assert [(row, column) for row, column, _reason in job.problems] == [[7, "E-post"]] or [
        tuple(p[:2]) for p in job.problems
    ] == [(7, "E-post")]
    assert not Participation.objects.exists() and not Organisation.objects.exists()
    assert "inte importerad" in mail.outbox[0].subject or "inte" in mail.outbox[0].body


def test_a_job_runs_once(admin_user, workshop):
    job = ImportJob.objects.create(
        user=admin_user,
        table="participants",
        file_name="lista.csv",
        file_format="csv",
        data=excel_csv([HEADER, *many_rows(3)]),
        column_defaults={"workshop": workshop.slug},
        include_personal=True,
    )
    run_import_job.call(job.pk)
    assert run_import_job.call(job.pk) == "done"
    assert Participation.objects.count() == 3
    assert ExportLog.objects.count() == 1


@override_settings(EXPORTS_BACKGROUND_IMPORT_ROWS=5, EXPORTS_BACKGROUND_PREVIEW_ROWS=10)
def test_a_file_too_large_to_preview_in_a_request_is_checked_in_the_background_then_confirmed(
    client_for, admin_user, workshop, django_capture_on_commit_callbacks
):
    """Over the preview limit, the upload goes straight to the worker, which checks every row and
    changes nothing; the job's page then offers the confirm step, which imports the file."""
    client = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, excel_csv([HEADER, *many_rows(14)]), workshop)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("admin:exports_importjob_change", args=[job.pk])
    assert (job.status, job.confirmed, job.totals["new"]) == ("checked", False, 14)
    assert not Participation.objects.exists() and not Organisation.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Bekräfta import" in page and "14 nya" in page
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(reverse("admin:exports_importjob_confirm", args=[job.pk]))
    assert confirmed.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.totals["new"], job.data) == ("done", 14, b"")
    assert Participation.objects.filter(workshop=workshop).count() == 14
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Kontrollerad, väntar på din bekräftelse",
        "Importen är klar",
    ]
    again = client.post(reverse("admin:exports_importjob_confirm", args=[job.pk]))
    assert again.status_code == 302 and Participation.objects.count() == 14


@override_settings(EXPORTS_BACKGROUND_PREVIEW_ROWS=3)
def test_a_large_file_with_a_bad_row_is_refused_by_the_background_check(
    client_for, admin_user, workshop, django_capture_on_commit_callbacks
):
    rows = [HEADER, *many_rows(4), ["Fel Person", "fel@", "", "", "", ""]]
    with django_capture_on_commit_callbacks(execute=True):
        upload(client_for(admin_user), excel_csv(rows), workshop)
    job = ImportJob.objects.get()
    assert job.status == "refused" and [tuple(p[:2]) for p in job.problems] == [(5, "E-post")]
    assert not Participation.objects.exists()


def test_staff_may_not_confirm_a_checked_job(client_for, staff, admin_user, db):
    job = ImportJob.objects.create(
        user=admin_user, table="participants", file_name="x.csv", file_format="csv", status="checked"
    )
    response = client_for(staff).post(reverse("admin:exports_importjob_confirm", args=[job.pk]))
    assert response.status_code in (302, 403)
    job.refresh_from_db()
    assert job.status == "checked"


@pytest.mark.parametrize(
    "table",
    [
        "workshops_workshop",
        "workshops_organisation",
        "workshops_participation",
        "workshops_discussiongroup",
        "feedback_theme",
        "feedback_topic",
        "feedback_note",
        "followups_conference",
    ],
)
def test_every_importable_table_has_a_columns_page_and_templates_in_both_languages(
    client_for, admin_user, table
):
    client = client_for(admin_user)
    assert client.get(reverse(f"admin:{table}_import_columns")).status_code == 200
    swedish = client.get(reverse(f"admin:{table}_import_template", args=["csv"]))
    english = client.get(reverse(f"admin:{table}_import_template", args=["csv"]), {"language": "en"})
    assert swedish.status_code == english.status_code == 200
    assert swedish.content != english.content
