"""The parents' review space at /review/: sign in, their reviews, one practice to read and review, help.

Outside the Wagtail admin, in the public site's look: parents have no admin access at all.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .changes import changes_between
from .emails import due_date
from .forms import ParentReviewForm, SignInForm
from .invitations import (
    invitation_for,
    invitations_for,
    may_review,
    open_invitations_for,
)
from .models import ParentReview
from .rules import RoundClosed, submit_review
from .schedule import close_if_due

SIGN_IN_URL = reverse_lazy("review:sign_in")


def review_space(view):
    """Signed-in parents only, and never stored by a browser or a cache: drafts are not public."""
    return never_cache(login_required(view, login_url=SIGN_IN_URL))


@review_space
def home(request):
    """Your reviews: open rounds with their due dates, then earlier ones and how they ended."""
    # A round past its date closes as the parent arrives (the hourly run may not have come yet).
    open_now = [
        invitation
        for invitation in open_invitations_for(request.user)
        if close_if_due(invitation.round).is_open
    ]
    open_ids = {invitation.pk for invitation in open_now}
    # Closed rounds, answered or not, with how they ended.
    earlier = [
        invitation
        for invitation in invitations_for(request.user)
        if invitation.pk not in open_ids and not invitation.round.is_open
    ]
    return TemplateResponse(
        request,
        "practices/review/home.html",
        {
            "open_invitations": [
                {
                    "invitation": invitation,
                    "page": invitation.round.revision.as_object(),
                    "due_date": due_date(invitation.round),
                    # Live now, from the page itself, not the revision's copy.
                    "is_change": invitation.round.workflow_state.content_object.live,
                }
                for invitation in open_now
            ],
            "earlier_invitations": [
                {
                    "invitation": invitation,
                    "page": invitation.round.revision.as_object(),
                }
                for invitation in earlier
            ],
        },
    )


def closed_message(existing):
    if existing is None:
        return "This review has just closed, so your answers were not counted. Thank you for your time."
    return (
        "This review has closed, so your answers can no longer be changed. Thank you."
    )


@require_http_methods(["GET", "POST"])
@review_space
def review(request, token):
    """Read the practice and answer the questions; once the round closes, why it closed and your answers."""
    invitation = invitation_for(request.user, token)
    state = close_if_due(invitation.round)
    existing = ParentReview.objects.filter(
        task_state=state, reviewer=request.user
    ).first()
    if not state.is_open:
        response = closed(request, invitation, existing)
        if request.method == "POST":
            # Answers sent to a closed round are not kept; the page says why it closed.
            response.status_code = 409
        return response
    if not may_review(request.user, state):
        raise PermissionDenied(
            "You cannot review this practice: you are no longer on the review panel, "
            "or you had a hand in writing it."
        )

    if request.method == "POST":
        form = ParentReviewForm(request.POST, instance=existing)
        if form.is_valid():
            try:
                with transaction.atomic():
                    submit_review(state, request.user, review=form.save(commit=False))
            except RoundClosed:
                messages.error(request, closed_message(existing))
                return redirect("review:review", token=token)
            except IntegrityError:
                # A second tab or a double click: the first review stands and the parent is told so.
                messages.error(
                    request,
                    "You have already sent a review for this practice. You can change it below.",
                )
                return redirect("review:review", token=token)
            return redirect("review:thanks", token=token)
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

    page = state.revision.as_object()
    # What is live now, from the page itself: the revision's own copy of these fields is as of its save.
    current = state.workflow_state.content_object
    live = current.live and current.live_revision
    return TemplateResponse(
        request,
        "practices/review/review.html",
        {
            "invitation": invitation,
            "draft": page,
            "resources": page.resource_list,
            "changes": changes_between(live.as_object(), page) if live else None,
            "form": form,
            "review": existing,
            "due_date": due_date(state),
        },
        status=400 if form.errors else 200,
    )


def closed(request, invitation, existing):
    """A closed round: why it closed, the parent's own answers if they sent some, and where to go next."""
    state = invitation.round
    return TemplateResponse(
        request,
        "practices/review/closed.html",
        {
            "invitation": invitation,
            "round": state,
            "title": state.revision.as_object().title,
            "review": existing,
            "due_date": due_date(state),
            "open_count": len(open_invitations_for(request.user)),
        },
    )


@review_space
def thanks(request, token):
    invitation = invitation_for(request.user, token)
    existing = ParentReview.objects.filter(
        task_state=invitation.round, reviewer=request.user
    ).first()
    if existing is None:
        return redirect("review:review", token=token)
    return TemplateResponse(
        request,
        "practices/review/thanks.html",
        {
            "invitation": invitation,
            "title": invitation.round.revision.as_object().title,
            "due_date": due_date(invitation.round),
            "is_open": invitation.round.is_open,
            "open_invitations": [
                {"invitation": other, "page": other.round.revision.as_object()}
                for other in open_invitations_for(request.user)
                if other.pk != invitation.pk and not other.answered
            ],
        },
    )


def help_page(request):
    return TemplateResponse(
        request,
        "practices/review/help.html",
        {"contact_email": settings.BRIGHTSPOTS_CONTACT_EMAIL},
    )


@method_decorator(never_cache, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "practices/review/sign_in.html"
    authentication_form = SignInForm
    next_page = reverse_lazy("review:home")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("review:signed_out")


def signed_out(request):
    return TemplateResponse(request, "practices/review/signed_out.html")


RESET = {"extra_context": {"contact_email": settings.BRIGHTSPOTS_CONTACT_EMAIL}}

password_reset = auth_views.PasswordResetView.as_view(
    template_name="practices/review/password_reset.html",
    email_template_name="practices/emails/password_reset.txt",
    html_email_template_name="practices/emails/password_reset.html",
    subject_template_name="practices/emails/password_reset_subject.txt",
    success_url=reverse_lazy("review:password_reset_sent"),
    extra_email_context={"contact_email": settings.BRIGHTSPOTS_CONTACT_EMAIL},
    **RESET,
)
password_reset_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="practices/review/password_reset_sent.html", **RESET
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="practices/review/password_reset_confirm.html",
    success_url=reverse_lazy("review:password_reset_done"),
    **RESET,
)
password_reset_done = auth_views.PasswordResetCompleteView.as_view(
    template_name="practices/review/password_reset_done.html", **RESET
)
