from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page and standard pages (about, our process)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
