from django.core.management.base import BaseCommand

from practices.reviews.schedule import run_schedule


class Command(BaseCommand):
    help = (
        "Parent review calendar: invite new panel members to open rounds, remind parents 3 days "
        "before the due date, close rounds that reached it. Safe to run as often as you like "
        "(hourly from cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        run = run_schedule()
        self.stdout.write(
            f"Invited {run.invited} parents, reminded {run.reminded}, closed {run.closed} rounds."
        )
