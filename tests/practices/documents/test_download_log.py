"""Downloads are logged, one inserted row each: downloads at the same moment never wait for each
other, and the reports add the log to the totals counted before it (and folded in since)."""

import datetime
import io
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from practices.documents.models import DocumentDownload, DocumentDownloadCount
from tests.practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    make_user,
    publish_through_parent_review,
)

COUNTED_BEFORE = 41


def published_resource(home_page):
    """A published practice's document, with the downloads counted before the log existed."""
    library = PracticeIndexPageFactory(parent=home_page)
    practice = PracticePageFactory(parent=library, live=False, title="Counted practice")
    PracticeResourceFactory(page=practice, document__title="Counted worksheet")
    practice = publish_through_parent_review(practice)
    document = practice.resources.get().document
    # What the counter held before migration 0011: the migration leaves it where it was.
    DocumentDownloadCount.objects.create(
        document=document,
        count=COUNTED_BEFORE,
        last_downloaded_at=timezone.now() - datetime.timedelta(days=30),
    )
    return practice, document


def reports(client, practice, document):
    """What an editor reads: the practice's and the document's downloads, and the document's last one."""
    editor = User.objects.filter(username="report-reader").first()
    client.force_login(editor or make_user("report-reader", "Editors"))
    by_practice = client.get(reverse("practice_downloads_report"))
    by_document = client.get(reverse("document_downloads_report"))
    export = client.get(reverse("practice_downloads_report") + "?export=csv")
    client.logout()
    practice_row = next(
        row for row in by_practice.context["object_list"] if row.pk == practice.pk
    )
    document_row = next(
        row for row in by_document.context["object_list"] if row.pk == document.pk
    )
    csv = b"".join(export.streaming_content).decode()
    assert f"{practice.title},live,1,{practice_row.downloads}" in csv
    return (
        practice_row.downloads,
        document_row.downloads,
        document_row.last_downloaded_at,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_downloads_at_once_both_count_and_neither_waits_for_the_other(home_page):
    practice, document = published_resource(home_page)
    both_served = threading.Barrier(2, timeout=10)

    def download(_):
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    # A download that had to wait for the other's lock fails here instead of hanging.
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                status = Client().get(document.url).status_code
                # Each download is written while the other's transaction is still open.
                both_served.wait()
            return status
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        statuses = list(pool.map(download, range(2)))

    assert statuses == [302, 302]
    downloads_of_practice, downloads_of_document, _ = reports(
        Client(), practice, document
    )
    assert downloads_of_practice == downloads_of_document == COUNTED_BEFORE + 2


@pytest.mark.django_db
def test_the_reports_show_the_earlier_totals_plus_new_downloads_before_and_after_a_rollup(
    client, home_page
):
    practice, document = published_resource(home_page)
    started = timezone.now()

    for _ in range(3):
        assert client.get(document.url).status_code == 302
    logged = reports(client, practice, document)

    out = io.StringIO()
    call_command("rollup_downloads", stdout=out)

    assert logged[:2] == (COUNTED_BEFORE + 3, COUNTED_BEFORE + 3)
    assert logged[2] >= started
    assert "Folded 3 logged downloads" in out.getvalue()
    assert not DocumentDownload.objects.exists()
    assert DocumentDownloadCount.objects.get(document=document).count == 44
    assert reports(client, practice, document) == logged
    client.get(document.url)
    assert reports(client, practice, document)[:2] == (45, 45)


@pytest.mark.django_db
def test_a_download_is_logged_with_its_document_and_time_and_nothing_about_the_reader(
    client, home_page
):
    _, document = published_resource(home_page)
    reader = make_user("signed-in-reader")
    client.force_login(reader)

    client.get(
        document.url, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Reader's browser"
    )

    assert [field.name for field in DocumentDownload._meta.get_fields()] == [
        "id",
        "document",
        "downloaded_at",
    ]
    assert list(DocumentDownload.objects.values_list("document", flat=True)) == [
        document.pk
    ]
