# Ale företagsklimat: `make run` serves the demo, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
export DJANGO_SETTINGS_MODULE ?= aleforetag.settings.dev

# The first Python 3.12+ on PATH, else the newest pyenv version that is 3.12+.
PYTHON ?= $(shell for c in python3.13 python3.12 python3 python; do \
	  p=$$(command -v $$c 2>/dev/null) && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; exit 0; }; \
	done; \
	root=$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv); \
	for p in $$(ls -d $$root/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; exit 0; }; \
	done)

.PHONY: run test lint check-migrations pytest install messages bench clean chromium htmlcheck lock

$(VENV)/.installed: requirements.lock requirements-dev.lock
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Ale företagsklimat needs Python 3.12 or newer (Django 6 requires it)."; \
	  echo "Install one (or select it with pyenv) and run make again, or pass PYTHON=/path/to/python3.12."; \
	  exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# xstatic-bootstrap is only published as a source package whose setup needs pkg_resources:
	# it is built without isolation, with this setuptools. Every file installed from the locks
	# is checked against its hash.
	$(PIP) install -q "setuptools<81" wheel
	# Development installs the production lock and the test and lint tools on top of it.
	$(PIP) install -q --require-hashes --no-build-isolation -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# Regenerate both locks from requirements.in and requirements-dev.in, with the hash of every file
# of each pinned version (any platform, Python 3.12 and 3.13). pip-tools runs in a throwaway venv,
# so it is never in a lock. Versions already locked are kept: LOCK_ARGS=--upgrade moves all to
# the newest, LOCK_ARGS="--upgrade-package django" one. LOCK_ENV leaves out the extra indexes
# and local wheel folders of a machine's pip configuration (the hashes are the index's); set
# LOCK_ENV= to use the configuration as it is (a mirror).
LOCK_ENV ?= env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null
LOCK_ARGS ?=
lock:
	@if [ -z "$(PYTHON)" ]; then echo "make lock needs Python 3.12 or newer."; exit 1; fi
	set -e; tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	$(LOCK_ENV) $(PYTHON) -m venv "$$tools"; \
	$(LOCK_ENV) "$$tools/bin/pip" install -q --disable-pip-version-check "pip-tools>=7.6,<8" "setuptools<81" wheel; \
	for lock in requirements requirements-dev; do \
	  CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_ENV) "$$tools/bin/pip-compile" --quiet --generate-hashes \
	    --strip-extras --no-emit-index-url --no-build-isolation $(LOCK_ARGS) -o $$lock.lock $$lock.in; \
	done; \
	"$$tools/bin/python" tools/lock.py

# Recompile every app's Swedish catalogue (the .mo files are committed; no GNU gettext needed).
messages: install
	$(PY) tools/po.py compile

var:
	mkdir -p var

run: install var
	$(PY) manage.py migrate --noinput
	@# The demo refuses a database with accounts it did not create (then it says so above).
	$(PY) manage.py load_demo || echo "The demo was not loaded (see above); serving the database as it is."
	@echo "Serving http://127.0.0.1:8000 (Ctrl-C stops)"
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --lint templates aleforetag workshops feedback followups indicators dashboard portal --extension html
	$(VENV)/bin/lint-imports

check-migrations: install var
	DJANGO_SETTINGS_MODULE=aleforetag.settings.test $(PY) manage.py makemigrations --check --dry-run

chromium:
	@if ! command -v chromium >/dev/null 2>&1 && [ -z "$$CHROMIUM_PATH" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Debian's chromium: run 'sudo apt-get install chromium' or set CHROMIUM_PATH."; exit 1; fi; \
	fi

# The Nu HTML checker (vnu-jar, pinned in package-lock.json) that the browser journeys run on
# every page, on the machine's Java. --ignore-scripts: its postinstall would download a Java.
node_modules/.installed: package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then \
	  echo "HTML validation of the journeys is skipped: it needs node (npm) and Java 17+ (apt-get install nodejs npm openjdk-17-jre-headless)."; \
	else npm ci --ignore-scripts --no-audit --no-fund && touch $@; fi

htmlcheck: node_modules/.installed

# Four workers, each with its own test database (pytest-django adds _gw0, _gw1 ... to its
# name): the browser tests spend much of their time waiting on Chromium, the live server and the
# database, so on 2 cores four workers finish the suite in 11 min where two took 13. Plain "load" hands each worker its tests in collection order, so
# pytest-django's order holds in every worker: transactional tests (which empty the database
# when they end) after the others.
# PYTEST_ARGS="-n 0" runs the suite in one process.
pytest: install var chromium htmlcheck
	DJANGO_SETTINGS_MODULE=aleforetag.settings.test DJANGO_ALLOW_ASYNC_UNSAFE=true \
	  $(PY) -m pytest -n 4 --dist load $(PYTEST_ARGS)

test: lint check-migrations pytest

# The benchmark (issue 8): own databases, gunicorn driven by Debian's wrk (installed when
# missing and running as root; without it a built-in Python load generator is used).
# Options through BENCH_ARGS, e.g. make bench BENCH_ARGS="--size small --skip-load".
bench: install var
	@if ! command -v wrk >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
	      || echo "Could not install wrk: the load phase uses the Python load generator."; \
	  else echo "wrk not found (sudo apt-get install wrk): the load phase uses the Python load generator."; fi; \
	fi
	$(PY) manage.py bench $(BENCH_ARGS)

# Similar notes and suggestions (issue 21): the labelled set's figures (leave-one-out) and the
# time to group and suggest at 100 and 1,000 notes, on the database DATABASE_URL names (the
# notes are built in a transaction that is rolled back); then the time to suggest for one note
# at 50,000 notes beside the floor view, in the benchmark's own database (built, then dropped;
# about a minute or two). The 100/1,000-note timings need a migrated working database;
# EVAL_ARGS="--sizes" skips them, EVAL_ARGS="--at-scale none" skips the 50,000 notes.
.PHONY: eval-suggestions
eval-suggestions: install var
	$(PY) manage.py eval_suggestions $(EVAL_ARGS)

clean:
	rm -rf $(VENV) var/staticfiles
