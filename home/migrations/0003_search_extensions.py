"""PostgreSQL's unaccent and pg_trgm extensions, for accent-insensitive and fuzzy search.

Created in a migration so that test databases have them too; nothing to do on SQLite.
"""

from django.db import migrations

EXTENSIONS = ("unaccent", "pg_trgm")


def create_extensions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for extension in EXTENSIONS:
        schema_editor.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")


class Migration(migrations.Migration):
    dependencies = [("home", "0002_page_text_headings_from_h2")]

    # Dropping the extensions could break other databases' objects that use them: kept.
    operations = [migrations.RunPython(create_extensions, migrations.RunPython.noop)]
