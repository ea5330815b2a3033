"""The site frame composed in portal: the grouped menu, breadcrumbs from one parent map, and
what the frame's pages promise a reader (theme counts that do not mislead, file names in the
reader's language)."""

import re

import pytest

from portal import breadcrumbs
from tests import factories

pytestmark = pytest.mark.django_db


def menu_of(body: str) -> list[str]:
    """The main menu's top-level entries, in order, as text."""
    menu = body[body.index('id="main-menu"') : body.index("</nav>", body.index('id="main-menu"'))]
    items = re.findall(
        r'<li class="nav-item[^"]*">\s*(?:<details[^>]*>\s*)?<(?:a|summary)[^>]*>(.*?)</(?:a|summary)>',
        menu,
        re.S,
    )
    return [
        " ".join(re.sub(r"<span class=\"visually-hidden\">.*?</span>|<[^>]+>", " ", item).split())
        for item in items
    ]


def trail_of(body: str) -> list[tuple[str, str]]:
    """The breadcrumbs as (text, address) pairs; [] when the page has none."""
    found = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', body, re.S)
    if found is None:
        return []
    return [(text.strip(), href) for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', found.group(1))]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["Workshoppar", "Uppföljning", "Logga in", "Skapa konto"]),
        (
            "owner",
            [
                "Workshoppar",
                "Mina anteckningar",
                "Mina sidor",
                "Mitt inflytande",
                "Uppföljning",
                "Karin Företagare",
            ],
        ),
        (
            "politician",
            ["Workshoppar", "Uppföljning", "Invändningar", "Översikt", "Indikatorer", "Anders Politiker"],
        ),
        (
            "staff",
            [
                "Arbetsyta",
                "Workshoppar",
                "Inspel",
                "Uppföljning",
                "Översikt",
                "Indikatorer",
                "Sara Handläggare",
            ],
        ),
        (
            "admin",
            [
                "Arbetsyta",
                "Workshoppar",
                "Inspel",
                "Uppföljning",
                "Översikt",
                "Indikatorer",
                "Maria Administratör",
            ],
        ),
    ],
)
def test_the_menu_is_grouped_for_each_role(client_for, users, role, expected):
    """Staff see five sections (the inputs' pages grouped under Inspel); every role's own
    entries are few enough for one line, and the person's menu shows first name and role."""
    body = client_for(users[role]).get("/workshoppar/").content.decode()
    entries = menu_of(body)
    assert entries[: len(expected)] == expected


def test_the_inputs_pages_are_under_inspel_for_staff(client_for, users):
    """Moderation, the inbox with its count, summaries, disagreements and the themes and topics
    open from Inspel."""
    body = client_for(users["staff"]).get("/").content.decode()
    group = re.search(r'<details class="nav-group">(.*?)</details>', body, re.S).group(1)
    links = re.findall(r'<a class="nav-group-link"\s+href="([^"]+)"', group)
    assert links == [
        "/moderering/",
        "/uppfoljning/inkorg/",
        "/sammanfattningar/",
        "/invandningar/",
        "/teman-och-amnen/",
    ]


def test_the_current_page_is_marked_in_the_menu(client_for, users):
    """The page being shown carries aria-current="page" in the menu, and its section is marked."""
    body = client_for(users["staff"]).get("/moderering/").content.decode()
    assert re.search(r'href="/moderering/"\s+aria-current="page"', body)
    assert re.search(r'<summary class="nav-link active">\s*Inspel', body)


def test_breadcrumbs_lead_from_the_start_page_to_the_parent(client, workshop):
    """Below the home page every page has breadcrumbs; a workshop's notes page runs
    Start › Workshoppar › the workshop, each a link; the home page has none."""
    assert trail_of(client.get("/").content.decode()) == []
    assert trail_of(client.get("/workshoppar/").content.decode()) == [("Start", "/")]
    notes = client.get(f"/workshoppar/{workshop.slug}/anteckningar/").content.decode()
    assert trail_of(notes) == [
        ("Start", "/"),
        ("Workshoppar", "/workshoppar/"),
        (workshop.title, f"/workshoppar/{workshop.slug}/"),
    ]


def test_breadcrumbs_of_a_follow_up_run_through_its_conference(client):
    conference = factories.ConferenceFactory()
    followup = factories.FollowUpFactory(conference=conference)
    body = client.get(followup.get_absolute_url()).content.decode()
    assert trail_of(body) == [
        ("Start", "/"),
        ("Uppföljning", "/uppfoljning/"),
        (conference.title, conference.get_absolute_url()),
    ]


def test_every_parent_in_the_map_is_a_page_or_a_known_object():
    """Each parent named in the map is itself in the map (or is the start page), so every trail
    reaches "Start", and names a label or an object to read one from."""
    for name, parent in breadcrumbs.PARENTS.items():
        assert parent == "home" or parent in breadcrumbs.PARENTS, (name, parent)
        assert parent in breadcrumbs.LABELS or parent in breadcrumbs.OBJECTS, (name, parent)


def test_breadcrumbs_add_no_query(client, workshop, django_assert_max_num_queries):
    """The trail reads only objects the page already loaded; a parent it would have to query
    for is left out rather than fetched."""
    note = factories.NoteFactory(workshop=workshop)

    class Request:
        resolver_match = type("Match", (), {"view_name": "feedback:note-hide"})()

    from feedback.models import Note

    fresh = Note.objects.get(pk=note.pk)  # its workshop not loaded
    with django_assert_max_num_queries(0):
        crumbs = breadcrumbs.crumbs_for({"request": Request(), "note": fresh})
    assert [crumb.label for crumb in crumbs] == ["Start", "Moderering"]


# --- the notes page's theme counts ------------------------------------------------------------


def test_theme_counts_do_not_change_with_the_filter(client, workshop):
    """ "Samarbete (2)" stays 2 while another theme is chosen: each count is what its link shows."""
    together = factories.theme("samarbete")
    service = factories.theme("service-och-leverans")
    factories.NoteFactory.create_batch(2, workshop=workshop, themes=[together])
    factories.NoteFactory.create_batch(3, workshop=workshop, themes=[service])
    url = f"/workshoppar/{workshop.slug}/anteckningar/"
    for query in ("", "?tema=service-och-leverans", "?tema=samarbete&typ=problem"):
        body = client.get(url + query).content.decode()
        counts = dict(re.findall(r'href="\?tema=([a-z-]+)"[^>]*>[^<]+</a>\s*\((\d+)\)', body))
        assert counts["samarbete"] == "2" and counts["service-och-leverans"] == "3", query
    chosen = client.get(url + "?tema=samarbete").content.decode()
    assert "2 anteckningar" in chosen


# --- file names in the reader's language --------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "start"),
    [("sv", "oppna-data-workshoppar-"), ("en", "open-data-workshops-")],
)
def test_open_data_file_names_are_in_the_readers_language(client, language, start):
    client.cookies["django_language"] = language
    response = client.get("/oppna-data/workshoppar.csv")
    name = re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)
    assert name.startswith(start) and name.endswith(".csv")
