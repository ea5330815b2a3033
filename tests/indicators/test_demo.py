"""The demo's indicators and action plan: both instruments defined, every theme measured, every
figure an example (never presented as Ale's real results), and a plan answering the 2017
follow-ups."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from feedback.models import Theme
from indicators.models import ActionPoint, Indicator, IndicatorYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_both_instruments_measure_every_theme_with_example_figures_only(demo):
    assert set(Indicator.objects.values_list("source", flat=True)) == {"svenskt_naringsliv", "insikt"}
    for theme in Theme.objects.all():
        assert IndicatorYear.objects.filter(indicator__theme=theme, value__isnull=False).exists(), theme
        assert IndicatorYear.objects.filter(indicator__theme=theme, target__isnull=False).exists(), theme
    assert IndicatorYear.objects.exists()
    assert not IndicatorYear.objects.filter(is_example=False).exists()
    insikt = set(Indicator.objects.filter(source="insikt").values_list("slug", flat=True))
    for area in (
        "bygglov",
        "miljo-och-halsoskydd",
        "livsmedelskontroll",
        "serveringstillstand",
        "brandtillsyn",
        "markupplatelse",
    ):
        assert f"insikt-nki-{area}" in insikt


def test_the_plan_answers_the_follow_ups_and_is_public_in_its_published_parts(demo, client):
    points = ActionPoint.objects.filter(year=2018)
    assert {point.theme.slug for point in points} == set(Theme.objects.values_list("slug", flat=True))
    assert all(point.followups.exists() for point in points)
    page = client.get(reverse("indicators:plan-year", args=[2018])).content.decode()
    assert "Servicelöften i alla förvaltningar" in page
    assert (
        "Företagsbesök med kommunstyrelsen"
        not in client.get(reverse("indicators:plan-year", args=[2019])).content.decode()
    )


@pytest.mark.parametrize("url", ["indicators:said-did", "indicators:indicator-list", "dashboard:dashboard"])
def test_every_page_with_demo_figures_marks_them_as_examples(demo, client_for, politician, url):
    page = client_for(politician).get(reverse(url)).content.decode()
    assert "Exempelsiffror." in page
    assert "De är inte Ale kommuns verkliga resultat." in page
