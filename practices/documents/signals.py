"""Counting downloads from the public site."""

from .access import user_may_preview
from .models import DocumentDownload


def count_download(sender, instance, request, **kwargs):
    """Count a download once the serve view has allowed it; editors checking a file are not counted."""
    if request.user.is_authenticated and user_may_preview(request.user, instance):
        return
    DocumentDownload.record(instance)
