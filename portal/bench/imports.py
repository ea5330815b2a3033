"""The import and export probes, as an admin meets them through the Django admin.

* **Import**: a participant list of 10,000 rows as Swedish Excel saves it (Windows-1252,
  semicolons, CRLF, Swedish headers, no workshop column; a company on every row, 500 of them,
  all new), uploaded with the workshop chosen on the form (the preview, a dry run of every
  row) and confirmed: the confirm request (which stores the job) and the background import
  the worker then runs are timed apart. Then the same file once more: its preview must find
  nothing new.
* **Export**: every note as the admin's readable CSV (Swedish headers and labels).

Each step is timed and the growth of the process's peak resident memory measured (the peak
is reset just before the step; the probe runs in a fresh process). The imported workshop,
its participants and organisations are deleted afterwards.

python manage.py bench --size small (the probe runs with the export probe, at the largest size)
"""

import contextlib
import re
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from aleforetag.accounts import roles
from aleforetag.exports.models import ImportJob
from aleforetag.exports.services import import_job_run
from workshops.models import DiscussionGroup, Organisation, Participation, Workshop
from workshops.validators import with_check_digit

ROWS = 10_000
SLUG = "bench-import"
COMPANY_PREFIX = "Benchföretag"
ADMIN_EMAIL = "bench-import@example.se"
BACKEND = "django.contrib.auth.backends.ModelBackend"
# The targets on this machine.
IMPORT_TARGET_SECONDS = 15.0
EXPORT_TARGET_SECONDS = 3.0
EXPORT_MAX_GROWTH_MB = 50.0
_HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


def _kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _timed(step):
    """Run ``step``; its seconds and the growth of peak resident memory in MB."""
    baseline = _kib("VmRSS")
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    started, cpu = time.perf_counter(), time.process_time()
    value = step()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return value, {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "growth_mb": max(_kib("VmHWM") - baseline, 0) / 1024,
    }


def participant_file(rows: int = ROWS) -> bytes:
    """The list as Swedish Excel saves "CSV (semikolonavgränsad)"."""
    lines = ["Namn;E-post;Företag;Organisationsnummer;Roll;Bord"]
    for number in range(rows):
        company = number // 20
        org_number = with_check_digit(f"55{company:07d}")
        lines.append(
            f"Deltagare Åström {number};deltagare{number}@bench.example.se;"
            f"{COMPANY_PREFIX} {company} AB;{org_number};Företagare;Bord {number % 10 + 1}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def _admin_client() -> Client:
    from django.contrib.auth.models import Group

    user, _created = get_user_model().objects.get_or_create(
        email=ADMIN_EMAIL, defaults={"full_name": "Bench Import", "is_staff": True, "is_superuser": True}
    )
    user.groups.add(Group.objects.get_or_create(name=roles.ADMIN)[0])
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _clean_up():
    Workshop.objects.filter(slug=SLUG).delete()
    Organisation.objects.filter(name__startswith=COMPANY_PREFIX).delete()
    get_user_model().objects.filter(email=ADMIN_EMAIL).delete()


def _preview(client, data, workshop):
    response = client.post(
        reverse("admin:workshops_participation_import"),
        {
            "import_file": SimpleUploadedFile("deltagare.csv", data, "text/csv"),
            "resource": "0",
            "workshop": workshop.slug,
        },
    )
    body = response.content.decode()
    form = body[body.find("process_import") :]
    return response.status_code, dict(_HIDDEN.findall(form[: form.find("</form>")])), body


def measure_imports(rows: int = ROWS) -> dict:
    """Preview and confirm of a participant list of ``rows`` rows, then its preview again."""
    _clean_up()
    now = timezone.now()
    workshop = Workshop.objects.create(
        slug=SLUG,
        title="Benchmark: importerad deltagarlista",
        starts_at=now,
        ends_at=now,
        venue="Nödinge",
        host="Näringslivsenheten",
    )
    DiscussionGroup.objects.bulk_create(
        DiscussionGroup(workshop=workshop, name=f"Bord {n}", order=n) for n in range(1, 11)
    )
    data = participant_file(rows)
    client = _admin_client()
    try:
        (status, confirm, body), preview = _timed(lambda: _preview(client, data, workshop))
        if status != 200 or "import_file_name" not in confirm:
            raise RuntimeError(f"the import preview answered {status} without a confirm form")
        # The confirm answers once the job is stored; the worker then imports it. Both are timed:
        # the tasks backend holds the job while the request is timed, and the probe runs it.
        with override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}):
            response, confirmed = _timed(
                lambda: client.post(reverse("admin:workshops_participation_process_import"), confirm)
            )
        job = ImportJob.objects.filter(status=ImportJob.Status.QUEUED).order_by("-pk").first()
        if job is None:  # a file of up to 2,000 rows is imported by the confirm request itself
            status_after, background = "done", {"seconds": 0.0, "cpu_seconds": 0.0, "growth_mb": 0.0}
        else:
            status_after, background = _timed(lambda: import_job_run(job_id=job.pk))
        imported = Participation.objects.filter(workshop=workshop).count()
        if response.status_code != 302 or status_after != "done" or imported != rows:
            raise RuntimeError(f"the confirm answered {response.status_code}; {imported} of {rows} imported")
        (status, _confirm, again_body), again = _timed(lambda: _preview(client, data, workshop))
        organisations = Organisation.objects.filter(name__startswith=COMPANY_PREFIX).count()
        return {
            "rows": rows,
            "megabytes": len(data) / 1024 / 1024,
            "preview": preview,
            "confirm": confirmed,
            "background": background,
            "preview_again": again,
            "read_as_windows_1252": "Windows-1252" in body,
            "second_preview_all_unchanged": f"0 nya, 0 ändrade, {rows} oförändrade" in again_body,
            "organisations_created": organisations,
        }
    finally:
        _clean_up()


