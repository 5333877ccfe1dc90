"""`make backup` then `make restore` into a fresh database finds every page, revision and file.

On the database of the run: PostgreSQL (pg_dump / pg_restore) when DATABASE_URL names one,
SQLite (its backup API) otherwise. The scripts run as an operator runs them, in processes with
the production settings, on databases made for the test.
"""

import json
import os
import shutil
import subprocess
import sys

import dj_database_url
import pytest

from scripts import servers
from tests.ops.conftest import unique_name

ON_POSTGRESQL = dj_database_url.parse(os.environ.get("DATABASE_URL") or "sqlite://:memory:")[
    "ENGINE"
].endswith("postgresql")


def run_script(module, *arguments, env):
    return subprocess.run(
        [sys.executable, "-m", module, *arguments],
        cwd=servers.PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )


def snapshot(env):
    code = "from tests.ops.site_content import print_snapshot; print_snapshot()"
    return json.loads(servers.manage("shell", "--no-imports", "-c", code, env=env))


@pytest.fixture(scope="module")
def database_factory(request, tmp_path_factory):
    """Makes empty databases of the run's kind; drops them at the end of the module."""
    made = []
    if ON_POSTGRESQL:
        server = request.getfixturevalue("postgres_server")

        def make(template=None):
            name = unique_name("backup")
            made.append(name)
            return servers.create_database(server, name, template=template)

        yield make
        for name in made:
            servers.drop_database(server, name)
    else:
        directory = tmp_path_factory.mktemp("sqlite")

        def make(template=None):
            path = directory / f"{unique_name('backup')}.sqlite3"
            if template:
                shutil.copy(template, path)
            return f"sqlite:///{path}"

        yield make


@pytest.fixture(scope="module")
def backed_up_site(request, database_factory, tmp_path_factory):
    """A demonstration site with drafts, old revisions and uploads, and its backup."""
    media_root = tmp_path_factory.mktemp("source-media")
    if ON_POSTGRESQL:
        database_url = database_factory(template=request.getfixturevalue("demo_template_database"))
    else:
        database_url = database_factory()
    env = servers.production_environment(database_url, media_root=media_root)
    if not ON_POSTGRESQL:
        servers.manage("migrate", "--no-input", env=env)
        servers.manage("load_demo_site", env=env)
    code = "from tests.ops.site_content import add_revisions_and_media as a; a()"
    servers.manage("shell", "--no-imports", "-c", code, env=env)

    backups = tmp_path_factory.mktemp("backups")
    result = run_script("scripts.backup", f"--output-dir={backups}", env=env)
    assert result.returncode == 0, result.stderr
    (backup_dir,) = backups.iterdir()
    return {"env": env, "backup": backup_dir, "snapshot": snapshot(env), "output": result.stdout}


@pytest.fixture
def fresh_target(database_factory, tmp_path):
    return servers.production_environment(database_factory(), media_root=tmp_path / "media")


def test_the_backup_holds_the_database_the_media_and_a_manifest(backed_up_site):
    backup_dir = backed_up_site["backup"]
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    source = backed_up_site["snapshot"]

    expected_dump = "database.dump" if ON_POSTGRESQL else "database.sqlite3"
    assert manifest["database"]["file"] == expected_dump
    assert (backup_dir / expected_dump).stat().st_size > 0
    assert manifest["media"]["files"] == len(source["media"]) >= 2
    assert manifest["counts"]["pages"] == len(source["pages"])
    assert manifest["counts"]["revisions"] >= sum(page["revisions"] for page in source["pages"])
    assert set(manifest["checksums"]) == {expected_dump, "media.tar.gz"}
    assert "make restore BACKUP=" in backed_up_site["output"]


def test_restore_into_a_fresh_database_finds_every_page_revision_and_file(
    backed_up_site, fresh_target
):
    result = run_script("scripts.restore", str(backed_up_site["backup"]), env=fresh_target)

    assert result.returncode == 0, result.stderr
    restored = snapshot(fresh_target)
    source = backed_up_site["snapshot"]
    assert restored["pages"] == source["pages"]
    assert restored["uploads"] == source["uploads"]
    assert restored["media"] == source["media"]
    about = next(page for page in restored["pages"] if page["url_path"].endswith("/a-propos/"))
    assert about["revisions"] >= 3
    assert about["has_unpublished_changes"] is True
    assert "as in the backup" in result.stdout


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(backed_up_site, fresh_target):
    backup = str(backed_up_site["backup"])
    assert run_script("scripts.restore", backup, env=fresh_target).returncode == 0
    # Work done on the restored site since: a refused restore must not lose it.
    rename = "from wagtail.models import Page; Page.objects.filter(depth=2).update(title='Changé')"
    servers.manage("shell", "--no-imports", "-c", rename, env=fresh_target)

    refused = run_script("scripts.restore", backup, env=fresh_target)

    assert refused.returncode == 2
    assert "is not empty" in refused.stderr
    assert "--force" in refused.stderr
    assert "Changé" in {page["title"] for page in snapshot(fresh_target)["pages"]}

    forced = run_script("scripts.restore", backup, "--force", env=fresh_target)

    assert forced.returncode == 0, forced.stderr
    assert snapshot(fresh_target)["pages"] == backed_up_site["snapshot"]["pages"]
    assert snapshot(fresh_target)["media"] == backed_up_site["snapshot"]["media"]


def test_restore_refuses_a_damaged_backup(backed_up_site, fresh_target, tmp_path):
    damaged = tmp_path / "damaged"
    shutil.copytree(backed_up_site["backup"], damaged)
    with (damaged / "media.tar.gz").open("ab") as archive:
        archive.write(b"garbage")

    result = run_script("scripts.restore", str(damaged), env=fresh_target)

    assert result.returncode == 2
    assert "damaged" in result.stderr
