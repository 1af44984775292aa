"""The public sends a practice idea and feedback from a phone; an editor triages the idea into a draft practice."""

import os
import re
import time

import pytest
from playwright.sync_api import expect

from django.conf import settings
from django.core import mail

from practices.choices import ContributionStatus
from practices.contributions.models import PracticeFeedback, PracticeSubmission
from practices.models import PracticeIndexPage, PracticePage
from tests.browser.test_accessibility import report, wcag_violations
from tests.practices.factories import MINIMAL_PDF

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PRACTICE = "Family Dinner Nights"
DESCRIPTION = (
    "Parents and caseworkers share a meal every week.\n\nThey plan visits together."
)
TOPICS = ["Parent advocacy", "Reunification"]
FILE_NAME = "family-dinner-nights.pdf"
PRACTICE_URL = "/library/parent-partner-program/"
FEEDBACK_ERROR = "Write what we should consider adding."
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}


@pytest.fixture
def new_context(browser, live_server):
    """Browser contexts of a given viewport on the live server, closed after the test whatever happens."""
    contexts = []

    def open_context(viewport):
        context = browser.new_context(
            base_url=live_server.url, accept_downloads=True, viewport=viewport
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


def shown(page, url, form="form.contribution-form"):
    """Open a form, scroll to it, and note when its spam-check stamp came (static/js/form-stamp.js).

    The server refuses, as a bot's, a form sent too soon after it was stamped.
    """
    page.goto(url)
    form = page.locator(form)
    form.scroll_into_view_if_needed()
    expect(form.locator("input[name=form_started]")).not_to_have_value("")
    return time.monotonic()


def wait_as_a_person_would(page, shown_at):
    # Only the part of CONTRIBUTION_MIN_SECONDS that typing has not already used up.
    remaining = settings.CONTRIBUTION_MIN_SECONDS + 0.2 - (time.monotonic() - shown_at)
    if remaining > 0:
        page.wait_for_timeout(remaining * 1000)


def log_in_as_demo_user(page, username, url="/admin/"):
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(settings.BRIGHTSPOTS_DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Contributions")).to_be_visible()


def visitor_fills_in_a_practice_idea(page):
    shown_at = shown(page, "/submit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit a Bright Spot")
    about_you = page.get_by_role("group", name="About you")
    about_you.get_by_label("Your name", exact=True).fill("Dana Rivera")
    about_you.get_by_label("Your email address").fill("dana.rivera@example.org")
    about_you.get_by_label("Your organization (optional)").fill(
        "Eastside Family Center"
    )
    about_you.get_by_label("Your role (optional)").fill("Program director")
    about_you.get_by_label("Your state (optional)").select_option(label="Oregon")

    practice = page.get_by_role("group", name="About the practice")
    practice.get_by_label("Name of the practice").fill(PRACTICE)
    practice.get_by_label("What is the practice?").fill(DESCRIPTION)
    practice.get_by_label("Why does it help keep families safely together?").fill(
        "Parents meet their caseworker as people, not as a file."
    )
    practice.get_by_label("Who runs it? (optional)").fill("Eastside Family Center")
    practice.get_by_label("City or county where it runs (optional)").fill(
        "Multnomah County"
    )
    practice.get_by_label("State where it runs (optional)").select_option(
        label="Oregon"
    )
    practice.get_by_label("Year it started (optional)").fill("2019")
    practice.get_by_label("Links (optional)").fill(
        "https://eastside.example.org/dinners"
    )
    practice.get_by_label("Supporting file (optional)").set_input_files(
        {"name": FILE_NAME, "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
    )
    topics = page.get_by_role("group", name="Topics (optional)")
    for topic in TOPICS:
        topics.get_by_label(topic, exact=True).check()

    page.get_by_label("Alia may contact me about this practice").check()
    return shown_at


def visitor_sends_it(page, shown_at):
    page.bring_to_front()
    wait_as_a_person_would(page, shown_at)
    page.get_by_role("button", name="Send your idea").click()
    expect(page).to_have_url(re.compile(r"/submit/thanks/$"))
    expect(
        page.get_by_role("heading", name="Thank you: we have your idea")
    ).to_be_visible()


def assert_the_idea_is_stored_with_its_file(s3_server, bucket):
    submission = PracticeSubmission.objects.get()
    assert {
        field: getattr(submission, field)
        for field in [
            "name",
            "email",
            "organisation",
            "role",
            "state",
            "practice_name",
            "why_it_helps",
            "runs_it",
            "county",
            "practice_state",
            "year_started",
            "links",
            "consent_to_contact",
            "status",
        ]
    } == {
        "name": "Dana Rivera",
        "email": "dana.rivera@example.org",
        "organisation": "Eastside Family Center",
        "role": "Program director",
        "state": "OR",
        "practice_name": PRACTICE,
        "why_it_helps": "Parents meet their caseworker as people, not as a file.",
        "runs_it": "Eastside Family Center",
        "county": "Multnomah County",
        "practice_state": "OR",
        "year_started": 2019,
        "links": "https://eastside.example.org/dinners",
        "consent_to_contact": True,
        "status": ContributionStatus.NEW,
    }
    # Browsers send a textarea's line breaks as CRLF.
    assert submission.description.replace("\r\n", "\n") == DESCRIPTION
    assert sorted(submission.topics.values_list("name", flat=True)) == TOPICS
    assert submission.file.name.endswith(f"/{FILE_NAME}")
    assert s3_server.keys(bucket, prefix="contributions/") == [submission.file.name]
    with submission.file.open("rb") as stored:
        assert stored.read() == MINIMAL_PDF
    # The editors hear of it, by a subject line and a link, never the sender's details. (The demo
    # content's own parent review emails are in the outbox too, to other people.)
    to_editors = [
        message
        for message in mail.outbox
        if message.to == settings.CONTRIBUTIONS_NOTIFY_EMAIL
    ]
    assert [message.subject for message in to_editors] == [
        f"New Bright Spot submission: {PRACTICE}"
    ]
    assert f"/admin/practices/practicesubmission/inspect/{submission.pk}/" in (
        to_editors[0].body
    )
    assert "dana.rivera@example.org" not in to_editors[0].body
    return submission


def submission_row(page):
    return page.get_by_role("row").filter(has_text=PRACTICE)


def open_submission_from_the_menu(page):
    page.get_by_role("button", name="Contributions").click()
    page.get_by_role("link", name="Submissions").click()
    expect(page.get_by_role("heading", name="Practice submissions")).to_be_visible()
    submission_row(page).get_by_role("link", name="Inspect").click()
    expect(page.get_by_text(DESCRIPTION.split("\n")[0])).to_be_visible()


def test_visitor_sends_a_practice_from_a_phone_and_an_editor_turns_it_into_a_draft(
    page, new_context, empty_bucket, s3_server, demo, fresh_rate_limits
):
    shown_at = visitor_fills_in_a_practice_idea(page)
    # Meanwhile, at a desk, an editor signs in.
    admin = new_context(VIEWPORTS["desktop"]).new_page()
    log_in_as_demo_user(admin, "editor")
    visitor_sends_it(page, shown_at)
    submission = assert_the_idea_is_stored_with_its_file(s3_server, empty_bucket)

    admin.bring_to_front()
    open_submission_from_the_menu(admin)

    with admin.expect_download() as download_info:
        admin.get_by_role("link", name=f"Download {FILE_NAME}").click()
    download = download_info.value
    assert download.suggested_filename == FILE_NAME
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == MINIMAL_PDF

    admin.get_by_role("link", name="Status and notes").click()
    admin.get_by_role("combobox", name="Status").select_option(
        label="Under consideration"
    )
    admin.get_by_role("button", name="Save").click()
    expect(admin.get_by_role("heading", name="Practice submissions")).to_be_visible()
    expect(submission_row(admin)).to_contain_text("Under consideration")
    submission.refresh_from_db()
    assert submission.status == ContributionStatus.UNDER_CONSIDERATION

    submission_row(admin).get_by_role("link", name="Inspect").click()
    admin.get_by_role(
        "button", name="Create draft practice from this submission"
    ).click()
    expect(admin).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(
        admin.get_by_text("Draft practice created from this submission")
    ).to_be_visible()
    expect(admin.locator("#id_title")).to_have_value(PRACTICE)
    admin.get_by_role("tab", name="At a glance").click()
    expect(admin.locator("#id_county")).to_have_value("Multnomah County")
    for topic in TOPICS:
        expect(
            admin.locator("[data-contentpath=topics]").get_by_label(topic, exact=True)
        ).to_be_checked()

    draft = PracticePage.objects.get(title=PRACTICE)
    assert not draft.live
    assert draft.get_parent().specific_class is PracticeIndexPage
    assert draft.get_parent().pk == PracticeIndexPage.objects.get().pk
    assert draft.summary == (
        "Parents and caseworkers share a meal every week. They plan visits together."
    )
    assert (draft.county, draft.state, draft.year_started) == (
        "Multnomah County",
        "OR",
        2019,
    )
    submission.refresh_from_db()
    assert submission.practice == draft
    # The page's own topics, which the library's filters and topic counts query, not only its revision's.
    assert sorted(draft.topics.values_list("name", flat=True)) == TOPICS


def test_feedback_with_no_message_is_shown_again_with_the_error_then_sent(
    page, demo, fresh_rate_limits
):
    practice = PracticePage.objects.get(slug="parent-partner-program")
    shown_at = shown(page, PRACTICE_URL, "#feedback form")
    feedback = page.locator("#feedback")
    feedback.get_by_label("Your name (optional)").fill("Riley Chen")
    wait_as_a_person_would(page, shown_at)
    feedback.get_by_role("button", name="Send feedback").click()

    expect(page).to_have_url(re.compile(r"/contribute/feedback/\d+/#feedback$"))
    feedback = page.locator("#feedback")
    expect(feedback).to_be_in_viewport()
    expect(feedback.get_by_role("alert")).to_contain_text(FEEDBACK_ERROR)
    message = feedback.get_by_label("What should we consider adding or correcting?")
    # Next to the box, and read out with it.
    expect(feedback.locator(".field--error .field-error")).to_have_text(
        f"Error: {FEEDBACK_ERROR}"
    )
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(message).to_have_accessible_description(re.compile(FEEDBACK_ERROR))
    expect(feedback.get_by_label("Your name (optional)")).to_have_value("Riley Chen")
    assert not PracticeFeedback.objects.exists()

    message.fill("The county also runs this in two schools now.")
    feedback.get_by_role("button", name="Send feedback").click()
    expect(
        page.get_by_role("heading", name="Thank you for your feedback")
    ).to_be_visible()
    stored = PracticeFeedback.objects.get()
    assert (stored.page_id, stored.message, stored.name, stored.email) == (
        practice.pk,
        "The county also runs this in two schools now.",
        "Riley Chen",
        "",
    )


def test_without_javascript_feedback_is_shown_once_more_then_sent(
    browser, live_server, demo, fresh_rate_limits
):
    # The page is cached for everyone, so the spam-check stamp comes by script; without one the
    # form comes back stamped, with what was typed, and the second press sends it.
    context = browser.new_context(
        base_url=live_server.url,
        viewport=VIEWPORTS["phone"],
        java_script_enabled=False,
    )
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(PRACTICE_URL)
        feedback = page.locator("#feedback")
        message = "The county also runs this in two schools now."
        feedback.get_by_label("What should we consider adding or correcting?").fill(
            message
        )
        feedback.get_by_role("button", name="Send feedback").click()

        feedback = page.locator("#feedback")
        expect(feedback.get_by_role("alert")).to_contain_text(
            "Please check your answers and send again"
        )
        expect(
            feedback.get_by_label("What should we consider adding or correcting?")
        ).to_have_value(message)
        assert not PracticeFeedback.objects.exists()
        if os.environ.get("DOCS_SCREENSHOTS"):
            page.screenshot(path="docs/images/feedback-without-javascript.png")
        page.wait_for_timeout((settings.CONTRIBUTION_MIN_SECONDS + 0.2) * 1000)
        feedback.get_by_role("button", name="Send feedback").click()

        expect(
            page.get_by_role("heading", name="Thank you for your feedback")
        ).to_be_visible()
        assert PracticeFeedback.objects.get().message == message
    finally:
        context.close()


def wcag_violations_on_a_phone_and_a_desktop(page, label):
    failures = {}
    for name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        failures.update(wcag_violations(page, f"{label} on a {name}"))
    return failures


def test_contribution_forms_and_their_errors_have_no_wcag_22_aa_violations(
    new_context, demo, fresh_rate_limits
):
    context = new_context(VIEWPORTS["phone"])
    submit, practice = context.new_page(), context.new_page()
    submit_shown = shown(submit, "/submit/")
    failures = wcag_violations_on_a_phone_and_a_desktop(submit, "/submit/")
    practice.goto("/submit/thanks/")
    failures.update(
        wcag_violations_on_a_phone_and_a_desktop(practice, "/submit/thanks/")
    )
    feedback_shown = shown(practice, PRACTICE_URL)

    # Background tabs are throttled; a person looks at the tab they use.
    submit.bring_to_front()
    wait_as_a_person_would(submit, submit_shown)
    submit.get_by_role("button", name="Send your idea").click()
    expect(submit.get_by_role("alert")).to_contain_text("Enter your name.")
    failures.update(
        wcag_violations_on_a_phone_and_a_desktop(submit, "/submit/ with errors")
    )

    practice.bring_to_front()
    wait_as_a_person_would(practice, feedback_shown)
    feedback = practice.locator("#feedback")
    feedback.get_by_role("button", name="Send feedback").click()
    expect(feedback.get_by_role("alert")).to_contain_text(FEEDBACK_ERROR)
    failures.update(
        wcag_violations_on_a_phone_and_a_desktop(
            practice, f"{PRACTICE_URL} with feedback errors"
        )
    )
    assert failures == {}, report(failures)
