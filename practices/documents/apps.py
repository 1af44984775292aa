from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Resources: which documents the public may download, download counts and the downloads reports."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "practices.documents"
    label = "practice_documents"
    verbose_name = "Practice resources"

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.documents.models import document_served

        from .signals import count_download

        document_served.connect(
            count_download, sender=get_document_model(), dispatch_uid="count_download"
        )
