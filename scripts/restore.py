"""Restore a backup of scripts/backup.py: `make restore BACKUP=backups/<timestamp>`.

Restores into the database and MEDIA_ROOT of the settings (DATABASE_URL, MEDIA_ROOT), then
checks that every page and revision counted by the backup is there.

It refuses to overwrite a database that already has tables, or a MEDIA_ROOT that already has
files, unless given --force (`make restore BACKUP=… FORCE=1`): then the database's tables are
dropped and the media directory is moved aside to <MEDIA_ROOT>.before-restore-<timestamp>.
Stop the application servers first.
"""

import argparse
import datetime
import json
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

from scripts.backup import (
    MANIFEST,
    content_counts,
    database_settings,
    is_postgresql,
    media_root_on_disk,
    postgresql_environment,
    set_up_django,
    sha256,
)


class RestoreRefused(Exception):
    """Nothing was changed."""


class RestoredContentDiffers(Exception):
    """Restored, but pages or revisions are missing."""


def read_manifest(backup_dir):
    manifest_path = backup_dir / MANIFEST
    if not manifest_path.exists():
        raise RestoreRefused(f"{backup_dir} is not a backup: it has no {MANIFEST}.")
    manifest = json.loads(manifest_path.read_text())
    for name, expected in manifest["checksums"].items():
        path = backup_dir / name
        if not path.exists() or sha256(path) != expected:
            raise RestoreRefused(f"{path} is missing or damaged (checksum differs): not restoring.")
    return manifest


def existing_tables():
    from django.db import connection

    tables = connection.introspection.table_names()
    connection.close()
    return tables


def media_files(media_root):
    if media_root is None or not media_root.exists():
        return []
    return [path for path in media_root.rglob("*") if path.is_file()]


def check_target_is_free(manifest, database, media_root, force):
    engine = "postgresql" if is_postgresql(database) else "sqlite"
    if manifest["database"]["engine"] != engine:
        raise RestoreRefused(
            f"The backup holds a {manifest['database']['engine']} database and DATABASE_URL "
            f"names a {engine} one: restore it into a {manifest['database']['engine']} database."
        )
    if force:
        return
    tables = existing_tables()
    if tables:
        raise RestoreRefused(
            f"The database {database['NAME']} is not empty ({len(tables)} tables). Restoring "
            "would replace everything in it. Point DATABASE_URL at an empty database, or run "
            "again with --force (make restore … FORCE=1) to overwrite it."
        )
    if manifest["media"] and media_files(media_root):
        raise RestoreRefused(
            f"{media_root} already holds files. Empty it, or run again with --force "
            "(make restore … FORCE=1): it is then moved aside, not deleted."
        )


def drop_postgresql_tables():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connection.close()


def restore_database(backup_dir, manifest, database):
    dump = backup_dir / manifest["database"]["file"]
    if is_postgresql(database):
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={database['NAME']}",
                str(dump),
            ],
            env=postgresql_environment(database),
            check=True,
        )
        return
    source, target = sqlite3.connect(dump), sqlite3.connect(database["NAME"])
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def restore_media(backup_dir, manifest, media_root):
    if media_root.exists() and any(media_root.iterdir()):
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        aside = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
        shutil.move(media_root, aside)
        print(f"The previous media are in {aside}.")
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup_dir / manifest["media"]["file"]) as archive:
        # "data": no absolute paths, no links outside, no devices: an archive cannot escape.
        archive.extractall(media_root, filter="data")


def restore(backup_dir, force=False):
    backup_dir = Path(backup_dir)
    manifest = read_manifest(backup_dir)
    database = database_settings()
    media_root = media_root_on_disk()
    check_target_is_free(manifest, database, media_root, force)
    # SQLite's backup API replaces the whole file; pg_restore needs an empty schema.
    if force and is_postgresql(database):
        drop_postgresql_tables()
    restore_database(backup_dir, manifest, database)
    if manifest["media"] and media_root is not None:
        restore_media(backup_dir, manifest, media_root)
    elif manifest["media"]:
        print("Media are on object storage here: media.tar.gz was not restored.")
    found = content_counts()
    if found != manifest["counts"]:
        raise RestoredContentDiffers(
            f"Restored, but the counts differ from the backup's: {found} != {manifest['counts']}."
        )
    return manifest, found


def main(argv=None):
    parser = argparse.ArgumentParser(description="Restore a backup made by make backup.")
    parser.add_argument("backup", help="the backup directory, backups/<timestamp>")
    parser.add_argument(
        "--force", action="store_true", help="overwrite a database or media that are not empty"
    )
    arguments = parser.parse_args(argv)
    set_up_django()
    try:
        manifest, found = restore(arguments.backup, force=arguments.force)
    except RestoreRefused as refusal:
        print(f"Not restored: {refusal}", file=sys.stderr)
        sys.exit(2)
    except RestoredContentDiffers as difference:
        print(difference, file=sys.stderr)
        sys.exit(1)
    media = manifest["media"]
    print(
        f"Restored {arguments.backup}: {found['pages']} pages ({found['live_pages']} live), "
        f"{found['revisions']} revisions"
        + (f", {media['files']} media files" if media else "")
        + ", as in the backup."
    )


if __name__ == "__main__":
    main()
