"""Admin registration for contributions: the submissions and feedback listings, triage, erase."""

from django.urls import include, path, reverse
from django.utils.text import Truncator

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import LogFormatter
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from core.modeladmin import GuardedHistoryView, SafeExportIndexView
from practices.choices import ContributionStatus

from . import admin_views
from .admin_views import (
    ContributionEditView,
    ContributionInspectView,
    UsedChoicesListFilter,
)
from .forms import ContributionTriageForm
from .models import PracticeFeedback, PracticeSubmission


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
