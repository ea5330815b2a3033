"""Measure similar notes and suggestions: the labelled set's figures and the time they take.

    python manage.py eval_suggestions            # the figures, and timings at 100 and 1,000 notes
    python manage.py eval_suggestions --sizes 100 1000 5000

The timings build a workshop of notes from the labelled set (each text repeated with a number,
as many as asked) inside a transaction that is rolled back: the database is left as it was. It
runs on the database the settings name, so ``DATABASE_URL=postgres://…`` measures PostgreSQL.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from feedback import evaluation
from feedback.labelled_notes import labelled_notes
from feedback.models import Note, Theme, Topic
from feedback.selectors import similar
from portal.factories import WorkshopFactory
from workshops.models import Workshop


class Rollback(Exception):
    pass


def _best(function, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def build_workshop(size: int) -> Workshop:
    """A workshop with ``size`` published, tagged notes from the labelled set."""
    workshop = WorkshopFactory()
    themes = {theme.slug: theme.pk for theme in Theme.objects.all()}
    topics = {topic.slug: topic.pk for topic in Topic.objects.all()}
    labelled = labelled_notes()
    rows = [labelled[i % len(labelled)] for i in range(size)]
    notes = Note.objects.bulk_create(
        Note(
            workshop=workshop,
            text=text if i < len(labelled) else f"{text} ({i // len(labelled)})",
            source=Note.Source.PAPER,
            status=Note.Status.PUBLISHED,
        )
        for i, (text, *_labels) in enumerate(rows)
    )
    Note.themes.through.objects.bulk_create(
        Note.themes.through(note_id=note.pk, theme_id=themes[theme])
        for note, (_text, theme, _topic, _key) in zip(notes, rows, strict=True)
    )
    Note.topics.through.objects.bulk_create(
        Note.topics.through(note_id=note.pk, topic_id=topics[topic])
        for note, (_text, _theme, topic, _key) in zip(notes, rows, strict=True)
    )
    return workshop


class Command(BaseCommand):
    help = "The labelled set's figures (leave-one-out) and the time to group and suggest."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", nargs="+", type=int, default=[100, 1000])
        parser.add_argument("--no-figures", action="store_true", help="Only the timings.")

    def handle(self, *args, sizes, no_figures, **options):
        if not no_figures:
            self.stdout.write("Labelled set (210 notes, leave-one-out):")
            self.stdout.write(evaluation.report(evaluation.evaluate()))
        self.stdout.write(f"\nTimings on {connection.vendor} (best of 3, seconds):")
        self.stdout.write(f"{'notes':>7} {'groups':>8} {'near-dupl.':>11} {'suggest 1':>10}")
        for size in sizes:
            try:
                with transaction.atomic():
                    workshop = build_workshop(size)
                    groups = _best(lambda w=workshop: similar.similar_note_groups(workshop=w))
                    duplicates = _best(lambda w=workshop: similar.near_duplicates(workshop=w))
                    suggest = _best(
                        lambda: similar.suggest_tags_for_texts(["Kan bygglov ha öppet en kväll i veckan?"])
                    )
                    self.stdout.write(f"{size:>7} {groups:>8.3f} {duplicates:>11.3f} {suggest:>10.3f}")
                    raise Rollback
            except Rollback:
                pass
