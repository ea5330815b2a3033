from django.db import migrations

THEMES = [
    (
        "service-och-leverans", "Service och leverans", "Service and delivery",
        "Kommunens service till företagen och leveransen av de tjänster som företagen behöver.",
        "The municipality's service to businesses and delivery of the services they rely on.",
        [
            ("oppettider", "Öppettider", "Opening hours"),
            ("lopande-aterkoppling", "Löpande återkoppling", "Ongoing feedback"),
            ("information-till-foretag", "Information till företag", "Information to businesses"),
            ("gemensam-servicekultur", "Gemensam service- och bemötandekultur", "A shared service culture"),
            ("foretagslots", "Företagslots", "Business pilot (företagslots)"),
            ("digital-handlaggning", "Digital handläggning", "Digital case handling"),
            ("digital-synlighet", "Kurs i digital synlighet", "Course in digital visibility"),
            ("personalbrist", "Personalbrist och personalomsättning", "Staff shortage and turnover"),
        ],
    ),
    (
        "forstaelse-och-relation", "Förståelse och relation", "Understanding and relationship",
        "Ökad förståelse och starkare relationer mellan företagare, tjänstepersoner och politiker.",
        "Better understanding and stronger relations between business owners, officials and politicians.",
        [
            ("utbildningar", "Utbildningar som Samspelet, Förenkla – helt enkelt och Servicediagnosen",
             "Training such as Samspelet, Förenkla – helt enkelt and Servicediagnosen"),
            ("introduktion-nyanstallda", "Introduktion för nyanställda", "Introduction for new employees"),
        ],
    ),
    (
        "samarbete", "Samarbete", "Collaboration",
        "Hur företagare, politik och förvaltning arbetar tillsammans.",
        "How business owners, politicians and the administration work together.",
        [
            ("tala-val-om-varandra", "Tala väl om och till varandra", "Speaking well of each other"),
            ("naringslivsradet", "Näringslivsrådet och företagarföreningarna",
             "The business council and business associations"),
            ("kontaktcenter", "Kontaktcenter", "The contact centre"),
            ("gemensamma-mal", "Gemensamma mål och strategier", "Shared goals and strategies"),
        ],
    ),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("feedback", "Theme")
    Topic = apps.get_model("feedback", "Topic")
    for order, (slug, name_sv, name_en, desc_sv, desc_en, topics) in enumerate(THEMES, start=1):
        theme, _ = Theme.objects.update_or_create(
            slug=slug,
            defaults={"name_sv": name_sv, "name_en": name_en, "description_sv": desc_sv,
                      "description_en": desc_en, "order": order},
        )
        for topic_order, (topic_slug, topic_sv, topic_en) in enumerate(topics, start=1):
            Topic.objects.update_or_create(
                slug=topic_slug,
                defaults={"theme": theme, "name_sv": topic_sv, "name_en": topic_en, "order": topic_order},
            )


def unseed(apps, schema_editor):
    slugs = [theme[0] for theme in THEMES]
    apps.get_model("feedback", "Topic").objects.filter(theme__slug__in=slugs).delete()
    apps.get_model("feedback", "Theme").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_notes_summaries_disagreements")]

    operations = [migrations.RunPython(seed, unseed)]
