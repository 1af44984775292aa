"""The public forms: "Submit a Bright Spot" and feedback on a practice, as a visitor meets them."""

import re

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from practices.contributions.models import PracticeFeedback, PracticeSubmission
from practices.contributions.spam import TOKEN_FIELD, form_token
from tests.practices.factories import (
    MINIMAL_PDF,
    PracticeIndexPageFactory,
    PracticePageFactory,
    TopicFactory,
)
from tests.s3 import MotoServer, storage_on

from .factories import (
    SUBMIT_URL,
    THANKS_URL,
    feedback_data,
    feedback_url,
    post_from,
    submission_data,
    submit_url,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


@pytest.fixture
def practice(home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    return PracticePageFactory(
        parent=library, title="Parent Partner Program", slug="parent-partner-program"
    )


def pdf(name="dinner-plan.pdf", content=MINIMAL_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def field_error(html, field_id):
    """The error text shown next to one field, or None."""
    match = re.search(rf'id="{field_id}_error">(.*?)</p>', html, re.S)
    return (
        re.sub(r"<[^>]+>", "", match.group(1)).replace("Error:", "").strip()
        if match
        else None
    )


def test_submission_form_shows_every_question_and_the_spam_check_fields(
    client, submission_page
):
    html = client.get(SUBMIT_URL).content.decode()

    for label in [
        "Your name",
        "Your email address",
        "Your organization (optional)",
        "Your role (optional)",
        "Your state (optional)",
        "Name of the practice",
        "What is the practice?",
        "Who runs it? (optional)",
        "City or county where it runs (optional)",
        "Year it started (optional)",
        "Links (optional)",
        "Supporting file (optional)",
        "How did you hear about Bright Spots? (optional)",
        "Alia may contact me about this practice",
    ]:
        assert label in html, label
    assert 'enctype="multipart/form-data"' in html
    assert 'class="hp" aria-hidden="true"' in html
    # Nothing per reader: no CSRF token, and the spam-check stamp is fetched when the form is used.
    assert "csrfmiddlewaretoken" not in html
    assert f'<input type="hidden" name="{TOKEN_FIELD}" id="id_{TOKEN_FIELD}">' in html
    assert f'action="{submit_url()}"' in html
    assert 'data-form-stamp="/contribute/stamp/"' in html


def test_a_submission_with_a_file_is_stored_in_s3_emailed_to_editors_and_confirmed(
    client,
    submission_page,
    s3_server,
    s3_storage,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.CONTRIBUTIONS_NOTIFY_EMAIL = ["editors@alia.example"]
    topic = TopicFactory(name="Kinship care", slug="kinship-care")

    with django_capture_on_commit_callbacks(execute=True):
        response = post_from(
            client, submit_url(), {**submission_data(topics=[topic.pk]), "file": pdf()}
        )

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    submission = PracticeSubmission.objects.get()
    assert (submission.name, submission.email, submission.practice_name) == (
        "Dana Rivera",
        "dana.rivera@example.org",
        "Family Dinner Nights",
    )
    assert submission.status == "new"
    assert submission.consent_to_contact is True
    assert submission.year_started == 2019
    assert list(submission.topics.all()) == [topic]
    assert submission.link_list == ["https://eastside.example.org/dinners"]
    assert submission.file.name.startswith("contributions/")
    assert submission.file.name in s3_server.keys(s3_storage, prefix="contributions/")
    assert submission.file.read() == MINIMAL_PDF

    [email] = mail.outbox
    assert email.to == ["editors@alia.example"]
    assert email.subject == "New Bright Spot submission: Family Dinner Nights"
    assert (
        f"http://testserver/admin/practices/practicesubmission/inspect/{submission.pk}/"
        in email.body
    )
    # The sender's details stay in the admin, where erase and purge can reach them.
    assert "dana.rivera@example.org" not in email.body + email.subject
    assert "Dana Rivera" not in email.body

    thanks = client.get(THANKS_URL)
    assert thanks.status_code == 200
    assert "Thank you: we have your idea" in thanks.content.decode()


def test_missing_answers_get_a_message_next_to_each_field_and_the_typed_text_is_kept(
    client, submission_page
):
    data = submission_data(
        name="", email="", consent_to_contact=None, practice_name="Family Dinner Nights"
    )

    response = post_from(client, submit_url(), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert field_error(html, "id_name") == "Enter your name."
    assert field_error(html, "id_email") == "Enter your email address."
    assert field_error(html, "id_consent_to_contact").startswith(
        "Tick the box to let us contact you."
    )
    assert field_error(html, "id_practice_name") is None
    assert 'value="Family Dinner Nights"' in html
    assert "Parents and caseworkers share a meal every week." in html
    assert 'aria-invalid="true"' in html
    assert "<title>Error: " in html
    assert 'href="#id_name"' in html  # the summary links to the field
    assert not PracticeSubmission.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter an email address like name@example.org."),
        ("year_started", "1850", "Enter a year between 1900 and"),
        ("year_started", "next year", "Enter a year as four digits, like 2019."),
        ("links", "javascript:alert(1)", "is not a web address."),
        (
            "links",
            "\n".join(f"https://example.org/{n}" for n in range(6)),
            "Enter at most 5 links.",
        ),
        (
            "practice_name",
            "x" * 256,
            "This is too long: keep it to 255 characters or fewer (it has 256).",
        ),
        (
            "description",
            "x" * 5001,
            "This is too long: keep it to 5000 characters or fewer (it has 5001).",
        ),
        ("state", "ZZ", "Choose a state from the list."),
        ("name", "Dana\x00Rivera", "Null characters are not allowed."),
    ],
)
def test_bad_answers_are_refused_with_a_plain_message(
    client, submission_page, field, value, message
):
    response = post_from(client, submit_url(), submission_data(**{field: value}))

    assert response.status_code == 400
    assert message in field_error(response.content.decode(), f"id_{field}")
    assert not PracticeSubmission.objects.exists()


def test_links_without_a_scheme_are_stored_as_https(client, submission_page):
    post_from(
        client,
        submit_url(),
        submission_data(links="eastside.example.org\n\nhttp://old.example.org/x"),
    )

    assert PracticeSubmission.objects.get().link_list == [
        "https://eastside.example.org",
        "http://old.example.org/x",
    ]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("tool.exe", b"MZ\x90\x00"),
            "Files ending in “.exe” cannot be uploaded here.",
        ),
        (
            SimpleUploadedFile("plan.pdf", b"<html><script>alert(1)</script></html>"),
            "This file’s name says it is a PDF, but its contents are not.",
        ),
        (
            SimpleUploadedFile("plan.pdf.html", b"<html></html>"),
            "cannot be uploaded here",
        ),
        (SimpleUploadedFile("empty.pdf", b""), "The file you chose is empty."),
    ],
)
def test_files_get_the_document_library_checks(
    client, submission_page, s3_server, empty_bucket, upload, message
):
    response = post_from(client, submit_url(), {**submission_data(), "file": upload})

    html = response.content.decode()
    assert response.status_code == 400
    assert message in field_error(html, "id_file")
    assert "Your file was not kept: please choose it again." in html
    assert not PracticeSubmission.objects.exists()
    assert s3_server.keys(empty_bucket) == []


