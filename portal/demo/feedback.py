"""Demo notes from the 2017 lunch: every suggestion and obstacle the table groups raised,
written in our own words; the three themed summaries and two disagreements with them.

Paper notes go through the transcription service and the summaries through their whole flow
(draft, points, review, check and publication), disagreements through the service a business
owner uses; browser notes, whose service refuses a closed workshop, come from the factory.
Afterwards everything is dated back to November 2017."""

import datetime
from zoneinfo import ZoneInfo

from feedback.models import Disagreement, Note, Summary, SummaryRevision, Theme, Topic
from feedback.services.notes import PaperNote, notes_transcribe
from feedback.services.summaries import (
    PointInput,
    disagreement_create,
    summary_check_and_publish,
    summary_create,
    summary_save,
    summary_submit_for_review,
)
from portal.factories import NoteFactory

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
            note_themes = [themes[slug] for slug in theme_slugs]
            note_topics = [topics[slug] for slug in topic_slugs]
            if author_key is None:
                paper = PaperNote(text=text, kind=kind, themes=note_themes, topics=note_topics)
                [note] = notes_transcribe(
                    actor=moderator, workshop=lunch, group=groups[group_index], notes=[paper]
                )
            else:
                note = NoteFactory(
                    workshop=lunch,
                    group=groups[group_index],
                    author=users[author_key],
                    source=Note.Source.BROWSER,
                    text=text,
                    kind=kind,
                    status=Note.Status.PUBLISHED,
                    moderated_by=moderator,
                    themes=note_themes,
                    topics=note_topics,
                )
            Note.objects.filter(pk=note.pk).update(
                created_at=created, updated_at=created, moderated_at=created
            )
        notes.append(note)
    return {"notes": notes, "themes": themes, "topics": topics}


# --- summaries and disagreements ---

# theme slug, introduction, [(point text, indexes into NOTES of the notes it cites)]
SUMMARIES = [
    (
        "service-och-leverans",
        "Vid borden talade många om hur kommunen levererar de tjänster som företagen behöver. "
        "Här är det vi tog med oss.",
        [
            (
                "Företagen vill nå kommunen när de själva har tid och veta hur det går: längre "
                "öppettider, besked medan ett ärende handläggs och regelbunden information om sådant "
                "som berör dem.",
                [0, 1, 2],
            ),
            (
                "Bemötandet ska vara lika bra vem man än möter. Arbetet med en gemensam service- och "
                "bemötandekultur i förvaltningen behöver fortsätta.",
                [3],
            ),
            ("Företagslotsen gör skillnad. Den ska finnas kvar och fler behöver känna till den.", [4]),
            (
                "Två tjänster efterfrågades: att kunna söka och följa ärenden digitalt, och en kurs i "
                "hur mindre företag syns på nätet.",
                [5, 6],
            ),
            (
                "Brist på personal och täta byten av handläggare lyftes som hinder för både god "
                "service och ett starkt företagsklimat.",
                [7, 8],
            ),
        ],
    ),
    (
        "forstaelse-och-relation",
        "Ett tema kom tillbaka vid alla bord: vi behöver förstå varandra bättre och bygga "
        "relationen mellan företagare, tjänstepersoner och politiker.",
        [
            (
                "Fler möten där företagare, tjänstepersoner och politiker sitter vid samma bord, som "
                "vid den här lunchen.",
                [13, 9],
            ),
            (
                "Gemensamma utbildningar föreslogs, till exempel Samspelet, Förenkla – helt enkelt och "
                "Servicediagnosen.",
                [9, 10],
            ),
            (
                "Företagsvänligheten ska vara en del av kulturen hos alla parter och inte hänga på "
                "enskilda personer.",
                [12, 3],
            ),
            (
                "Den som börjar arbeta i kommunen bör få veta hur kommunen arbetar med näringslivets "
                "behov och förutsättningar.",
                [11],
            ),
        ],
    ),
    (
        "samarbete",
        "Den tredje tråden i samtalen kan sammanfattas med ett ord: samarbete.",
        [
            (
                "Tala väl om och med varandra, och ta ett problem direkt med den det gäller innan det "
                "växer till ett rykte.",
                [14, 15],
            ),
            (
                "Näringslivsrådet, företagarföreningarna och kontaktcenter är viktiga vägar in i "
                "kommunen för frågor och ärenden.",
                [16, 17],
            ),
            (
                "Ta fram gemensamma mål och en strategi för företagsklimatet tillsammans, och följ upp "
                "dem varje år.",
                [18, 19],
            ),
        ],
    ),
]

