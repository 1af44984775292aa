"""The bytes behind a practice's resources are the bytes parents reviewed: files in use cannot be swapped or deleted.

Of the two ways to keep that promise, Bright Spots refuses: a document a live practice uses, or a
version parents reviewed or are reviewing, keeps its file. A new file is a new document, attached
in a draft that goes to parent review (docs/review-workflow.md).
"""

import pytest

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model

from practices.models import PracticePage
from tests.core.conftest import replace_file
from tests.core.files import pdf
from tests.practices.factories import (
    MINIMAL_PDF,
    DocumentFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    make_user,
    publish_through_parent_review,
)

pytestmark = pytest.mark.django_db
Document = get_document_model()
REVIEWED = MINIMAL_PDF


@pytest.fixture
def editor(client):
    client.force_login(make_user("doc-editor", "Editors"))
    return client


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


def practice_with(library, document, live):
    page = PracticePageFactory(parent=library, title="Kin first", live=False)
    PracticeResourceFactory(page=page, document=document, title="Guide")
    page = PracticePage.objects.get(pk=page.pk)
    if live:
        return publish_through_parent_review(page)
    editor = make_user("drafter", "Editors")
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)  # parents are reading it now
    return page


def downloaded_bytes(document):
    response = Client().get(document.url)
    if response.status_code == 302:  # S3: a signed URL
        document.refresh_from_db()
        with document.file.open("rb") as handle:
            return handle.read()
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("state", ["live", "in review"])
def test_an_editor_cannot_upload_new_bytes_over_a_file_parents_reviewed(
    editor, library, state
):
    document = DocumentFactory(
        title="Guide", file=ContentFile(REVIEWED, name="guide.pdf")
    )
    practice_with(library, document, live=state == "live")
    before = Document.objects.get(pk=document.pk).file.name

    response = replace_file(editor, document, pdf("guide-v2.pdf"))

    assert response.status_code == 200
    assert "Kin first" in response.content.decode()
    assert "as a new document" in response.content.decode()
    document.refresh_from_db()
    assert document.file.name == before
    with document.file.open("rb") as handle:
        assert handle.read() == REVIEWED
    # The title and other details can still be corrected.
    renamed = editor.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Guide for leaders", "collection": document.collection_id},
    )
    assert renamed.status_code == 302
    assert Document.objects.get(pk=document.pk).title == "Guide for leaders"


def test_a_file_no_practice_uses_can_still_be_replaced(editor, library):
    document = DocumentFactory(
        title="Loose", file=ContentFile(REVIEWED, name="loose.pdf")
    )
    response = replace_file(editor, document, pdf("loose-v2.pdf"))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.file.name.endswith(".pdf")
    assert "loose-v2" in document.file.name


def test_a_document_a_live_practice_uses_cannot_be_deleted(editor, library):
    document = DocumentFactory(
        title="Guide", file=ContentFile(REVIEWED, name="guide.pdf")
    )
    practice = practice_with(library, document, live=True)

    editor.post(reverse("wagtaildocs:delete", args=[document.pk]))
    editor.post(
        reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"])
        + f"?id={document.pk}"
    )

    assert Document.objects.filter(pk=document.pk).exists()
    live = PracticePage.objects.get(pk=practice.pk)
    assert [r.document_id for r in live.resources.all()] == [document.pk]
