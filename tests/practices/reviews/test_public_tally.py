"""The public tally is the live revision's round: a draft's round shows nowhere public until it is published."""

import datetime

import pytest

from django.test import Client

from wagtail.models import TaskState

from practices.choices import Recommendation
from practices.models import PracticePage
from practices.reviews.rules import submit_review
from tests.practices.factories import (
    OrganisationFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
    publish_through_parent_review,
    review_answers,
)

pytestmark = pytest.mark.django_db


def public_tally(page):
    """What a reader and an API client are told about the review of this practice."""
    html = Client().get(page.url).content.decode()
    api = Client().get(f"/api/v2/pages/{page.pk}/").json()
    listing = (
        Client()
        .get(
            "/api/v2/pages/",
            {"type": "practices.PracticePage", "fields": "parent_review"},
        )
        .json()["items"][0]
    )
    return html, api, listing


@pytest.fixture
def live_practice(home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    page = publish_through_parent_review(
        PracticePageFactory(parent=library, title="Kin first"),
        recommendations=["recommend"] * 3,
        closed_on=datetime.date(2026, 3, 1),
    )
    return page


@pytest.mark.parametrize("moderator_decides", ["nothing yet", "reject"])
def test_a_drafts_round_changes_nothing_public_until_its_revision_is_published(
    live_practice, moderator_decides
):
    editor = make_user("second-editor", "Editors")
    moderator = make_user("second-moderator", "Moderators")
    before = public_tally(live_practice)
    assert "3 parents; 3 recommend" in before[0]
    assert before[1]["parent_review"]["reviewer_count"] == 3

    draft = PracticePage.objects.get(pk=live_practice.pk)
    draft.summary = "A changed summary that parents must see."
    draft.save_revision(user=editor)
    round_ = draft.get_workflow().start(draft, editor).current_task_state.specific
    organisation = OrganisationFactory(name="Another Voice", kind="parent_led")
    for number, recommendation in enumerate(
        ["recommend", "recommend", "do_not_recommend"]
    ):
        submit_review(
            round_,
            make_user(f"new-parent-{number}", "Parent reviewers"),
            **review_answers(
                Recommendation(recommendation), reviewer_organisation=organisation
            ),
        )
    round_.refresh_from_db()
    assert (
        round_.status == TaskState.STATUS_APPROVED
    )  # the draft's round passed: 2 of 3
    if moderator_decides == "reject":
        sign_off = PracticePage.objects.get(pk=draft.pk).current_workflow_task_state
        sign_off.task.specific.on_action(sign_off, moderator, "reject")

    live = PracticePage.objects.get(pk=live_practice.pk)
    after = public_tally(live)
    assert "3 parents; 3 recommend" in after[0]
    assert "Another Voice" not in after[0]
    assert "March 2026" in after[0]
    assert after[1]["parent_review"] == before[1]["parent_review"]
    assert after[1]["review_date"] == "2026-03-01"
    assert after[2]["parent_review"] == before[2]["parent_review"]


def test_once_the_draft_is_signed_off_its_round_is_the_public_tally(live_practice):
    editor = make_user("second-editor", "Editors")
    moderator = make_user("second-moderator", "Moderators")
    draft = PracticePage.objects.get(pk=live_practice.pk)
    draft.summary = "A changed summary that parents must see."
    draft.save_revision(user=editor)
    round_ = draft.get_workflow().start(draft, editor).current_task_state.specific
    for number, recommendation in enumerate(
        ["recommend", "do_not_recommend", "recommend"]
    ):
        submit_review(
            round_,
            make_user(f"new-parent-{number}", "Parent reviewers"),
            **review_answers(Recommendation(recommendation)),
        )
    sign_off = PracticePage.objects.get(pk=draft.pk).current_workflow_task_state
    sign_off.task.specific.on_action(sign_off, moderator, "approve")

    live = PracticePage.objects.get(pk=live_practice.pk)
    html, api, listing = public_tally(live)
    assert live.summary == "A changed summary that parents must see."
    assert "3 parents; 2 recommend" in html
    assert (
        api["parent_review"]["reviewer_count"],
        api["parent_review"]["recommend_count"],
    ) == (3, 2)
    assert listing["parent_review"] == api["parent_review"]
    assert api["review_date"] == datetime.date.today().isoformat()
