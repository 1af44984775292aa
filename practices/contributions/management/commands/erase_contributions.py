"""Erase everything one person sent, found by their email address, for a deletion request."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from practices.contributions.records import describe_counts, erase_person


class Command(BaseCommand):
    """Delete a person's submissions and feedback (and files); the audit log records it without the address."""

    help = (
        "Delete every submission and feedback sent with this email address or mentioning it. "
        "The same as Contributions → Erase a person's data in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--email", required=True, help="The person's email address."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted."
        )

    def handle(self, *args, email, dry_run=False, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError(f"“{email}” is not an email address.") from None
        counts = erase_person(email, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {describe_counts(counts)}.")
