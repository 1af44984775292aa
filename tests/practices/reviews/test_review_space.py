"""The parents' review space at /review/: signing in, the review screen, closed rounds, who may see what."""

import datetime
import re

import pytest
import time_machine

from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone

from practices.choices import Recommendation
from practices.reviews.models import ParentReview
from practices.reviews.rules import submit_review
from tests.practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    TopicFactory,
    make_user,
    publish_through_parent_review,
    review_answers,
)

from .helpers import emails_to, link_for, link_in, start_review

pytestmark = pytest.mark.django_db

PASSWORD = "irrelevant"
# Words of Wagtail's moderation machinery that a parent should never have to read.
JARGON = re.compile(r"\b(wagtail|workflow|task|revision|moderation)\b", re.I)


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def round_(library, people):
    page = PracticePageFactory(
        parent=library,
        title="Family Time Coaching",
        slug="family-time-coaching",
        live=False,
    )
    return start_review(page, people["editor"])


def form_data(**overrides):
    answers = review_answers()
    return {
        **{k: v for k, v in answers.items() if k != "reviewer_organisation"},
        "reviewer_organisation": answers["reviewer_organisation"].pk,
        **overrides,
    }


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style|head)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_each_parent_is_emailed_their_own_link_with_the_due_date(
    round_, people, settings
):
    due = timezone.localdate() + datetime.timedelta(days=14)
    links = set()
    for parent in people["parents"]:
        (invitation,) = emails_to(parent, "Please review")
        assert invitation.subject == (
            f"Please review “Family Time Coaching” by {due:%A}, {due:%B} {due.day}, {due.year}"
        )
        assert f"by {due:%A}, {due:%B} {due.day}, {due.year}" in invitation.body
        assert f"Sign in with your username: {parent.username}" in invitation.body
        assert invitation.from_email == settings.DEFAULT_FROM_EMAIL
        assert invitation.from_email.startswith("Bright Spots <")
        assert invitation.reply_to == [settings.REVIEW_REPLY_TO]
        (html, mimetype) = invitation.alternatives[0]
        assert mimetype == "text/html"
        assert link_in(invitation) in html
        links.add(link_in(invitation))
    assert len(links) == len(people["parents"])  # a link of their own each
    for other in (people["editor"], people["moderator"]):
        assert not emails_to(other)
    assert timezone.localtime(round_.due_at).date() == due


def test_a_parent_follows_the_link_signs_in_on_a_bright_spots_page_and_lands_on_the_practice(
    client, round_, people
):
    link = link_for(people["parents"][0], round_)
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith("/review/sign-in/?next=")
    sign_in = client.get(response["Location"])
    text = visible_text(sign_in)
    assert "Sign in to review for Bright Spots" in text
    assert not JARGON.search(text)
    signed_in = client.post(
        response["Location"],
        {"username": "parent0", "password": PASSWORD, "next": link},
    )
    assert signed_in["Location"] == link
    assert "Family Time Coaching" in client.get(link).content.decode()


def test_a_wrong_password_is_explained_and_answers_400(client, round_):
    response = client.post(
        "/review/sign-in/", {"username": "parent0", "password": "nope"}
    )
    assert response.status_code == 400
    assert "That username and password do not match" in response.content.decode()


def test_the_review_screen_has_the_questions_one_tap_from_the_top_and_no_jargon(
    client, round_, people
):
    client.force_login(people["parents"][0])
    response = client.get(link_for(people["parents"][0], round_))
    assert response.status_code == 200
    html = response.content.decode()
    jump = html.index('href="#questions"')
    assert jump < html.index("What is the intervention?")  # before the practice itself
    text = visible_text(response)
    assert "Parent partners support families through the case." in text
    assert "This practice is not public yet" in text
    for question in [
        "What potential does it have to keep families together?",
        "If many agencies did this, what would change for families?",
        "Could it cause any harm or negative consequences for families?",
        "Would you recommend that agencies use it?",
    ]:
        assert question in text
    assert "child-welfare field" not in text
    assert not JARGON.search(text), JARGON.search(text)


def test_sending_a_review_shows_a_confirmation_and_it_can_be_changed_until_the_due_date(
    client, round_, people
):
    parent = people["parents"][0]
    client.force_login(parent)
    link = link_for(parent, round_)
    response = client.post(link, form_data(), follow=True)
    assert response.redirect_chain == [(f"{link}thanks/", 302)]
    assert "Thank you. Your review has been saved." in visible_text(response)
    review = ParentReview.objects.get(reviewer=parent)
    assert review.revision_id == round_.revision_id

    client.post(link, form_data(comments="I thought about it more."))
    assert (
        ParentReview.objects.get(reviewer=parent).comments == "I thought about it more."
    )
    assert ParentReview.objects.filter(reviewer=parent).count() == 1


