from django.apps import AppConfig


class CoreConfig(AppConfig):
    """File storage and upload rules shared by documents, images and public contributions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
