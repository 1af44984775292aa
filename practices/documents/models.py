"""How many times each document was downloaded."""

from django.db import models
from django.db.models import F
from django.utils import timezone

from wagtail.documents import get_document_model_string


class DocumentDownloadCount(models.Model):
    """How many times a document was downloaded from the public site; one row per document."""

    document = models.OneToOneField(
        get_document_model_string(),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="download_count",
    )
    count = models.PositiveBigIntegerField(default=0)
    last_downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "practices"
        verbose_name = "document download count"

    def __str__(self):
        return f"{self.document_id}: {self.count}"

    @classmethod
    def increment(cls, document):
        """Add one download in a single UPDATE, so concurrent downloads never lose a count."""
        now = timezone.now()
        updated = cls.objects.filter(document=document).update(
            count=F("count") + 1, last_downloaded_at=now
        )
        if not updated:
            _, created = cls.objects.get_or_create(
                document=document, defaults={"count": 1, "last_downloaded_at": now}
            )
            if not created:
                cls.objects.filter(document=document).update(
                    count=F("count") + 1, last_downloaded_at=now
                )
