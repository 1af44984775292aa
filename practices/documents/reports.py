"""Admin reports of resource downloads, per practice and per document, for Alia's editors."""

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from practices.models import PracticePage

from .access import document_permission_policy


class DownloadsReportMixin:
    header_icon = "download"
    any_permission_required = ["add", "change"]

    @property
    def permission_policy(self):
        return document_permission_policy()


class PracticeDownloadsReportView(DownloadsReportMixin, ReportView):
    """Each practice with the sum of its resources' downloads."""

    page_title = "Downloads by practice"
    index_url_name = "practice_downloads_report"
    index_results_url_name = "practice_downloads_report_results"
    list_export = ["title", "status_string", "resource_count", "downloads"]
    export_headings = {
        "title": "Practice",
        "status_string": "Status",
        "resource_count": "Resources",
        "downloads": "Downloads",
    }
    columns = [
        TitleColumn(
            "title",
            label="Practice",
            url_name="wagtailadmin_pages:edit",
        ),
        Column("status_string", label="Status"),
        Column("resource_count", label="Resources"),
        Column("downloads", label="Downloads"),
    ]

    def get_queryset(self):
        # Per resource row, as a practice lists them: a document used by two practices counts for both.
        return PracticePage.objects.annotate(
            downloads=Coalesce(Sum("resources__document__download_total__count"), 0),
            resource_count=Count("resources", distinct=True),
        ).order_by("-downloads", "title")


class DocumentDownloadsReportView(DownloadsReportMixin, ReportView):
    """Each document with its download count and when it was last downloaded."""

    page_title = "Downloads by document"
    index_url_name = "document_downloads_report"
    index_results_url_name = "document_downloads_report_results"
    list_export = ["title", "filename", "downloads", "last_downloaded_at"]
    export_headings = {
        "title": "Document",
        "filename": "File",
        "downloads": "Downloads",
        "last_downloaded_at": "Last downloaded",
    }
    columns = [
        TitleColumn("title", label="Document", url_name="wagtaildocs:edit"),
        Column("filename", label="File"),
        Column("downloads", label="Downloads"),
        DateColumn("last_downloaded_at", label="Last downloaded"),
    ]

    def get_queryset(self):
        # Only the documents this editor may edit: collections can be private to other teams.
        return (
            self.permission_policy.instances_user_has_permission_for(
                self.request.user, "change"
            )
            .annotate(
                downloads=Coalesce("download_total__count", 0),
                last_downloaded_at=F("download_total__last_downloaded_at"),
            )
            .order_by("-downloads", "title")
        )
