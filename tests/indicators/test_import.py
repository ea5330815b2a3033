"""Importing indicator values from CSV: the portal's template and Kolada's file shape. Every
kind of bad row is named with its row and column and nothing changes; importing the same file
twice changes nothing the second time."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aleforetag.core.models import AuditEntry
from indicators.importing import ImportRowsError, read_rows
from indicators.models import IndicatorYear
from indicators.services import indicator_years_import
from portal.factories import IndicatorFactory, IndicatorYearFactory

pytestmark = pytest.mark.django_db

URL = reverse("indicators:indicator-import")
HEADER = "indikator;år;värde;mål\n"


@pytest.fixture
def grade(db):
    """A grade 1–6 with one decimal; 2017 already stored (3,2, target 3,3)."""
    indicator = IndicatorFactory(slug="service", name_sv="Service till företagen")
    IndicatorYearFactory(indicator=indicator, year=2017, value=Decimal("3.2"), target=Decimal("3.3"))
    return indicator


@pytest.fixture
def nki(db):
    return IndicatorFactory(
        slug="nki-bygglov", name_sv="NKI bygglov", unit="NKI", scale_min=0, scale_max=100, decimals=0
    )


def stored():
    """Every stored year with everything the import could change."""
    return sorted(
        IndicatorYear.objects.values_list(
            "indicator__slug", "year", "value", "target", "is_example", "updated_at"
        )
    )


def upload(client, text, **fields):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(URL, {"file": SimpleUploadedFile("varden.csv", data), "municipality": "Ale", **fields})


def messages(client) -> list[str]:
    """The messages the next page shows (the import redirects to the register)."""
    return [str(message) for message in client.get(reverse("indicators:indicator-list")).context["messages"]]


@pytest.fixture
def staff_client(client_for, staff):
    return client_for(staff)


def test_the_template_adds_and_changes_years(grade, nki, staff_client):
    """New years are added, a stored one changed; an empty cell keeps what is stored; decimal
    commas and points are both read."""
    response = upload(
        staff_client, HEADER + "service;2017;3,4;\nservice;2018;3.5;3,6\nnki-bygglov;2018;64;\n"
    )
    assert response.status_code == 302
    assert sorted(IndicatorYear.objects.values_list("indicator__slug", "year", "value", "target")) == [
        ("nki-bygglov", 2018, Decimal("64.00"), None),
        ("service", 2017, Decimal("3.40"), Decimal("3.30")),
        ("service", 2018, Decimal("3.50"), Decimal("3.60")),
    ]
    assert messages(staff_client) == ["Importerat: 2 år tillagda, 1 ändrade, 0 oförändrade."]


def test_importing_the_same_file_twice_changes_nothing(grade, nki, staff_client):
    """The second import writes nothing: the same rows, the same update times, no audit entry."""
    text = HEADER + "service;2017;3,4;3,5\nservice;2018;3,5;\nnki-bygglov;2018;64;65\n"
    assert upload(staff_client, text).status_code == 302
    first, audits = stored(), AuditEntry.objects.count()
    assert upload(staff_client, text).status_code == 302
    assert stored() == first
    assert AuditEntry.objects.count() == audits
    assert messages(staff_client)[-1] == "Importerat: 0 år tillagda, 0 ändrade, 3 oförändrade."


def test_an_imported_figure_is_no_longer_an_example(grade, staff):
    """Importing the same value over an example row makes it a real one (a change), once."""
    IndicatorYear.objects.filter(indicator=grade).update(is_example=True)
    rows = read_rows((HEADER + "service;2017;3,2;3,3\n").encode()).rows
    assert indicator_years_import(actor=staff, rows=rows, source="template").updated == 1
    assert IndicatorYear.objects.get(indicator=grade).is_example is False
    assert indicator_years_import(actor=staff, rows=rows, source="template").unchanged == 1


# Rows after a good first row (nki-bygglov 2019: 70), and the problem each is named by.
BAD_ROWS = [
    ("okand;2018;3,5;", "Rad 2, kolumn indikator: Ingen indikator har kortnamnet ”okand”."),
    ("service;20x8;3,5;", "Rad 2, kolumn år: ”20x8” är inte ett år mellan 2000 och 2100."),
    ("service;1999;3,5;", "Rad 2, kolumn år: ”1999” är inte ett år mellan 2000 och 2100."),
    ("service;2018;tre;", "Rad 2, kolumn värde: ”tre” är inte ett tal."),
    ("service;2018;3,5;=1+1", "Rad 2, kolumn mål: ”=1+1” är inte ett tal."),
    ("service;2018;7;", "Rad 2, kolumn värde: ”7” ligger utanför indikatorns skala, 1,0–6,0."),
    ("service;2018;;", "Rad 2, kolumn värde: Ange ett värde eller ett mål."),
    ("nki-bygglov;2019;71;", "Rad 2, kolumn år: Rad 1 anger redan nki-bygglov för 2019."),
    ("service;2018;3,5", "Rad 2, kolumn –: Raden har 3 celler men rubrikraden har 4 kolumner."),
]
# Files that cannot be read at all.
BAD_FILES = [
    ("indikator;värde\nservice;3,5\n", "år: Kolumnen saknas."),
    (
        "namn;år;värde\nservice;2018;3,5\n",
        "Filen har varken en kolumn för indikator (portalens mall) eller en kolumn för kommun (Koladas fil).",
    ),
    (HEADER, "Filen har inga rader."),
]


def _refused(response, expected, before):
    assert response.status_code == 400
    shown = [str(problem) for problem in response.context["problems"]]
    assert shown == [expected]
    page = response.content.decode()
    assert "Ingenting importerades" in page
    assert expected.replace("”", "&quot;") in page.replace("”", "&quot;")
    assert stored() == before


@pytest.mark.parametrize(("row", "expected"), BAD_ROWS)
def test_a_bad_row_is_named_and_nothing_changes(grade, nki, staff_client, row, expected):
    """Each kind of bad row is named with its row and column on the page; the good row before
    it is not stored either."""
    before = stored()
    _refused(upload(staff_client, HEADER + "nki-bygglov;2019;70;\n" + row + "\n"), expected, before)


@pytest.mark.parametrize(("text", "expected"), BAD_FILES)
def test_a_file_that_cannot_be_read_is_named_and_nothing_changes(grade, staff_client, text, expected):
    before = stored()
    _refused(upload(staff_client, text), expected, before)


def test_every_bad_row_of_a_file_is_listed(grade, staff_client):
    """All problems at once, in row order, so one round of corrections is enough."""
    response = upload(staff_client, HEADER + "okand;2018;1;\nservice;2018;x;9\nservice;2019;3;\n")
    assert [str(problem) for problem in response.context["problems"]] == [
        "Rad 1, kolumn indikator: Ingen indikator har kortnamnet ”okand”.",
        "Rad 2, kolumn värde: ”x” är inte ett tal.",
        "Rad 2, kolumn mål: ”9” ligger utanför indikatorns skala, 1,0–6,0.",
    ]


# --- Kolada's file: municipality, year, value ---------------------------------------------------


def test_a_kolada_file_for_one_key_figure(nki, staff_client):
    """Ale's rows (by name or by code) are read, total rows only; other municipalities, the
    gender breakdown and years without a value are left out and counted."""
    text = (
        "Kommun,Kön,År,Värde\n"
        "1440 Ale,T,2016,66\n"
        'Ale,T,2017,"68,4"\n'
        "Ale,K,2017,70\n"
        "Riket,T,2017,71\n"
        "Ale kommun,T,2018,\n"
    )
    response = upload(staff_client, text, indicator="nki-bygglov")
    assert response.status_code == 302
    assert sorted(IndicatorYear.objects.values_list("year", "value", "target")) == [
        (2016, Decimal("66.00"), None),
        (2017, Decimal("68.40"), None),
    ]
    assert messages(staff_client) == [
        "Importerat: 2 år tillagda, 0 ändrade, 0 oförändrade. 3 rader för andra kommuner, andra "
        "grupper eller utan värde hoppades över."
    ]


def test_a_kolada_file_needs_its_indicator(nki, staff_client):
    response = upload(staff_client, "Kommun;År;Värde\nAle;2017;68\n")
    assert [str(p) for p in response.context["problems"]] == [
        "Välj vilken indikator Kolada-filen innehåller."
    ]
    assert not IndicatorYear.objects.exists()


def test_a_kolada_file_of_another_municipality_imports_nothing(nki, staff_client):
    response = upload(staff_client, "Kommun;År;Värde\nKungälv;2017;68\n", indicator="nki-bygglov")
    assert [str(p) for p in response.context["problems"]] == ["Filen har ingen rad för Ale."]
    assert not IndicatorYear.objects.exists()


def test_a_bad_kolada_row_is_named(nki, staff_client):
    response = upload(staff_client, "Kommun;År;Värde\nAle;2017;68\nAle;2018;101\n", indicator="nki-bygglov")
    assert [str(p) for p in response.context["problems"]] == [
        "Rad 2, kolumn värde: ”101” ligger utanför indikatorns skala, 0–100."
    ]
    assert not IndicatorYear.objects.exists()


def test_read_rows_raises_with_every_problem(grade):
    with pytest.raises(ImportRowsError) as raised:
        read_rows((HEADER + "service;2018;x;\n").encode())
    assert len(raised.value.problems) == 1
