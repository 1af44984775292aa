"""A GIN index on what Wagtail's PostgreSQL search filters on, so a search reads the index instead
of decompressing every row of the search table (docs/performance.md).

Wagtail's query is ``content_type_id IN (…) AND (title || body) @@ query``. Wagtail's own indexes
cover ``title`` and ``body`` apart, which that expression cannot use. An index on the expression
alone serves rare words, but for a common word the planner judged it cheaper to scan every entry of
the content type and test each one, which means decompressing every body: ~100 ms at 10,000
practices. One GIN index over both conditions (btree_gin lets GIN hold the content type) is
chosen for rare and common words alike: 0.5 ms and 8 ms there.
"""

from django.db import migrations

INDEX_NAME = "practices_search_type_text_gin"


def index_table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite and MySQL use their own full-text tables.
    # btree_gin ships with PostgreSQL and is a trusted extension: the database owner may add it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    # CONCURRENTLY: a live site keeps searching and publishing while the index builds.
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX_NAME} "
        f'ON {index_table(apps)} USING gin ("content_type_id", ("title" || "body"))'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("practices", "0003_documentdownloadcount"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
