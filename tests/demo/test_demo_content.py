"""load_demo_content builds the demo site from the seeds, and running it again changes nothing."""

from io import StringIO
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from home.models import StandardPage
from practices.contributions.models import SubmissionPage
from practices.models import Organisation, PracticePage, PracticeResource, Topic
from tests.practices.factories import emergency_publish

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


def load(**options):
    out = StringIO()
    call_command("load_demo_content", stdout=out, **options)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "practices": PracticePage.objects.live().count(),
        "documents": get_document_model().objects.count(),
        "resources": PracticeResource.objects.count(),
        "topics": Topic.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": get_user_model().objects.count(),
        "revisions": Revision.objects.count(),
    }


@pytest.mark.django_db
def test_loading_twice_gives_the_same_site(home_page):
    load()
    first = counts()
    output = load()
    assert counts() == first
    assert "created" not in output.replace("already there", "")
    assert first["practices"] >= 6
    assert first["users"] == 6


@pytest.mark.django_db
def test_demo_practices_are_complete_and_spread_over_topics_and_states(home_page):
    load()
    practices = PracticePage.objects.live().prefetch_related("topics", "resources")
    assert len({practice.state for practice in practices}) >= 5
    assert (
        len({topic.slug for practice in practices for topic in practice.topics.all()})
        >= 5
    )
    for practice in practices:
        assert (
            practice.summary and practice.intervention and practice.why_bright_spot
        ), practice.title
        assert len(practice.feedback_summary) >= 1 and len(practice.steps) >= 1, (
            practice.title
        )
        resources = list(practice.resources.all())
        assert resources, practice.title
        for resource in resources:
            with resource.document.file.open("rb") as pdf:
                assert pdf.read(5) == b"%PDF-"
            assert resource.document.file_size


@pytest.mark.django_db
def test_parent_partner_program_carries_the_seed_text_verbatim(home_page, client):
    load()
    seed = (SEEDS / "practice-parent-partner-program.txt").read_text()
    html = client.get("/library/parent-partner-program/").content.decode()
    for sentence in [
        "Reviewers want to ensure that parent advocates are not micromanaged by the system",
        "In Santa Cruz County, parent advocacy is known as the Parent Partner Program.",
        "it is another low-judgment resource connection point for referrals",
    ]:
        assert sentence in seed
        assert sentence in html


@pytest.mark.django_db
def test_about_page_comes_from_the_about_seed(home_page, client):
    load()
    html = client.get("/about/").content.decode()
    assert "<h2>Who runs Bright Spots?</h2>" in html
    assert "Alia learned that no such collection of practices existed." in html


@pytest.mark.django_db
def test_running_again_never_overwrites_what_an_editor_changed(home_page):
    load()
    practice = PracticePage.objects.get(slug="parent-partner-program")
    practice.summary = "Edited by Alia."
    emergency_publish(practice)
    load()
    assert (
        PracticePage.objects.get(slug="parent-partner-program").summary
        == "Edited by Alia."
    )


@pytest.mark.django_db
def test_missing_seeds_folder_is_a_clear_error_and_writes_nothing(home_page, tmp_path):
    before = counts()
    with pytest.raises(CommandError, match=str(tmp_path / "nowhere")):
        load(seeds=tmp_path / "nowhere")
    assert counts() == before


@pytest.mark.django_db
def test_without_a_demo_password_no_demo_account_can_sign_in(
    home_page, settings, client
):
    del settings.BRIGHTSPOTS_DEMO_PASSWORD
    output = load()
    users = get_user_model().objects.all()
    assert users.count() == 6
    assert not any(user.has_usable_password() for user in users)
    assert "password" not in output.lower()
    assert not client.login(username="admin", password="")


@pytest.mark.django_db
def test_every_demo_practice_went_through_parent_review(home_page, client):
    load()
    for practice in PracticePage.objects.live():
        summary = practice.parent_review
        assert summary is not None, practice.title
        assert summary.reviewer_count == 3
        assert summary.recommend_count == 3
        assert practice.review_date == summary.finished_at.date()
    html = client.get("/library/parent-partner-program/").content.decode()
    assert "<dd>3 parents; 3 recommend</dd>" in html


@pytest.mark.django_db
def test_every_demo_resource_is_stored_in_the_s3_bucket(
    home_page, s3_server, empty_bucket
):
    load()

    keys = s3_server.keys(empty_bucket)
    documents = get_document_model().objects.all()
    assert len(documents) >= 9
    assert sorted(keys) == sorted(document.file.name for document in documents)
    assert all(key.startswith("documents/") and key.endswith(".pdf") for key in keys)


@pytest.mark.django_db
def test_a_database_with_the_old_email_us_submit_page_gets_the_form(home_page):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org")
    home_page.add_child(
        instance=StandardPage(
            title="Submit a Bright Spot", slug="submit", owner=admin, live=False
        )
    )

    output = load()

    assert "Old “Submit a Bright Spot” page replaced by the form" in output
    assert not StandardPage.objects.filter(slug="submit").exists()
    assert SubmissionPage.objects.get().url == "/submit/"
