"""Seed (or delete) synthetic practices for benchmarking the library search; see practices/seeding.py."""

from django.core.management.base import BaseCommand, CommandError

from demo import seeding
from practices.models import PracticeIndexPage


class Command(BaseCommand):
    """Bulk-create N deterministic practices of one seed under the library, or delete that seed."""

    help = (
        "Create practices seed-S-00001..seed-S-N under the library, with Zipf-distributed text, "
        "topics, organisations and small resource files. Safe to run again: only missing practices "
        "are created, so a larger --count grows the seed. --delete removes the seed instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count",
            type=int,
            default=1000,
            help="Practices in the seed (default 1000).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Which seed (default 1); seeds coexist."
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Delete this seed's practices, documents, files and organisations instead.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=1000,
            help="Practices per transaction (default 1000).",
        )

    def handle(self, *args, count, seed, delete, batch_size, verbosity, **options):
        if seed < 0:
            raise CommandError("--seed must be 0 or more.")
        if delete:
            result = seeding.delete_seed(seed)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Seed {seed}: deleted {result.practices} practices, {result.documents} "
                    f"documents and {result.organisations} organisations in {result.seconds:.1f}s."
                )
            )
            return
        if count < 0 or batch_size < 1:
            raise CommandError("--count must be 0 or more and --batch-size 1 or more.")
        library = PracticeIndexPage.objects.first()
        if library is None:
            raise CommandError(
                "There is no library (PracticeIndexPage) to seed practices into. "
                "Run `manage.py load_demo_content` first."
            )

        def progress(done, total):
            if verbosity >= 2:
                self.stdout.write(f"  {done}/{total} practices")

        result = seeding.seed_practices(
            library, seed, count, batch_size=batch_size, progress=progress
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed {seed}: created {result.created}, already there {result.existing}, "
                f"in {result.seconds:.1f}s."
            )
        )
