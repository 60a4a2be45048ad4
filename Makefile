# Charter Portal. `make run` sets everything up and serves the portal with demo data;
# `make test` runs the whole suite (PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install test lint format check worker beat clean audit mutation

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	SITE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

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
