"""The dashboard page and its CSV downloads: who may see them, filters, bad input, the CSV
format, and that the downloads hold exactly what the page's tables show."""

import csv
import datetime
import io
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse

from followups.models import FollowUp
from tests import factories
from tests.factories import theme

from .conftest import C, S

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:dashboard")
TABLE_KEYS = [
    "participants_by_role",
    "participation",
    "notes_by_theme",
    "top_topics",
    "notes_by_kind",
    "disagreement",
    "followup_funnel",
    "promises",
    "overdue",
    "trend",
]


def csv_url(key, query=""):
    return reverse("dashboard:table-csv", args=[key]) + (f"?{query}" if query else "")


class TableParser(HTMLParser):
    """Collect every table of a page: its caption, header cells and body rows as text."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._row, self._in_caption = [], None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "tr":
            self.tables[-1]["rows"].append(self._row)

    def handle_data(self, data):
        if self._in_caption:
            self.tables[-1]["caption"] += data.strip()
        elif self._cell is not None:
            self._cell += data


def page_tables(response) -> list[dict]:
    parser = TableParser()
    parser.feed(response.content.decode())
    return parser.tables


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# --- who may see it ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("business_owner", 403),
        ("other_business_owner", 403),
        ("staff", 200),
        ("politician", 200),
        ("admin_user", 200),
    ],
)
@pytest.mark.parametrize("url", [URL, csv_url("notes_by_theme")])
def test_only_politicians_and_staff_see_the_dashboard(request, client_for, who, status, url):
    """Politicians, staff and admins see the page and its downloads; an anonymous visitor is
    sent to sign in, and every other signed-in user gets 403."""
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_for(user).get(url)
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login") + "?next=")


@pytest.mark.parametrize(("who", "shown"), [("politician", True), ("staff", True), ("business_owner", False)])
def test_navigation_links_the_dashboard_for_politicians_and_staff(request, client_for, who, shown):
    """The "Översikt" link appears in the menu of politicians and staff only."""
    response = client_for(request.getfixturevalue(who)).get(reverse("home"))
    assert (f'href="{URL}"' in response.content.decode()) is shown


# --- the page ------------------------------------------------------------------------------


def test_page_opens_on_the_latest_year_with_a_held_workshop_in_swedish(dataset, client_for, politician):
    """Without a filter the page shows 2018, every theme, with Swedish headings."""
    response = client_for(politician).get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["dashboard"].filters.year == 2018
    assert response.context["dashboard"].filters.theme is None
    assert "<h1>Översikt" in body
    assert '<option value="2018" selected>2018</option>' in body


def test_page_in_english(dataset, client_for, politician):
    """With the language cookie set to English the dashboard speaks English."""
    client = client_for(politician)
    client.cookies["django_language"] = "en"
    body = client.get(URL).content.decode()
    assert "<h1>Dashboard: the dialogue with business owners</h1>" in body
    assert "Published notes by theme" in body


def test_year_and_theme_filters_narrow_the_figures(dataset, client_for, politician):
    """?ar=2017&tema=samarbete shows the 2017 figures for collaboration only."""
    response = client_for(politician).get(URL, {"ar": "2017", "tema": C})
    dashboard = response.context["dashboard"]
    assert (dashboard.filters.year, dashboard.filters.theme) == (2017, theme(C))
    assert dashboard.tables["notes_by_theme"].rows == [[theme(C).name, 1]]
    assert "Samarbete" in response.content.decode()


def test_all_years(dataset, client_for, politician):
    """?ar=alla counts every year."""
    dashboard = client_for(politician).get(URL, {"ar": "alla"}).context["dashboard"]
    assert dashboard.filters.year is None
    assert dashboard.key_figures[0][1] == 3


@pytest.mark.parametrize("query", [{"ar": "1999"}, {"ar": "abc"}, {"ar": "2018", "tema": "okant"}])
def test_unknown_filter_values_get_a_message_next_to_the_field(dataset, client_for, politician, query):
    """A year or theme not in the lists is refused with a message by the field, and no figures."""
    response = client_for(politician).get(URL, query)
    assert response.status_code == 200
    assert response.context["dashboard"] is None
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert 'class="invalid-feedback' in response.content.decode()


def test_charts_are_accessible_svg_without_style_attributes(dataset, client_for, politician):
    """Each chart is inline SVG with role="img", named by its <title> and described by its <desc>;
    the page has no style attribute (the Content Security Policy forbids them) and no script of its own."""
    body = client_for(politician).get(URL, {"ar": "alla"}).content.decode()
    chart_ids = [
        "roles",
        "themes",
        "topics",
        "kinds",
        "disagreement",
        "funnel",
        "promises",
        "trend_notes",
        "trend_promises",
    ]
    # Each chart twice: the wide layout and the one drawn for a phone (CSS shows one of them).
    assert body.count("<svg") == body.count('role="img"') == 2 * len(chart_ids)
    for chart_id in chart_ids:
        for drawn in (f"{chart_id}_chart", f"{chart_id}_chart-narrow"):
            assert f'aria-labelledby="{drawn}-title"' in body
            assert f'aria-describedby="{drawn}-desc"' in body
            assert f'<title id="{drawn}-title">' in body
            assert f'<desc id="{drawn}-desc">' in body
    assert "style=" not in body
    assert "<script>" not in body


def test_overdue_followups_and_conferences_link_to_their_pages(dataset, client_for, politician):
    """The overdue follow-ups and the conferences in the promises table link to their pages."""
    body = client_for(politician).get(URL, {"ar": "2018"}).content.decode()
    for followup in (dataset.followups.f7, dataset.followups.f8):
        assert f'<a href="{followup.get_absolute_url()}">{followup.title}</a>' in body
    assert f'<a href="{dataset.conferences.c2018.get_absolute_url()}">' in body


def test_empty_year_says_there_is_nothing_to_show(dataset, client_for, politician):
    """A year without notes or summaries renders with a note instead of empty charts."""
    response = client_for(politician).get(URL, {"ar": "2019"})
    assert "Inget att visa för det här urvalet." in response.content.decode()


# --- query counts --------------------------------------------------------------------------


def _year_of_data(year):
    """One workshop, its people, notes, a summary with a disagreement and a conference with two
    follow-ups, all in ``year``."""
    starts = datetime.datetime(year, 11, 7, 12, 0, tzinfo=datetime.UTC)
    workshop = factories.WorkshopFactory(starts_at=starts)
    organisation = factories.OrganisationFactory()
    for _ in range(2):
        factories.ParticipationFactory(
            workshop=workshop, user=factories.BusinessOwnerFactory(), organisation=organisation
        )
    factories.ParticipationFactory(workshop=workshop, role="politician")
    for slug in (S, C):
        factories.NoteFactory(workshop=workshop, themes=[theme(slug)], topics=[theme(slug).topics.first()])
    summary = factories.SummaryFactory(workshop=workshop, theme=theme(C), status="published")
    factories.DisagreementFactory(point=factories.SummaryPointFactory(summary=summary))
    factories.SummaryPointFactory(summary=summary)
    conference = factories.ConferenceFactory(year=year)
    factories.FollowUpFactory(conference=conference, theme=theme(C))
    factories.FollowUpFactory(
        conference=conference,
        theme=theme(S),
        status=FollowUp.Status.FEEDBACK_PUBLISHED,
        decision="Ja.",
        feedback_text="Klart.",
        feedback_published_at=starts + datetime.timedelta(days=60),
    )


# Drawn afresh: the data fingerprint, then every aggregate (seven of them for the indicator
# part, dashboard/indicators_part.py). Cached: the fingerprint only.
DASHBOARD_QUERIES = 26
# Warm: the session, the user, the site settings and the options of the filter's selects.
DASHBOARD_CACHED_QUERIES = 4


@pytest.mark.parametrize("query", [{"ar": "alla"}, {"ar": "2001", "tema": C}])
@pytest.mark.parametrize("years", [1, 20])
def test_dashboard_runs_a_fixed_number_of_queries(
    db, client_for, politician, django_assert_num_queries, query, years
):
    """The same number of queries for one year of data and for twenty, counted afresh and read
    from the cache; the page drawn from cached figures is the page drawn from fresh ones."""
    for year in range(2001, 2001 + years):
        _year_of_data(year)
    client = client_for(politician)
    client.get(URL, query)  # the first request creates the site settings row
    cache.clear()
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(URL, query)
    assert response.context["dashboard"].tables["promises"].rows
    with django_assert_num_queries(DASHBOARD_CACHED_QUERIES):
        cached = client.get(URL, query)
    drawn, served = response.content.decode(), cached.content.decode()
    assert (
        served[served.index("<main") : served.index("</main>")]
        == drawn[drawn.index("<main") : drawn.index("</main>")]
    )


@pytest.mark.parametrize("years", [1, 20])
def test_csv_download_runs_a_fixed_number_of_queries(
    db, client_for, politician, django_assert_num_queries, years
):
    """A CSV download runs a fixed number of queries too (no site settings for the footer)."""
    for year in range(2001, 2001 + years):
        _year_of_data(year)
    client = client_for(politician)
    client.get(URL)
    cache.clear()
    with django_assert_num_queries(DASHBOARD_QUERIES - 1):
        client.get(csv_url("trend", "ar=alla"))


# --- CSV -----------------------------------------------------------------------------------


def test_csv_is_excel_friendly_utf8_with_bom_and_named_after_the_selection(dataset, client_for, politician):
    """UTF-8 with a byte-order mark, semicolons, an attachment named after year, theme and table,
    in the reader's language."""
    response = client_for(politician).get(csv_url("notes_by_theme", f"ar=2017&tema={S}"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="oversikt-2017-{S}-publicerade-anteckningar-per-tema.csv"'
    )
    assert csv_rows(response) == [["Tema", "Anteckningar"], ["Service och leverans", "2"]]


@pytest.mark.parametrize(
    "query", ["", "ar=2017", f"ar=2017&tema={S}", f"ar=2018&tema={C}", "ar=alla", "ar=2019"]
)
def test_every_csv_download_matches_the_table_on_the_page(dataset, client_for, politician, query):
    """For each table and filter, the CSV holds the page table's header and rows, cell for cell."""
    client = client_for(politician)
    tables = page_tables(client.get(f"{URL}?{query}"))
    # Then the indicator part's tables, in the order the dashboard added them (the page's).
    shown = client.get(f"{URL}?{query}").context["dashboard"].tables
    keys = TABLE_KEYS + [key for key in shown if key not in TABLE_KEYS]
    assert len(tables) == len(keys)
    for key, table in zip(keys, tables, strict=True):
        rows = csv_rows(client.get(csv_url(key, query)))
        body = table["rows"][1:]
        if body == [["Inget att visa för det här urvalet."]]:
            body = []
        assert rows == [table["rows"][0], *body], key


def test_csv_neutralises_formula_looking_cells(dataset, client_for, politician):
    """A follow-up titled like a formula reaches the CSV as text, with a leading apostrophe
    (the site's CSV dialect from ``aleforetag.exports.formats``)."""
    factories.FollowUpFactory(conference=dataset.conferences.c2018, title='=HYPERLINK("http://x")')
    factories.FollowUpFactory(conference=dataset.conferences.c2018, title="-2+3")
    rows = csv_rows(client_for(politician).get(csv_url("overdue", "ar=2018")))
    titles = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in titles
    assert "'-2+3" in titles


def test_unknown_table_is_404_and_bad_filter_400(dataset, client_for, politician):
    """An unknown table is not found; a bad filter is refused as a bad request."""
    client = client_for(politician)
    assert client.get(csv_url("nope")).status_code == 404
    response = client.get(csv_url("trend", "ar=<script>"))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
