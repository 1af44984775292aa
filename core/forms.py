"""Admin upload forms for documents and images: checked content, and a replace that cannot lose the file."""

from django.conf import settings
from django.db import transaction

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from core.validators import validate_upload


class CheckedUploadMixin:
    """Run validate_upload on a new file, with the allow-list and size limit named by the subclass."""

    extensions_setting = ""
    max_size_setting = ""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            validate_upload(
                uploaded,
                getattr(settings, self.extensions_setting),
                getattr(settings, self.max_size_setting),
            )
        return uploaded


class DocumentForm(CheckedUploadMixin, BaseDocumentForm):
    """Wagtail's document form, plus a content check, and the old file deleted only after the new one is in.

    Wagtail's image form already works in that order; its document form deletes the old file first.
    """

    extensions_setting = "WAGTAILDOCS_EXTENSIONS"
    max_size_setting = "WAGTAILDOCS_MAX_UPLOAD_SIZE"

    def _post_clean(self):
        file_errors = list(self._errors.get("file", []))
        super()._post_clean()
        if file_errors:
            # Wagtail's Document.clean re-checks the refused file's extension as "" and adds a confusing error.
            self._errors["file"] = self.error_class(file_errors)

    def save(self, commit=True):
        replacing = commit and "file" in self.changed_data and self.original_file
        if not replacing:
            return super().save(commit=commit)
        old_storage, old_name = self.original_file.storage, self.original_file.name
        # Without the old file, Wagtail's save skips its delete-first; if the upload fails, nothing is lost.
        self.original_file = None
        instance = super().save(commit=commit)
        transaction.on_commit(lambda: old_storage.delete(old_name))
        return instance


class ImageForm(CheckedUploadMixin, BaseImageForm):
    """Wagtail's image form (which already opens the image to check it), plus the name checks."""

    extensions_setting = "WAGTAILIMAGES_EXTENSIONS"
    max_size_setting = "WAGTAILIMAGES_MAX_UPLOAD_SIZE"
