from django.apps import AppConfig


class PracticesConfig(AppConfig):
    """The content model: the library, its practices, and the labels that classify them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "practices"

    def ready(self):
        from . import signals

        signals.connect()
