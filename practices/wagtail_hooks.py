"""Admin registration: practice labels, parent review screens, and the reviews listing for editors."""

from django.http import Http404
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import urls as review_urls
from .admin_views import SafeExportIndexView
from .documents import (
    document_permission_policy,
    published_documents,
    user_may_preview,
)
from .models import (
    Organisation,
    ParentReview,
    Population,
    Topic,
)
from .models.reviews import is_only_parent_reviewer, is_parent_reviewer
from .reports import DocumentDownloadsReportView, PracticeDownloadsReportView
from .rich_text import DocumentLinks, PageLinks


class TopicSnippetViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PopulationSnippetViewSet(SnippetViewSet):
    model = Population
    icon = "group"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class OrganisationSnippetViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "kind", "location"]
    list_filter = ["kind"]
    search_fields = ["name"]


class PracticeTaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = "Library labels"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (TopicSnippetViewSet, PopulationSnippetViewSet, OrganisationSnippetViewSet)


register_snippet(PracticeTaxonomyViewSetGroup)


@hooks.register("register_admin_urls")
def register_parent_review_urls():
    return [path("parent-review/", include(review_urls, namespace="parent_review"))]


class ParentReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return is_parent_reviewer(request.user)


@hooks.register("register_admin_menu_item")
def register_parent_review_menu_item():
    return ParentReviewMenuItem(
        "Your reviews", reverse("parent_review:queue"), icon_name="tasks", order=10
    )


class ParentReviewQueuePanel(Component):
    """Dashboard panel: the practices waiting for this parent's review."""

    name = "parent_review_queue"
    order = 10
    template_name = "practices/review/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from .views import queue_items

        return {"items": queue_items(self.user)}


@hooks.register("construct_homepage_panels")
def show_parent_reviewers_their_queue(request, panels):
    if not is_parent_reviewer(request.user):
        return
    if is_only_parent_reviewer(request.user):
        # Parents see their queue, not the editors' dashboard.
        panels[:] = []
    panels.insert(0, ParentReviewQueuePanel(request.user))


@hooks.register("construct_homepage_summary_items")
def hide_site_summary_from_parent_reviewers(request, summary_items):
    if is_only_parent_reviewer(request.user):
        summary_items[:] = []


@hooks.register("register_log_actions")
def register_parent_review_log_actions(actions):
    actions.register_action(
        "practices.parent_review.submit", "Parent review: sent", "Parent review sent"
    )
    actions.register_action(
        "practices.parent_review.change",
        "Parent review: changed",
        "Parent review changed",
    )


class ParentReviewPermissionHelper(PermissionHelper):
    """Parents' reviews are their words: editors read and export them, nobody edits or deletes them here."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ParentReviewAdmin(ModelAdmin):
    model = ParentReview
    menu_label = "Parent reviews"
    menu_icon = "tasks"
    menu_order = 250
    permission_helper_class = ParentReviewPermissionHelper
    index_view_class = SafeExportIndexView
    inspect_view_enabled = True
    list_display = [
        "page",
        "reviewer",
        "reviewer_organisation",
        "recommendation",
        "round_started",
        "created_at",
    ]
    list_filter = [
        "recommendation",
        "reviewer_organisation",
        "page",
        "task_state__started_at",
    ]
    search_fields = [
        "page__title",
        "reviewer__username",
        "reviewer__first_name",
        "reviewer__last_name",
    ]
    list_export = [
        "page",
        "round_started",
        "reviewer",
        "reviewer_organisation",
        "recommendation",
        "keeps_families_together",
        "impact_on_field",
        "negative_consequences",
        "conditions",
        "comments",
        "created_at",
        "updated_at",
    ]
    export_filename = "parent-reviews"

    def round_started(self, obj):
        return obj.task_state.started_at.date()

    round_started.short_description = "Review round started"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("page", "reviewer", "reviewer_organisation", "task_state")
        )


modeladmin_register(ParentReviewAdmin)


@hooks.register("before_serve_document")
def serve_only_published_documents(document, request):
    """A document no published page uses yet is not public: 404, unless the user may preview it."""
    if published_documents().filter(pk=document.pk).exists():
        return None
    if user_may_preview(request.user, document):
        return None
    raise Http404


@hooks.register("insert_global_admin_css")
def parent_review_admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/parent-review.css")
    )


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


# order=100: after Wagtail's own registrations of the "page" and "document" link types.
@hooks.register("register_rich_text_features", order=100)
def preloadable_link_types(features):
    features.register_link_type(PageLinks)
    features.register_link_type(DocumentLinks)
