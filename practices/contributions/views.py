"""The public forms: submit a Bright Spot, and feedback on a practice. Bots and people get the same answers."""

import math

from django.db import transaction
from django.shortcuts import redirect

from core.storage import STORAGE_ERRORS

from .forms import PracticeFeedbackForm, PracticeSubmissionForm
from .notify import notify_editors
from .spam import Verdict, fresh_token_data, judge, seconds_to_wait

STORAGE_FAILED = (
    "We could not store your file just now, so nothing was sent. Try again in a few minutes, "
    "or send your idea without the file."
)


def handle_post(request, form_class, render, save, thanks_url):
    """Rate limit, spam checks, validation, then save and tell the editors; every refusal keeps the typed text."""
    wait = seconds_to_wait(request)
    if wait:
        response = render(
            form_class(request.POST, request.FILES),
            status=429,
            rate_limited_minutes=math.ceil(wait / 60),
        )
        response["Retry-After"] = str(wait)
        return response
    verdict = judge(request.POST)
    if verdict is Verdict.BOT:
        # Exactly what a person gets, and nothing stored or sent: a bot learns nothing to adapt to.
        return redirect(thanks_url)
    if verdict in (Verdict.STALE, Verdict.UNSTAMPED):
        form = form_class(fresh_token_data(request.POST), request.FILES)
        return render(form, status=400, **{verdict.value: True})
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return render(form, status=400)
    try:
        with transaction.atomic():
            contribution = save(form)
    except STORAGE_ERRORS:
        form.add_error("file", STORAGE_FAILED)
        return render(form, status=503)
    notify_editors(contribution)
    return redirect(thanks_url)


def page_renderer(request, page, form_name):
    """Render the page with this form in it, under `form_name`, answering with the status given."""

    def render(form, status=200, **extra):
        response = page.render(request, context_overrides={form_name: form, **extra})
        response.status_code = status
        return response

    return render


def submission_form(request, page):
    """GET shows the form; POST stores a PracticeSubmission and redirects to the thanks page."""
    render_page = page_renderer(request, page, "form")

    def render(form, status=200, **extra):
        # Browsers never send a chosen file back with a form shown again.
        file_not_kept = bool(request.FILES) and status != 200
        return render_page(form, status, file_not_kept=file_not_kept, **extra)

    if request.method != "POST":
        return render(PracticeSubmissionForm())
    return handle_post(
        request,
        PracticeSubmissionForm,
        render,
        lambda form: form.save(),
        page.get_url(request) + page.reverse_subpage("thanks"),
    )


def feedback_form(request, page):
    """POST stores a PracticeFeedback on this practice; a GET goes to the form on the practice page."""
    if request.method != "POST":
        return redirect(page.get_url(request) + "#feedback")

    def save(form):
        feedback = form.save(commit=False)
        feedback.page = page
        feedback.save()
        return feedback

    return handle_post(
        request,
        PracticeFeedbackForm,
        page_renderer(request, page, "feedback_form"),
        save,
        page.get_url(request) + page.reverse_subpage("feedback_thanks"),
    )
