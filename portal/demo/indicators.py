"""Demo indicators and action plan: the definitions of the two national instruments Swedish
municipalities measure their business climate with, and an action plan for 2018 that answers
the 2017 conference's follow-ups.

The definitions describe the instruments in our own words. Every value and target is made up
for the demo, marked as an example (``IndicatorYear.is_example``) and shown as one on every
page: none of them is Ale's real result in either survey."""

import datetime
from decimal import Decimal

from feedback.models import Theme
from indicators.models import ActionPoint, Indicator, IndicatorYear
from indicators.services import action_point_create, indicator_create
from portal.factories import IndicatorYearFactory

SN = Indicator.Source.SVENSKT_NARINGSLIV
INSIKT = Indicator.Source.INSIKT
SERVICE, RELATION, TOGETHER = "service-och-leverans", "forstaelse-och-relation", "samarbete"

SN_TEXT = (
    "Svenskt Näringslivs enkät till företagare i kommunen, som besvaras varje år mellan januari "
    "och april. Företagarna sätter betyg på en skala från 1 (dåligt) till 6 (utmärkt)."
)
INSIKT_TEXT = (
    "SKR:s servicemätning Insikt: företag som haft ett ärende hos kommunen svarar på hur nöjda de "
    "är med handläggningen. Resultatet är ett nöjd-kund-index (NKI) från 0 till 100. Nyckeltalen "
    "publiceras som öppna data i Kolada."
)
RANKING_TEXT = (
    "Svenskt Näringsliv rangordnar varje år landets kommuner utifrån enkätsvaren och statistik om "
    "företagandet."
)
GRADE = {"source": SN, "unit": "betyg 1–6", "scale_min": Decimal(1), "scale_max": Decimal(6), "decimals": 1}
NKI = {"source": INSIKT, "unit": "NKI", "scale_min": Decimal(0), "scale_max": Decimal(100), "decimals": 0}

