from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content, bulk seeding and the library benchmark: installed by dev, test and bench settings only."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
