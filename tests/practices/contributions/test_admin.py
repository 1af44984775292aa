"""Alia's editors triage contributions in the admin; parent reviewers and everyone else are kept out."""

import csv
import datetime
import io

import openpyxl
import pytest

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.models import ModelLogEntry

from practices.contributions.models import PracticeSubmission
from practices.models import PracticePage
from tests.practices.factories import (
    MINIMAL_PDF,
    PracticeIndexPageFactory,
    PracticePageFactory,
    TopicFactory,
    emergency_publish,
    make_user,
)

from .factories import PracticeFeedbackFactory, PracticeSubmissionFactory

pytestmark = pytest.mark.django_db

SUBMISSIONS = "practices_practicesubmission_modeladmin"
FEEDBACK = "practices_practicefeedback_modeladmin"


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user("editor", "Editors"))
    return client


@pytest.fixture
def submission(library):
    submission = PracticeSubmissionFactory(
        name="Dana Rivera",
        email="dana.rivera@example.org",
        practice_name="Family Dinner Nights",
        description="Parents and caseworkers share a meal every week.\n\nThey plan visits together.",
        why_it_helps="Parents meet their caseworker as people.",
        runs_it="Eastside Family Center",
        county="Multnomah County",
        practice_state="OR",
        year_started=2019,
        links="https://eastside.example.org/dinners",
    )
    submission.topics.set([TopicFactory(name="Kinship care", slug="kinship-care")])
    return submission


def url(name, *args):
    return reverse(name, args=args)


def test_editors_find_submissions_and_feedback_under_contributions(
    editor_client, submission
):
    dashboard = editor_client.get("/admin/").content.decode()
    listing = editor_client.get(url(f"{SUBMISSIONS}_index")).content.decode()

    assert "Contributions" in dashboard
    assert url(f"{SUBMISSIONS}_index") in dashboard
    assert url(f"{FEEDBACK}_index") in dashboard
    assert url("contributions:erase") in dashboard
    assert "Family Dinner Nights" in listing
    assert "Dana Rivera" not in listing  # names stay in the record, not the list


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("q=dinner", {"Family Dinner Nights"}),
        ("q=dana.rivera%40example.org", {"Family Dinner Nights"}),
        ("q=nothing-like-it", set()),
        ("status=new", {"Family Dinner Nights"}),
        ("status=declined", {"Courtroom Coffee"}),
        ("state=CA", {"Courtroom Coffee"}),
        ("practice_state=OR", {"Family Dinner Nights"}),
        ("created_at__gte=2020-01-01T00:00:00%2B00:00", {"Family Dinner Nights"}),
        ("created_at__lt=2020-01-01T00:00:00%2B00:00", {"Courtroom Coffee"}),
    ],
)
def test_the_submissions_listing_searches_and_filters(
    editor_client, submission, query, listed
):
    other = PracticeSubmissionFactory(
        practice_name="Courtroom Coffee", state="CA", status="declined"
    )
    PracticeSubmission.objects.filter(pk=other.pk).update(
        created_at=datetime.datetime(2019, 5, 1, tzinfo=datetime.UTC)
    )

    html = editor_client.get(f"{url(f'{SUBMISSIONS}_index')}?{query}").content.decode()

    assert {
        title for title in ("Family Dinner Nights", "Courtroom Coffee") if title in html
    } == listed


def test_the_state_filters_offer_only_states_someone_chose(editor_client, submission):
    PracticeSubmissionFactory(
        practice_name="Courtroom Coffee", state="CA", practice_state=""
    )

    html = editor_client.get(url(f"{SUBMISSIONS}_index")).content.decode()

    assert "By your state" in html
    assert '?state__exact=OR"' in html and '?state__exact=CA"' in html
    assert '?practice_state__exact=OR"' in html
    assert '?practice_state__exact=CA"' not in html
    assert "state__exact=AL" not in html


