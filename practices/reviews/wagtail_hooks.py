"""Admin registration for parent review: the editors' dashboard panel and messages, the reviews listing, the publish rule."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from core.modeladmin import GuardedHistoryView, SafeExportIndexView
from practices.models import PracticePage

from .approval import EMERGENCY_PUBLISH, check_publish
from .emails import due_date
from .models import ParentReview, ParentReviewTaskState
from .panels import dashboard_rounds
from .rules import is_parent_reviewer


class ReviewSpaceMenuItem(MenuItem):
    """For staff who also review as parents: their reviews are in the review space, not the admin."""

    def is_shown(self, request):
        return is_parent_reviewer(request.user)


@hooks.register("register_admin_menu_item")
def register_review_space_menu_item():
    return ReviewSpaceMenuItem(
        "Your parent reviews", reverse("review:home"), icon_name="tasks", order=10
    )


class ReviewRoundsPanel(Component):
    """Dashboard panel for editors: open rounds by due date, then rounds closed in the last 30 days."""

    name = "parent_review_rounds"
    order = 50
    template_name = "practices/review/rounds_panel.html"

    def get_context_data(self, parent_context):
        return {"rounds": dashboard_rounds()}


@hooks.register("construct_homepage_panels")
def show_editors_the_review_rounds(request, panels):
    if request.user.has_perm("practices.view_parentreview"):
        panels.insert(0, ReviewRoundsPanel())


def say_who_was_invited(request, page):
    """After "submit", say how many parents were invited and until when (Wagtail's message cannot).

    After a sign-off whose edits changed what parents judged, the practice went back to them instead
    of being published (Wagtail says only "updated"): say that plainly.
    """
    submitted = "action-submit" in request.POST
    signed_off = "action-workflow-action" in request.POST
    if not (submitted or signed_off) or not isinstance(page, PracticePage):
        return
    state = (
        ParentReviewTaskState.objects.for_instance(page)
        .filter(status=TaskState.STATUS_IN_PROGRESS)
        .first()
    )
    if state is None:
        return
    invited = state.invitations.count()
    who = (
        f"{invited} parent{'s were' if invited != 1 else ' was'} invited to review it. "
        f"They have until {due_date(state)}."
    )
    if submitted:
        messages.info(request, who)
    else:
        messages.warning(
            request,
            "Not published: your changes alter what parents reviewed, so the practice went back "
            f"to parent review. {who}",
        )


hooks.register("after_edit_page", say_who_was_invited)
hooks.register("after_create_page", say_who_was_invited)


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
