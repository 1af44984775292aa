"""API viewsets with Bright Spots' privacy rules."""

from wagtail.documents.api.v2.views import DocumentsAPIViewSet

from .documents import published_documents


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Wagtail's documents endpoint (private collections already hidden), less drafts' resources."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=published_documents().values("pk"))
