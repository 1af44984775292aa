"""Admin registration: practice labels, parent review screens, the reviews listing, and contributions triage."""

from django.http import Http404
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from . import admin_views
from . import urls as review_urls
from .admin_views import (
    ContributionEditView,
    ContributionInspectView,
    GuardedHistoryView,
    SafeExportIndexView,
    UsedChoicesListFilter,
)
from .choices import ContributionStatus
from .documents import (
    document_permission_policy,
    published_documents,
    user_may_preview,
)
from .forms import ContributionTriageForm
from .models import (
    Organisation,
    ParentReview,
    Population,
    PracticeFeedback,
    PracticeSubmission,
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
    history_view_class = GuardedHistoryView
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


class ContributionPermissionHelper(PermissionHelper):
    """Contributions come only from the public form: editors triage and delete them, never add them."""

    def user_can_create(self, user):
        return False


class ContributionButtonHelper(ButtonHelper):
    """“Edit” here means moving the record along the pipeline, so the button says so."""

    def edit_button(self, *args, **kwargs):
        button = super().edit_button(*args, **kwargs)
        button["label"] = "Status and notes"
        button["title"] = "Change the status or add notes"
        return button


class ContributionAdmin(ModelAdmin):
    """What the submissions and feedback listings share: pipeline, triage form, export, inspect."""

    permission_helper_class = ContributionPermissionHelper
    button_helper_class = ContributionButtonHelper
    index_view_class = SafeExportIndexView
    inspect_view_class = ContributionInspectView
    edit_view_class = ContributionEditView
    history_view_class = GuardedHistoryView
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [FieldPanel("status"), FieldPanel("notes")],
        base_form_class=ContributionTriageForm,
    )


class PracticeSubmissionAdmin(ContributionAdmin):
    model = PracticeSubmission
    menu_label = "Submissions"
    menu_icon = "form"
    inspect_template_name = "practices/contributions/submission_inspect.html"
    list_display = ["practice_name", "organisation", "state", "status", "created_at"]
    list_filter = [
        "status",
        ("state", UsedChoicesListFilter),
        ("practice_state", UsedChoicesListFilter),
        "topics",
        "created_at",
    ]
    search_fields = [
        "practice_name",
        "description",
        "runs_it",
        "name",
        "email",
        "organisation",
    ]
    inspect_view_fields = [
        "status",
        "created_at",
        *PracticeSubmission.form_fields,
        "practice",
        "notes",
    ]
    # Topics by name; the file is left out (it is in the admin, not in a spreadsheet).
    list_export = [
        "created_at",
        "status",
        *(
            {"topics": "topic_names"}.get(field, field)
            for field in PracticeSubmission.form_fields
            if field != "file"
        ),
        "notes",
    ]
    export_filename = "practice-submissions"

    def topic_names(self, obj):
        return "; ".join(topic.name for topic in obj.topics.all())

    topic_names.short_description = "Topics"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")


class PracticeFeedbackAdmin(ContributionAdmin):
    model = PracticeFeedback
    menu_label = "Feedback"
    menu_icon = "comment"
    list_display = ["page", "short_message", "status", "created_at"]
    list_filter = [
        "status",
        ("page__state", UsedChoicesListFilter),
        "page__topics",
        "created_at",
    ]
    search_fields = ["message", "name", "email", "page__title"]
    inspect_view_fields = [
        "status",
        "created_at",
        "page",
        "message",
        "name",
        "email",
        "notes",
    ]
    list_export = ["created_at", "status", "page", "message", "name", "email", "notes"]
    export_filename = "practice-feedback"

    def short_message(self, obj):
        return Truncator(obj.message).chars(100)

    short_message.short_description = "Feedback"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("page")


class ContributionsGroup(ModelAdminGroup):
    """Alia's editors triage what the public sends; parent reviewers never see this menu."""

    menu_label = "Contributions"
    menu_icon = "mail"
    menu_order = 260
    items = (PracticeSubmissionAdmin, PracticeFeedbackAdmin)

    def get_submenu_items(self):
        return [*super().get_submenu_items(), EraseMenuItem()]


class EraseMenuItem(MenuItem):
    def __init__(self):
        super().__init__(
            "Erase a person’s data",
            reverse("contributions:erase"),
            icon_name="bin",
            order=900,
        )

    def is_shown(self, request):
        return admin_views.user_can_manage(request.user, "delete")


modeladmin_register(ContributionsGroup)


@hooks.register("register_admin_urls")
def register_contribution_urls():
    urls = [
        path("file/<int:pk>/", admin_views.submission_file, name="submission_file"),
        path(
            "create-practice/<int:pk>/",
            admin_views.create_practice,
            name="create_practice",
        ),
        path("erase/", admin_views.erase_contributor, name="erase"),
    ]
    return [path("contributions/", include((urls, "contributions")))]


@hooks.register("register_log_actions")
def register_contribution_log_actions(actions):
    @actions.register_action("practices.contribution.status")
    class StatusChanged(LogFormatter):
        label = "Contribution: status changed"

        def format_message(self, log_entry):
            labels = dict(ContributionStatus.choices)
            return "Status changed from “{}” to “{}”".format(
                labels.get(log_entry.data.get("from"), "?"),
                labels.get(log_entry.data.get("to"), "?"),
            )

    actions.register_action(
        "practices.contribution.draft",
        "Contribution: draft practice created",
        "Draft practice created from this submission",
    )
    actions.register_action(
        "practices.contribution.purge",
        "Contribution: deleted after the retention period",
        "Deleted after the retention period",
    )
    actions.register_action(
        "practices.contribution.erase",
        "Contribution: erased on request",
        "Erased at the sender’s request",
    )