def test_the_submissions_listing_filters_by_topic(editor_client, submission):
    PracticeSubmissionFactory(practice_name="Courtroom Coffee")
    topic = submission.topics.get()

    html = editor_client.get(
        f"{url(f'{SUBMISSIONS}_index')}?topics__id__exact={topic.pk}"
    ).content.decode()

    assert "Family Dinner Nights" in html
    assert "Courtroom Coffee" not in html


def test_the_feedback_listing_filters_by_the_practices_state_and_topic(
    editor_client, library
):
    topic = TopicFactory(name="Reunification", slug="reunification")
    oregon = PracticePageFactory(parent=library, title="Oregon practice", state="OR")
    oregon.topics.set([topic])
    emergency_publish(oregon)
    texas = PracticePageFactory(parent=library, title="Texas practice", state="TX")
    PracticeFeedbackFactory(page=oregon, message="About Oregon")
    PracticeFeedbackFactory(page=texas, message="About Texas")
    index = url(f"{FEEDBACK}_index")

    by_state = editor_client.get(f"{index}?page__state=OR").content.decode()
    by_topic = editor_client.get(
        f"{index}?page__topics__id__exact={topic.pk}"
    ).content.decode()

    assert "About Oregon" in by_state and "About Texas" not in by_state
    assert "About Oregon" in by_topic and "About Texas" not in by_topic


def test_status_moves_along_the_pipeline_with_notes_and_each_move_is_in_the_audit_log(
    editor_client, submission
):
    edit = url(f"{SUBMISSIONS}_edit", submission.pk)

    response = editor_client.post(
        edit, {"status": "under_consideration", "notes": "Call Dana in May."}
    )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.notes) == (
        "under_consideration",
        "Call Dana in May.",
    )
    entry = ModelLogEntry.objects.get(action="practices.contribution.status")
    assert entry.data == {"from": "new", "to": "under_consideration"}
    assert entry.label == f"Practice submission #{submission.pk}"
    history = editor_client.get(
        url(f"{SUBMISSIONS}_history", submission.pk)
    ).content.decode()
    assert "Status changed from “New” to “Under consideration”" in history

    assert (
        editor_client.post(edit, {"status": "accepted", "notes": ""}).status_code == 302
    )
    submission.refresh_from_db()
    assert submission.status == "accepted"


def test_a_new_submission_cannot_jump_to_accepted(editor_client, submission):
    response = editor_client.post(
        url(f"{SUBMISSIONS}_edit", submission.pk),
        {"status": "accepted", "notes": "Kept note"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice." in html
    assert "Kept note" in html
    submission.refresh_from_db()
    assert submission.status == "new"


def test_the_triage_form_offers_only_the_next_steps(editor_client, submission):
    html = editor_client.get(url(f"{SUBMISSIONS}_edit", submission.pk)).content.decode()

    assert 'value="under_consideration"' in html
    assert 'value="declined"' in html
    assert 'value="accepted"' not in html
    assert "Dana Rivera" not in html  # the triage form edits status and notes only


def test_inspect_shows_what_was_sent_escaped_with_links_and_the_file(
    editor_client, submission
):
    submission.description = '<script>alert("x")</script>\nSecond line'
    submission.file.save("plan.pdf", ContentFile(MINIMAL_PDF))
    submission.save()

    html = editor_client.get(
        url(f"{SUBMISSIONS}_inspect", submission.pk)
    ).content.decode()

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Second line" in html
    assert "dana.rivera@example.org" in html
    assert (
        '<a href="https://eastside.example.org/dinners" rel="noopener noreferrer nofollow">'
        in html
    )
    assert url("contributions:submission_file", submission.pk) in html
    assert "Create draft practice from this submission" in html


def test_the_file_downloads_as_an_attachment_for_editors(editor_client, submission):
    submission.file.save("plan.pdf", ContentFile(MINIMAL_PDF))

    response = editor_client.get(url("contributions:submission_file", submission.pk))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_csv_export_escapes_formulas_and_xlsx_export_opens(editor_client, submission):
    PracticeSubmissionFactory(
        practice_name='=HYPERLINK("http://evil.example","Click")', email="x@example.org"
    )
    index = url(f"{SUBMISSIONS}_index")

    csv_response = editor_client.get(f"{index}?export=csv")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(csv_response.streaming_content).decode()))
    )
    xlsx_response = editor_client.get(f"{index}?export=xlsx")
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(xlsx_response.streaming_content))
    ).active

    names = {row["Name of the practice"] for row in rows}
    assert names == {
        "Family Dinner Nights",
        '\'=HYPERLINK("http://evil.example","Click")',
    }
    assert {row["Topics"] for row in rows} == {"Kinship care", ""}
    header = [cell.value for cell in sheet[1]]
    assert "Your email address" in header
    emails = {
        row[header.index("Your email address")].value
        for row in sheet.iter_rows(min_row=2)
    }
    assert emails == {"dana.rivera@example.org", "x@example.org"}


