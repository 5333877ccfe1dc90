# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# The browser tests (tests/browser) drive Debian's Chromium with Playwright and check pages
# with axe-core from npm. Playwright never downloads a browser here.
CHROMIUM := /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js

.PHONY: run test lint format install install-test migrate messages demo check-migrations clean browser-deps bench backup restore soak lighthouse

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,lint]"
	touch $@ $(STAMP)

install: $(STAMP)

install-test: $(TEST_STAMP)

# Compiled with Babel so that set-up needs no system gettext.
messages: $(STAMP)
	$(BIN)/pybabel compile --domain django --directory locale --statistics

migrate: $(STAMP)
	$(MANAGE) migrate --no-input

demo: migrate messages
	WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(MANAGE) load_demo_site
	$(MANAGE) load_demo_report

run: demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

$(CHROMIUM):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

$(AXE): package.json package-lock.json
	command -v npm >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm; }
	npm ci --no-audit --no-fund
	touch $@

browser-deps: $(CHROMIUM) $(AXE)

test: $(TEST_STAMP) messages browser-deps
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/djlint templates --check

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint templates --reformat

# Production configuration under load (gunicorn, PostgreSQL when it answers on 127.0.0.1:5432),
# each page side by side with a static file: docs/performance.md. wrk from apt-get when it can
# be installed, else scripts/bench.py generates the load itself.
bench: $(STAMP) messages
	command -v wrk >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk; } || true
	$(BIN)/python scripts/bench.py

# Lighthouse's four scores (mobile and desktop) for the home, report and message pages, served
# as by `make bench`: docs/performance.md. Debian's Chromium; npm installs Lighthouse only.
lighthouse: $(STAMP) messages $(CHROMIUM)
	npm install --no-audit --no-fund
	$(BIN)/python scripts/lighthouse.py

# Database (pg_dump or SQLite's backup API) and media into backups/<timestamp>/: README, Backups.
backup: $(STAMP)
	$(BIN)/python -m scripts.backup

# Refuses a database or media directory that is not empty unless FORCE=1.
restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<timestamp> [FORCE=1]" >&2; exit 2; }
	$(BIN)/python -m scripts.restore "$(BACKUP)" $(if $(FORCE),--force)

# Production settings under load through a PostgreSQL restart and a killed worker:
# docs/reliability.md. Needs PostgreSQL on 127.0.0.1:5432 (started when it is installed).
soak: $(STAMP) messages
	$(BIN)/python -m scripts.soak

check-migrations: $(STAMP)
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles media-test
