"""The indicators' and the action plan's pages: what each role sees (the public only what is
published, without names), staff writing through forms that keep what was typed, and
"Ni sa – vi gjorde" telling the year's story without personal data. The URL × role × method
answers are in tests/security/matrix.py."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import ActionPoint, Indicator, IndicatorYear
from tests.factories import theme

from .conftest import S

pytestmark = pytest.mark.django_db

PLAN_2018 = reverse("indicators:plan-year", args=[2018])
PLAN_2019 = reverse("indicators:plan-year", args=[2019])


def text(response) -> str:
    return response.content.decode()


# --- the action plan: published parts for the public -----------------------------------------


def test_the_public_sees_the_published_points_without_owners(indicator_set, client, staff):
    """Anonymous visitors read the published points, their status, deadlines and reports, but
    neither the unpublished points nor who owns a point."""
    page = text(client.get(PLAN_2018))
    assert "Kontaktperson i varje ärende" in page and "Infört i april." in page
    assert "E-tjänst för bygglov" in page and "Försenad" in page  # overdue
    assert staff.full_name not in page
    assert "Svar i sociala medier" not in text(client.get(PLAN_2019))
    assert "Servicelöften" in text(client.get(PLAN_2019))


@pytest.mark.parametrize("role", ["politician", "staff"])
def test_politicians_and_staff_read_the_whole_plan_with_owners(indicator_set, client_for, users, staff, role):
    page = text(client_for(users[role]).get(PLAN_2019))
    assert "Svar i sociala medier" in page and "Inte publicerad" in page
    assert staff.full_name in page
    assert "1 punkt är försenad eller har passerat sitt datum." in page


def test_only_staff_get_the_edit_links(indicator_set, client_for, users):
    edit = reverse("indicators:point-update", args=[indicator_set.points.done.pk])
    assert edit in text(client_for(users["staff"]).get(PLAN_2018))
    for role in ("politician", "owner"):
        assert edit not in text(client_for(users[role]).get(PLAN_2018))


def test_the_plan_page_without_a_year_shows_the_newest_year_the_visitor_may_see(
    indicator_set, client, client_for, politician
):
    """The public's newest plan year is 2019 (a published planned point); everyone gets a page."""
    assert client.get(reverse("indicators:plan")).context["year"] == 2019
    assert client_for(politician).get(reverse("indicators:plan")).context["years"] == [2019, 2018]


def test_a_year_out_of_range_is_not_found(client):
    assert client.get("/handlingsplan/99999999999/").status_code == 404
    assert client.get(reverse("indicators:plan-year", args=[1999])).status_code == 404
    assert client.get(reverse("indicators:said-did-year", args=[1999])).status_code == 404


# --- staff write in forms -------------------------------------------------------------------


