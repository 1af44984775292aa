"""S3 storage for documents and images: private objects, signed URLs, failures that leave a trail."""

import logging
import mimetypes
import posixpath

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from django.conf import settings
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)

# Everything boto3 raises when S3 is down, slow, or refuses a request.
STORAGE_ERRORS = (BotoCoreError, ClientError, Boto3Error)

DEFAULT_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]


class MediaStorage(S3Storage):
    """S3Storage that records a failed delete as an orphan instead of failing the request."""

    def delete_or_raise(self, name):
        super().delete(name)

    def delete(self, name):
        try:
            self.delete_or_raise(name)
        except STORAGE_ERRORS as error:
            # Storage classes load before the app registry is ready; models cannot be imported then.
            from core.models import StorageOrphan

            logger.warning(
                "Could not delete %s from S3, recorded as orphan: %s", name, error
            )
            StorageOrphan.record(name, error)

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        if name.startswith("documents/"):
            # A redirect to S3 skips the headers Wagtail's serve view would send, so the object carries them.
            params.setdefault("ContentDisposition", document_disposition(name))
        return params


def document_disposition(name):
    """The Content-Disposition Wagtail sends for a document: PDFs and text open in the browser."""
    filename = posixpath.basename(name)
    inline_types = getattr(
        settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", DEFAULT_INLINE_CONTENT_TYPES
    )
    content_type = mimetypes.guess_type(filename)[0]
    return content_disposition_header(content_type not in inline_types, filename)


def iter_stored_files(storage, prefixes):
    """Yield (name, last_modified) for every stored object under the given prefixes."""
    bucket = getattr(storage, "bucket", None)
    if bucket is not None:
        # One paginated LIST per 1,000 keys instead of a HEAD per object.
        for prefix in prefixes:
            for obj in bucket.objects.filter(Prefix=storage._normalize_name(prefix)):
                name = obj.key
                if storage.location:
                    name = name[len(storage.location) :].lstrip("/")
                yield name, obj.last_modified
        return
    for prefix in prefixes:
        yield from _walk(storage, prefix.rstrip("/"))


def _walk(storage, folder):
    if not storage.exists(folder):
        return
    directories, files = storage.listdir(folder)
    for filename in files:
        name = f"{folder}/{filename}"
        yield name, storage.get_modified_time(name)
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}")
