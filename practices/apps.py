from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PracticesConfig(AppConfig):
    """Practices, the library, the snippets that classify them, and parent review."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "practices"

    def ready(self):
        from . import signals
        from .setup import ensure_review_setup

        signals.connect()
        post_migrate.connect(
            ensure_review_setup, sender=self, dispatch_uid="ensure_review_setup"
        )
