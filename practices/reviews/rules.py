"""Who reviews what, and sending a review: the rules every reviewer screen and email follows."""

from django.db import transaction
from django.db.models import Q

from wagtail.models import TaskState

from .models import ParentReview, ParentReviewTask, ParentReviewTaskState


def submit_review(task_state, reviewer, review=None, **answers):
    """Save one parent's review of a round, log it, and close the round if it is now complete."""
    created = review is None or review.pk is None
    if review is None:
        review = ParentReview(**answers)
    review.task_state = task_state
    review.page_id = task_state.workflow_state.object_id
    review.revision = task_state.revision
    review.reviewer = reviewer
    with transaction.atomic():
        review.save()
        review.log_saved(created=created)
    task_state.task.specific.evaluate(task_state)
    return review


def is_parent_reviewer(user):
    """Whether the user is asked to review practices at an active parent review step."""
    return (
        user.is_active
        and ParentReviewTask.objects.filter(
            active=True, groups__in=user.groups.all()
        ).exists()
    )


def is_only_parent_reviewer(user):
    """A parent who reviews and has no other admin rights."""
    # Cheapest test first: this runs on every admin request, and editors fail it on permissions alone.
    return (
        not user.is_superuser
        and user.get_all_permissions() <= {"wagtailadmin.access_admin"}
        and is_parent_reviewer(user)
    )


def open_rounds_for(user):
    """Review rounds in progress that this user is asked to review."""
    return (
        ParentReviewTaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=ParentReviewTask.objects.filter(
                active=True, groups__in=user.groups.all()
            ),
        )
        # The queryset form of ParentReviewTaskState.conflicted_user_ids.
        .exclude(Q(workflow_state__requested_by=user) | Q(revision__user=user))
        .select_related("revision", "workflow_state")
        .distinct()
        .order_by("started_at")
    )
