"""The public open-data page and files: no account, no personal data, no unpublished rows."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Summary
from followups.models import FollowUp
from tests import factories

ROLES = ["anonymous", "business_owner", "other_business_owner", "staff", "politician", "admin_user"]
FILES = [
    (dataset, fmt)
    for dataset in ("workshoppar", "sammanfattningar", "uppfoljningar")
    for fmt in ("csv", "json", "csv-metadata.json")
]
PERSONAL = [
    "Åsa Öberg",
    "asa.oberg@example.se",
    "0303-33 00 00",
    "Sören Ängström",
    "soren@ale.se",
    "Gösta",
    "gosta@example.se",
    "Örjan Värd",
    "Åke Anmäld",
    "ake@example.se",
    "Nötallergi",
]
UNPUBLISHED = ["Utkast", "utkast-workshop", "Hemligt utkast", "Inte om företagsklimatet", "Internt utkast"]


def download(client, dataset, fmt):
    return client.get(reverse("portal:open-data-download", args=[dataset, fmt]))


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_read_the_open_data_page_and_files(request, client_for, role, full_data):
    """The page and every file answer 200 for anonymous visitors and every role alike."""
    client = client_for(None if role == "anonymous" else request.getfixturevalue(role))
    assert client.get(reverse("portal:open-data")).status_code == 200
    for dataset, fmt in FILES:
        assert download(client, dataset, fmt).status_code == 200


def test_the_footer_links_to_open_data(client, full_data):
    assert reverse("portal:open-data") in client.get(reverse("home")).content.decode()


def test_unknown_dataset_or_format_is_404(client, db):
    assert download(client, "anvandare", "csv").status_code == 404
    assert download(client, "workshoppar", "xml").status_code == 404


@pytest.mark.parametrize(("dataset", "fmt"), FILES)
def test_open_data_has_no_personal_data_and_no_unpublished_rows(client, full_data, dataset, fmt):
    """No name, e-mail address, phone number or dietary need, and nothing from drafts, hidden
    notes or follow-ups whose decision is not yet made public."""
    body = download(client, dataset, fmt).content.decode("utf-8-sig")
    for text in PERSONAL + UNPUBLISHED:
        assert text not in body, text


def test_workshops_csv_reads_with_the_csv_module(client, full_data):
    """UTF-8 with BOM, semicolons; å ä ö intact; only the published workshop."""
    response = download(client, "workshoppar", "csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row["slug"] for row in rows] == ["lunchworkshop-2017"]
    assert rows[0]["title"] == "Lunchworkshop om företagsklimatet"
    assert rows[0]["venue"] == "Kommunhus Nödinge"
    assert rows[0]["starts_at"] == "2017-11-23 11:30"
    assert rows[0]["participants_attended"] == "2" and rows[0]["published_notes"] == "2"


def test_summaries_json_nests_points_and_csv_has_a_row_per_point(client, full_data):
    document = json.loads(download(client, "sammanfattningar", "json").content)
    assert document["count"] == 1
    summary = document["items"][0]
    assert summary["theme"] == "service-och-leverans" and summary["workshop"] == "lunchworkshop-2017"
    assert summary["points"] == [
        {
            "order": full_data["point"].order,
            "text": "Företagen vill ha snabbare besked.",
            "cited_published_notes": 2,
        }
    ]
    rows = list(
        csv.reader(
            io.StringIO(download(client, "sammanfattningar", "csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert len(rows) == 2 and rows[1][rows[0].index("point_text")] == "Företagen vill ha snabbare besked."


def test_followups_show_decision_and_feedback_only_when_public(client, full_data):
    """A follow-up with published feedback shows decision, feedback and the promise; a new one
    shows neither its draft decision nor feedback; a declined one shows its reason."""
    conference = full_data["followup"].conference
    factories.FollowUpFactory(
        conference=conference,
        title="Avböjt",
        status=FollowUp.Status.DECLINED,
        decision="Borde inte synas",
        decline_reason="Ligger utanför kommunens ansvar.",
        feedback_published_at=timezone.now(),
    )
    items = {
        item["title"]: item for item in json.loads(download(client, "uppfoljningar", "json").content)["items"]
    }
    answered = items["Öppettider"]
    assert answered["decision"] == "Bygglov har öppet till 18 på torsdagar."
    assert answered["feedback"] == "Införs från januari."
    assert answered["promised_feedback_date"] == "2018-01-31"
    assert answered["promise"] == "on_time" and answered["status"] == "feedback_published"
    assert "responsible" not in answered
    assert (
        items["Avböjt"]["decline_reason"] == "Ligger utanför kommunens ansvar."
        and items["Avböjt"]["decision"] == ""
    )
    assert items["Nytt ärende"]["decision"] == "" and items["Nytt ärende"]["promise"] == "overdue"


def _grow(size):
    theme = factories.theme()
    conference = factories.ConferenceFactory()
    for index in range(size):
        workshop = factories.WorkshopFactory(starts_at=timezone.now() + datetime.timedelta(days=index))
        factories.ParticipationFactory(workshop=workshop)
        note = factories.NoteFactory(workshop=workshop)
        summary = factories.SummaryFactory(workshop=workshop, theme=theme, status=Summary.Status.PUBLISHED)
        point = factories.SummaryPointFactory(summary=summary)
        point.notes.add(note)
        followup = factories.FollowUpFactory(conference=conference, theme=theme)
        followup.notes.add(note)


QUERIES = {"workshoppar": 1, "sammanfattningar": 2, "uppfoljningar": 1}


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(("dataset", "fmt"), FILES)
def test_open_data_files_take_a_constant_number_of_queries(
    client, db, django_assert_num_queries, size, dataset, fmt
):
    """Each file is built in the same number of queries for 3 and for 30 of everything (the
    metadata, which describes the columns, in none)."""
    _grow(size)
    with django_assert_num_queries(0 if fmt == "csv-metadata.json" else QUERIES[dataset]):
        response = download(client, dataset, fmt)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [0, 30])
def test_open_data_page_takes_a_constant_number_of_queries(client, db, django_assert_num_queries, size):
    _grow(size)
    with django_assert_num_queries(1):
        response = client.get(reverse("portal:open-data"))
    assert response.status_code == 200


def test_the_page_states_the_licence_explains_the_data_and_describes_every_column(client, full_data):
    """CC0 1.0 on the page with its link, an introduction in plain language, and a data dictionary
    with every column of every dataset in Swedish and English."""
    from portal.open_data import DATASETS, LICENCE_URL

    body = client.get(reverse("portal:open-data")).content.decode()
    assert f'href="{LICENCE_URL}" rel="license"' in body and "CC0 1.0" in body
    assert "För journalister, forskare och alla nyfikna" in body
    for dataset in DATASETS.values():
        for column in dataset.columns:
            assert f"<code>{column}</code>" in body, column
    assert "Om löftet hölls" in body and "Whether the promise was kept" in body


def test_every_file_carries_the_licence(client, full_data):
    """The JSON document names the licence; the CSV download links it and its metadata; the
    metadata (CSV on the Web) describes every column in Swedish and English."""
    from portal.open_data import DATASETS, LICENCE_URL

    for slug, dataset in DATASETS.items():
        document = json.loads(download(client, slug, "json").content)
        assert (document["license"], document["license_name"]) == (LICENCE_URL, "CC0 1.0 Universal")
        csv_response = download(client, slug, "csv")
        assert f'<{LICENCE_URL}>; rel="license"' in csv_response["Link"]
        assert f'{slug}.csv-metadata.json>; rel="describedby"' in csv_response["Link"]
        metadata = json.loads(download(client, slug, "csv-metadata.json").content)
        assert metadata["dc:license"] == {"@id": LICENCE_URL}
        assert metadata["url"].endswith(f"/{slug}.csv")
        columns = metadata["tableSchema"]["columns"]
        assert [c["name"] for c in columns] == list(dataset.columns)
        for column in columns:
            languages = {d["@language"]: d["@value"] for d in column["dc:description"]}
            assert set(languages) == {"sv", "en"} and languages["sv"] != languages["en"], column["name"]
