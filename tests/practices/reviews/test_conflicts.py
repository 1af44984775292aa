"""Nobody reviews a practice they had a hand in: created, wrote any version of, sent for review, or sent in."""

import pytest

from django.core import mail
from django.test import TestCase
from django.urls import reverse

from practices.contributions.models import PracticeSubmission
from practices.reviews.models import ParentReview, ReviewInvitation
from tests.practices.contributions.factories import PracticeSubmissionFactory
from tests.practices.factories import (
    OrganisationFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
)

pytestmark = pytest.mark.django_db

HANDS = ["created", "wrote an earlier version", "sent it for review", "sent it in"]


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


def practice_with_a_hand_in_it(library, hand, insider):
    """A draft sent to parent review, in which `insider` (an editor and a parent reviewer) had `hand`."""
    editor = make_user("plain-editor", "Editors")
    page = PracticePageFactory(parent=library, live=False, title="Kin first")
    if hand == "created":
        page.owner = insider
        page.save()
    page.save_revision(user=insider if hand == "wrote an earlier version" else editor)
    page.save_revision(user=editor)  # the version parents read is someone else's
    if hand == "sent it in":
        submission = PracticeSubmissionFactory(email=insider.email.upper())
        PracticeSubmission.objects.filter(pk=submission.pk).update(practice=page)
    mail.outbox.clear()
    requester = insider if hand == "sent it for review" else editor
    with TestCase.captureOnCommitCallbacks(execute=True):
        workflow_state = page.get_workflow().start(page, requester)
    return page, workflow_state.current_task_state.specific


@pytest.mark.parametrize("hand", HANDS)
def test_an_insider_is_not_invited_not_queued_and_refused_at_the_review_screen(
    client, library, hand
):
    insider = make_user("insider", "Editors", "Parent reviewers")
    fair = make_user("fair-parent", "Parent reviewers")
    page, round_ = practice_with_a_hand_in_it(library, hand, insider)

    invited = {address for message in mail.outbox for address in message.to}
    assert fair.email in invited
    assert insider.email not in invited

    assert not round_.invitations.filter(reviewer=insider).exists()
    client.force_login(insider)
    queue = client.get(reverse("review:home"))
    assert queue.status_code == 200
    assert "Kin first" not in queue.content.decode()

    # Even with an invitation made by mistake, the review screen refuses them and saves nothing.
    token = ReviewInvitation.objects.create(round=round_, reviewer=insider).token
    url = reverse("review:review", args=[token])
    assert client.get(url).status_code == 403
    answer = {
        "reviewer_organisation": OrganisationFactory(kind="parent_led").pk,
        "keeps_families_together": "Yes.",
        "impact_on_field": "Some.",
        "negative_consequences": "None.",
        "recommendation": "recommend",
    }
    assert client.post(url, answer).status_code == 403
    assert not ParentReview.objects.filter(task_state=round_).exists()

    # The fair parent's own link opens the practice.
    client.force_login(fair)
    fair_url = reverse(
        "review:review", args=[round_.invitations.get(reviewer=fair).token]
    )
    assert client.get(fair_url).status_code == 200
