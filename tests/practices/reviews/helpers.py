"""Shared steps for the review space's tests: start a round as an editor does, read a parent's link."""

import re

from django.core import mail
from django.test import TestCase

from practices.models import PracticePage
from practices.reviews.models import ReviewInvitation


def start_review(page, editor):
    """Send the practice to parent review, as "submit" does, and let the invitations go out on commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision(user=editor)
        page.get_workflow().start(page, editor)
    return PracticePage.objects.get(pk=page.pk).current_workflow_task_state.specific


def link_for(parent, round_):
    return f"/review/practice/{ReviewInvitation.objects.get(round=round_, reviewer=parent).token}/"


def emails_to(user, subject_part=""):
    return [m for m in mail.outbox if user.email in m.to and subject_part in m.subject]


def link_in(message):
    return re.search(r"https?://\S+(/review/practice/[\w-]+/)", message.body).group(1)
