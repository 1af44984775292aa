"""Real files of each allowed type, and hostile ones, built in memory."""

import io
import zipfile

from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.practices.factories import MINIMAL_PDF

OFFICE_MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}


def office_bytes(extension, padding=0):
    """A minimal Office Open XML package; padding puts a large part first, as real files often do."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        if padding:
            package.writestr("docProps/thumbnail.jpeg", b"\xff" * padding)
        package.writestr(OFFICE_MAIN_PART[extension], "<document/>")
    return buffer.getvalue()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name="report.pdf"):
    return upload(name, MINIMAL_PDF, "application/pdf")


def crafted_office_bytes():
    """A .docx whose zip directory claims a format version Python's zipfile cannot read."""
    data = bytearray(office_bytes("docx"))
    entry = data.index(b"PK\x01\x02")
    data[entry + 6] = 199
    return bytes(data)
