"""What an editor sees when uploading documents and images: good files stored, hostile ones refused."""

import json

import pytest

from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.practices.factories import MINIMAL_PDF

from .conftest import add_document
from .files import (
    crafted_office_bytes,
    office_bytes,
    pdf,
    png_bytes,
    upload,
)

Document = get_document_model()
Image = get_image_model()


def form_errors(response):
    return " ".join(response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", MINIMAL_PDF),
        ("worksheet.docx", office_bytes("docx")),
        ("budget.xlsx", office_bytes("xlsx")),
        ("slides.pptx", office_bytes("pptx")),
        # Real Office files often put a large part first; a 6 KB sniff would miss what they are.
        ("with-thumbnail.docx", office_bytes("docx", padding=50_000)),
        ("contacts.csv", "name,county\nAna,Santa Cruz\n".encode("cp1252")),
        ("notes.txt", "Plain notes – with a dash".encode()),
        # Excel's "Unicode Text" export.
        ("export.txt", "name\tcounty\nAna\tSanta Cruz\n".encode("utf-16")),
    ],
)
def test_editor_uploads_each_allowed_document_type_and_it_is_stored_in_s3(
    editor_client, s3_server, s3_storage, name, content
):
    response = add_document(editor_client, upload(name, content))

    assert response.status_code == 302, form_errors(response)
    document = Document.objects.get()
    assert document.file.name in s3_server.keys(s3_storage, "documents/")
    assert document.file_size == len(content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "report.pdf",
            b"MZ\x90\x00 this is a Windows program",
            "says it is a PDF, but its contents are not",
        ),
        (
            "report.pdf",
            office_bytes("docx"),
            "says it is a PDF, but its contents are not",
        ),
        (
            "worksheet.docx",
            MINIMAL_PDF,
            "says it is a Word document, but its contents are not",
        ),
        ("budget.xlsx", office_bytes("docx"), "says it is an Excel spreadsheet"),
        (
            "slides.pptx",
            b"PK\x03\x04 not really a zip",
            "says it is a PowerPoint presentation",
        ),
        (
            "crafted.docx",
            crafted_office_bytes(),
            "says it is a Word document, but its contents are not",
        ),
        (
            "unicode.txt",
            "<html><script>alert(1)</script>".encode("utf-16"),
            "says it is a plain text file",
        ),
        (
            "notes.txt",
            b"<html><script>alert(1)</script></html>",
            "says it is a plain text file",
        ),
        ("list.csv", b"<svg onload=alert(1)>", "says it is a CSV spreadsheet"),
        ("report.html.pdf", MINIMAL_PDF, "has more than one file type in it"),
        ("invoice.exe.docx", office_bytes("docx"), "has more than one file type in it"),
        (
            "page.html",
            b"<html><script>alert(1)</script></html>",
            "cannot be uploaded here",
        ),
        (
            "drawing.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "cannot be uploaded here",
        ),
    ],
)
def test_hostile_document_uploads_are_refused_with_a_message_and_nothing_is_stored(
    editor_client, s3_server, empty_bucket, name, content, message
):
    response = add_document(editor_client, upload(name, content))

    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert message in error
    assert not Document.objects.exists()
    assert s3_server.keys(empty_bucket) == []


def test_an_oversized_document_is_refused_with_its_size_and_the_limit(
    editor_client, settings
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = add_document(editor_client, upload("big.pdf", MINIMAL_PDF + b"0" * 2048))

    assert response.status_code == 200
    assert "1.0\xa0KB" in form_errors(response) or "1.0 KB" in form_errors(response)
    assert not Document.objects.exists()


def test_a_name_with_dots_that_are_not_file_types_is_accepted(editor_client):
    response = add_document(editor_client, pdf("Annual.Report.v2.pdf"))

    assert response.status_code == 302
    assert Document.objects.get().filename.startswith("Annual.Report.v2")


def test_bulk_upload_refuses_a_disguised_file_with_the_same_message(editor_client):
    response = editor_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": upload("report.pdf", b"MZ\x90\x00 program"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    answer = json.loads(response.content)
    assert answer["success"] is False
    assert "says it is a PDF, but its contents are not" in answer["error_message"]
    assert not Document.objects.exists()


def test_fifty_uploads_with_the_same_name_keep_fifty_distinct_files(
    editor_client, s3_server, empty_bucket
):
    for number in range(50):
        response = add_document(
            editor_client, pdf("report.pdf"), title=f"Report {number}"
        )
        assert response.status_code == 302

    keys = s3_server.keys(empty_bucket, "documents/")
    assert len(keys) == 50
    assert len(set(keys)) == 50
    assert sorted(Document.objects.values_list("file", flat=True)) == sorted(keys)


def test_image_upload_is_stored_and_an_svg_or_disguised_image_is_refused(
    editor_client, s3_server, empty_bucket
):
    root = Collection.get_first_root_node().pk
    url = reverse("wagtailimages:add")
    good = editor_client.post(
        url,
        {
            "title": "Logo",
            "file": upload("logo.png", png_bytes(), "image/png"),
            "collection": root,
        },
    )
    svg = editor_client.post(
        url,
        {
            "title": "Drawing",
            "file": upload("drawing.svg", b"<svg onload='alert(1)'/>", "image/svg+xml"),
            "collection": root,
        },
    )
    fake = editor_client.post(
        url,
        {
            "title": "Fake",
            "file": upload(
                "photo.png", b"<html><script>alert(1)</script>", "image/png"
            ),
            "collection": root,
        },
    )
    double = editor_client.post(
        url,
        {
            "title": "Double",
            "file": upload("photo.html.png", png_bytes(), "image/png"),
            "collection": root,
        },
    )

    assert good.status_code == 302
    for refused in (svg, fake, double):
        assert refused.status_code == 200
        assert refused.context["form"].errors["file"]
    assert "more than one file type" in " ".join(double.context["form"].errors["file"])
    assert Image.objects.count() == 1
    assert s3_server.keys(empty_bucket) == [Image.objects.get().file.name]
