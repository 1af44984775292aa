"""Tell parent reviewers that a practice is waiting for them."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .rules import conflicted_users

logger = logging.getLogger(__name__)


def notify_reviewers(sender, instance, user=None, **kwargs):
    """Email every parent reviewer in the task's groups a direct link to the review screen."""
    task = instance.task.specific
    page = instance.revision.as_object()
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "parent_review:review", args=[instance.pk]
    )
    # Nobody reviews a practice they had a hand in, even if also a parent reviewer.
    page_id = instance.workflow_state.object_id
    reviewers = (
        task.reviewers()
        .exclude(email="")
        .exclude(pk__in=conflicted_users([page_id])[page_id])
    )
    for reviewer in reviewers:
        context = {"reviewer": reviewer, "page": page, "review_url": review_url}
        send_mail(
            subject=f"A practice is waiting for your review: {page.title}",
            message=render_to_string("practices/emails/review_requested.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[reviewer.email],
            fail_silently=False,
        )
    logger.info(
        "Asked parent reviewers to review %s (round %s)", page.title, instance.pk
    )
