"""Delete practice submissions and feedback older than the retention period (run it daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from practices.contributions.records import describe_counts, purge_contributions


class Command(BaseCommand):
    """Delete contributions, with their files, once they are older than CONTRIBUTIONS_RETENTION_DAYS."""

    help = (
        "Delete submissions and feedback (and their files) received more than the retention period "
        "ago. Each deletion is written to Wagtail's audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override the retention period, in days (default: CONTRIBUTIONS_RETENTION_DAYS, "
            f"now {settings.CONTRIBUTIONS_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        counts = purge_contributions(days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {describe_counts(counts)}.")
