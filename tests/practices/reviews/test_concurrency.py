"""Reviews that arrive at the same moment as the quorum: only those that closed the round count.

Five parents post "do not recommend" from five threads at once (each thread its own database
connection to PostgreSQL, as five app servers would have), after two have recommended, on a round
that needs three. Repeated, because a race that loses once in ten is still a race.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from wagtail.models import TaskState

from practices.choices import Recommendation
from practices.models import PracticePage
from practices.reviews.models import ParentReview
from practices.reviews.rules import submit_review
from tests.practices.factories import (
    OrganisationFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
    review_answers,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ATTEMPTS = 8
LATE = 5
SAVED = "sent to the thank-you page"
TOO_LATE = "This review has just closed, so your answers were not counted. Thank you for your time."


def post_at_once(clients, data):
    """Each (client, its review link) posts once, all released together; returns what each was told."""
    barrier = threading.Barrier(len(clients))

    def post(client_and_url):
        client, url = client_and_url
        try:
            barrier.wait()
            response = client.post(url, data)
            assert response.status_code == 302
            if response["Location"].endswith("/thanks/"):
                return [SAVED]
            return [str(m) for m in get_messages(response.wsgi_request)]
        finally:
            connection.close()

    with ThreadPoolExecutor(len(clients)) as pool:
        return list(pool.map(post, clients))


def test_reviews_racing_the_quorum_are_refused_with_a_plain_message_and_never_counted(
    home_page,
):
    editor = make_user("editor", "Editors")
    moderator = make_user("moderator", "Moderators")
    early = [make_user(f"early{n}", "Parent reviewers") for n in range(2)]
    late = [make_user(f"late{n}", "Parent reviewers") for n in range(LATE)]
    organisation = OrganisationFactory(name="Parent Voices", kind="parent_led")
    library = PracticeIndexPageFactory(parent=home_page)
    no = {
        "reviewer_organisation": organisation.pk,
        "keeps_families_together": "Not as written.",
        "impact_on_field": "Little.",
        "negative_consequences": "Parents could be judged for saying no.",
        "recommendation": Recommendation.DO_NOT_RECOMMEND,
    }
    for attempt in range(ATTEMPTS):
        page = PracticePageFactory(parent=library, live=False, title=f"Race {attempt}")
        page.save_revision(user=editor)
        round_ = page.get_workflow().start(page, editor).current_task_state.specific
        for parent in early:
            submit_review(round_, parent, **review_answers(Recommendation.RECOMMEND))

        clients = []
        for parent in late:
            client = Client()
            client.force_login(parent)
            token = round_.invitations.get(reviewer=parent).token
            clients.append((client, reverse("review:review", args=[token])))
        messages = post_at_once(clients, no)

        assert sorted(messages) == sorted([[SAVED]] + [[TOO_LATE]] * (LATE - 1))
        stored = ParentReview.objects.filter(task_state=round_)
        assert stored.count() == 3
        assert stored.positive().count() == 2
        round_.refresh_from_db()
        assert round_.status == TaskState.STATUS_APPROVED  # 2 of 3 recommend
        assert "2 of 3 parent reviewers recommend" in round_.comment

        sign_off = PracticePage.objects.get(pk=page.pk).current_workflow_task_state
        sign_off.task.specific.on_action(sign_off, moderator, "approve")
        page = PracticePage.objects.get(pk=page.pk)
        assert page.live
        assert (
            page.parent_review.reviewer_count,
            page.parent_review.recommend_count,
        ) == (3, 2)
        shown = Client().get(page.url).content.decode()
        assert "3 parents; 2 recommend" in shown
        api = Client().get(f"/api/v2/pages/{page.pk}/").json()["parent_review"]
        assert (api["reviewer_count"], api["recommend_count"]) == (3, 2)
