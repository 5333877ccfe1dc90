"""Back up the database and the media: `make backup` (python -m scripts.backup).

Writes backups/<UTC timestamp>/ with
- database.dump (PostgreSQL, pg_dump's custom format) or database.sqlite3 (SQLite backup API),
- media.tar.gz (MEDIA_ROOT, when media are on the local disk),
- manifest.json: what was saved, checksums, and the counts of pages and revisions that
  `make restore` checks after restoring.

The database and the media directory are those of the settings (DJANGO_SETTINGS_MODULE,
DATABASE_URL, MEDIA_ROOT), as for manage.py. With media on object storage (S3), only the
database is saved: back up the bucket with its own versioning or replication.
"""

import argparse
import datetime
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
FORMAT_VERSION = 1


def set_up_django():
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def database_settings():
    from django.conf import settings

    return settings.DATABASES["default"]


def is_postgresql(database):
    return database["ENGINE"].endswith("postgresql")


def postgresql_environment(database):
    """libpq's variables for pg_dump and pg_restore: no password on their command line."""
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if database.get(key):
            env[variable] = str(database[key])
    return env


def media_root_on_disk():
    """MEDIA_ROOT when uploads are stored there, None when they are on object storage."""
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage, storages

    if not isinstance(storages["default"], FileSystemStorage):
        return None
    return Path(settings.MEDIA_ROOT)


def content_counts():
    """What a restore must find again: pages (and live ones) and revisions."""
    from django.db import connections
    from wagtail.models import Page, Revision

    counts = {
        "pages": Page.objects.count(),
        "live_pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
    }
    connections.close_all()
    return counts


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def dump_database(database, destination):
    if is_postgresql(database):
        target = destination / "database.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            env=postgresql_environment(database),
            check=True,
        )
        return {"engine": "postgresql", "name": database["NAME"], "file": target.name}
    target = destination / "database.sqlite3"
    # The backup API copies a consistent snapshot even while the site writes to the file.
    source, copy = sqlite3.connect(database["NAME"]), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return {"engine": "sqlite", "name": str(database["NAME"]), "file": target.name}


def archive_media(media_root, destination):
    target = destination / MEDIA_ARCHIVE
    files = 0
    size = 0
    with tarfile.open(target, "w:gz") as archive:
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=str(path.relative_to(media_root)))
                    files += 1
                    size += path.stat().st_size
    return {"file": target.name, "root": str(media_root), "files": files, "bytes": size}


def back_up(output_dir):
    from django.db import DatabaseError

    database = database_settings()
    try:
        counts = content_counts()
    except DatabaseError as error:
        sys.exit(f"Not backed up: the database {database['NAME']} has no site in it ({error}).")
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    destination = Path(output_dir) / stamp
    destination.mkdir(parents=True, exist_ok=False)

    manifest = {
        "format": FORMAT_VERSION,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": dump_database(database, destination),
        "counts": counts,
    }
    media_root = media_root_on_disk()
    if media_root is None:
        manifest["media"] = None
        print("Media are on object storage: not in this backup (back up the bucket itself).")
    else:
        manifest["media"] = archive_media(media_root, destination)
    manifest["checksums"] = {
        path.name: sha256(path) for path in sorted(destination.iterdir()) if path.is_file()
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return destination, manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description="Back up the database and the media.")
    parser.add_argument(
        "--output-dir", default=PROJECT / "backups", help="where to write <timestamp>/"
    )
    arguments = parser.parse_args(argv)
    set_up_django()
    destination, manifest = back_up(arguments.output_dir)
    media = manifest["media"]
    print(
        f"Backup written to {destination}: {manifest['database']['engine']} database "
        f"({manifest['counts']['pages']} pages, {manifest['counts']['revisions']} revisions)"
        + (f", {media['files']} media files" if media else "")
        + "."
    )
    print(f"Restore it with: make restore BACKUP={destination}")


if __name__ == "__main__":
    main()
