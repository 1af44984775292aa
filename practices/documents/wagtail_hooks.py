"""Admin registration for documents: only published files are served, and the downloads reports."""

from django.http import Http404
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import (
    document_permission_policy,
    is_published_document,
    user_may_preview,
)
from .reports import DocumentDownloadsReportView, PracticeDownloadsReportView


@hooks.register("before_serve_document")
def serve_only_published_documents(document, request):
    """A document no published page uses yet is not public: 404, unless the user may preview it."""
    if is_published_document(document):
        return None
    if user_may_preview(request.user, document):
        return None
    raise Http404


@hooks.register("register_admin_urls")
def register_download_report_urls():
    urls = []
    for view, slug in [
        (PracticeDownloadsReportView, "practices"),
        (DocumentDownloadsReportView, "documents"),
    ]:
        urls += [
            path(
                f"reports/downloads/{slug}/", view.as_view(), name=view.index_url_name
            ),
            path(
                f"reports/downloads/{slug}/results/",
                view.as_view(results_only=True),
                name=view.index_results_url_name,
            ),
        ]
    return urls


class DownloadsReportMenuItem(MenuItem):
    """A Reports menu entry for a downloads report, shown to those the report itself lets in."""

    def __init__(self, view, order):
        super().__init__(
            view.page_title,
            reverse(view.index_url_name),
            icon_name="download",
            order=order,
        )
        self.view = view

    def is_shown(self, request):
        return document_permission_policy().user_has_any_permission(
            request.user, self.view.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_practice_downloads_menu_item():
    return DownloadsReportMenuItem(PracticeDownloadsReportView, order=700)


@hooks.register("register_reports_menu_item")
def register_document_downloads_menu_item():
    return DownloadsReportMenuItem(DocumentDownloadsReportView, order=701)
