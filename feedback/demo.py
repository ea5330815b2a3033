"""Demo notes from the 2017 lunch: every suggestion and obstacle the table groups raised,
written in our own words."""

import datetime
from zoneinfo import ZoneInfo

from .models import Note, Theme, Topic

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# author key (None: a paper note), group index, kind, theme slugs, topic slugs, text
NOTES = [
    (
        "business_owner",
        0,
        Note.Kind.SUGGESTION,
        ["service-och-leverans"],
        ["oppettider"],
        "Bygglovsenheten borde ha öppet någon kväll i veckan. Vi som driver företag hinner sällan "
        "ringa eller komma förbi mellan åtta och halv fem.",
    ),
    (
        None,
        0,
        Note.Kind.SUGGESTION,
        ["service-och-leverans"],
        ["lopande-aterkoppling"],
        "Hör av er under handläggningen, inte bara när beslutet är klart. Ett kort besked om var "
        "ärendet står sparar oss många samtal.",
    ),
    (
        "business_owner_2",
        1,
        Note.Kind.SUGGESTION,
        ["service-och-leverans"],
        ["information-till-foretag"],
        "Samla det företagare behöver veta – nya regler, upphandlingar, vägarbeten – i ett nyhetsbrev "
        "som kommer regelbundet.",
    ),
    (
        None,
        1,
        Note.Kind.SUGGESTION,
        ["service-och-leverans", "forstaelse-och-relation"],
        ["gemensam-servicekultur"],
        "Bemötandet ska inte bero på vilken handläggare man råkar få. Fortsätt bygga en gemensam "
        "servicekultur i hela förvaltningen.",
    ),
    (
        "business_owner_3",
        2,
        Note.Kind.PRAISE,
        ["service-och-leverans"],
        ["foretagslots"],
        "Företagslotsen hjälpte oss genom alla tillstånd när vi byggde ut verkstaden. Behåll den "
        "och berätta för fler att den finns!",
    ),
    (
        None,
        2,
        Note.Kind.SUGGESTION,
        ["service-och-leverans"],
        ["digital-handlaggning"],
        "Vi vill kunna söka tillstånd och följa ärendet digitalt, med e-legitimation, i stället för "
        "att skicka papper.",
    ),
    (
        None,
        3,
        Note.Kind.SUGGESTION,
        ["service-och-leverans"],
        ["digital-synlighet"],
        "Ordna en kurs för små företag i hur man syns digitalt: hemsida, kartor och sociala medier.",
    ),
    (
        "business_owner",
        0,
        Note.Kind.PROBLEM,
        ["service-och-leverans"],
        ["personalbrist"],
        "Varje gång vi ringer har vi en ny handläggare. Personalomsättningen gör att kunskap om "
        "våra ärenden försvinner.",
    ),
    (
        None,
        3,
        Note.Kind.PROBLEM,
        ["service-och-leverans"],
        ["personalbrist"],
        "Det saknas folk på miljöenheten, så tillsynsbesöken dröjer och ärendena blir liggande.",
    ),
    (
        None,
        0,
        Note.Kind.SUGGESTION,
        ["forstaelse-och-relation"],
        ["utbildningar"],
        "Gå utbildningen Samspelet tillsammans, företagare och tjänstepersoner, så att vi förstår "
        "varandras vardag.",
    ),
    (
        "business_owner_2",
        1,
        Note.Kind.SUGGESTION,
        ["forstaelse-och-relation"],
        ["utbildningar"],
        "Förenkla – helt enkelt och Servicediagnosen har gett resultat i andra kommuner. Prova dem i Ale.",
    ),
    (
        None,
        2,
        Note.Kind.SUGGESTION,
        ["forstaelse-och-relation"],
        ["introduktion-nyanstallda"],
        "Alla som börjar jobba i kommunen bör få en genomgång av hur kommunen arbetar med "
        "näringslivets behov.",
    ),
    (
        None,
        3,
        Note.Kind.SUGGESTION,
        ["forstaelse-och-relation"],
        ["gemensam-servicekultur"],
        "Kulturen måste sitta i väggarna, hos både politiker, tjänstepersoner och oss företagare – "
        "inte hänga på enskilda eldsjälar.",
    ),
    (
        "business_owner_3",
        2,
        Note.Kind.PRAISE,
        ["forstaelse-och-relation"],
        [],
        "Bra att sitta vid samma bord som politikerna. Mer av sådana här luncher!",
    ),
    (
        None,
        0,
        Note.Kind.SUGGESTION,
        ["samarbete"],
        ["tala-val-om-varandra"],
        "Vi behöver prata gott om varandra, både om kommunen och om företagen, i stället för att "
        "klaga i sociala medier.",
    ),
    (
        "business_owner",
        0,
        Note.Kind.SUGGESTION,
        ["samarbete"],
        ["tala-val-om-varandra"],
        "Ta problemen direkt med den det gäller, så att en enskild händelse inte växer till ett rykte.",
    ),
    (
        None,
        1,
        Note.Kind.SUGGESTION,
        ["samarbete"],
        ["naringslivsradet"],
        "Använd näringslivsrådet och företagarföreningarna som kanal in i kommunen för frågor och ärenden.",
    ),
    (
        None,
        2,
        Note.Kind.QUESTION,
        ["samarbete", "service-och-leverans"],
        ["kontaktcenter"],
        "Kan kontaktcenter slussa företagens frågor vidare snabbare och hålla koll på att de blir besvarade?",
    ),
    (
        "business_owner_2",
        1,
        Note.Kind.SUGGESTION,
        ["samarbete"],
        ["gemensamma-mal"],
        "Ta fram gemensamma mål och en strategi för företagsklimatet tillsammans – politik, "
        "förvaltning och företagare.",
    ),
    (
        None,
        3,
        Note.Kind.SUGGESTION,
        ["samarbete"],
        ["gemensamma-mal"],
        "Följ upp målen varje år så att vi ser om klimatet faktiskt blir bättre.",
    ),
]


def load_demo_feedback(users, workshops) -> dict:
    """Create the demo notes, published, once; running it again changes nothing."""
    lunch = workshops["lunch"]
    groups = workshops["groups"]
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    moderator = users["staff"]
    notes = []
    for index, (author_key, group_index, kind, theme_slugs, topic_slugs, text) in enumerate(NOTES):
        created = datetime.datetime(2017, 11, 7, 13, 0, tzinfo=STOCKHOLM) + datetime.timedelta(minutes=index)
        note = Note.objects.filter(workshop=lunch, text=text).first()
        if note is None:
            note = Note.objects.create(
                workshop=lunch,
                group=groups[group_index],
                author=users[author_key] if author_key else None,
                source=Note.Source.BROWSER if author_key else Note.Source.PAPER,
                text=text,
                kind=kind,
                status=Note.Status.PUBLISHED,
                moderated_by=moderator,
                moderated_at=created,
            )
            Note.objects.filter(pk=note.pk).update(created_at=created, updated_at=created)
            note.themes.set([themes[slug] for slug in theme_slugs])
            note.topics.set([topics[slug] for slug in topic_slugs])
        notes.append(note)
    return {"notes": notes, "themes": themes, "topics": topics}