def test_missing_answers_are_explained_answer_400_and_keep_what_was_typed(
    client, round_, people
):
    client.force_login(people["parents"][0])
    response = client.post(
        link_for(people["parents"][0], round_),
        form_data(
            keeps_families_together="", recommendation="", impact_on_field="Kept text"
        ),
    )
    assert response.status_code == 400
    text = visible_text(response)
    assert "Please answer this question." in text
    assert "Please choose whether you recommend this practice." in text
    assert "Kept text" in response.content.decode()
    assert not ParentReview.objects.exists()


def close_round(round_, parents, recommendation=Recommendation.RECOMMEND):
    with TestCase.captureOnCommitCallbacks(execute=True):
        for parent in parents:
            submit_review(round_, parent, **review_answers(recommendation))
    round_.refresh_from_db()


def test_after_the_round_closes_a_parent_who_answered_reads_only_their_own_answers(
    client, round_, people
):
    close_round(round_, people["parents"][:3])
    client.force_login(people["parents"][0])
    response = client.get(link_for(people["parents"][0], round_))
    text = visible_text(response)
    assert "This review has closed" in text
    assert "Enough parents answered, and they recommended it." in text
    assert "These are the answers you sent." in text
    assert "It keeps parents involved from the first meeting." in text
    # The draft itself is not there any more.
    assert "Parent partners support families through the case." not in text
    late = client.post(
        link_for(people["parents"][0], round_), form_data(comments="Too late")
    )
    assert late.status_code == 409
    assert "This review has closed" in visible_text(late)
    assert ParentReview.objects.get(reviewer=people["parents"][0]).comments == ""


def test_a_parent_arriving_after_the_round_closed_is_told_why_and_where_to_go(
    client, library, round_, people
):
    other = start_review(
        PracticePageFactory(parent=library, title="Kinship Navigator", live=False),
        people["editor"],
    )
    close_round(round_, people["parents"][:3])
    late_parent = people["parents"][3]
    (note,) = emails_to(late_parent, "has closed")
    assert "you do not need to do anything" in note.body
    client.force_login(late_parent)
    text = visible_text(client.get(link_for(late_parent, round_)))
    assert "This review has closed" in text
    assert "Enough parents answered" in text
    assert "See your other open review" in text
    assert "Parent partners support families through the case." not in text
    assert other.is_open


def test_a_withdrawn_round_says_so_and_shows_no_draft(client, round_, people):
    with TestCase.captureOnCommitCallbacks(execute=True):
        round_.workflow_state.cancel(user=people["editor"])
    client.force_login(people["parents"][0])
    text = visible_text(client.get(link_for(people["parents"][0], round_)))
    assert "Alia's team took the practice back to make changes." in text
    assert "Parent partners support families through the case." not in text
    assert [m.subject for m in emails_to(people["parents"][0], "has closed")] == [
        "The review of “Family Time Coaching” has closed"
    ]
    # Whoever withdrew it knows; the editor gets no outcome email.
    assert not emails_to(people["editor"])


def test_a_link_opens_only_for_its_own_parent_and_round_ids_lead_nowhere(
    client, round_, people
):
    client.force_login(people["parents"][1])
    assert client.get(link_for(people["parents"][0], round_)).status_code == 404
    assert client.get(f"/review/practice/{round_.pk}/").status_code == 404
    not_on_panel = make_user("not-on-panel")
    client.force_login(not_on_panel)
    assert client.get(link_for(people["parents"][0], round_)).status_code == 404
    assert "Family Time Coaching" not in client.get("/review/").content.decode()


def test_a_parent_taken_off_the_panel_can_no_longer_open_an_open_round(
    client, round_, people
):
    parent = people["parents"][0]
    parent.groups.clear()
    client.force_login(parent)
    assert client.get(link_for(parent, round_)).status_code == 403
    assert client.post(link_for(parent, round_), form_data()).status_code == 403
    assert not ParentReview.objects.exists()
    assert "Family Time Coaching" not in client.get("/review/").content.decode()


def test_your_reviews_lists_open_rounds_soonest_first_with_dates_then_earlier_ones(
    client, library, round_, people
):
    parent = people["parents"][0]
    later = start_review(
        PracticePageFactory(parent=library, title="Kinship Navigator", live=False),
        people["editor"],
    )
    type(later).objects.filter(pk=later.pk).update(
        due_at=round_.due_at + datetime.timedelta(days=2)
    )
    client.force_login(parent)
    text = visible_text(client.get("/review/"))
    assert text.index("Family Time Coaching") < text.index("Kinship Navigator")
    assert "Please answer by" in text
    close_round(round_, people["parents"][:3])
    text = visible_text(client.get("/review/"))
    earlier = text.index("Earlier reviews")
    assert (
        text.index("Kinship Navigator") < earlier < text.index("Family Time Coaching")
    )
    assert (
        "Family Time Coaching : you sent your review. Parents recommended it." in text
    )
    # Parent 3 did not answer: the round is still listed for them, with how it ended.
    client.force_login(people["parents"][3])
    text = visible_text(client.get("/review/"))
    assert (
        "Family Time Coaching : closed before you answered. Parents recommended it."
        in text
    )


