from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site-wide search."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