def _read_streamed(response) -> tuple[int, str]:
    """Read a streamed file as a server writes it out, a piece at a time: its size and first line."""
    size, first = 0, b""
    for piece in response.streaming_content:
        size += len(piece)
        if len(first) < 4096:
            first += piece[:4096]
    return size, first.decode("utf-8-sig", errors="replace").split("\r\n", 1)[0]


def measure_export() -> dict:
    """Every note as the admin's readable CSV, in Swedish, streamed."""
    from feedback.models import Note

    client = _admin_client()
    client.cookies["django_language"] = "sv"
    try:

        def export():
            response = client.post(
                reverse("admin:feedback_note_export"), {"format": "0", "resource": "0", "headers": "labels"}
            )
            if response.status_code != 200:
                raise RuntimeError(f"the export answered {response.status_code}")
            return _read_streamed(response)

        (size, header), measured = _timed(export)
        return measured | {"rows": Note.objects.count(), "megabytes": size / 1024 / 1024, "header": header}
    finally:
        get_user_model().objects.filter(email=ADMIN_EMAIL).delete()


def rows_for(size_name: str) -> int:
    """10,000 rows, the issue's size; a few hundred for the test suite's tiny municipalities."""
    return 300 if size_name.startswith("tiny") else ROWS


def measure(rows: int = ROWS) -> dict:
    """Both probes (run in a fresh process by ``manage.py bench``)."""
    return {"import": measure_imports(rows), "export": measure_export()}


def describe(result: dict | None) -> str:
    if not result:
        return "  import/export: not measured"
    imported, exported = result["import"], result["export"]
    return (
        f"  import of {imported['rows']:,} participants ({imported['megabytes']:.1f} MB): preview "
        f"{_step(imported['preview'])}, confirm {_step(imported['confirm'])} and its background import "
        f"{_step(imported['background'])}, "
        f"the same file again {_step(imported['preview_again'])}\n"
        f"  readable export of {exported['rows']:,} notes ({exported['megabytes']:.1f} MB): {_step(exported)}"
    )


def _step(measured: dict) -> str:
    return (
        f"{measured['seconds']:.1f} s ({measured['cpu_seconds']:.1f} s CPU), +{measured['growth_mb']:.0f} MB"
    )


def checks(result: dict | None) -> list[dict]:
    """The issue's targets, for the benchmark's table (None: not measured)."""
    if not result:
        return [{"target": "Import and export (issue 18)", "met": None, "figure": "not measured"}]
    imported, exported = result["import"], result["export"]
    rows = f"{imported['rows']:,}"
    return [
        {
            "target": f"Import preview of {rows} participants < {IMPORT_TARGET_SECONDS:g} s",
            "met": imported["preview"]["seconds"] < IMPORT_TARGET_SECONDS,
            "figure": f"{imported['preview']['seconds']:.1f} s",
        },
        {
            "target": f"Import confirm of {rows} participants, by the worker, < {IMPORT_TARGET_SECONDS:g} s",
            "met": imported["background"]["seconds"] < IMPORT_TARGET_SECONDS,
            "figure": f"{imported['background']['seconds']:.1f} s; the confirm answered in "
            f"{imported['confirm']['seconds']:.1f} s",
        },
        {
            "target": "The same list again: nothing new",
            "met": imported["second_preview_all_unchanged"],
            "figure": "all unchanged" if imported["second_preview_all_unchanged"] else "changes found",
        },
        {
            "target": f"Readable export of {exported['rows']:,} notes < {EXPORT_TARGET_SECONDS:g} s",
            "met": exported["seconds"] < EXPORT_TARGET_SECONDS,
            "figure": f"{exported['seconds']:.2f} s",
        },
        {
            "target": f"Readable export: memory growth < {EXPORT_MAX_GROWTH_MB:g} MB",
            "met": exported["growth_mb"] < EXPORT_MAX_GROWTH_MB,
            "figure": f"{exported['growth_mb']:.0f} MB",
        },
    ]