def test_create_draft_practice_prefills_a_draft_links_it_and_happens_once(
    editor_client, submission, library
):
    create = url("contributions:create_practice", submission.pk)

    response = editor_client.post(create)

    submission.refresh_from_db()
    page = submission.practice.specific
    assert response.status_code == 302
    assert response["Location"] == url("wagtailadmin_pages:edit", page.pk)
    assert page.get_parent().specific == library
    assert page.live is False
    assert page.title == "Family Dinner Nights"
    assert (
        page.summary
        == "Parents and caseworkers share a meal every week. They plan visits together."
    )
    assert "<p>They plan visits together.</p>" in page.intervention
    assert "Who runs it: Eastside Family Center" in page.intervention
    assert 'href="https://eastside.example.org/dinners"' in page.intervention
    assert page.why_bright_spot == "<p>Parents meet their caseworker as people.</p>"
    assert (page.county, page.state, page.year_started) == (
        "Multnomah County",
        "OR",
        2019,
    )
    assert [topic.name for topic in page.topics.all()] == ["Kinship care"]
    assert page.latest_revision is not None
    revision_text = str(page.latest_revision.content)
    assert (
        "Dana Rivera" not in revision_text
        and "dana.rivera@example.org" not in revision_text
    )
    assert (
        ModelLogEntry.objects.filter(action="practices.contribution.draft").count() == 1
    )
    # The editor opens the draft in the page editor.
    assert editor_client.get(response["Location"]).status_code == 200

    again = editor_client.post(create)
    assert again["Location"] == response["Location"]
    assert PracticePage.objects.count() == 1


def test_create_draft_practice_does_not_happen_on_a_get(editor_client, submission):
    assert (
        editor_client.get(
            url("contributions:create_practice", submission.pk)
        ).status_code
        == 405
    )
    assert not PracticePage.objects.exists()


def contribution_urls(submission, feedback):
    return [
        ("get", url(f"{SUBMISSIONS}_index")),
        ("get", url(f"{SUBMISSIONS}_index") + "?export=csv"),
        ("get", url(f"{SUBMISSIONS}_index") + "?export=xlsx"),
        ("get", url(f"{SUBMISSIONS}_inspect", submission.pk)),
        ("get", url(f"{SUBMISSIONS}_edit", submission.pk)),
        ("post", url(f"{SUBMISSIONS}_edit", submission.pk)),
        ("get", url(f"{SUBMISSIONS}_delete", submission.pk)),
        ("post", url(f"{SUBMISSIONS}_delete", submission.pk)),
        ("get", url(f"{SUBMISSIONS}_history", submission.pk)),
        ("get", url(f"{FEEDBACK}_index")),
        ("get", url(f"{FEEDBACK}_index") + "?export=csv"),
        ("get", url(f"{FEEDBACK}_inspect", feedback.pk)),
        ("get", url(f"{FEEDBACK}_edit", feedback.pk)),
        ("post", url(f"{FEEDBACK}_delete", feedback.pk)),
        ("get", url("contributions:submission_file", submission.pk)),
        ("post", url("contributions:create_practice", submission.pk)),
        ("get", url("contributions:erase")),
        ("post", url("contributions:erase")),
    ]


