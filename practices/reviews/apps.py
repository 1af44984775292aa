from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate, post_save

from wagtail.signals import (
    task_approved,
    task_cancelled,
    task_rejected,
    task_submitted,
    workflow_rejected,
)


class ReviewsConfig(AppConfig):
    """Parent review: the workflow task, each parent's review, the reviewer screens and emails."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "practices.reviews"
    label = "practice_reviews"
    verbose_name = "Parent review"

    def ready(self):
        from wagtail.models import WorkflowState

        from practices.models import PracticeIndexPage

        from .models import ParentReviewTaskState
        from .setup import attach_workflow_to_new_library, ensure_review_setup
        from .signals import (
            rejection_email_unless_parents_decided,
            round_closed,
            round_opened,
        )

        task_submitted.connect(
            round_opened,
            sender=ParentReviewTaskState,
            dispatch_uid="review_round_opened",
        )
        for closing in (task_approved, task_rejected, task_cancelled):
            closing.connect(
                round_closed,
                sender=ParentReviewTaskState,
                dispatch_uid="review_round_closed",
            )
        # Take the place of Wagtail's rejection email under its own key, whichever app is ready first:
        # if Wagtail connected it, disconnect removes it; if not, Wagtail's later connect is ignored.
        wagtail_rejection = "workflow_state_rejected_email_notification"
        workflow_rejected.disconnect(
            sender=WorkflowState, dispatch_uid=wagtail_rejection
        )
        workflow_rejected.connect(
            rejection_email_unless_parents_decided,
            sender=WorkflowState,
            dispatch_uid=wagtail_rejection,
        )
        post_save.connect(
            attach_workflow_to_new_library,
            sender=PracticeIndexPage,
            dispatch_uid="attach_review_workflow",
        )
        # The practices app's own signal: its permissions, which this setup grants, are made for it.
        post_migrate.connect(
            ensure_review_setup,
            sender=apps.get_app_config("practices"),
            dispatch_uid="ensure_review_setup",
        )
