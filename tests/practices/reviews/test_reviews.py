"""Parent review: rounds, quorum, re-approval, invitations and the editors' screens."""

import pytest

from django.core import mail
from django.test import TestCase

from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from practices.choices import Recommendation
from practices.models import PracticePage
from practices.reviews.models import (
    ParentReview,
    ParentReviewTask,
    ParentReviewTaskState,
)
from practices.reviews.rules import submit_review
from tests.practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
    review_answers,
)


@pytest.fixture
def draft(home_page, people):
    library = PracticeIndexPageFactory(parent=home_page)
    page = PracticePageFactory(
        parent=library,
        title="Family Time Coaching",
        slug="family-time-coaching",
        live=False,
    )
    page.save_revision(user=people["editor"])
    return page


def submit_for_review(page, user):
    return page.get_workflow().start(page, user)


def current_round(page):
    return PracticePage.objects.get(pk=page.pk).current_workflow_task_state.specific


def review_as(parent, page, recommendation=Recommendation.RECOMMEND, **answers):
    return submit_review(
        current_round(page), parent, **review_answers(recommendation, **answers)
    )


def sign_off(page, moderator):
    state = current_round(page)
    state.task.specific.on_action(state, moderator, "approve")


@pytest.mark.django_db
def test_round_stays_open_until_the_required_number_of_parents_have_reviewed(
    draft, people
):
    submit_for_review(draft, people["editor"])
    review_as(people["parents"][0], draft)
    review_as(people["parents"][1], draft)
    state = current_round(draft)
    assert isinstance(state.task.specific, ParentReviewTask)
    assert state.status == TaskState.STATUS_IN_PROGRESS

    review_as(people["parents"][2], draft)
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert (
        state.comment
        == "Parent review passed. 3 of 3 parent reviewers recommend this practice."
    )
    assert current_round(draft).task.name == "Editorial sign-off"


@pytest.mark.django_db
def test_recommend_with_conditions_counts_as_recommending(draft, people):
    submit_for_review(draft, people["editor"])
    review_as(people["parents"][0], draft, Recommendation.RECOMMEND_WITH_CONDITIONS)
    review_as(people["parents"][1], draft, Recommendation.RECOMMEND_WITH_CONDITIONS)
    review_as(people["parents"][2], draft, Recommendation.DO_NOT_RECOMMEND)
    assert current_round(draft).task.name == "Editorial sign-off"


@pytest.mark.django_db
def test_when_most_parents_do_not_recommend_the_draft_goes_back_to_the_editor_unpublished(
    draft, people
):
    workflow_state = submit_for_review(draft, people["editor"])
    round_ = current_round(draft)
    with TestCase.captureOnCommitCallbacks(execute=True):
        review_as(people["parents"][0], draft, Recommendation.RECOMMEND)
        review_as(people["parents"][1], draft, Recommendation.DO_NOT_RECOMMEND)
        review_as(people["parents"][2], draft, Recommendation.DO_NOT_RECOMMEND)

    workflow_state.refresh_from_db()
    round_.refresh_from_db()
    assert round_.status == TaskState.STATUS_REJECTED
    assert (
        round_.comment
        == "Parent review did not pass. 1 of 3 parent reviewers recommend this practice."
    )
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not PracticePage.objects.get(pk=draft.pk).live
    # The editor who sent it is told, once, in plain words.
    to_editor = [m.subject for m in mail.outbox if people["editor"].email in m.to]
    assert to_editor == ["Parents did not recommend “Family Time Coaching”"]


@pytest.mark.django_db
def test_share_needed_to_pass_is_configurable(draft, people):
    task = ParentReviewTask.objects.get()
    task.recommend_share = 100
    task.reviews_required = 2
    task.save()
    workflow_state = submit_for_review(draft, people["editor"])
    review_as(people["parents"][0], draft, Recommendation.RECOMMEND)
    review_as(people["parents"][1], draft, Recommendation.DO_NOT_RECOMMEND)
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


# A Task sets its content type when made, from Django's ContentType cache or, when that is cold in
# this worker, from the database.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("recommends", "total", "share", "passes"),
    [
        (2, 3, 51, True),
        (1, 3, 51, False),
        (2, 4, 51, False),
        (3, 4, 51, True),
        (3, 3, 100, True),
        (2, 3, 100, False),
    ],
)
def test_pass_rule_needs_at_least_the_share_of_reviews_to_recommend(
    recommends, total, share, passes
):
    assert ParentReviewTask(recommend_share=share).passes(recommends, total) is passes


