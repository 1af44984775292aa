"""Bots get exactly what people get and store nothing; people are stored; one client is rate limited."""

import itertools
import time

import pytest

from django.core import mail, signing
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from practices.contributions.models import PracticeFeedback, PracticeSubmission
from practices.contributions.spam import (
    HONEYPOT_FIELD,
    TOKEN_FIELD,
    TOKEN_SALT,
    form_token,
)
from tests.practices.factories import PracticeIndexPageFactory, PracticePageFactory

from .factories import (
    THANKS_URL,
    feedback_data,
    feedback_url,
    new_address,
    post_from,
    submission_data,
    submit_url,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

REDIS_URL = "redis://127.0.0.1:6379/13"


def forged_token():
    token = form_token(time.time() - 60)
    return token[:-1] + ("B" if token.endswith("A") else "A")


@pytest.fixture
def one_window(settings):
    """A window no test run crosses the end of, so a count cannot reset halfway through a test."""
    settings.CONTRIBUTION_RATE_WINDOW = 10**9


# Every way the checks tell a bot: the honeypot filled, the token forged, not a time, or too new.
# (A form sent with no token at all is shown again to be sent once more: that is a person without JavaScript.)
# Made at post time: a token made at import would be old enough to pass as a person's by then.
BOT_TRICKS = [
    ("honeypot filled", lambda: {HONEYPOT_FIELD: "http://cheap-pills.example"}),
    ("forged token", lambda: {TOKEN_FIELD: forged_token()}),
    (
        "token that is not a time",
        lambda: {TOKEN_FIELD: signing.dumps("soon", salt=TOKEN_SALT)},
    ),
    ("sent within a second", lambda: {TOKEN_FIELD: form_token()}),
]


def answer(response):
    """What a client can see of an answer."""
    return (
        response.status_code,
        response.get("Location"),
        response.content,
        sorted(response.cookies),
        sorted(key for key in response.headers if key.lower() != "date"),
    )


def test_200_bot_posts_store_nothing_and_get_the_same_answer_as_a_person(
    client, submission_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = answer(post_from(client, submit_url(), submission_data()))
        tricks = itertools.islice(itertools.cycle(BOT_TRICKS), 200)
        bot_answers = [
            (name, answer(post_from(client, submit_url(), submission_data(**trick()))))
            for name, trick in tricks
        ]

    assert person[:2] == (302, THANKS_URL)
    assert [name for name, bot in bot_answers if bot != person] == []
    assert len(bot_answers) == 200
    assert PracticeSubmission.objects.count() == 1  # the person's
    assert len(mail.outbox) == 1


def test_bots_on_the_feedback_form_get_the_persons_answer_and_store_nothing(
    client, home_page
):
    library = PracticeIndexPageFactory(parent=home_page)
    practice = PracticePageFactory(parent=library)
    url = feedback_url(practice)

    person = answer(post_from(client, url, feedback_data()))
    bots = [
        answer(post_from(client, url, feedback_data(**trick())))
        for _, trick in BOT_TRICKS * 4
    ]

    assert person[:2] == (302, f"{practice.url}feedback/thanks/")
    assert all(bot == person for bot in bots)
    assert PracticeFeedback.objects.count() == 1


def test_50_people_from_different_clients_are_all_stored(client, submission_page):
    answers = [
        post_from(
            client, submit_url(), submission_data(practice_name=f"Practice {number}")
        ).status_code
        for number in range(50)
    ]

    assert answers == [302] * 50
    assert PracticeSubmission.objects.count() == 50
    assert set(PracticeSubmission.objects.values_list("practice_name", flat=True)) == {
        f"Practice {number}" for number in range(50)
    }


def test_the_rate_limit_answers_429_at_limit_plus_one_and_keeps_the_typed_text(
    client, submission_page, settings, one_window
):
    settings.CONTRIBUTION_RATE_LIMIT = 5
    address = new_address()

    allowed = [
        post_from(client, submit_url(), submission_data(), address).status_code
        for _ in range(5)
    ]
    refused = post_from(
        client, submit_url(), submission_data(practice_name="One too many"), address
    )

    assert allowed == [302] * 5
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= settings.CONTRIBUTION_RATE_WINDOW
    html = refused.content.decode()
    assert "Please wait a little before sending this" in html
    assert 'value="One too many"' in html
    assert PracticeSubmission.objects.count() == 5
    # Someone else is not held back by this client.
    assert post_from(client, submit_url(), submission_data()).status_code == 302


def test_both_forms_share_one_budget_per_client(
    client, submission_page, settings, one_window
):
    settings.CONTRIBUTION_RATE_LIMIT = 2
    library = PracticeIndexPageFactory(parent=submission_page.get_parent())
    practice = PracticePageFactory(parent=library)
    address = new_address()

    post_from(client, submit_url(), submission_data(), address)
    post_from(client, submit_url(), submission_data(), address)
    refused = post_from(
        client, feedback_url(practice), feedback_data(message="Kept text"), address
    )

    assert refused.status_code == 429
    assert "Kept text" in refused.content.decode()
    assert not PracticeFeedback.objects.exists()


def test_with_redis_every_app_server_counts_against_the_same_limit(
    client, submission_page, settings, one_window
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "brightspots-test",
        }
    }
    settings.CONTRIBUTION_RATE_LIMIT = 3
    caches["default"].clear()
    address = new_address()
    # Another app server: its own connection to the same Redis.
    other_server = RedisCache(REDIS_URL, {"KEY_PREFIX": "brightspots-test"})
    try:
        for _ in range(2):
            assert (
                post_from(client, submit_url(), submission_data(), address).status_code
                == 302
            )
        window = int(time.time() // settings.CONTRIBUTION_RATE_WINDOW)
        key = f"ratelimit:contributions:{address}:{window}"
        assert other_server.get(key) == 2
        other_server.incr(key)  # the other server took the third post

        refused = post_from(client, submit_url(), submission_data(), address)
        assert refused.status_code == 429
    finally:
        caches["default"].clear()
    assert PracticeSubmission.objects.count() == 2
