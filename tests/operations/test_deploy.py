"""The files in deploy/: every unit reads the environment file and starts something that exists."""

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("aleforetag-*.*"))
SERVICES = [unit for unit in UNITS if unit.suffix == ".service"]
TIMERS = [unit for unit in UNITS if unit.suffix == ".timer"]
APP_DIR = "/srv/aleforetag"
ENV_FILE = "/etc/aleforetag/aleforetag.env"


def unit_sections(path: Path) -> dict[str, dict[str, list[str]]]:
    """A systemd unit file as {section: {key: [values]}} (a key may repeat)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"{path.name}: {line!r} before any section"
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def test_the_units_are_there():
    """The web server, the worker, and a timer with its service for each scheduled command."""
    names = {unit.name for unit in UNITS}
    assert {"aleforetag-web.service", "aleforetag-worker.service"} <= names
    assert len(TIMERS) >= 3


@pytest.mark.parametrize("unit", SERVICES, ids=lambda unit: unit.name)
def test_every_service_reads_the_environment_file(unit):
    """Each service runs as the service user, in the checkout, with the one environment file:
    a scheduled command gets production settings like the web server does."""
    service = unit_sections(unit)["Service"]
    assert service["EnvironmentFile"] == [ENV_FILE]
    assert service["User"] == ["aleforetag"]
    assert service["WorkingDirectory"] == [APP_DIR]
    assert len(service["ExecStart"]) == 1


@pytest.mark.parametrize("unit", SERVICES, ids=lambda unit: unit.name)
def test_every_exec_start_names_something_that_exists(unit, settings):
    """ExecStart runs the venv's program: a manage.py command that exists and accepts the
    arguments given, or gunicorn with a config file in the repository."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    argv = shlex.split(unit_sections(unit)["Service"]["ExecStart"][0])
    program = argv[0]
    assert program.startswith(f"{APP_DIR}/.venv/bin/"), program
    assert shutil.which(Path(program).name, path=str(Path(sys.executable).parent)), program
    if Path(program).name == "gunicorn":
        assert argv[1] == "--config"
        config = ROOT / argv[2]
        assert config.is_file()
        wsgi_app = re.search(r'^wsgi_app = "([\w.]+):(\w+)"', config.read_text(), re.M)
        assert wsgi_app and importlib.util.find_spec(wsgi_app.group(1))
        return
    assert Path(program).name == "python" and argv[1] == "manage.py"
    command, arguments = argv[2], argv[3:]
    commands = get_commands()
    assert command in commands, f"{unit.name}: no manage.py command {command!r}"
    parser = load_command_class(commands[command], command).create_parser("manage.py", command)
    parser.parse_args(arguments)


def test_the_worker_restarts_always_and_the_web_server_has_no_control_socket():
    worker = unit_sections(DEPLOY / "systemd" / "aleforetag-worker.service")["Service"]
    assert worker["Restart"] == ["always"]
    assert "worker" in shlex.split(worker["ExecStart"][0])
    config = (DEPLOY / "gunicorn.conf.py").read_text()
    assert re.search(r"^control_socket_disable = True$", config, re.M)
    assert re.search(r'^bind = "127\.0\.0\.1:8000"$', config, re.M)
    assert re.search(r'^accesslog = "-"$', config, re.M)


@pytest.mark.parametrize("timer", TIMERS, ids=lambda unit: unit.name)
def test_every_timer_has_its_service(timer):
    """A timer starts the service of the same name, on a calendar, and catches up after downtime."""
    sections = unit_sections(timer)
    service = timer.with_suffix(".service")
    assert service.is_file(), f"{timer.name} has no {service.name}"
    assert sections["Timer"].get("Unit", [service.name]) == [service.name]
    assert sections["Timer"]["OnCalendar"]
    assert sections["Timer"]["Persistent"] == ["true"]
    assert sections["Install"]["WantedBy"] == ["timers.target"]


def test_the_scheduled_commands_run_on_their_schedule():
    """Registration reminders every hour (a late registrant still gets one), the others daily,
    and old task results are pruned weekly."""
    schedule = {}
    for timer in TIMERS:
        service = unit_sections(timer.with_suffix(".service"))["Service"]
        command = shlex.split(service["ExecStart"][0])[2]
        schedule[command] = unit_sections(timer)["Timer"]["OnCalendar"][0]
    assert schedule["send_registration_reminders"] == "*-*-* *:05:00"
    assert re.fullmatch(r"\*-\*-\* \d\d:\d\d:00", schedule["send_followup_reminders"])
    assert re.fullmatch(r"\*-\*-\* \d\d:\d\d:00", schedule["erase_registration_needs"])
    assert re.fullmatch(
        r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \*-\*-\* \d\d:\d\d:00", schedule["prune_db_task_results"]
    )


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_the_calendars_are_valid():
    for timer in TIMERS:
        calendar = unit_sections(timer)["Timer"]["OnCalendar"][0]
        result = subprocess.run(["systemd-analyze", "calendar", calendar], capture_output=True, text=True)
        assert result.returncode == 0, f"{timer.name}: {result.stderr}"


def test_every_variable_of_the_environment_template_is_read_by_the_settings():
    """A misspelt name in the template would be silently ignored: each one is read somewhere."""
    readers = "".join(
        path.read_text()
        for path in [*(ROOT / "aleforetag" / "settings").glob("*.py"), DEPLOY / "gunicorn.conf.py"]
    )
    names = re.findall(r"^([A-Z][A-Z0-9_]*)=", (DEPLOY / "aleforetag.env.example").read_text(), re.M)
    assert "DJANGO_SETTINGS_MODULE" in names
    unread = [name for name in names if name != "DJANGO_SETTINGS_MODULE" and f'"{name}"' not in readers]
    assert unread == []


def test_deploy_manage_runs_a_command_with_the_environment_file(tmp_path):
    """deploy/manage exports each line of the file as it is (spaces, <>, no shell expansion),
    takes off surrounding quotes as systemd does, and skips comments."""
    env_file = tmp_path / "aleforetag.env"
    env_file.write_text(
        "# a comment\n"
        "DJANGO_SETTINGS_MODULE=aleforetag.settings.test\n"
        "\n"
        "DJANGO_DEFAULT_FROM_EMAIL=Ale kommun <noreply@example.se>\n"
        'DJANGO_SITE_BASE_URL="https://foretag.example.se"\n'
        "  ALEFORETAG_CHECK=$(touch pwned) ${HOME} `id`  \n"
    )
    result = subprocess.run(
        [
            str(DEPLOY / "manage"),
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; "
            "print(settings.DEFAULT_FROM_EMAIL); print(settings.SITE_BASE_URL); "
            "import os; print(os.environ['ALEFORETAG_CHECK'])",
        ],
        env={"PATH": os.environ["PATH"], "ALEFORETAG_ENV_FILE": str(env_file), "ALEFORETAG_USER": "root"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Ale kommun <noreply@example.se>",
        "https://foretag.example.se",
        "$(touch pwned) ${HOME} `id`",
    ]
    assert not (tmp_path / "pwned").exists()


def test_deploy_manage_says_when_it_cannot_read_the_environment_file(tmp_path):
    result = subprocess.run(
        [str(DEPLOY / "manage"), "check"],
        env={
            "PATH": os.environ["PATH"],
            "ALEFORETAG_ENV_FILE": str(tmp_path / "missing.env"),
            "ALEFORETAG_USER": "root",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "cannot read" in result.stderr and "missing.env" in result.stderr
