"""S3 down or hung: the editor gets a clear answer in seconds and nothing saved is lost."""

import json
import socket
import threading
import time

import pytest
from botocore.config import Config
from botocore.exceptions import EndpointConnectionError

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

from core.models import StorageOrphan
from core.storage import MediaStorage
from tests.practices.factories import MINIMAL_PDF, DocumentFactory
from tests.s3 import MotoServer, storage_on

from .conftest import add_document, replace_file
from .files import pdf

Document = get_document_model()
OUTAGE_MESSAGE = "The file store is not answering, so your file was not saved."


@pytest.fixture
def outage_s3(db):
    """An S3 endpoint of this test's own, which the test can stop like a real outage."""
    server = MotoServer()
    bucket = server.create_bucket("outage-bucket")
    with storage_on(server, bucket):
        yield server
    if server.process.poll() is None:
        server.stop()


def test_upload_while_s3_is_stopped_answers_503_within_five_seconds_and_saves_no_record(
    editor_client, outage_s3
):
    existing = DocumentFactory(title="Already saved")
    outage_s3.stop()

    started = time.monotonic()
    response = add_document(editor_client, pdf(), title="New resource")
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert OUTAGE_MESSAGE in response.content.decode()
    assert elapsed < 5
    assert list(Document.objects.values_list("title", flat=True)) == ["Already saved"]
    assert Document.objects.get().file.name == existing.file.name


def test_bulk_upload_while_s3_is_stopped_shows_the_message_in_the_uploader(
    editor_client, outage_s3
):
    outage_s3.stop()

    # A failed save marks the enclosing transaction for rollback; a real request has none, the test does.
    with transaction.atomic():
        response = editor_client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": pdf(), "collection": Collection.get_first_root_node().pk},
        )

    answer = json.loads(response.content)
    assert answer == {"success": False, "error_message": answer["error_message"]}
    assert OUTAGE_MESSAGE in answer["error_message"]
    assert not Document.objects.exists()


def test_replacing_a_file_while_s3_is_stopped_keeps_the_old_file(
    editor_client, outage_s3
):
    document = DocumentFactory(title="Guide")
    original_name = document.file.name
    outage_s3.stop()

    response = replace_file(editor_client, document, pdf("guide-v2.pdf"))

    assert response.status_code == 503
    document.refresh_from_db()
    assert document.file.name == original_name
    assert document.file_size == len(MINIMAL_PDF)


def test_replacing_a_file_when_only_the_upload_fails_does_not_delete_the_old_file(
    editor_client,
    s3_server,
    empty_bucket,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    document = DocumentFactory(title="Guide")
    original_name = document.file.name

    def refuse_upload(storage, name, content):
        # S3 accepting deletes but failing writes; Wagtail's own form would delete first.
        raise EndpointConnectionError(endpoint_url="http://s3")

    monkeypatch.setattr(MediaStorage, "_save", refuse_upload)
    with django_capture_on_commit_callbacks(execute=True):
        response = replace_file(editor_client, document, pdf("guide-v2.pdf"))

    assert response.status_code == 503
    document.refresh_from_db()
    assert document.file.name == original_name
    assert s3_server.keys(empty_bucket) == [original_name]


def test_replacing_a_file_stores_the_new_one_and_then_deletes_the_old(
    editor_client, s3_server, empty_bucket, django_capture_on_commit_callbacks
):
    document = DocumentFactory(title="Guide")
    with django_capture_on_commit_callbacks(execute=True):
        response = replace_file(editor_client, document, pdf("guide-v2.pdf"))

    assert response.status_code == 302
    document.refresh_from_db()
    assert s3_server.keys(empty_bucket) == [document.file.name]
    assert document.filename == "guide-v2.pdf"


def test_deleting_a_document_while_s3_is_stopped_records_the_orphan_instead_of_failing(
    editor_client, outage_s3, django_capture_on_commit_callbacks
):
    document = DocumentFactory(title="Old guide")
    outage_s3.stop()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("wagtaildocs:delete", args=[document.pk]))

    assert response.status_code == 302
    assert not Document.objects.exists()
    assert StorageOrphan.objects.get().name == document.file.name


def test_a_hung_s3_fails_the_upload_in_seconds_not_minutes(editor_client, settings):
    """An endpoint that accepts the connection and never answers, with a 1-second read timeout."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []
    threading.Thread(
        target=lambda: accepted.extend(listener.accept() for _ in range(4)), daemon=True
    ).start()
    config = Config(
        connect_timeout=1,
        read_timeout=1,
        retries={"total_max_attempts": 2, "mode": "standard"},
        signature_version="s3v4",
    )
    with override_settings(
        AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{listener.getsockname()[1]}",
        AWS_S3_CLIENT_CONFIG=config,
        STORAGES=dict(settings.STORAGES),
    ):
        started = time.monotonic()
        response = add_document(editor_client, pdf())
        elapsed = time.monotonic() - started
    listener.close()

    assert response.status_code == 503
    assert elapsed < 5
    assert not Document.objects.exists()


def test_reconcile_storage_reports_orphans_and_missing_files_and_deletes_only_orphans(
    s3_server, empty_bucket, db, capsys
):
    kept = DocumentFactory(title="Kept")
    lost = DocumentFactory(title="Lost")
    client = s3_server.client()
    client.delete_object(Bucket=empty_bucket, Key=lost.file.name)
    for key in ["documents/left-behind.pdf", "original_images/left-behind.png"]:
        client.put_object(Bucket=empty_bucket, Key=key, Body=b"orphan")
    client.put_object(Bucket=empty_bucket, Key="documents/failed-delete.pdf", Body=b"x")
    StorageOrphan.record("documents/failed-delete.pdf", "S3 was down")
    client.put_object(Bucket=empty_bucket, Key="unmanaged/notes.txt", Body=b"not ours")

    call_command("reconcile_storage", "--min-age-minutes", "0")
    report = capsys.readouterr().out

    assert "Orphaned files: 3 (1 recorded by a failed delete)" in report
    for key in [
        "documents/left-behind.pdf",
        "original_images/left-behind.png",
        "documents/failed-delete.pdf",
    ]:
        assert f"orphan  {key}" in report
    assert f"missing wagtaildocs.Document {lost.pk}: {lost.file.name}" in report
    assert kept.file.name not in report

    call_command("reconcile_storage", "--min-age-minutes", "0", "--delete")

    assert sorted(s3_server.keys(empty_bucket)) == sorted(
        [kept.file.name, "unmanaged/notes.txt"]
    )
    assert not StorageOrphan.objects.exists()


def test_reconcile_storage_leaves_a_file_uploaded_moments_ago(
    s3_server, empty_bucket, db, capsys
):
    s3_server.client().put_object(
        Bucket=empty_bucket, Key="documents/uploading.pdf", Body=b"x"
    )

    call_command("reconcile_storage", "--delete")

    assert "Orphaned files: 0" in capsys.readouterr().out
    assert s3_server.keys(empty_bucket) == ["documents/uploading.pdf"]
