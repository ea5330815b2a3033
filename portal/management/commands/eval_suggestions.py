"""Measure similar notes and suggestions: the labelled set's figures and the time they take.

    python manage.py eval_suggestions            # the figures, timings at 100 and 1,000 notes,
                                                 # and the time to suggest at 50,000 notes
    python manage.py eval_suggestions --sizes 100 1000 5000 --at-scale none
    python manage.py eval_suggestions --no-figures --sizes --at-scale large --reuse --keep

The timings build a workshop of notes from the labelled set (each text repeated with a number,
as many as asked) inside a transaction that is rolled back: the database is left as it was. It
runs on the database the settings name, so ``DATABASE_URL=postgres://…`` measures PostgreSQL.

At scale (``--at-scale``, default the benchmark's "large": 50,000 notes), the benchmark's own
machinery is reused: its database beside the working one (``portal/bench/database.py``, named
"suggestions" so a benchmark's own databases are left alone), its builder, its settings in a
child process, and the floor view timed as staff between the timings
(``portal/bench/suggestions.py``); the database is dropped afterwards unless ``--keep``.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from feedback import evaluation
from feedback.labelled_notes import labelled_notes
from feedback.models import Note, Theme, Topic
from feedback.selectors import similar
from portal.bench import builder, database
from portal.factories import WorkshopFactory
from portal.management.commands.bench import bench_env
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
        parser.add_argument("--sizes", nargs="*", type=int, default=[100, 1000])
        parser.add_argument("--no-figures", action="store_true", help="Only the timings.")
        parser.add_argument(
            "--at-scale",
            choices=("none", *builder.SIZES),
            default="large",
            help="Time suggesting for one note in the benchmark's municipality of this size "
            "(default large: 50,000 notes; none to skip).",
        )
        parser.add_argument("--notes", type=int, default=9, help="Notes timed at scale (default 9).")
        parser.add_argument("--repeats", type=int, default=3, help="Timings per note at scale (default 3).")
        parser.add_argument("--reuse", action="store_true", help="Keep a database built at this size before.")
        parser.add_argument(
            "--keep", action="store_true", help="Do not drop the database at scale afterwards."
        )
        parser.add_argument("--phase", choices=("scale",), help="(internal)")
        parser.add_argument("--result-file", help="(internal)")

    def handle(self, *args, sizes, no_figures, **options):
        if options["phase"] == "scale":
            return self.measure_at_scale(options)
        if not no_figures:
            self.stdout.write("Labelled set (210 notes, leave-one-out):")
            self.stdout.write(evaluation.report(evaluation.evaluate()))
        if sizes:
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
        if options["at_scale"] != "none":
            self.at_scale(options)

    # --- at scale: the benchmark's database and builder, measured in a child process ---

    def at_scale(self, options):
        size = builder.SIZES[options["at_scale"]]
        config = database.bench_database("suggestions")
        reuse = options["reuse"] and database.exists(config)
        if not reuse:
            database.drop(config)
            database.create(config)
        self.stdout.write(
            f"\nAt scale ({size.name}: {size.notes:,} notes), {database.describe(config)}"
            f"{' (reused)' if reuse else ''}:"
        )
        result_file = Path(settings.VAR_DIR) / f"eval-suggestions-{os.getpid()}.json"
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "eval_suggestions"]
        command += ["--phase", "scale", "--at-scale", size.name, "--result-file", str(result_file)]
        command += ["--notes", str(options["notes"]), "--repeats", str(options["repeats"])]
        try:
            subprocess.run(command, env=bench_env(config), cwd=settings.BASE_DIR, check=True)  # noqa: S603
            result = json.loads(result_file.read_text(encoding="utf-8"))
        except subprocess.CalledProcessError as failed:
            raise CommandError(f"Measuring at scale failed (exit {failed.returncode}).") from failed
        finally:
            result_file.unlink(missing_ok=True)
            if not options["keep"]:
                database.drop(config)
        self.stdout.write(report_at_scale(result))

    def measure_at_scale(self, options):
        """The child: migrate, build (unless built), time; the result as JSON."""
        from portal.bench import suggestions

        size = builder.SIZES[options["at_scale"]]
        call_command("migrate", verbosity=0, interactive=False)
        out = {"engine": connection.vendor, "size": size.name}
        if builder.is_built(size):
            self.stdout.write(f"  reusing the {size.name} municipality built before")
        else:
            if Workshop.objects.exists():
                raise CommandError("The database holds other data; run without --reuse.")
            self.stdout.write(f"  building the {size.name} municipality ...")
            built = builder.build(size)
            out["build_seconds"] = built.seconds
            self.stdout.write(f"  built in {built.seconds:.1f} s")
        out.update(suggestions.measure_suggestions(notes=options["notes"], repeats=options["repeats"]))
        Path(options["result_file"]).write_text(json.dumps(out), encoding="utf-8")


def report_at_scale(result: dict) -> str:
    """The figures at scale, each beside the floor view (as staff, and anonymous) and the
    target of at most 20 times it."""
    counts = result["counts"]
    lines = [
        f"Time to suggest on {result['engine']}, {counts['notes']:,} notes ({counts['published']:,} "
        f"published, {counts['waiting']:,} waiting), {counts['followups_offered']} follow-ups offered;",
        "median over the notes of each note's median, milliseconds; target <= 20 x the floor view:",
        f"{'':<50} {'median':>7} {'range':>13} {'queries':>7} {'floor':>16} {'ratio':>6}  verdict",
    ]
    for key in ("tags", "followups"):
        row = result.get(key)
        if not row:
            continue
        spread = f"{row['min_ms']:.0f}-{row['max_ms']:.0f}"
        for position, (role, floor) in enumerate(row["floors"].items()):
            start = (
                f"{row['label']:<50} {row['median_ms']:>7.1f} {spread:>13} {row['queries']:>7}"
                if position == 0
                else " " * 81
            )
            floor_text = f"{floor['floor_median_ms']:.2f} {role}"
            verdict = "met" if floor["met"] else "NOT met"
            lines.append(
                f"{start} {floor_text:>16} {floor['floor_ratio']:>5.1f}x  {verdict} "
                f"(<= {row['target_ratio'] * floor['floor_median_ms']:.0f} ms)"
            )
    return "\n".join(lines)
