"""What editors see of parent review: the dashboard's rounds, the message after submit, the outcome email."""

import html
import re

import pytest

from django.contrib.messages import get_messages
from django.test import TestCase

from practices.choices import Recommendation
from practices.models import PracticePage
from practices.reviews.rules import submit_review
from tests.practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
    review_answers,
)
from tests.practices.reviews.test_permissions import edit_form_data

from .helpers import emails_to, start_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(home_page):
    return {
        "editor": make_user("editor", "Editors", first_name="Erin"),
        "moderator": make_user("moderator", "Moderators"),
        "parents": [make_user(f"parent{n}", "Parent reviewers") for n in range(4)],
        "library": PracticeIndexPageFactory(parent=home_page),
    }


def row_text(html, title):
    row = re.search(
        rf"<tr>(?:(?!</tr>).)*{re.escape(title)}.*?</tr>", html, re.S
    ).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


def test_the_dashboard_lists_rounds_with_due_date_answers_recommends_and_status(
    client, cast
):
    open_round = start_review(
        PracticePageFactory(parent=cast["library"], title="Kin First", live=False),
        cast["editor"],
    )
    submit_review(
        open_round, cast["parents"][0], **review_answers(Recommendation.RECOMMEND)
    )
    submit_review(
        open_round,
        cast["parents"][1],
        **review_answers(Recommendation.DO_NOT_RECOMMEND),
    )
    passed = start_review(
        PracticePageFactory(parent=cast["library"], title="Family Time", live=False),
        cast["editor"],
    )
    for parent in cast["parents"][:3]:
        submit_review(passed, parent, **review_answers(Recommendation.RECOMMEND))

    for role in ("editor", "moderator"):
        client.force_login(cast[role])
        html = client.get("/admin/").content.decode()
        assert "Parent review rounds" in html
        due = (
            f"{open_round.due_at.astimezone():%a} {open_round.due_at.astimezone().day}"
        )
        kin = row_text(html, "Kin First")
        assert "2 of 3" in kin and " 1 " in f" {kin} " and "Open" in kin
        assert due.split()[0] in kin
        family = row_text(html, "Family Time")
        assert "3 of 3" in family and "Parents recommended it" in family


def test_after_submit_the_editor_is_told_how_many_parents_were_invited_and_until_when(
    client, cast
):
    page = PracticePageFactory(parent=cast["library"], title="Kin First", live=False)
    page.save_revision(user=cast["editor"])
    client.force_login(cast["editor"])
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form_data(page, **{"action-submit": "action-submit"}),
    )
    said = [
        html.unescape(re.sub(r"<[^>]+>", " ", str(message))).strip()
        for message in get_messages(response.wsgi_request)
    ]
    assert said[0].startswith("'Kin First' has been sent to parent review.")
    assert said[1].startswith("4 parents were invited to review it. They have until ")
    assert not any("moderation" in message for message in said)


@pytest.mark.parametrize(
    ("answers", "subject", "says"),
    [
        (
            [Recommendation.RECOMMEND] * 3,
            "Parents recommended “Kin First”",
            "3 of 3 recommend. It now waits for editorial sign-off.",
        ),
        (
            [Recommendation.DO_NOT_RECOMMEND] * 2 + [Recommendation.RECOMMEND],
            "Parents did not recommend “Kin First”",
            "1 of 3 recommend. It is back with the editors, unpublished.",
        ),
    ],
)
def test_the_editor_who_submitted_is_emailed_how_the_round_ended(
    cast, answers, subject, says
):
    round_ = start_review(
        PracticePageFactory(parent=cast["library"], title="Kin First", live=False),
        cast["editor"],
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        for parent, recommendation in zip(cast["parents"], answers, strict=False):
            submit_review(round_, parent, **review_answers(recommendation))
    (email,) = emails_to(cast["editor"])
    assert email.subject == subject
    assert says in email.body
    assert f"/admin/pages/{round_.workflow_state.object_id}/edit/" in email.body
    assert email.alternatives[0][1] == "text/html"
    # The parent who did not answer is thanked and told they need not.
    (note,) = emails_to(cast["parents"][3], "has closed")
    assert "Enough parents had already answered." in note.body


def test_a_sign_off_whose_edit_changes_what_parents_read_says_it_went_back_to_them(
    client, cast
):
    round_ = start_review(
        PracticePageFactory(parent=cast["library"], title="Kin First", live=False),
        cast["editor"],
    )
    for parent in cast["parents"][:3]:
        submit_review(round_, parent, **review_answers(Recommendation.RECOMMEND))
    page = PracticePage.objects.get(pk=round_.workflow_state.object_id)
    client.force_login(cast["moderator"])
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form_data(
            page,
            summary="A different summary from the one parents read.",
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        ),
    )
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(
        message.startswith("Not published: your changes alter what parents reviewed")
        and "4 parents were invited" in message
        for message in said
    ), said
    assert not PracticePage.objects.get(pk=page.pk).live
