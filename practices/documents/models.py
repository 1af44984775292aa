"""How many times each document was downloaded: a log of downloads and the totals folded out of it."""

from django.db import NotSupportedError, connection, models, transaction
from django.utils import timezone

from wagtail.documents import get_document_model_string


class DocumentDownload(models.Model):
    """One public download of a document: which, and when; nothing about who downloaded it."""

    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="download_log",
        # The index below starts with the document, which serves the foreign key too.
        db_index=False,
    )
    downloaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "practices"
        verbose_name = "document download"
        indexes = [
            models.Index(
                fields=["document", "downloaded_at"], name="document_download_by_doc"
            )
        ]

    def __str__(self):
        return f"{self.document_id} at {self.downloaded_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def record(cls, document):
        """Log one download with a single INSERT: no row is updated, so no download waits for another."""
        return cls.objects.create(document=document)


class DocumentDownloadCount(models.Model):
    """A document's downloads folded out of the log: all those counted before the log, plus each rollup."""

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
    def roll_up(cls):
        """Move every logged download into the totals, in one statement; returns how many moved.

        The rows deleted are exactly those summed (one snapshot), and a download logged meanwhile is
        simply left for the next rollup, so nothing is counted twice or lost.
        """
        if connection.vendor != "postgresql":
            raise NotSupportedError("Rolling up downloads needs PostgreSQL.")
        log = DocumentDownload._meta.db_table
        totals = cls._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH moved AS (DELETE FROM {log} RETURNING document_id, downloaded_at),
                folded AS (
                    INSERT INTO {totals} (document_id, count, last_downloaded_at)
                    SELECT document_id, count(*), max(downloaded_at) FROM moved GROUP BY document_id
                    ON CONFLICT (document_id) DO UPDATE SET
                        count = {totals}.count + EXCLUDED.count,
                        last_downloaded_at = GREATEST(
                            {totals}.last_downloaded_at, EXCLUDED.last_downloaded_at
                        )
                )
                SELECT count(*) FROM moved
                """  # noqa: S608 - table names from the models, no input
            )
            return cursor.fetchone()[0]


class DocumentDownloadTotal(models.Model):
    """A document's downloads: its folded total plus its logged downloads (a database view, migration 0012).

    A view rather than a subquery per resource: the reports join it once, so the log is summed in
    one pass however many practices there are.
    """

    document = models.OneToOneField(
        get_document_model_string(),
        on_delete=models.DO_NOTHING,
        primary_key=True,
        related_name="download_total",
        db_constraint=False,
    )
    count = models.PositiveBigIntegerField()
    last_downloaded_at = models.DateTimeField(null=True)

    class Meta:
        app_label = "practices"
        managed = False
        db_table = "practices_documentdownloadtotal"

    def __str__(self):
        return f"{self.document_id}: {self.count}"