@pytest.mark.parametrize(
    "role", ["parent reviewer", "signed-in without a role", "anonymous"]
)
def test_only_editors_and_moderators_reach_any_contribution_url(
    client, submission, library, role
):
    submission.file.save("plan.pdf", ContentFile(MINIMAL_PDF))
    feedback = PracticeFeedbackFactory(
        page=PracticePageFactory(parent=library), message="Private words"
    )
    if role == "parent reviewer":
        client.force_login(make_user("parent", "Parent reviewers"))
    elif role == "signed-in without a role":
        user = make_user("someone")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
    data = {
        "status": "declined",
        "notes": "",
        "email": submission.email,
        "confirm": "on",
    }

    for method, address in contribution_urls(submission, feedback):
        response = getattr(client, method)(address, data if method == "post" else None)
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        if role in ("anonymous", "parent reviewer"):
            # Parents have no admin access at all: the admin sends them to its sign-in, like anyone.
            assert response.status_code == 302, address
            assert response["Location"].startswith("/admin/login/"), address
        else:
            assert (response.status_code, response.get("Location")) in [
                (302, "/admin/"),
                (403, None),
            ], address
        for private in (
            b"Family Dinner Nights",
            b"dana.rivera",
            b"Private words",
            MINIMAL_PDF[:20],
        ):
            assert private not in body, (address, private)

    submission.refresh_from_db()
    assert submission.status == "new"
    assert PracticeSubmission.objects.count() == 1
    assert not PracticePage.objects.filter(title="Family Dinner Nights").exists()
    feedback.refresh_from_db()


def test_moderators_triage_contributions_too(client, submission):
    client.force_login(make_user("moderator", "Moderators"))

    assert client.get(url(f"{SUBMISSIONS}_inspect", submission.pk)).status_code == 200
    assert (
        client.post(
            url(f"{SUBMISSIONS}_edit", submission.pk), {"status": "declined"}
        ).status_code
        == 302
    )


def test_a_submission_with_only_the_required_fields_becomes_a_draft_with_its_gaps_named(
    editor_client, library
):
    # The public form requires neither "why it helps" nor the state; the practice page does.
    submission = PracticeSubmissionFactory(
        practice_name="Parent cafés", description="Parents meet monthly.", state=""
    )

    response = editor_client.post(url("contributions:create_practice", submission.pk))

    submission.refresh_from_db()
    page = submission.practice.specific
    assert response.status_code == 302
    assert response["Location"] == url("wagtailadmin_pages:edit", page.pk)
    assert (page.live, page.title, page.state, page.why_bright_spot) == (
        False,
        "Parent cafés",
        "",
        "",
    )
    assert page.latest_revision is not None
    editor = editor_client.get(response["Location"])
    assert editor.status_code == 200
    message = str(list(editor.context["messages"])[0])
    assert "Draft practice created from this submission" in message
    for gap in ("What makes it a Bright Spot?", "State", "What steps can you take?"):
        assert gap in message


@pytest.mark.parametrize("name", ["😀😀", "!!!", "Parent cafés", "x" * 255])
def test_any_practice_name_becomes_a_draft_with_an_address_of_its_own(
    editor_client, library, name
):
    # Twice each: the second draft needs an address beside the first.
    drafts = []
    for _ in range(2):
        submission = PracticeSubmissionFactory(practice_name=name)
        response = editor_client.post(
            url("contributions:create_practice", submission.pk)
        )
        assert response.status_code == 302
        submission.refresh_from_db()
        drafts.append(submission.practice)
    slugs = [draft.slug for draft in drafts]
    assert all(slugs) and slugs[0] != slugs[1]
    assert all(len(slug) <= 255 for slug in slugs)
    assert [draft.title for draft in drafts] == [name, name]
