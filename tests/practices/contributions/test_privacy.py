"""Personal data from the public: purged after the retention period, erased on request, both in the audit log."""

import datetime

import pytest

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from practices.contributions.models import PracticeFeedback, PracticeSubmission
from tests.practices.factories import (
    MINIMAL_PDF,
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
)

from .factories import PracticeFeedbackFactory, PracticeSubmissionFactory

pytestmark = pytest.mark.django_db

EMAIL = "Dana.Rivera@Example.org"


def tables_mentioning(text):
    """Every table in the database with a row whose text contains `text` (any case)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
        tables = [name for (name,) in cursor.fetchall()]
        found = []
        for table in tables:
            # Identifiers cannot be parameters; these names come from PostgreSQL's own catalogue.
            cursor.execute(
                f'SELECT 1 FROM "{table}" AS row WHERE row::text ILIKE %s LIMIT 1',  # noqa: S608
                [f"%{text}%"],
            )
            if cursor.fetchone():
                found.append(table)
    return found


def received(days_ago, record):
    type(record).objects.filter(pk=record.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return record


@pytest.fixture
def practice(home_page):
    return PracticePageFactory(parent=PracticeIndexPageFactory(parent=home_page))


@pytest.fixture
def dana(practice, django_capture_on_commit_callbacks):
    """One person's submission (with a file) and feedback, with an editor's status change logged on each."""
    submission = PracticeSubmissionFactory(
        name="Dana Rivera", email="dana.rivera@example.org"
    )
    submission.file.save("dana-plan.pdf", ContentFile(MINIMAL_PDF))
    feedback = PracticeFeedbackFactory(
        page=practice, name="Dana", email="DANA.RIVERA@example.org"
    )
    mention = PracticeFeedbackFactory(
        page=practice,
        email="",
        message="Ask dana.rivera@example.org, she runs the program.",
    )
    editor = make_user("editor", "Editors")
    return {
        "submission": submission,
        "feedback": feedback,
        "mention": mention,
        "editor": editor,
    }


def change_status(client, record):
    opts = record._meta
    address = reverse(
        f"{opts.app_label}_{opts.model_name}_modeladmin_edit", args=[record.pk]
    )
    assert (
        client.post(
            address, {"status": "under_consideration", "notes": "Call back"}
        ).status_code
        == 302
    )


def test_erasing_a_person_in_the_admin_leaves_their_email_in_no_table_and_no_log_label(
    client, dana, s3_server, s3_storage, django_capture_on_commit_callbacks
):
    someone_else = PracticeSubmissionFactory(
        email="sam@example.org", practice_name="Courtroom Coffee"
    )
    client.force_login(dana["editor"])
    change_status(client, dana["submission"])
    change_status(client, dana["feedback"])
    file_name = dana["submission"].file.name
    assert "practices_practicesubmission" in tables_mentioning(
        EMAIL
    )  # the check can see it

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("contributions:erase"),
            {"email": EMAIL, "confirm": "on"},
            follow=True,
        )

    assert (
        "Deleted 1 practice submission and 2 practice feedback."
        in response.content.decode()
    )
    assert tables_mentioning("dana.rivera") == []
    assert tables_mentioning("Dana Rivera") == []
    assert list(PracticeSubmission.objects.all()) == [someone_else]
    assert not PracticeFeedback.objects.exists()
    assert file_name not in s3_server.keys(s3_storage, prefix="contributions/")
    erased = ModelLogEntry.objects.filter(action="practices.contribution.erase")
    assert sorted(entry.label for entry in erased) == sorted(
        [
            f"Practice submission #{dana['submission'].pk}",
            f"Feedback #{dana['feedback'].pk}",
            f"Feedback #{dana['mention'].pk}",
        ]
    )
    assert {entry.user for entry in erased} == {dana["editor"]}
    assert (
        ModelLogEntry.objects.filter(action="practices.contribution.status").count()
        == 2
    )


def test_erase_asks_for_confirmation_and_a_real_address(client, dana):
    client.force_login(dana["editor"])

    unconfirmed = client.post(reverse("contributions:erase"), {"email": EMAIL})
    not_an_address = client.post(
        reverse("contributions:erase"), {"email": "dana", "confirm": "on"}
    )

    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm." in unconfirmed.content.decode()
    assert not_an_address.status_code == 400
    assert (
        "Enter an email address like name@example.org."
        in not_an_address.content.decode()
    )
    assert PracticeSubmission.objects.count() == 1
    assert PracticeFeedback.objects.count() == 2


def test_the_erase_command_deletes_the_same_and_a_dry_run_deletes_nothing(dana, capsys):
    call_command("erase_contributions", email=EMAIL, dry_run=True)
    assert (
        "Would delete 1 practice submission and 2 practice feedback."
        in capsys.readouterr().out
    )
    assert PracticeFeedback.objects.count() == 2

    call_command("erase_contributions", email=EMAIL)

    assert (
        "Deleted 1 practice submission and 2 practice feedback."
        in capsys.readouterr().out
    )
    assert tables_mentioning("dana.rivera") == []
    assert {
        entry.user
        for entry in ModelLogEntry.objects.filter(action="practices.contribution.erase")
    } == {None}


def test_the_erase_command_refuses_what_is_not_an_email_address(dana):
    with pytest.raises(CommandError, match="is not an email address"):
        call_command("erase_contributions", email="%")
    assert PracticeFeedback.objects.count() == 2


def test_purge_deletes_only_what_is_older_than_the_retention_period_with_its_file(
    dana, settings, s3_server, s3_storage, capsys, django_capture_on_commit_callbacks
):
    settings.CONTRIBUTIONS_RETENTION_DAYS = 365
    received(400, dana["submission"])
    received(400, dana["feedback"])
    recent = received(300, dana["mention"])
    file_name = dana["submission"].file.name

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_contributions")

    assert (
        "Deleted 1 practice submission and 1 practice feedback."
        in capsys.readouterr().out
    )
    assert not PracticeSubmission.objects.exists()
    assert list(PracticeFeedback.objects.all()) == [recent]
    assert file_name not in s3_server.keys(s3_storage, prefix="contributions/")
    assert "practices_practicesubmission" not in tables_mentioning("Dana Rivera")
    purged = ModelLogEntry.objects.filter(action="practices.contribution.purge")
    assert sorted(entry.label for entry in purged) == sorted(
        [
            f"Practice submission #{dana['submission'].pk}",
            f"Feedback #{dana['feedback'].pk}",
        ]
    )
    assert all(entry.data == {"retention_days": 365} for entry in purged)
    assert not any(
        "dana" in entry.label.lower() for entry in ModelLogEntry.objects.all()
    )


def test_purge_dry_run_and_days_override(dana, capsys):
    received(40, dana["submission"])

    call_command("purge_contributions", days=30, dry_run=True)
    assert "Would delete 1 practice submission." in capsys.readouterr().out
    assert PracticeSubmission.objects.count() == 1

    call_command("purge_contributions", days=30)
    assert "Deleted 1 practice submission." in capsys.readouterr().out
    assert not PracticeSubmission.objects.exists()
    assert PracticeFeedback.objects.count() == 2

    with pytest.raises(CommandError, match="--days must be 0 or more."):
        call_command("purge_contributions", days=-1)


def test_deleting_a_submission_in_the_admin_deletes_its_file(
    client, dana, s3_server, s3_storage, django_capture_on_commit_callbacks
):
    client.force_login(dana["editor"])
    submission = dana["submission"]
    file_name = submission.file.name
    assert file_name in s3_server.keys(s3_storage, prefix="contributions/")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "practices_practicesubmission_modeladmin_delete", args=[submission.pk]
            )
        )

    assert not PracticeSubmission.objects.exists()
    assert file_name not in s3_server.keys(s3_storage, prefix="contributions/")


def test_parent_reviewers_cannot_erase_or_see_the_erase_screen(client, dana):
    client.force_login(make_user("parent", "Parent reviewers"))

    response = client.post(
        reverse("contributions:erase"), {"email": EMAIL, "confirm": "on"}
    )
    screen = client.get(reverse("contributions:erase"))

    # Parents have no admin access at all: both go to the admin's sign-in, and nothing is erased.
    for refused in (response, screen):
        assert refused.status_code == 302
        assert refused["Location"].startswith("/admin/login/")
    assert PracticeFeedback.objects.count() == 2
