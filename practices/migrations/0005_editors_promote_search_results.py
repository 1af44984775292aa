"""Editors and moderators may pin practices to search words (Settings → Promoted search results)."""

from django.db import migrations

from practices.setup import group_permissions_migration

CODENAMES = ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"]


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0004_search_index_gin"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [
        migrations.RunPython(
            *group_permissions_migration("wagtailsearchpromotions", CODENAMES)
        )
    ]
