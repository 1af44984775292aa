"""Admin screens for parent reviewers: their queue, and one practice to read and review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from wagtail.models import TaskState

from .forms import ParentReviewForm
from .models import ParentReview, ParentReviewTask, ParentReviewTaskState
from .rules import (
    RoundClosed,
    is_conflicted,
    is_parent_reviewer,
    open_rounds_for,
    submit_review,
)


def queue_items(user):
    """Practices waiting for this parent's review, and whether they have answered yet."""
    rounds = open_rounds_for(user)
    reviewed = set(
        ParentReview.objects.filter(reviewer=user, task_state__in=rounds).values_list(
            "task_state_id", flat=True
        )
    )
    return [
        {
            "round": state,
            "page": state.revision.as_object(),
            "reviewed": state.pk in reviewed,
        }
        for state in rounds
    ]


def queue(request):
    """The reviewer's list of practices to review."""
    if not is_parent_reviewer(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request, "practices/review/queue.html", {"items": queue_items(request.user)}
    )


def get_round_for_reviewer(request, task_state_id):
    """The round, if this user is one of its reviewers; otherwise it does not exist for them."""
    state = (
        ParentReviewTaskState.objects.select_related(
            "revision", "workflow_state", "task"
        )
        .filter(pk=task_state_id)
        .first()
    )
    if state is None:
        raise Http404
    task = state.task.specific
    if not isinstance(task, ParentReviewTask) or not task.is_reviewer(request.user):
        raise Http404
    if is_conflicted(request.user, state):
        raise PermissionDenied(
            "You cannot review a practice you created, edited, sent for review or sent in."
        )
    return state, task


def closed_message(existing):
    if existing is None:
        return "This round has just closed; your review was not counted. Thank you."
    return "This review round has closed, so your answers can no longer be changed."


@require_http_methods(["GET", "POST"])
def review(request, task_state_id):
    """Read the practice draft and answer the review questions, on one page."""
    state, task = get_round_for_reviewer(request, task_state_id)
    page = state.revision.as_object()
    existing = ParentReview.objects.filter(
        task_state=state, reviewer=request.user
    ).first()
    is_open = state.status == TaskState.STATUS_IN_PROGRESS

    if request.method == "POST":
        if not is_open:
            messages.error(request, closed_message(existing))
            return redirect("parent_review:review", task_state_id=state.pk)
        form = ParentReviewForm(request.POST, instance=existing)
        if form.is_valid():
            try:
                with transaction.atomic():
                    submit_review(state, request.user, review=form.save(commit=False))
            except RoundClosed:
                messages.error(request, closed_message(existing))
                return redirect("parent_review:review", task_state_id=state.pk)
            except IntegrityError:
                # A second tab or a double click: the first review stands and the parent is told so.
                messages.error(
                    request,
                    "You have already sent a review for this practice. You can change it below.",
                )
                return redirect("parent_review:review", task_state_id=state.pk)
            messages.success(
                request,
                "Thank you. Your review has been saved."
                if existing is None
                else "Thank you. Your changes have been saved.",
            )
            return redirect("parent_review:review", task_state_id=state.pk)
        messages.error(
            request,
            "Some answers need your attention. Please look at the messages next to the questions.",
        )
    else:
        initial = {}
        if existing is None:
            # A parent usually reviews with the same organization every time.
            previous = (
                ParentReview.objects.filter(reviewer=request.user)
                .order_by("-created_at")
                .first()
            )
            if previous:
                initial["reviewer_organisation"] = previous.reviewer_organisation_id
        form = ParentReviewForm(instance=existing, initial=initial)

    context = {
        "page_preview": page,
        "round": state,
        "form": form,
        "review": existing,
        "is_open": is_open,
        "resources": page.resource_list,
    }
    return TemplateResponse(request, "practices/review/review.html", context)