def test_a_file_over_the_document_size_limit_is_refused(
    client, submission_page, settings
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100

    response = post_from(client, submit_url(), {**submission_data(), "file": pdf()})

    assert response.status_code == 400
    assert "The largest file you can upload is 100\xa0bytes." in field_error(
        response.content.decode(), "id_file"
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
    ],
    ids=["sec-fetch cross-site", "sec-fetch same-site", "other origin", "null origin"],
)
def test_a_post_from_another_sites_page_is_refused_and_nothing_is_stored(
    submission_page, headers
):
    # The form has no CSRF token (its page is cached for everyone): the browser's headers decide.
    browser = Client(enforce_csrf_checks=True)

    refused = browser.post(
        submit_url(), submission_data(), REMOTE_ADDR="10.9.9.1", **headers
    )

    assert refused.status_code == 403
    assert "This was not sent yet" in refused.content.decode()
    assert not PracticeSubmission.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "http://testserver"},
        {},
    ],
    ids=["sec-fetch same-origin", "own origin", "no browser headers"],
)
def test_a_post_from_our_own_page_needs_no_csrf_cookie(submission_page, headers):
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(SUBMIT_URL)
    accepted = browser.post(
        submit_url(), submission_data(), REMOTE_ADDR="10.9.9.2", **headers
    )

    assert not page.cookies
    assert accepted.status_code == 302
    assert accepted["Location"] == THANKS_URL
    assert PracticeSubmission.objects.count() == 1


