# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# Every install takes the exact versions (and hashes) of the lock files, which `make lock` makes
# from the ranges in pyproject.toml: requirements/base.txt to run the site, requirements/test.txt
# (the same versions, plus the test and lint tools) for the tests and CI.
BASE_LOCK := requirements/base.txt
TEST_LOCK := requirements/test.txt
UV := uv==0.13.9
# Parallel test workers (pytest-xdist): one per core; `make test WORKERS=0` runs in one process.
# tests/conftest.py keeps the browser tests on one worker, and each module that shares the
# demonstration content on one worker.
WORKERS ?= auto

.PHONY: run test lint format install install-test lock migrate messages demo check-migrations clean browser-deps bench bench-admin backup restore soak lighthouse screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BASE_LOCK) | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r $(BASE_LOCK)
	touch $@

$(TEST_STAMP): $(TEST_LOCK) | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r $(TEST_LOCK)
	touch $@ $(STAMP)

install: $(STAMP)

install-test: $(TEST_STAMP)

# The newest versions that pyproject.toml allows, for every platform and Python 3.11+; the test
# lock first, so that the base lock takes the same versions. Review the diff, then `make test`.
lock: | $(BIN)/python
	$(BIN)/pip install --quiet "$(UV)"
	$(BIN)/uv pip compile pyproject.toml --extra test --extra lint --upgrade $(LOCK_OPTIONS) -o $(TEST_LOCK)
	$(BIN)/uv pip compile pyproject.toml --constraint $(TEST_LOCK) $(LOCK_OPTIONS) -o $(BASE_LOCK)

LOCK_OPTIONS = --universal --python-version 3.11 --generate-hashes --quiet --custom-compile-command "make lock"

# Compiled with Babel so that set-up needs no system gettext. djangojs: the admin's JavaScript
# (wagtail-localize's translation editor).
messages: $(STAMP)
	$(BIN)/pybabel compile --domain django --directory locale --statistics
	$(BIN)/pybabel compile --domain djangojs --directory locale --statistics

migrate: $(STAMP)
	$(MANAGE) migrate --no-input

demo: migrate messages
	WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(MANAGE) load_demo_site
	$(MANAGE) load_demo_report

run: demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# A Chromium (CHROMIUM=/path, Debian's, or Playwright's own) and axe-core: scripts/browser_deps.py.
browser-deps: $(TEST_STAMP)
	@$(BIN)/python -m scripts.browser_deps

test: $(TEST_STAMP) messages browser-deps
	$(BIN)/python -m pytest --numprocesses $(WORKERS) --dist loadgroup --durations 15

# The screenshots of docs/screenshots/: the editors' (comparison, requested changes), taken by the
# browser test that walks through the review, the README's (the report on a desk and a phone
# in both languages, the index, the PDF's cover), taken by tests/browser/test_covers.py, and the
# readership report's (tests/browser/test_readership_admin.py).
screenshots: $(TEST_STAMP) messages browser-deps
	SCREENSHOT_DIR=docs/screenshots $(BIN)/python -m pytest tests/browser/test_review_loop.py tests/browser/test_covers.py tests/browser/test_readership_admin.py --numprocesses 0

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

# The admin on a whole report: an editor's steps (edit view, save, preview, image chooser,
# submit, approve) timed in Debian's Chromium, served as by `make bench`, against the small
# "À propos" page: docs/performance.md. Playwright drives the browser; it downloads none.
bench-admin: $(TEST_STAMP) messages browser-deps
	$(BIN)/python scripts/bench_admin.py

# Lighthouse's four scores (mobile and desktop) for the home, report, message and project pages,
# served as by `make bench`: docs/performance.md. Debian's Chromium; npm installs Lighthouse only.
lighthouse: $(STAMP) messages browser-deps
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
	rm -rf $(VENV) staticfiles media-test node_modules