# slug, Swedish name, English name, theme, kind, extra description, {year: (value, target)}
INDICATORS = [
    (
        "sn-sammanfattande-omdome",
        "Sammanfattande omdöme om företagsklimatet",
        "Overall verdict on the business climate",
        None,
        GRADE,
        "Företagarnas helhetsbetyg på företagsklimatet i kommunen.",
        {
            2015: ("3.2", None),
            2016: ("3.3", None),
            2017: ("3.4", "3.5"),
            2018: ("3.6", "3.6"),
            2019: ("3.7", "3.8"),
            2020: (None, "4.0"),
        },
    ),
    (
        "sn-placering",
        "Placering i rankingen av landets kommuner",
        "Place in the ranking of Sweden's municipalities",
        None,
        {
            "source": SN,
            "unit": "placering av 290",
            "scale_min": Decimal(1),
            "scale_max": Decimal(290),
            "decimals": 0,
            "higher_is_better": False,
        },
        "Kommunens plats bland landets 290 kommuner; plats 1 är bäst.",
        {
            2015: ("212", None),
            2016: ("198", None),
            2017: ("187", "180"),
            2018: ("151", "160"),
            2019: ("139", "130"),
            2020: (None, "120"),
        },
    ),
    (
        "sn-service",
        "Kommunens service till företagen",
        "The municipality's service to businesses",
        SERVICE,
        GRADE,
        "",
        {
            2015: ("3.0", None),
            2016: ("3.0", None),
            2017: ("3.1", "3.2"),
            2018: ("3.4", "3.3"),
            2019: ("3.5", "3.6"),
            2020: (None, "3.8"),
        },
    ),
    (
        "sn-tjanstepersoners-attityder",
        "Tjänstepersoners attityder till företagande",
        "Officials' attitudes to enterprise",
        RELATION,
        GRADE,
        "",
        {
            2015: ("3.1", None),
            2016: ("3.2", None),
            2017: ("3.2", "3.3"),
            2018: ("3.5", "3.4"),
            2019: ("3.6", "3.6"),
            2020: (None, "3.8"),
        },
    ),
    (
        "sn-politikers-attityder",
        "Politikers attityder till företagande",
        "Politicians' attitudes to enterprise",
        RELATION,
        GRADE,
        "",
        {
            2015: ("3.3", None),
            2016: ("3.3", None),
            2017: ("3.5", None),
            2018: ("3.6", "3.6"),
            2019: ("3.6", "3.7"),
        },
    ),
    (
        "sn-dialog",
        "Dialog mellan företag och kommunens beslutsfattare",
        "Dialogue between businesses and the municipality's decision-makers",
        TOGETHER,
        GRADE,
        "",
        {
            2015: ("2.8", None),
            2016: ("2.9", None),
            2017: ("3.0", "3.1"),
            2018: ("3.3", "3.2"),
            2019: ("3.4", "3.5"),
            2020: (None, "3.7"),
        },
    ),
    (
        "sn-information",
        "Kommunens information till företagen",
        "The municipality's information to businesses",
        TOGETHER,
        GRADE,
        "",
        {
            2015: ("2.9", None),
            2016: ("3.0", None),
            2017: ("3.0", None),
            2018: ("3.2", "3.2"),
            2019: ("3.4", "3.4"),
        },
    ),
    (
        "insikt-nki-totalt",
        "NKI totalt: bygglov, miljö- och hälsoskydd, livsmedelskontroll och serveringstillstånd",
        "Satisfaction index, total: building permits, environment and health, food control, alcohol licences",
        SERVICE,
        NKI,
        "Totalindexet väger samman de fyra myndighetsområdena.",
        {
            2015: ("66", None),
            2016: ("67", None),
            2017: ("68", "69"),
            2018: ("71", "70"),
            2019: (None, "72"),
            2020: (None, "74"),
        },
    ),
    (
        "insikt-nki-bygglov",
        "NKI bygglov",
        "Satisfaction index: building permits",
        SERVICE,
        NKI,
        "",
        {2015: ("58", None), 2016: ("60", None), 2017: ("59", "62"), 2018: ("64", "63"), 2019: (None, "65")},
    ),
    (
        "insikt-nki-miljo-och-halsoskydd",
        "NKI miljö- och hälsoskydd",
        "Satisfaction index: environment and health protection",
        SERVICE,
        NKI,
        "",
        {2015: ("68", None), 2016: ("67", None), 2017: ("69", None), 2018: ("71", "70")},
    ),
    (
        "insikt-nki-livsmedelskontroll",
        "NKI livsmedelskontroll",
        "Satisfaction index: food control",
        SERVICE,
        NKI,
        "",
        {2015: ("74", None), 2016: ("75", None), 2017: ("74", None), 2018: ("76", "75")},
    ),
    (
        "insikt-nki-serveringstillstand",
        "NKI serveringstillstånd",
        "Satisfaction index: alcohol licences",
        SERVICE,
        NKI,
        "",
        {2015: ("70", None), 2016: ("72", None), 2017: ("73", None), 2018: ("72", "74")},
    ),
    (
        "insikt-nki-brandtillsyn",
        "NKI brandtillsyn",
        "Satisfaction index: fire safety inspection",
        SERVICE,
        NKI,
        "Redovisas för sig, utanför totalindexet.",
        {2015: ("76", None), 2016: ("77", None), 2017: ("78", None), 2018: ("77", None)},
    ),
    (
        "insikt-nki-markupplatelse",
        "NKI markupplåtelse",
        "Satisfaction index: permits to use public land",
        SERVICE,
        NKI,
        "Redovisas för sig, utanför totalindexet.",
        {2015: ("69", None), 2016: ("70", None), 2017: ("72", None), 2018: ("73", None)},
    ),
]

