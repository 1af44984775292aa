"""Field checks shared by apps: uploads must be what their name says, and years no later than this one."""

import datetime
import mimetypes
import zipfile
from pathlib import PurePosixPath

import filetype

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# What the first bytes of each allowed binary type must look like (checked with `filetype`).
IMAGE_TYPES = {
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png", "apng"},
    "gif": {"gif"},
    "webp": {"webp"},
}
# The part an Office Open XML package must contain to be that kind of document.
OFFICE_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
TEXT_TYPES = {"txt", "csv"}
KIND_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "xlsx": "an Excel spreadsheet",
    "pptx": "a PowerPoint presentation",
    "txt": "a plain text file",
    "csv": "a CSV spreadsheet",
}
# Markup a browser could run as a page if a text file were ever opened as HTML.
ACTIVE_MARKUP = (b"<html", b"<!doctype html", b"<script", b"<svg", b"<iframe", b"<body")
SNIFF_BYTES = 8192


def current_year():
    """The limit of a "year started" field: a callable, so it moves on each New Year without a migration."""
    return datetime.date.today().year


def validate_upload(uploaded, allowed_extensions, max_size=None):
    """Raise a ValidationError a non-technical editor can act on; return nothing if the file is fine."""
    name = PurePosixPath(uploaded.name or "")
    extension = name.suffix.lower().lstrip(".")
    if extension not in allowed_extensions:
        raise ValidationError(
            "Files ending in “.%(ext)s” cannot be uploaded here. Allowed types: %(allowed)s.",
            code="file_type",
            params={"ext": extension, "allowed": ", ".join(allowed_extensions)},
        )
    if max_size is not None and uploaded.size > max_size:
        raise ValidationError(
            "This file is %(size)s. The largest file you can upload is %(max)s.",
            code="file_too_big",
            params={
                "size": filesizeformat(uploaded.size),
                "max": filesizeformat(max_size),
            },
        )
    inner = [suffix.lower() for suffix in name.suffixes[:-1]]
    if any(mimetypes.guess_type(f"x{suffix}")[0] for suffix in inner):
        raise ValidationError(
            "The name “%(name)s” has more than one file type in it. Rename the file so it ends "
            "in just one, for example “%(example)s”.",
            code="double_extension",
            params={
                "name": name.name,
                "example": f"{name.stem.split('.')[0]}.{extension}",
            },
        )
    head = _read_head(uploaded)
    if not _content_matches(uploaded, extension, head):
        raise ValidationError(
            "This file’s name says it is %(kind)s, but its contents are not. Save it again "
            "from the program that made it, or choose a different file.",
            code="content_mismatch",
            params={"kind": KIND_NAMES.get(extension, f"a .{extension} file")},
        )


def _read_head(uploaded):
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    return head


def _content_matches(uploaded, extension, head):
    if extension == "pdf":
        # The PDF spec lets the header start anywhere in the first 1,024 bytes.
        return b"%PDF-" in head[:1024]
    if extension in IMAGE_TYPES:
        kind = filetype.guess(head)
        return kind is not None and kind.extension in IMAGE_TYPES[extension]
    if extension in OFFICE_PARTS:
        return _office_package_has(uploaded, OFFICE_PARTS[extension])
    if extension in TEXT_TYPES:
        return _plain_text(head)
    return filetype.guess(head) is None or filetype.guess(head).extension == extension


def _office_package_has(uploaded, part):
    # filetype only scans a zip's first 6 KB, which misses real Office files; read the central directory.
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as package:
            names = set(package.namelist())
    except Exception:
        return False
    finally:
        uploaded.seek(0)
    return "[Content_Types].xml" in names and part in names


def _plain_text(head):
    # Any encoding is fine: Excel writes CSV in Windows-1252, and "Unicode Text" in UTF-16.
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(encoding, errors="ignore").encode()
            break
    lowered = head.lower()
    # A NUL byte means binary data; markup means a browser could run it as a page.
    return b"\x00" not in head and not any(
        marker in lowered for marker in ACTIVE_MARKUP
    )
