"""What happens when a review round opens or closes: invitations, closing notes, the editor's email."""

import logging

from django.db import transaction
from django.utils import timezone

from wagtail.admin.signal_handlers import workflow_rejection_email_notifier
from wagtail.models import TaskState

from .emails import email_editor_outcome
from .invitations import email_silent_parents, invite_reviewers
from .models import ParentReviewTaskState, RoundOutcome

logger = logging.getLogger(__name__)


def round_opened(sender, instance, user=None, **kwargs):
    """Invite the panel, each parent by email with their own link and the due date."""
    invited = invite_reviewers(instance)
    logger.info("Invited %s parents to review round %s", len(invited), instance.pk)


def round_closed(sender, instance, user=None, **kwargs):
    """Tell invited parents who had not answered that they need not, and the editor how it ended."""
    state = instance
    if state.status == TaskState.STATUS_CANCELLED and not state.outcome:
        state.outcome = RoundOutcome.WITHDRAWN
        ParentReviewTaskState.objects.filter(pk=state.pk).update(outcome=state.outcome)
    email_silent_parents(state, "closing_note_at", "closing_note", timezone.now())
    # Whoever withdrew a round knows already; the other endings are news to the editor who sent it.
    if state.outcome in (
        RoundOutcome.RECOMMENDED,
        RoundOutcome.NOT_RECOMMENDED,
        RoundOutcome.NOT_ENOUGH_REVIEWS,
    ):
        transaction.on_commit(lambda: email_editor_outcome.enqueue(state.pk))


def rejection_email_unless_parents_decided(sender, instance, **kwargs):
    """Wagtail's "has been rejected during …" email, except when the parents' round ended it:
    round_closed already told the editor, in plain words, how that round ended."""
    state = instance.current_task_state
    if state is not None and isinstance(state.specific, ParentReviewTaskState):
        return
    workflow_rejection_email_notifier(sender=sender, instance=instance, **kwargs)
