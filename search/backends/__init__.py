"""Wagtail's database search backend, with Bright Spots' ranking on PostgreSQL (docs/search.md).

Configured as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends"``. On SQLite
(``make run``) and MySQL it is Wagtail's own database backend, unchanged.
"""

from django.db import connection

from wagtail.search.backends import database


def SearchBackend(params):
    if connection.vendor == "postgresql":
        # Loaded on PostgreSQL only: Wagtail's PostgreSQL backend needs django.contrib.postgres.
        from .postgres import PracticeSearchBackend

        return PracticeSearchBackend(params)
    return database.SearchBackend(params)