def test_a_change_to_a_live_practice_shows_what_changed_and_never_the_earlier_verdict(
    client, library, people
):
    page = publish_through_parent_review(
        PracticePageFactory(
            parent=library,
            title="Family Time Coaching",
            intervention="<p>Coaches support parents during family time.</p>",
        )
    )
    earlier_summary = [block.value for block in page.feedback_summary][0]
    page.intervention = "<p>Coaches guide parents during family time.</p>"
    page.topics.add(TopicFactory(name="Visiting"))
    new_round = start_review(page, people["editor"])
    parent = people["parents"][0]
    client.force_login(parent)
    response = client.get(link_for(parent, new_round))
    text = visible_text(response)
    assert "This practice is already in the library" in text
    assert "not public yet" not in text
    assert "What changed" in text
    assert "[removed: support" in text and "[added: guide" in text
    assert "[added: Visiting" in text
    # Nothing of the earlier parents: no summary of their feedback, no tally, no verdict.
    assert earlier_summary not in text
    assert "Parent review feedback summary" not in text
    assert not re.search(r"\d+ parents?; \d+ recommend", text)
    assert "Recommended" not in text
    (invitation,) = emails_to(parent, "Please review “Family Time Coaching”")
    assert "already in the library" in invitation.body
    assert "A change to a practice already in the library." in visible_text(
        client.get("/review/")
    )


def test_password_reset_by_email_then_sign_in(client, round_, people):
    parent = people["parents"][0]
    mail.outbox.clear()
    response = client.post("/review/password/", {"email": parent.email})
    assert response["Location"] == "/review/password/sent/"
    # An unknown address gets the same answer: nobody learns who reviews.
    assert (
        client.post("/review/password/", {"email": "nobody@example.org"})["Location"]
        == "/review/password/sent/"
    )
    (message,) = mail.outbox
    assert message.subject == "Set a new password for Bright Spots reviewing"
    assert f"Your username is: {parent.username}" in message.body
    assert message.alternatives[0][1] == "text/html"
    reset = re.search(
        r"http://testserver(/review/password/\S+/\S+/)", message.body
    ).group(1)
    form = client.get(reset, follow=True)
    assert "Choose a new password" in visible_text(form)
    done = client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "a long new passphrase 42",
            "new_password2": "a long new passphrase 42",
        },
    )
    assert done["Location"] == "/review/password/done/"
    client.logout()
    assert client.login(username=parent.username, password="a long new passphrase 42")


def test_the_help_page_explains_reviewing_and_names_alias_contact(client, settings):
    text = visible_text(client.get("/review/help/"))
    assert "How reviewing works" in text
    assert settings.BRIGHTSPOTS_CONTACT_EMAIL in text
    assert not JARGON.search(text)


def test_review_pages_are_never_cached_or_indexed(client, round_, people):
    client.force_login(people["parents"][0])
    for url in ("/review/", link_for(people["parents"][0], round_)):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert (
            '<meta name="robots" content="noindex, nofollow">'
            in response.content.decode()
        )


def test_a_review_sent_from_a_stale_page_is_not_lost_silently(round_, people):
    """A form whose CSRF token went stale (signed in again elsewhere) says how to get the answers back."""
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["parents"][0])
    response = strict.post(link_for(people["parents"][0], round_), form_data())
    assert response.status_code == 403
    text = visible_text(response)
    assert "This was not sent yet" in text
    assert "What you typed is not lost" in text
    assert not ParentReview.objects.exists()


def test_a_round_past_its_due_date_is_closed_when_a_parent_opens_it(
    client, round_, people
):
    """The hourly schedule may not have run yet; the parent still sees the round as it is: closed."""
    submit_review(round_, people["parents"][1], **review_answers())
    past_due = round_.due_at + datetime.timedelta(minutes=5)
    with (
        time_machine.travel(past_due, tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        client.force_login(people["parents"][0])
        response = client.post(link_for(people["parents"][0], round_), form_data())
    assert response.status_code == 409
    assert "before enough parents had answered" in visible_text(response)
    round_.refresh_from_db()
    assert round_.outcome == "not_enough_reviews"
    assert not ParentReview.objects.filter(reviewer=people["parents"][0]).exists()
    assert emails_to(people["editor"], "Not enough parents reviewed")