def test_staff_add_a_point_linked_to_follow_ups_and_indicators(indicator_set, client_for, staff):
    response = client_for(staff).post(
        reverse("indicators:point-create"),
        {
            "year": "2019",
            "title": "Företagsbesök varje månad",
            "theme": theme(S).pk,
            "owner": staff.pk,
            "deadline": "2019-06-30",
            "status": "done",
            "followups": [indicator_set.followups.service.pk],
            "indicators": [indicator_set.indicators.service.pk],
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    point = ActionPoint.objects.get(title="Företagsbesök varje månad")
    assert point.done_on == datetime.date(2019, 3, 1)  # done today
    assert list(point.followups.all()) == [indicator_set.followups.service]
    assert list(point.indicators.all()) == [indicator_set.indicators.service]


def test_a_bad_point_keeps_what_was_typed_and_stores_nothing(indicator_set, client_for, staff):
    before = ActionPoint.objects.count()
    response = client_for(staff).post(
        reverse("indicators:point-create"),
        {
            "year": "1850",
            "title": "Min rubrik",
            "owner": staff.pk,
            "deadline": "inte ett datum",
            "status": "planned",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"year", "deadline"}
    assert 'value="Min rubrik"' in text(response)
    assert ActionPoint.objects.count() == before


def test_moving_a_done_point_back_clears_its_day(indicator_set, client_for, staff):
    point = indicator_set.points.done
    response = client_for(staff).post(
        reverse("indicators:point-update", args=[point.pk]),
        {
            "year": "2018",
            "title": point.title,
            "owner": staff.pk,
            "deadline": "2018-04-30",
            "status": "in_progress",
            "report": "Öppnat igen.",
        },
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.status, point.done_on, point.report, point.is_published) == (
        "in_progress",
        None,
        "Öppnat igen.",
        False,
    )


def test_staff_enter_a_year_with_a_decimal_comma(indicator_set, client_for, staff):
    service = indicator_set.indicators.service
    url = reverse("indicators:indicator-year-set", args=[service.slug])
    response = client_for(staff).post(url, {"year": "2019", "value": "3,7", "target": "3,6"})
    assert response.status_code == 302
    row = IndicatorYear.objects.get(indicator=service, year=2019)
    assert (row.value, row.target, row.is_example, row.updated_by) == (
        Decimal("3.7"),
        Decimal("3.6"),
        False,
        staff,
    )


def test_a_value_outside_the_scale_keeps_what_was_typed(indicator_set, client_for, staff):
    service = indicator_set.indicators.service
    before = list(IndicatorYear.objects.values_list("year", "value", "target"))
    url = reverse("indicators:indicator-year-set", args=[service.slug])
    response = client_for(staff).post(url, {"year": "2019", "value": "7,5", "target": "3,6"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"value": ["Indikatorns skala går från 1,0 till 6,0."]}
    assert 'value="7,5"' in text(response)
    assert list(IndicatorYear.objects.values_list("year", "value", "target")) == before


def test_emptying_a_year_removes_it(indicator_set, client_for, staff):
    service = indicator_set.indicators.service
    url = reverse("indicators:indicator-year-set", args=[service.slug])
    assert client_for(staff).get(url, {"ar": "2017"}).context["form"].initial == {
        "year": 2017,
        "value": Decimal("3.20"),
        "target": Decimal("3.30"),
    }
    client_for(staff).post(url, {"year": "2017", "value": "", "target": ""})
    assert not IndicatorYear.objects.filter(indicator=service, year=2017).exists()


def test_staff_add_an_indicator(db, client_for, staff):
    response = client_for(staff).post(
        reverse("indicators:indicator-create"),
        {
            "name_sv": "NKI markupplåtelse",
            "slug": "nki-mark",
            "source": "insikt",
            "unit": "NKI",
            "scale_min": "0",
            "scale_max": "100",
            "decimals": "0",
            "higher_is_better": "on",
            "order": "3",
        },
    )
    assert response.status_code == 302
    assert Indicator.objects.get(slug="nki-mark").scale_max == 100


def test_the_import_template_lists_every_indicator(indicator_set, client_for, staff):
    response = client_for(staff).get(reverse("indicators:indicator-import-template"))
    lines = response.content.decode("utf-8").removeprefix("\ufeff").splitlines()
    assert lines[0] == "indikator;år;värde;mål"
    assert sorted(line.split(";")[0] for line in lines[1:]) == ["bygglov", "dialog", "placering", "service"]


# --- the indicator pages ---------------------------------------------------------------------


def test_the_register_shows_the_latest_value_against_its_target(indicator_set, client_for, politician):
    page = text(client_for(politician).get(reverse("indicators:indicator-list")))
    assert "Service till företagen" in page and "Placering i rankingen" in page
    assert "Exempelsiffror." in page  # the NKI bygglov example value


def test_the_indicator_page_draws_its_chart_and_table(indicator_set, client_for, politician):
    response = client_for(politician).get(reverse("indicators:indicator-detail", args=["service"]))
    page = text(response)
    assert page.count("<svg") == 2  # the wide and the narrow layout
    assert 'class="target-line"' in page
    assert "Kontaktperson i varje ärende" in page
    assert "Fyll i ett års värde och mål" not in page  # politicians read only


# --- "Ni sa – vi gjorde" -----------------------------------------------------------------------


def test_said_did_tells_the_year_by_theme(indicator_set, client):
    """2017: the year's notes per theme, the follow-ups answered, the points done that serve
    them, and each indicator's movement since then, in plain words."""
    page = text(client.get(reverse("indicators:said-did-year", args=[2017])))
    assert "2 anteckningar om det här från årets workshoppar." in page
    assert "Snabbare bygglov" in page and "Så här blev det." in page
    assert "Klart i handlingsplanen: Kontaktperson i varje ärende." in page
    assert "Kvällsöppet</a>" not in page  # not answered yet
    assert (
        "Service till företagen gick från 3,2 (2017) till 3,5 (2018), vilket är bättre. "
        "Målet för 2018, 3,4, nåddes." in " ".join(page.split())
    )
    assert "Placering i rankingen gick från 187 (2017) till 151 (2018), vilket är bättre." in " ".join(
        page.split()
    )
    assert "Exempelsiffror." in page


def test_said_did_holds_no_personal_data(indicator_set, client, staff):
    """No names or e-mail addresses of business owners (the notes' authors), staff (owners of
    points, responsible for follow-ups) or anyone else."""
    from aleforetag.accounts.models import User
    from feedback.models import Note

    people = set(User.objects.values_list("full_name", flat=True)) | set(
        User.objects.values_list("email", flat=True)
    )
    people |= set(Note.objects.exclude(author=None).values_list("author__full_name", flat=True))
    for year in (2017, 2018):
        page = text(client.get(reverse("indicators:said-did-year", args=[year])))
        found = [person for person in people if person and person in page]
        assert found == [], year
        assert "@" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_said_did_without_a_year_tells_the_newest(indicator_set, client):
    response = client.get(reverse("indicators:said-did"))
    assert response.context["year"] == 2018
    assert response.context["years"] == [2018, 2017]


def test_an_edit_started_from_an_older_version_is_refused_and_keeps_what_was_typed(
    indicator_set, client_for, staff
):
    """Two staff members open the same point; the second to save is told, nothing of theirs is
    stored, and the form keeps what they typed."""
    point = indicator_set.points.overdue
    url = reverse("indicators:point-update", args=[point.pk])
    form = {
        "year": "2018",
        "owner": staff.pk,
        "deadline": "2018-12-31",
        "status": "in_progress",
        "version": client_for(staff).get(url).context["form"]["version"].value(),
    }
    first = client_for(staff).post(url, {**form, "title": "Först sparad"})
    assert first.status_code == 302
    second = client_for(staff).post(url, {**form, "title": "Sent sparad"})
    assert second.status_code == 200
    assert "Någon annan ändrade punkten medan du arbetade med den." in text(second)
    assert 'value="Sent sparad"' in text(second)
    point.refresh_from_db()
    assert (point.title, point.version) == ("Först sparad", 2)
