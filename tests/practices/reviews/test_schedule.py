"""The review calendar, with the clock moved: reminders 3 days before the due date, closing at it.

`manage.py review_schedule` runs every hour of the round's life here, as cron would run it.
"""

import datetime
import io
import threading

import pytest
import time_machine

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState

from practices.choices import Recommendation
from practices.models import PracticePage
from practices.reviews.models import ParentReview, ParentReviewTask, RoundOutcome
from practices.reviews.rules import RoundClosed, submit_review
from practices.reviews.schedule import close_due_round
from tests.practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
    review_answers,
)

from .helpers import emails_to, start_review

pytestmark = pytest.mark.django_db

STARTED = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def cast(home_page):
    return {
        "editor": make_user("editor", "Editors"),
        "parents": [
            make_user(f"parent{n}", "Parent reviewers", first_name=f"Parent{n}")
            for n in range(4)
        ],
        "library": PracticeIndexPageFactory(parent=home_page),
    }


def run_schedule():
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("review_schedule", stdout=io.StringIO())


def test_a_round_short_of_its_quorum_is_reminded_once_then_closed_at_its_due_date(cast):
    assert ParentReviewTask.objects.get().reviews_required == 3
    parents = cast["parents"]
    with time_machine.travel(STARTED, tick=False):
        round_ = start_review(
            PracticePageFactory(parent=cast["library"], title="Kin First", live=False),
            cast["editor"],
        )
    assert round_.invitations.count() == 4
    due = round_.due_at
    assert timezone.localtime(due).date() == timezone.localdate(
        STARTED
    ) + datetime.timedelta(days=14)
    with time_machine.travel(STARTED + datetime.timedelta(days=1), tick=False):
        for parent in parents[:2]:
            submit_review(round_, parent, **review_answers(Recommendation.RECOMMEND))

    mail.outbox.clear()
    reminders_at = {}
    closed_at = None
    now = STARTED
    while now <= due + datetime.timedelta(hours=3):
        with time_machine.travel(now, tick=False):
            run_schedule()
        for parent in parents:
            reminded = emails_to(parent, "Reminder: please review")
            if reminded:
                reminders_at.setdefault(parent.username, []).extend(
                    [now] * len(reminded)
                )
        mail.outbox[:] = [
            m for m in mail.outbox if "Reminder: please review" not in m.subject
        ]
        round_.refresh_from_db()
        if closed_at is None and not round_.is_open:
            closed_at = now
        now += datetime.timedelta(hours=1)

    # Reminders: once, to the two who had not answered, at the first run 3 days before the due date.
    first_run_in_window = min(
        STARTED + datetime.timedelta(hours=h)
        for h in range(24 * 20)
        if STARTED + datetime.timedelta(hours=h) >= due - datetime.timedelta(days=3)
    )
    assert reminders_at == {
        "parent2": [first_run_in_window],
        "parent3": [first_run_in_window],
    }
    # Closed at the first run after the due date, as "not enough reviews", and back with the editors.
    assert closed_at == min(
        STARTED + datetime.timedelta(hours=h)
        for h in range(24 * 20)
        if STARTED + datetime.timedelta(hours=h) >= due
    )
    assert round_.status == TaskState.STATUS_REJECTED
    assert round_.outcome == RoundOutcome.NOT_ENOUGH_REVIEWS
    assert "2 of the 3 reviews needed" in round_.comment
    assert round_.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not PracticePage.objects.get(pk=round_.workflow_state.object_id).live

    (editor_email,) = emails_to(cast["editor"])
    assert editor_email.subject == "Not enough parents reviewed “Kin First” in time"
    assert "2 of the 3 reviews needed arrived" in editor_email.body
    for silent in parents[2:]:
        (note,) = emails_to(silent, "has closed")
        assert "before enough parents had answered" in note.body
        assert note.alternatives[0][1] == "text/html"
    for answered in parents[:2]:
        assert emails_to(answered) == []

    # Running it again, later, does nothing more.
    sent = len(mail.outbox)
    with time_machine.travel(due + datetime.timedelta(days=2), tick=False):
        run_schedule()
    assert len(mail.outbox) == sent


def test_a_parent_who_joins_the_panel_mid_round_is_invited_by_the_next_run(cast):
    with time_machine.travel(STARTED, tick=False):
        round_ = start_review(
            PracticePageFactory(parent=cast["library"], title="Kin First", live=False),
            cast["editor"],
        )
    newcomer = make_user("newcomer", "Parent reviewers")
    with time_machine.travel(STARTED + datetime.timedelta(days=2), tick=False):
        run_schedule()
        run_schedule()
    assert round_.invitations.filter(reviewer=newcomer).count() == 1
    assert len(emails_to(newcomer, "Please review")) == 1


def race(round_, parent, after_due):
    """The last review needed and the closing run, released together on their own connections."""
    barrier = threading.Barrier(2)
    results = {}

    def review():
        try:
            barrier.wait()
            submit_review(round_, parent, **review_answers(Recommendation.RECOMMEND))
            results["review"] = "saved"
        except RoundClosed:
            results["review"] = "refused"
        finally:
            connection.close()

    def close():
        try:
            barrier.wait()
            results["close"] = close_due_round(round_.pk, after_due)
        finally:
            connection.close()

    threads = [threading.Thread(target=review), threading.Thread(target=close)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_last_review_and_the_due_date_at_the_same_moment_never_both_win(cast):
    """The review that completes the quorum and the closing run race; exactly one of them counts."""
    outcomes = []
    for attempt in range(6):
        with time_machine.travel(STARTED, tick=False):
            round_ = start_review(
                PracticePageFactory(
                    parent=cast["library"], title=f"Race {attempt}", live=False
                ),
                cast["editor"],
            )
        for parent in cast["parents"][:2]:
            submit_review(round_, parent, **review_answers(Recommendation.RECOMMEND))
        results = race(
            round_, cast["parents"][2], round_.due_at + datetime.timedelta(minutes=1)
        )
        round_.refresh_from_db()
        stored = ParentReview.objects.filter(task_state=round_).count()
        if results["review"] == "saved":
            # The review came first and completed the quorum: the round passed on 3 reviews.
            assert (round_.outcome, stored) == (RoundOutcome.RECOMMENDED, 3)
        else:
            # The closing came first: the late review was refused and not stored.
            assert (round_.outcome, stored) == (RoundOutcome.NOT_ENOUGH_REVIEWS, 2)
        outcomes.append(results["review"])
    assert set(outcomes) <= {"saved", "refused"}
