"""Admin registration for parent review: reviewer screens, their menu and dashboard, the reviews listing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from core.modeladmin import GuardedHistoryView, SafeExportIndexView
from practices.models import PracticePage

from . import urls as review_urls
from .approval import EMERGENCY_PUBLISH, check_publish
from .models import ParentReview
from .rules import is_only_parent_reviewer, is_parent_reviewer
from .views import queue_items


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
    actions.register_action(
        EMERGENCY_PUBLISH,
        "Published without parent review (superuser)",
        "Published without parent review, by a superuser",
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


@hooks.register("insert_global_admin_css")
def parent_review_admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/parent-review.css")
    )


@hooks.register("before_publish_page")
def publish_only_what_parents_approved(request, page):
    """The edit and create views publish without page.publish(); the same rule applies there."""
    if not isinstance(page, PracticePage):
        return None
    try:
        check_publish(page.get_latest_revision(), request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