def test_without_javascript_the_form_comes_back_stamped_and_the_second_send_is_stored(
    client, submission_page
):
    # Without JavaScript nothing fetches the stamp: the form is shown again with one, text kept.
    first = post_from(client, submit_url(), submission_data(**{TOKEN_FIELD: ""}))

    html = first.content.decode()
    assert first.status_code == 400
    assert "Please check your answers and send again" in html
    assert 'value="Family Dinner Nights"' in html
    assert not PracticeSubmission.objects.exists()
    stamp = re.search(rf'name="{TOKEN_FIELD}" value="([^"]+)"', html).group(1)
    again = post_from(client, submit_url(), submission_data(**{TOKEN_FIELD: stamp}))
    assert again.status_code == 302
    assert PracticeSubmission.objects.count() == 1


def test_the_stamp_a_form_fetches_is_good_once_a_person_has_had_time_to_type(
    client, submission_page, settings
):
    settings.CONTRIBUTION_MIN_SECONDS = 0
    response = client.get("/contribute/stamp/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.json()["name"] == TOKEN_FIELD
    sent = post_from(
        client,
        submit_url(),
        submission_data(**{TOKEN_FIELD: response.json()["value"]}),
    )
    assert sent.status_code == 302
    assert PracticeSubmission.objects.count() == 1


def test_the_form_addresses_answer_404_for_pages_that_are_not_live(
    client, submission_page
):
    submission_page.unpublish()

    assert post_from(client, submit_url(), submission_data()).status_code == 404
    assert client.post("/contribute/feedback/999999/", {}).status_code == 404
    assert not PracticeSubmission.objects.exists()


def test_a_form_left_open_for_days_is_shown_again_with_the_text_kept_and_then_accepted(
    client, submission_page
):
    old = form_token(0)

    response = post_from(client, submit_url(), submission_data(**{TOKEN_FIELD: old}))

    html = response.content.decode()
    assert response.status_code == 400
    assert "This form was open for a long time" in html
    assert 'value="Family Dinner Nights"' in html
    assert not PracticeSubmission.objects.exists()
    # The form shown again carries a token that is good at once: sending it straight back works.
    renewed = re.search(rf'name="{TOKEN_FIELD}" value="([^"]+)"', html).group(1)
    assert renewed != old
    again = post_from(client, submit_url(), submission_data(**{TOKEN_FIELD: renewed}))
    assert again.status_code == 302
    assert PracticeSubmission.objects.count() == 1


def test_when_s3_fails_the_form_comes_back_with_the_text_and_nothing_is_stored(
    client, submission_page
):
    server = MotoServer()
    bucket = server.create_bucket("outage-bucket")
    server.stop()
    with storage_on(server, bucket):
        response = post_from(client, submit_url(), {**submission_data(), "file": pdf()})

    html = response.content.decode()
    assert response.status_code == 503
    assert "We could not store your file just now, so nothing was sent." in html
    assert 'value="Family Dinner Nights"' in html
    assert not PracticeSubmission.objects.exists()
    assert not mail.outbox


def test_the_practice_page_has_the_feedback_form(client, practice):
    html = client.get(practice.url).content.decode()

    assert (
        "Let us know any information to consider adding to this Bright Spots practice"
        in html
    )
    assert f'action="{feedback_url(practice)}#feedback"' in html
    assert "What should we consider adding or correcting?" in html


def test_feedback_is_stored_against_the_practice_without_a_name_or_email(
    client, practice, settings, django_capture_on_commit_callbacks
):
    settings.CONTRIBUTIONS_NOTIFY_EMAIL = ["editors@alia.example"]

    with django_capture_on_commit_callbacks(execute=True):
        response = post_from(client, feedback_url(practice), feedback_data())

    assert response.status_code == 302
    assert response["Location"] == f"{practice.url}feedback/thanks/"
    feedback = PracticeFeedback.objects.get()
    assert feedback.page.specific == practice
    assert (feedback.name, feedback.email) == ("", "")
    [email] = mail.outbox
    assert email.subject == "New feedback on Parent Partner Program"
    assert "The county also runs this" not in email.body
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your feedback" in thanks
    assert f'href="{practice.url}"' in thanks


def test_empty_feedback_shows_the_practice_again_with_the_error_at_the_form(
    client, practice
):
    response = post_from(
        client,
        feedback_url(practice),
        feedback_data(message="", name="Sam", email="sam@"),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert practice.title in html  # the whole practice page, not a bare form
    assert field_error(html, "id_message") == "Write what we should consider adding."
    assert (
        field_error(html, "id_email") == "Enter an email address like name@example.org."
    )
    assert 'value="Sam"' in html
    assert not PracticeFeedback.objects.exists()


def test_opening_the_feedback_address_goes_to_the_form_on_the_practice(
    client, practice
):
    response = client.get(f"{practice.url}feedback/")

    assert response.status_code == 302
    assert response["Location"] == f"{practice.url}#feedback"


def test_feedback_on_an_unpublished_practice_is_not_found(client, practice):
    practice.unpublish()

    response = post_from(client, feedback_url(practice), feedback_data())

    assert response.status_code == 404
    assert not PracticeFeedback.objects.exists()


def test_a_mail_outage_does_not_lose_the_submission(
    client, submission_page, settings, django_capture_on_commit_callbacks
):
    # Nothing listens on port 9 here: the SMTP connection is refused, as when the mail server is down.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_from(client, submit_url(), submission_data())

    assert len(callbacks) == 1  # the email was attempted
    assert response.status_code == 302
    assert PracticeSubmission.objects.count() == 1


@pytest.mark.parametrize(
    ("sent_as", "stored_as"),
    [
        ("😀.pdf", "file.pdf"),
        ("résumé d'été 2024.PDF", "résumé_d_été_2024.pdf"),
        # Removing "!" would make "report.exe.pdf"; it becomes "_" instead.
        ("report.ex!e.pdf", "report.ex_e.pdf"),
    ],
)
def test_stored_file_names_are_cleaned_and_keep_the_checked_extension(
    client, submission_page, sent_as, stored_as
):
    post_from(client, submit_url(), {**submission_data(), "file": pdf(name=sent_as)})

    assert PracticeSubmission.objects.get().file.name.rsplit("/", 1)[-1] == stored_as


def test_links_that_grow_past_the_limit_once_https_is_added_are_refused(
    client, submission_page
):
    # Five links typed without "https://" that fill the box: stored with it, they would not fit.
    links = "\n".join(f"site{n}.example.org/" + "x" * 380 for n in range(5))
    assert len(links) <= 2000

    response = post_from(client, submit_url(), submission_data(links=links))

    assert response.status_code == 400
    assert "These links are too long together" in field_error(
        response.content.decode(), "id_links"
    )
    assert not PracticeSubmission.objects.exists()


def test_a_post_with_thousands_of_topic_ticks_is_refused(client, submission_page):
    topic = TopicFactory()

    response = post_from(
        client, submit_url(), submission_data(topics=[topic.pk] * 5000)
    )

    assert response.status_code == 400
    assert (
        field_error(response.content.decode(), "id_topics")
        == "Choose topics from the list."
    )
    assert not PracticeSubmission.objects.exists()
