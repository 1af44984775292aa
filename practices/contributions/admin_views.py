"""Admin views for triaging what the public sends: inspect, status and notes, drafting a practice, erasing."""

from django import forms
from django.contrib import messages
from django.contrib.admin import ChoicesFieldListFilter
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from wagtail.log_actions import log
from wagtail_modeladmin.views import EditView, InspectView

from practices.models import PracticeIndexPage

from .models import PracticeSubmission
from .records import (
    contribution_models,
    create_draft_practice,
    describe_counts,
    erase_person,
    missing_before_review,
)


class UsedChoicesListFilter(ChoicesFieldListFilter):
    """Only the choices some record has: an editor should not scroll past 57 states to find two."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.used = set(
            model._default_manager.values_list(field_path, flat=True).distinct()
        )

    def choices(self, changelist):
        choices = super().choices(changelist)
        yield next(choices)  # "All"
        # Django yields one choice per entry of flatchoices, in order; pair them to know each value.
        lookups = [lookup for lookup, _ in self.field.flatchoices if lookup is not None]
        for lookup, choice in zip(lookups, choices, strict=False):
            if lookup in self.used or choice["selected"]:
                yield choice


class ContributionInspectView(InspectView):
    """Typed text shown as typed (escaped, line breaks kept); the file and the draft practice as links."""

    def get_field_label(self, field_name, field=None):
        return capfirst(super().get_field_label(field_name, field))

    def get_field_display_value(self, field_name, field=None):
        instance = self.instance
        if field_name == "file":
            if not instance.file:
                return "None"
            return format_html(
                '<a href="{}">Download {}</a>',
                reverse("contributions:submission_file", args=[instance.pk]),
                instance.file.name.rsplit("/", 1)[-1],
            )
        if field_name == "practice":
            if not instance.practice_id:
                return "None yet"
            return format_html(
                '<a href="{}">{}</a>',
                reverse("wagtailadmin_pages:edit", args=[instance.practice_id]),
                instance.practice.get_admin_display_title(),
            )
        if field_name == "page" and instance.page_id:
            return format_html(
                '<a href="{}">{}</a>', instance.page.url or "#", instance.page.title
            )
        if field_name == "links":
            return (
                format_html_join(
                    "",
                    '<a href="{}" rel="noopener noreferrer nofollow">{}</a><br>',
                    ((link, link) for link in instance.link_list),
                )
                or "None"
            )
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, str):
            # linebreaksbr escapes first, then keeps the writer's paragraphs.
            return linebreaksbr(value, autoescape=True)
        return value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if isinstance(self.instance, PracticeSubmission):
            context["can_create_practice"] = (
                library_for_drafts(self.request.user) is not None
            )
            context["create_practice_url"] = reverse(
                "contributions:create_practice", args=[self.instance.pk]
            )
        return context


class ContributionEditView(EditView):
    """Status and notes; a change of status is its own line in the audit log."""

    def form_valid(self, form):
        before, after = form.initial.get("status"), form.cleaned_data["status"]
        response = super().form_valid(form)
        if before != after:
            log(
                self.instance,
                "practices.contribution.status",
                user=self.request.user,
                data={"from": before, "to": after},
            )
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def user_can_manage(user, action):
    """Alia's editors and moderators, through model permissions parents never have."""
    return all(
        user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
        for model in contribution_models()
    )


def submission_file(request, pk):
    """The supporting file, streamed to someone allowed to read submissions, as a download never shown inline."""
    if not request.user.has_perm("practices.view_practicesubmission"):
        raise PermissionDenied
    submission = get_object_or_404(PracticeSubmission, pk=pk)
    if not submission.file:
        raise Http404
    return FileResponse(
        submission.file.open("rb"),
        as_attachment=True,
        filename=submission.file.name.rsplit("/", 1)[-1],
    )


def library_for_drafts(user):
    """The library, if this user may triage submissions and add practices to it; None otherwise."""
    library = PracticeIndexPage.objects.first()
    if (
        library is not None
        and user.has_perm("practices.change_practicesubmission")
        and library.permissions_for_user(user).can_add_subpage()
    ):
        return library
    return None


@require_POST
def create_practice(request, pk):
    """Make (once) the draft practice pre-filled from a submission, then open it in the page editor."""
    library = library_for_drafts(request.user)
    if library is None:
        raise PermissionDenied
    submission = get_object_or_404(PracticeSubmission, pk=pk)
    page, created = create_draft_practice(submission, library, request.user)
    if created:
        missing = missing_before_review(page)
        messages.success(
            request,
            "Draft practice created from this submission. Check it"
            + (
                f", fill in {', '.join(f'“{label}”' for label in missing)}"
                if missing
                else ""
            )
            + ", then send it to parent review.",
        )
    else:
        messages.info(request, "This submission already has a draft practice.")
    return redirect("wagtailadmin_pages:edit", page.pk)


class EraseForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        help_text="Every submission and feedback sent with this address, or mentioning it, will be deleted.",
        error_messages={
            "required": "Enter the email address of the person who asked.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    confirm = forms.BooleanField(
        label="I understand this deletes their records and cannot be undone",
        error_messages={"required": "Tick the box to confirm."},
    )


def erase_contributor(request):
    """Erase one person's contributions by email, for a deletion request; logged without the address."""
    if not user_can_manage(request.user, "delete"):
        raise PermissionDenied
    form = EraseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            counts = erase_person(form.cleaned_data["email"], user=request.user)
            messages.success(
                request, format_html("Deleted {}.", describe_counts(counts))
            )
            return redirect("contributions:erase")
        status = 400
    return TemplateResponse(
        request,
        "practices/contributions/erase.html",
        {"form": form, "submissions_url": admin_url_index(PracticeSubmission)},
        status=status,
    )


def admin_url_index(model):
    opts = model._meta
    return reverse(f"{opts.app_label}_{opts.model_name}_modeladmin_index")
