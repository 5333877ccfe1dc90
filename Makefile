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

.PHONY: run test lint format install install-test migrate messages demo check-migrations clean browser-deps

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

check-migrations: $(STAMP)
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles media-test