# title, theme, owner key, deadline, status, done on, report, follow-up titles, indicator slugs,
# published, plan year
POINTS = [
    (
        "Namngiven kontaktperson i varje företagsärende",
        SERVICE,
        "staff_reviewer",
        datetime.date(2018, 4, 30),
        ActionPoint.Status.DONE,
        datetime.date(2018, 4, 3),
        "Gäller sedan april för bygglov och miljö- och hälsoskydd.",
        ["Personalbrist och byte av handläggare"],
        ["insikt-nki-totalt", "insikt-nki-bygglov", "sn-service"],
        True,
        2018,
    ),
    (
        "Nyhetsbrev till företagen varannan månad",
        SERVICE,
        "staff",
        datetime.date(2018, 3, 31),
        ActionPoint.Status.DONE,
        datetime.date(2018, 3, 14),
        "Första numret gick ut i mars till drygt 600 mottagare.",
        ["Nyhetsbrev till företagen och mer om företagslotsen"],
        ["sn-information"],
        True,
        2018,
    ),
    (
        "E-tjänster för de vanligaste tillstånden",
        SERVICE,
        "staff",
        datetime.date(2018, 12, 31),
        ActionPoint.Status.IN_PROGRESS,
        None,
        "Två av fem e-tjänster är i drift; resten väntar på det nya ärendesystemet.",
        ["Digital handläggning och kurs i digital synlighet"],
        ["insikt-nki-totalt", "sn-service"],
        True,
        2018,
    ),
    (
        "Servicelöften i alla förvaltningar",
        RELATION,
        "staff_reviewer",
        datetime.date(2018, 10, 31),
        ActionPoint.Status.DONE,
        datetime.date(2018, 10, 16),
        "Löftena presenterades på höstens dialogmöte och finns på kommunens webbplats.",
        ["En gemensam servicekultur i hela kommunen"],
        ["sn-tjanstepersoners-attityder"],
        True,
        2018,
    ),
    (
        "Samspelet: tjänstepersoner och företagare går utbildningen tillsammans",
        RELATION,
        "staff",
        datetime.date(2018, 5, 31),
        ActionPoint.Status.DONE,
        datetime.date(2018, 5, 24),
        "22 deltagare, hälften från företagen.",
        ["Utbildningar tillsammans och introduktion för nyanställda"],
        ["sn-tjanstepersoners-attityder", "sn-politikers-attityder"],
        True,
        2018,
    ),
    (
        "Svar i sociala medier inom en arbetsdag",
        TOGETHER,
        "staff_reviewer",
        datetime.date(2018, 9, 30),
        ActionPoint.Status.BEHIND,
        None,
        "Bevakningen fungerar under kontorstid men inte under semesterperioden.",
        ["Tala väl om varandra och ta problemen direkt"],
        ["sn-dialog"],
        True,
        2018,
    ),
    (
        "Gemensamma mål för företagsklimatet med näringslivsrådet",
        TOGETHER,
        "staff",
        datetime.date(2018, 6, 30),
        ActionPoint.Status.DONE,
        datetime.date(2018, 6, 12),
        "Målen antogs av näringslivsrådet i juni och följs upp varje höst.",
        ["Gemensamma mål och en väg in i kommunen"],
        ["sn-sammanfattande-omdome", "sn-dialog"],
        True,
        2018,
    ),
    (
        "Företagsbesök med kommunstyrelsen varje månad",
        TOGETHER,
        "staff",
        datetime.date(2019, 6, 30),
        ActionPoint.Status.PLANNED,
        None,
        "",
        [],
        ["sn-politikers-attityder", "sn-dialog"],
        False,
        2019,
    ),
]


def _number(text):
    return None if text is None else Decimal(text)


def load_demo_indicators(users, followups) -> dict:
    """Create the demo's indicators with their example values and targets, and the action
    plan; running it again changes nothing."""
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    indicators = {}
    for order, (slug, name_sv, name_en, theme, kind, extra, years) in enumerate(INDICATORS, start=1):
        indicator = Indicator.objects.filter(slug=slug).first()
        if indicator is None:
            if kind["source"] == INSIKT:
                text = INSIKT_TEXT
            else:
                text = SN_TEXT if kind.get("higher_is_better", True) else RANKING_TEXT
            indicator = indicator_create(
                actor=users["staff"],
                slug=slug,
                name_sv=name_sv,
                name_en=name_en,
                description_sv=f"{text} {extra}".strip(),
                theme=themes.get(theme),
                order=order,
                **{"higher_is_better": True, **kind},
            )
            for year, (value, target) in years.items():
                # Made-up figures: created as examples, never through the staff's form.
                IndicatorYearFactory(
                    indicator=indicator,
                    year=year,
                    value=_number(value),
                    target=_number(target),
                    is_example=True,
                    updated_by=users["staff"],
                )
        indicators[slug] = indicator

    by_title = {followup.title: followup for followup in followups}
    points = []
    for (
        title,
        theme,
        owner,
        deadline,
        status,
        done_on,
        report,
        followup_titles,
        slugs,
        published,
        year,
    ) in POINTS:
        point = ActionPoint.objects.filter(title=title).first()
        if point is None:
            point = action_point_create(
                actor=users["staff"],
                year=year,
                title=title,
                theme=themes.get(theme),
                owner=users[owner],
                deadline=deadline,
                status=status,
                report=report,
                is_published=published,
                followups=[by_title[t] for t in followup_titles if t in by_title],
                indicators=[indicators[slug] for slug in slugs],
            )
            if done_on is not None:
                # Done back then, as the story goes.
                ActionPoint.objects.filter(pk=point.pk).update(done_on=done_on)
        points.append(point)
    return {"indicators": indicators, "points": points, "years": IndicatorYear.objects.count()}
