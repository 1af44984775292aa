from django.apps import AppConfig


class PracticesConfig(AppConfig):
    """Practices, the library, and the snippets that classify them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "practices"