@pytest.mark.django_db
def test_an_edit_after_parents_approved_sends_the_practice_back_to_them(draft, people):
    workflow_state = submit_for_review(draft, people["editor"])
    for parent in people["parents"][:3]:
        review_as(parent, draft)
    mail.outbox.clear()

    # During editorial sign-off a moderator changes what parents judged.
    page = PracticePage.objects.get(pk=draft.pk)
    page.intervention = "<p>A different intervention from the one parents read.</p>"
    page.save_revision(user=people["moderator"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        sign_off(page, people["moderator"])

    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    new_round = current_round(draft)
    assert isinstance(new_round.task.specific, ParentReviewTask)
    assert new_round.revision_id == page.get_latest_revision().pk
    assert not PracticePage.objects.get(pk=draft.pk).live
    assert sorted(
        address for message in mail.outbox for address in message.to
    ) == sorted(parent.email for parent in people["parents"])


@pytest.mark.django_db
def test_writing_the_feedback_summary_after_review_does_not_send_it_back_to_parents(
    draft, people
):
    submit_for_review(draft, people["editor"])
    for parent in people["parents"][:3]:
        review_as(parent, draft)
    mail.outbox.clear()

    page = PracticePage.objects.get(pk=draft.pk)
    page.feedback_summary = [
        {"type": "point", "value": "Parents recommend it, with fair pay for partners."}
    ]
    page.save_revision(user=people["moderator"])
    sign_off(page, people["moderator"])

    # Parents' round carries over to the new version without asking them again…
    carried = (
        ParentReviewTaskState.objects.filter(workflow_state__object_id=str(draft.pk))
        .order_by("-pk")
        .first()
    )
    assert carried.status == TaskState.STATUS_APPROVED
    assert carried.revision_id == page.get_latest_revision().pk
    assert "only Alia's summary changed" in carried.comment
    assert [m for m in mail.outbox if "Please review" in m.subject] == []
    assert not carried.invitations.exists()
    # …and the moderator approves the exact text that will be published.
    assert not PracticePage.objects.get(pk=draft.pk).live
    assert current_round(draft).task.name == "Editorial sign-off"
    sign_off(page, people["moderator"])

    live = PracticePage.objects.get(pk=draft.pk)
    assert live.live
    assert (
        live.feedback_summary[0].value
        == "Parents recommend it, with fair pay for partners."
    )
    assert live.parent_review.reviewer_count == 3


@pytest.mark.django_db
def test_how_the_editor_writes_empty_or_keyed_rich_text_is_not_a_change_parents_review(
    draft, people
):
    """The moderator's edit screen sends an empty step detail as an empty keyed paragraph, and
    keys every paragraph: the same words, so sign-off publishes without a new round."""
    page = PracticePage.objects.get(pk=draft.pk)
    page.title = "[Pilot] Family Time Coaching"
    page.steps = [("step", {"title": "Meet a parent-led organization", "detail": ""})]
    page.save_revision(user=people["editor"])
    submit_for_review(page, people["editor"])
    for parent in people["parents"][:3]:
        review_as(parent, draft)

    page = PracticePage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    page.intervention = page.intervention.replace("<p>", '<p data-block-key="a1b2c">')
    page.steps = [
        (
            "step",
            {
                "title": "Meet a parent-led organization",
                "detail": RichText('<p data-block-key="x9y8z"></p>'),
            },
        )
    ]
    page.save_revision(user=people["moderator"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        sign_off(page, people["moderator"])
        assert current_round(draft).task.name == "Editorial sign-off"
        sign_off(page, people["moderator"])

    assert PracticePage.objects.get(pk=draft.pk).live
    # One round put to parents, and nobody invited again.
    assert (
        ParentReviewTaskState.objects.filter(invitations__isnull=False)
        .distinct()
        .count()
        == 1
    )
    assert [m for m in mail.outbox if "Please review" in m.subject] == []


@pytest.mark.django_db
def test_published_practice_reports_reviews_from_the_records(draft, people, client):
    submit_for_review(draft, people["editor"])
    review_as(people["parents"][0], draft, Recommendation.RECOMMEND)
    review_as(people["parents"][1], draft, Recommendation.RECOMMEND_WITH_CONDITIONS)
    review_as(people["parents"][2], draft, Recommendation.DO_NOT_RECOMMEND)
    sign_off(draft, people["moderator"])

    practice = PracticePage.objects.get(pk=draft.pk)
    assert practice.live
    assert practice.review_date == practice.parent_review.finished_at.date()
    html = client.get("/library/family-time-coaching/").content.decode()
    assert "<dd>3 parents; 2 recommend</dd>" in html
    assert "Parent Voices" in html


@pytest.mark.django_db
def test_reviewers_in_the_group_are_invited_and_nobody_else(draft, people):
    other_group_user = make_user("outsider", "Editors")
    inactive = make_user("inactive-parent", "Parent reviewers", is_active=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        submit_for_review(draft, people["editor"])
    round_ = current_round(draft)

    invited = sorted(round_.invitations.values_list("reviewer__username", flat=True))
    assert invited == sorted(parent.username for parent in people["parents"])
    recipients = sorted(
        address
        for message in mail.outbox
        if "Please review" in message.subject
        for address in message.to
    )
    assert recipients == sorted(parent.email for parent in people["parents"])
    for address in (
        people["editor"].email,
        people["moderator"].email,
        other_group_user.email,
        inactive.email,
    ):
        assert address not in recipients


@pytest.mark.django_db
def test_the_person_who_submitted_is_not_asked_to_review_their_own_practice(
    draft, people
):
    both = make_user("editor-and-parent", "Editors", "Parent reviewers")
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        submit_for_review(draft, both)
    recipients = [address for message in mail.outbox for address in message.to]
    assert both.email not in recipients
    assert not current_round(draft).invitations.filter(reviewer=both).exists()


@pytest.mark.django_db
def test_one_review_per_parent_per_round(draft, people):
    submit_for_review(draft, people["editor"])
    review_as(people["parents"][0], draft)
    with pytest.raises(Exception, match="one_review_per_reviewer_per_round"):
        review_as(people["parents"][0], draft)
    assert ParentReview.objects.filter(reviewer=people["parents"][0]).count() == 1


@pytest.mark.django_db
def test_every_review_pass_and_publication_is_in_the_audit_log(draft, people):
    submit_for_review(draft, people["editor"])
    for parent in people["parents"][:3]:
        review_as(parent, draft)
    sign_off(draft, people["moderator"])
    actions = list(
        PageLogEntry.objects.filter(page=draft)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert actions.count(("practices.parent_review.submit", "parent0")) == 1
    assert ("wagtail.workflow.approve", None) in actions
    assert ("wagtail.workflow.approve", "moderator") in actions
    assert ("wagtail.publish", "moderator") in actions


@pytest.mark.django_db
def test_editors_cannot_edit_the_practice_while_parents_review_it(
    draft, people, client
):
    submit_for_review(draft, people["editor"])
    client.force_login(people["editor"])
    edit_url = f"/admin/pages/{draft.pk}/edit/"
    assert "This page is currently locked" in client.get(edit_url).content.decode() or (
        "locked" in client.get(edit_url).content.decode().lower()
    )
    data = nested_form_data(
        {
            "title": "Changed behind the parents' backs",
            "slug": draft.slug,
            "summary": draft.summary,
            "feedback_summary": streamfield([]),
            "intervention": rich_text(draft.intervention),
            "why_bright_spot": rich_text(draft.why_bright_spot),
            "steps": streamfield(
                [("step", {"title": "A step", "detail": rich_text("<p>Detail</p>")})]
            ),
            "state": draft.state,
            "resources-TOTAL_FORMS": 0,
            "resources-INITIAL_FORMS": 0,
            "resources-MIN_NUM_FORMS": 0,
            "resources-MAX_NUM_FORMS": 1000,
        }
    )
    revisions_before = draft.revisions.count()
    client.post(edit_url, data)
    assert draft.revisions.count() == revisions_before
    assert (
        PracticePage.objects.get(pk=draft.pk).get_latest_revision().as_object().title
        == "Family Time Coaching"
    )


# The editors' screens


@pytest.fixture
def open_round(draft, people):
    submit_for_review(draft, people["editor"])
    return current_round(draft)


@pytest.mark.django_db
def test_editor_lists_and_exports_parent_reviews(client, open_round, people):
    submit_review(
        open_round, people["parents"][0], **review_answers(comments="=HYPERLINK(1)")
    )
    client.force_login(people["editor"])
    listing = client.get("/admin/practices/parentreview/")
    assert listing.status_code == 200
    assert "Family Time Coaching" in listing.content.decode()
    export = client.get("/admin/practices/parentreview/?export=csv")
    assert export.status_code == 200
    body = (
        b"".join(export.streaming_content).decode()
        if export.streaming
        else export.content.decode()
    )
    assert "It keeps parents involved from the first meeting." in body
    # A parent's answer must never run as a spreadsheet formula.
    assert ",'=HYPERLINK(1)," in body
    assert ",=HYPERLINK(1)," not in body
    xlsx = client.get("/admin/practices/parentreview/?export=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    assert content.startswith(b"PK")


@pytest.mark.django_db
def test_editor_sees_reviews_so_far_on_the_practice_edit_screen(
    client, open_round, people
):
    submit_review(
        open_round,
        people["parents"][0],
        **review_answers(Recommendation.DO_NOT_RECOMMEND),
    )
    client.force_login(people["moderator"])
    html = client.get(
        f"/admin/pages/{open_round.workflow_state.object_id}/edit/"
    ).content.decode()
    assert "Parent reviews" in html
    assert "1 of 3 reviews; 0 recommend." in html
    assert "Parent 0" in html and "No, I do not recommend it" in html
    assert "Parent partners could be overruled by caseworkers." in html
