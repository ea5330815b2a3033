"""``manage.py bench``: the portal at a hundred times municipal scale, measured.

For each size it builds a synthetic municipality in a database of its own (never the working
data), times the key pages uncached and the dashboard cold and warm with Django's test client,
exports every note as CSV, serves the app with gunicorn and loads it, runs a workshop burst
(business owners posting notes at once while others read), then prints one table with a
verdict on every target and writes ``var/bench.json``. On PostgreSQL the burst runs on SQLite
too (the database of ``make run``). The measuring runs in a child process with the benchmark
settings (``aleforetag.settings.bench``: DEBUG off, the benchmark database), which gunicorn
shares.
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
from django.urls import reverse

from portal.bench import database, report

SIZE_CHOICES = ("tiny", "tiny2", "small", "large", "both")
BENCH_SETTINGS = "aleforetag.settings.bench"
# Loaded uncached; the dashboard is loaded warm, with the cache production would have.
LOADED_PAGES = ("workshop_detail", "notes_first")
LOADED_DASHBOARD = "dashboard_all_warm"


class Command(BaseCommand):
    help = "Build a synthetic municipality in its own database and measure the portal against its targets."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=SIZE_CHOICES, default="both", help="Default: small and large.")
        parser.add_argument("--repeats", type=int, default=20, help="Timed requests per page (default 20).")
        parser.add_argument("--skip-load", action="store_true", help="Skip the gunicorn load phase.")
        parser.add_argument("--skip-export", action="store_true", help="Skip the CSV export probe.")
        parser.add_argument("--load-seconds", type=float, default=20.0, help="Load per page (default 20 s).")
        parser.add_argument(
            "--reuse", action="store_true", help="Keep a benchmark database already built at this size."
        )
        parser.add_argument(
            "--keep", action="store_true", help="Do not drop the benchmark databases afterwards."
        )
        parser.add_argument("--only", default="", help="Comma-separated page keys to time (default: all).")
        parser.add_argument("--output", default="", help="Where to write the JSON (default var/bench.json).")
        parser.add_argument(
            "--workdir", default="", help="Directory for SQLite benchmark databases (default var/)."
        )
        # Internal: the child processes this command starts.
        parser.add_argument("--phase", choices=("measure", "export", "imports"), help="(internal)")
        parser.add_argument("--result-file", help="(internal)")
        parser.add_argument("--bench-size", help="(internal)")
        parser.add_argument("--with-load", action="store_true", help="(internal)")
        parser.add_argument("--with-export", action="store_true", help="(internal)")
        parser.add_argument("--burst-only", action="store_true", help="(internal)")

    def handle(self, *args, **options):
        if options["phase"] == "measure":
            return self.measure(options)
        if options["phase"] == "export":
            return self.export(options)
        if options["phase"] == "imports":
            return self.imports(options)
        return self.orchestrate(options)

    # --- the parent: databases, child processes, the table ---

    def orchestrate(self, options):
        sizes = ["small", "large"] if options["size"] == "both" else [options["size"]]
        largest = sizes[-1]
        workdir = Path(options["workdir"] or settings.VAR_DIR)
        workdir.mkdir(parents=True, exist_ok=True)
        # WhiteNoise warns on every process start without it; the benchmark loads pages only.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        output = Path(options["output"] or Path(settings.VAR_DIR) / "bench.json")
        result = {
            "repeats": options["repeats"],
            "load_seconds": options["load_seconds"],
            "largest": largest,
            "sizes": {},
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        for name in sizes:
            config = database.bench_database(name, var_dir=workdir)
            result["database"] = database.describe(config)
            result["engine"] = config["ENGINE"].rsplit(".", 1)[-1]
            reuse = options["reuse"] and database.exists(config)
            if not reuse:
                database.drop(config)
                database.create(config)
            self.stdout.write(f"{name}: {database.describe(config)}{' (reused)' if reuse else ''}")
            try:
                result["sizes"][name] = self._run_child(config, name, options, last=name == largest)
            finally:
                if not options["keep"]:
                    database.drop(config)
        if result["engine"] == "postgresql" and not options["skip_load"]:
            result["sqlite_burst"] = self._sqlite_burst(largest, options, workdir)
        result["targets"] = report.evaluate(result)
        text = report.render(result)
        result["table"] = text
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
        self.stdout.write("")
        self.stdout.write(text)
        self.stdout.write(f"\nWritten to {output}")

    def _sqlite_burst(self, largest, options, workdir):
        """The burst again on SQLite, the database kind of ``make run``."""
        name = "small" if largest == "large" else largest
        config = database.sqlite_database(name, var_dir=workdir)
        database.drop(config)
        database.create(config)
        self.stdout.write(f"burst on {database.describe(config)}")
        try:
            return self._run_child(config, name, options, last=True, burst_only=True)["burst"]
        finally:
            database.drop(config)

    def _run_child(self, config, name, options, *, last, burst_only=False):
        arguments = ["--phase", "measure", "--bench-size", name]
        arguments += ["--repeats", str(options["repeats"]), "--load-seconds", str(options["load_seconds"])]
        if options["only"]:
            arguments += ["--only", options["only"]]
        if last and not options["skip_load"]:
            arguments.append("--with-load")
        if last and not options["skip_export"] and not burst_only:
            arguments.append("--with-export")
        if burst_only:
            arguments.append("--burst-only")
        try:
            return _bench_in_child(name, arguments, env=bench_env(config))
        except subprocess.CalledProcessError as failed:
            raise CommandError(f"The benchmark at size {name} failed (exit {failed.returncode}).") from failed

    # --- the child: build, time the pages, export, load ---

    def measure(self, options):
        from django.db import connection

        from portal.bench import builder, imports, pages, signin

        size = builder.SIZES[options["bench_size"]]
        out = {"engine": connection.vendor}
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        out["migrate_seconds"] = time.perf_counter() - started
        if builder.is_built(size):
            self.stdout.write(f"  {size.name}: reusing the database built before")
            out["build"] = {"seconds": None, "counts": {}}
        else:
            from workshops.models import Workshop

            if Workshop.objects.exists():
                raise CommandError("The benchmark database holds other data; run without --reuse.")
            self.stdout.write(f"  building the {size.name} municipality ...")
            built = builder.build(size)
            out["build"] = {"seconds": built.seconds, "counts": built.counts}
            self.stdout.write(f"  built in {built.seconds:.1f} s: {built.counts}")
        if options["burst_only"]:
            out["burst"] = self._burst()
            Path(options["result_file"]).write_text(json.dumps(out, default=str), encoding="utf-8")
            return
        only = {key for key in options["only"].split(",") if key} or None
        measured = pages.measure_pages(repeats=options["repeats"], only=only, log=self.stdout.write)
        out.update(measured)
        out["sign_in"] = signin.measure_sign_in(repeats=options["repeats"])
        self.stdout.write(signin.describe(out["sign_in"]))
        if options["with_export"]:
            out["export"] = self._export_in_child()
            self.stdout.write(
                f"  export: {out['export']['rows']} notes in {out['export']['seconds']:.1f} s, "
                f"+{out['export']['growth_mb']:.1f} MB"
            )
            out["imports"] = _bench_in_child(
                "imports", ["--phase", "imports", "--bench-size", options["bench_size"]], env=dict(os.environ)
            )
            self.stdout.write(imports.describe(out["imports"]))
        if options["with_load"]:
            out["load"], out["burst"] = self._load(measured, options["load_seconds"])
        Path(options["result_file"]).write_text(json.dumps(out, default=str), encoding="utf-8")

    def _export_in_child(self):
        return _bench_in_child("export", ["--phase", "export"], env=dict(os.environ))

    def _load(self, measured, seconds):
        """Load the pages uncached (gunicorn with the dummy cache) and the dashboard warm (with
        the cache production would have), then run the burst on the second server."""
        from portal.bench import load, pages

        targets = pages.Targets(**measured["targets"])
        politician = f"{settings.SESSION_COOKIE_NAME}={_session(targets.politician_id)}"
        by_key = {page.key: page for page in pages.key_pages(targets)}
        tool = "wrk" if load.wrk_path() else "a Python load generator (wrk not installed)"
        self.stdout.write(f"  load: gunicorn with {load.WORKERS} workers, {tool}, {seconds:g} s a page")
        plan = [("floor", reverse(pages.FLOOR_URL_NAME), None)]
        plan += [
            (key, pages.page_url(by_key[key]), None) for key in LOADED_PAGES if pages.page_url(by_key[key])
        ]
        env = dict(os.environ)
        with load.Gunicorn(env | {"DJANGO_BENCH_CACHE": "dummy"}) as server:
            results = load.load_pages(server, plan, seconds=seconds, log=self.stdout.write)
        dashboard = pages.page_url(by_key[LOADED_DASHBOARD])
        with load.Gunicorn(env) as server:
            if dashboard:
                results.update(
                    load.load_pages(
                        server,
                        [("dashboard_all", dashboard, politician)],
                        seconds=seconds,
                        log=self.stdout.write,
                    )
                )
            return results, self._burst(server)

    def _burst(self, server=None):
        from portal.bench import load
        from portal.bench.burst import run_burst

        if server is None:
            with load.Gunicorn(dict(os.environ)) as started:
                return self._burst(started)
        return run_burst(server.base_url, log=self.stdout.write) | {"engine": connection_vendor()}

    # --- the grandchild: the export probe in a fresh process ---

    def export(self, options):
        from django.db import connection

        from portal.bench.export import export_notes

        connection.ensure_connection()
        path = Path(settings.VAR_DIR) / f"bench-notes-{os.getpid()}.csv"
        try:
            out = export_notes(path)
        finally:
            path.unlink(missing_ok=True)
        Path(options["result_file"]).write_text(json.dumps(out), encoding="utf-8")

    def imports(self, options):
        """The import and export probe through the admin (portal/bench/imports.py), in a fresh process."""
        from portal.bench import imports

        out = imports.measure(rows=imports.rows_for(options["bench_size"]))
        Path(options["result_file"]).write_text(json.dumps(out, default=str), encoding="utf-8")


def _session(user_id: int) -> str:
    from django.test import Client

    from aleforetag.accounts.models import User
    from portal.bench import pages

    client = Client()
    client.force_login(User.objects.get(pk=user_id), backend=pages.BACKEND)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


def bench_env(config: dict) -> dict:
    """The environment of the benchmark's processes: its settings and its database."""
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = BENCH_SETTINGS
    env["DJANGO_BENCH_DATABASE"] = database.as_env(config)
    env.pop("DATABASE_URL", None)
    return env


def _bench_in_child(name: str, arguments: list[str], *, env: dict) -> dict:
    """Run ``manage.py bench`` with ``arguments`` in a process of its own and return the
    result it wrote."""
    result_file = Path(settings.VAR_DIR) / f"bench-{name}-{os.getpid()}.json"
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench", *arguments]
    subprocess.run([*command, "--result-file", str(result_file)], env=env, cwd=settings.BASE_DIR, check=True)  # noqa: S603
    try:
        return json.loads(result_file.read_text(encoding="utf-8"))
    finally:
        result_file.unlink(missing_ok=True)
