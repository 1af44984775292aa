"""Find stored files no record points to, and records whose file is missing; optionally clean up."""

from datetime import timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone

from core.models import StorageOrphan
from core.storage import STORAGE_ERRORS, iter_stored_files

# Folders Wagtail and this project upload into; anything else in the bucket is not ours to judge.
MANAGED_PREFIXES = ["documents/", "original_images/", "images/", "contributions/"]


class Command(BaseCommand):
    help = (
        "Compare the file store with the database: list orphaned files (stored, but no record "
        "uses them) and records whose file is missing. With --delete, remove the orphans."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Delete orphaned files (default: only report).",
        )
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            help="Ignore files newer than this, so an upload in progress is not taken for an orphan.",
        )

    def handle(self, *args, delete=False, min_age_minutes=60, **options):
        storage = default_storage
        referenced = referenced_names()
        cutoff = timezone.now() - timedelta(minutes=min_age_minutes)

        stored = dict(iter_stored_files(storage, MANAGED_PREFIXES))
        orphans = sorted(
            name
            for name, modified in stored.items()
            if name not in referenced and (modified is None or modified <= cutoff)
        )
        recorded = set(StorageOrphan.objects.values_list("name", flat=True))
        # A recorded orphan whose object is already gone needs no more work.
        StorageOrphan.objects.exclude(name__in=stored).delete()
        missing = sorted(
            (label, name) for name, label in referenced.items() if name not in stored
        )

        self.stdout.write(f"Files in storage: {len(stored)}")
        self.stdout.write(
            f"Orphaned files: {len(orphans)} ({len(recorded & set(orphans))} recorded by a failed delete)"
        )
        for name in orphans:
            self.stdout.write(f"  orphan  {name}")
        self.stdout.write(f"Records whose file is missing: {len(missing)}")
        for label, name in missing:
            self.stdout.write(f"  missing {label}: {name}")

        if delete and orphans:
            # The storage's own delete records failures; here a failure must be counted and reported.
            delete_now = getattr(storage, "delete_or_raise", storage.delete)
            deleted = 0
            for name in orphans:
                try:
                    delete_now(name)
                except (*STORAGE_ERRORS, OSError) as error:
                    self.stderr.write(f"  could not delete {name}: {error}")
                    continue
                StorageOrphan.objects.filter(name=name).delete()
                deleted += 1
            self.stdout.write(
                self.style.SUCCESS(
                    f"Deleted {deleted} of {len(orphans)} orphaned files."
                )
            )


def referenced_names():
    """Every file name a database row points to, mapped to a label naming that row."""
    names = {}
    for model in apps.get_models():
        file_fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, models.FileField)
        ]
        for field in file_fields:
            rows = model._base_manager.exclude(**{field.name: ""}).values_list(
                "pk", field.name
            )
            for pk, name in rows.iterator():
                names[name] = f"{model._meta.label} {pk}"
    return names
