"""The groups Bright Spots uses, and the migration helper that gives them an app's permissions."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission

PARENT_REVIEWERS = "Parent reviewers"
EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Parent review"

SNIPPET_MODELS = ["topic", "population", "organisation"]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def group_permissions_migration(
    app_label, codenames, group_names=(EDITORS, MODERATORS)
):
    """A RunPython pair that gives these groups an app's permissions, and takes them back."""

    def groups_and_permissions(apps):
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        return Group.objects.filter(name__in=group_names), permissions

    def grant(apps, schema_editor):
        # Permissions are normally made after migrate; these groups need them now.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        groups, permissions = groups_and_permissions(apps)
        for group in groups:
            group.permissions.add(*permissions)

    def revoke(apps, schema_editor):
        groups, permissions = groups_and_permissions(apps)
        for group in groups:
            group.permissions.remove(*permissions)

    return grant, revoke
