"""Who reviews what, and sending a review: the rules every reviewer screen and email follows."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.functions import Lower

from wagtail.models import Page, Revision, TaskState, WorkflowState

from practices.contributions.models import PracticeSubmission

from .models import ParentReview, ParentReviewTask, ParentReviewTaskState


class RoundClosed(Exception):
    """The round closed before this review arrived: it is not stored and does not count."""


def submit_review(task_state, reviewer, review=None, **answers):
    """Save one parent's review of a round, log it, and close the round if it is now complete.

    Raises RoundClosed if the round is no longer open, however little earlier it closed.
    """
    created = review is None or review.pk is None
    if review is None:
        review = ParentReview(**answers)
    with transaction.atomic():
        # The round's row lock makes "still open?", saving and closing one step: reviews sent at the
        # same moment, from any app server, queue here, and those after the closing one are refused.
        state = ParentReviewTaskState.objects.select_for_update().get(pk=task_state.pk)
        if state.status != TaskState.STATUS_IN_PROGRESS:
            raise RoundClosed
        review.task_state = state
        review.page_id = state.workflow_state.object_id
        review.revision = state.revision
        review.reviewer = reviewer
        review.save()
        review.log_saved(created=created)
        state.task.specific.evaluate(state)
    return review


def is_parent_reviewer(user):
    """Whether the user is asked to review practices at an active parent review step."""
    return (
        user.is_active
        and ParentReviewTask.objects.filter(
            active=True, groups__in=user.groups.all()
        ).exists()
    )


def conflicted_users(page_ids):
    """For each practice, the users who may not review it: whoever created it, wrote any version
    of it, sent it for review, or sent it in through the public form (by email address)."""
    pages = {str(pk) for pk in page_ids}
    conflicts = {pk: set() for pk in pages}
    page_type = ContentType.objects.get_for_model(Page)

    def add(pairs):
        for page_id, user_id in pairs:
            if user_id is not None:
                conflicts[str(page_id)].add(user_id)

    add(Page.objects.filter(pk__in=pages).values_list("pk", "owner_id"))
    add(
        Revision.objects.filter(
            base_content_type=page_type, object_id__in=pages
        ).values_list("object_id", "user_id")
    )
    add(
        WorkflowState.objects.filter(
            base_content_type=page_type, object_id__in=pages
        ).values_list("object_id", "requested_by_id")
    )
    senders = {}
    for page_id, email in PracticeSubmission.objects.filter(
        practice__in=pages
    ).values_list("practice_id", "email"):
        senders.setdefault(email.lower(), set()).add(str(page_id))
    if senders:
        users = (
            get_user_model()
            .objects.annotate(address=Lower("email"))
            .filter(address__in=senders)
            .values_list("address", "pk")
        )
        add((page_id, pk) for address, pk in users for page_id in senders[address])
    return conflicts
