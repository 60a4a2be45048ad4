# Charter Portal. `make run` sets everything up and serves the portal with demo data;
# `make test` runs the whole suite (PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Where `make run` serves: `make run PORT=8080` or `HOST=0.0.0.0 PORT=8080 make run`.
HOST ?= 127.0.0.1
PORT ?= 8000
# The address every link the portal writes starts with (emails, the calendar feed, the evidence
# report's CSV): the one `make run` actually serves on. Listening on every interface (0.0.0.0 or
# ::) links to this machine's loopback address; set SITE_URL yourself for an address others reach.
LINK_HOST := $(if $(filter 0.0.0.0 :: [::],$(HOST)),127.0.0.1,$(HOST))
SITE_URL ?= http://$(LINK_HOST):$(PORT)
# The SQLite database the demo lives in (settings: SQLITE_PATH, default db.sqlite3).
SQLITE_PATH ?= db.sqlite3

.PHONY: run demo-reset install test lint format check worker beat clean audit mutation bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py seed_demo
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Start the demo afresh: drop the SQLite demo database, migrate, seed again (dated today).
# Refused against PostgreSQL (DATABASE_URL) and in production, where nothing may be dropped.
demo-reset: install
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "demo-reset drops only the SQLite demo database; unset DATABASE_URL first." >&2; exit 1; fi
	@if [ "$$PRODUCTION" = "true" ]; then \
		echo "demo-reset refuses to run with PRODUCTION=true." >&2; exit 1; fi
	rm -f "$(SQLITE_PATH)" "$(SQLITE_PATH)-journal" "$(SQLITE_PATH)-wal" "$(SQLITE_PATH)-shm"
	SQLITE_PATH="$(abspath $(SQLITE_PATH))" $(BIN)/python manage.py migrate --noinput
	SQLITE_PATH="$(abspath $(SQLITE_PATH))" SITE_URL=$(SITE_URL) $(BIN)/python manage.py seed_demo

test: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Mutation testing of the rule modules (not part of `make test`; see README "Mutation testing"):
# mutmut changes one thing at a time in committees/compliance/, deadlines/schedule.py and
# deadlines/cadences.py, runs the fast committee and deadline tests that reach it on SQLite, and the
# report lists the mutants no test noticed. Each run starts afresh (mutmut would otherwise keep a
# survivor's verdict after a new test); the README says how to re-check a few mutants.
MUTATION_JOBS ?= 2
mutation: install
	rm -rf mutants
	env -u DATABASE_URL -u REDIS_URL $(BIN)/mutmut run --max-children $(MUTATION_JOBS)
	$(BIN)/python tools/mutation_report.py

# The benchmark (docs/benchmark.md): PostgreSQL and Redis must be running. Drops and recreates
# DATABASE_URL's database (default charter_bench; its name must contain "bench"), seeds it at each
# BENCH_ENGINE_SCALES (default "0.1 1") and times the engine there, then serves BENCH_SCALE (1) with
# gunicorn, logs in and loads every page BENCH_SECONDS (10) at BENCH_CONNECTIONS (8). Prints the
# tables and writes them to bench-results.md.
bench: install
	$(BIN)/python -m tools.bench.run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Known vulnerabilities in the installed (resolved) dependencies, from the PyPI advisory database.
# Needs network access to that database; CI does not depend on it (README: Dependency audit).
audit: install
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off

worker: install
	$(BIN)/celery -A charter_portal worker --loglevel=INFO

beat: install
	$(BIN)/celery -A charter_portal beat --loglevel=INFO

clean:
	rm -rf $(VENV) staticfiles .pytest_cache test-artifacts mutants