# author key, (summary index, point index), wants contact, text
DISAGREEMENTS = [
    (
        "business_owner_3",
        (0, 4),
        True,
        "Det handlar inte bara om hur många som arbetar. Handläggarna behöver också få fatta beslut "
        "själva, annars blir ärendena liggande även när alla är på plats.",
    ),
    (
        "business_owner_2",
        (2, 0),
        False,
        "Sociala medier är ibland det enda sätt vi har att bli hörda. Svara på frågorna där i stället "
        "för att be oss vara tysta.",
    ),
]


def _publish_summary(lunch, theme, introduction, points, notes, writer, reviewer, index) -> Summary:
    """One summary through its whole flow, then dated to the day after the lunch."""
    summary = summary_create(workshop=lunch, theme=theme, introduction=introduction, editor=writer)
    summary = summary_save(
        summary=summary,
        editor=writer,
        expected_version=summary.version,
        introduction=introduction,
        points=[
            PointInput(text=text, order=order, note_ids=[notes[i].pk for i in note_indexes])
            for order, (text, note_indexes) in enumerate(points, start=1)
        ],
    )
    summary = summary_submit_for_review(summary=summary, actor=writer, expected_version=summary.version)
    summary = summary_check_and_publish(summary=summary, checker=reviewer, expected_version=summary.version)
    minutes = datetime.timedelta(minutes=index)
    written = datetime.datetime(2017, 11, 7, 16, 0, tzinfo=STOCKHOLM) + minutes
    checked = datetime.datetime(2017, 11, 8, 10, 15, tzinfo=STOCKHOLM) + minutes
    Summary.objects.filter(pk=summary.pk).update(
        created_at=written, last_edited_at=written, checked_at=checked, published_at=checked
    )
    history = [written, written, datetime.datetime(2017, 11, 8, 8, 30, tzinfo=STOCKHOLM) + minutes, checked]
    for revision, when in zip(summary.revisions.order_by("number"), history, strict=True):
        SummaryRevision.objects.filter(pk=revision.pk).update(saved_at=when)
    return summary


def load_demo_summaries(users, workshops, feedback) -> dict:
    """Create the 2017 lunch's three published summaries, written by the demo staff member and
    checked by the demo reviewer on 8 November 2017, and two disagreements; once only."""
    lunch = workshops["lunch"]
    notes = feedback["notes"]
    themes = feedback["themes"]
    writer, reviewer = users["staff"], users["staff_reviewer"]
    summaries = []
    for index, (theme_slug, introduction, points) in enumerate(SUMMARIES):
        summary = Summary.objects.filter(workshop=lunch, theme=themes[theme_slug]).first()
        if summary is None:
            summary = _publish_summary(
                lunch, themes[theme_slug], introduction, points, notes, writer, reviewer, index
            )
        summaries.append(summary)
    disagreements = []
    for author_key, (summary_index, point_index), wants_contact, text in DISAGREEMENTS:
        point = summaries[summary_index].points.order_by("order", "pk")[point_index]
        disagreement = Disagreement.objects.filter(point=point, author=users[author_key]).first()
        if disagreement is None:
            disagreement = disagreement_create(
                point=point, author=users[author_key], text=text, wants_contact=wants_contact
            )
            when = datetime.datetime(2017, 11, 9, 9, 0, tzinfo=STOCKHOLM) + datetime.timedelta(
                hours=summary_index
            )
            Disagreement.objects.filter(pk=disagreement.pk).update(created_at=when, updated_at=when)
        disagreements.append(disagreement)
    return {"summaries": summaries, "disagreements": disagreements}
