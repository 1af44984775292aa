"""Editors and moderators triage contributions from the public (Contributions menu); nobody else may."""

from django.db import migrations

from practices.setup import group_permissions_migration

CODENAMES = [
    f"{action}_{model}"
    for model in ("practicesubmission", "practicefeedback")
    for action in ("view", "change", "delete")
]


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0006_contributions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [
        migrations.RunPython(*group_permissions_migration("practices", CODENAMES))
    ]
