"""The review calendar: reminders before the due date, and closing rounds that reach it.

Run by `manage.py review_schedule` from cron or a systemd timer (docs/deployment.md). Every step
claims its row before acting, so running it twice, or on two servers at once, does each thing once.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from wagtail.models import TaskState

from .invitations import email_silent_parents, invite_reviewers
from .models import ParentReviewTaskState


@dataclass
class ScheduleRun:
    invited: int = 0
    reminded: int = 0
    closed: int = 0


def close_due_round(round_id, now):
    """Close one round at its due date, under its row lock so a review sent at that moment queues behind."""
    with transaction.atomic():
        state = (
            ParentReviewTaskState.objects.select_for_update()
            .select_related("task")
            .get(pk=round_id)
        )
        if state.status != TaskState.STATUS_IN_PROGRESS or state.due_at > now:
            return False
        task = state.task.specific
        # The quorum may have been lowered since the round opened: the reviews in may now be enough.
        task.evaluate(state)
        if state.status == TaskState.STATUS_IN_PROGRESS:
            task.expire(state)
        return True


def close_if_due(state):
    """Close a round a parent opens after its due date, before the hourly run gets to it."""
    now = timezone.now()
    if state.is_open and state.due_at and state.due_at <= now:
        close_due_round(state.pk, now)
        state.refresh_from_db()
    return state


def run_schedule(now=None):
    now = now or timezone.now()
    run = ScheduleRun()
    rounds = ParentReviewTaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, due_at__isnull=False
    ).order_by("due_at")
    for state in rounds:
        if state.due_at <= now:
            run.closed += close_due_round(state.pk, now)
            continue
        with transaction.atomic():
            run.invited += len(invite_reviewers(state))
        if state.remind_at <= now:
            run.reminded += email_silent_parents(state, "reminded_at", "reminder", now)
    return run
