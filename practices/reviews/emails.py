"""Emails to parents and editors about review rounds: one plain-text template each, sent with an HTML part.

Each email is a task on the django-tasks queue (settings.TASKS), enqueued when the transaction commits.
"""

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from .models import ParentReviewTaskState, ReviewInvitation, RoundOutcome


def absolute(url):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def due_date(state):
    return (
        date_format(timezone.localtime(state.due_at), "l, F j, Y")
        if state.due_at
        else ""
    )


def send(to, subject, template, context):
    """One email from Bright Spots, replies going to Alia: the text part, and the same words as HTML."""
    context = {
        **context,
        "help_url": absolute(reverse("review:help")),
        "contact_email": settings.BRIGHTSPOTS_CONTACT_EMAIL,
    }
    text = render_to_string(f"practices/emails/{template}.txt", context).strip() + "\n"
    html = render_to_string(
        "practices/emails/email.html", {"text": text, "subject": subject}
    )
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        reply_to=[settings.REVIEW_REPLY_TO],
    )
    message.attach_alternative(html, "text/html")
    message.send()


def invitation_context(invitation):
    state = invitation.round
    page = state.revision.as_object()
    return {
        "reviewer": invitation.reviewer,
        "page": page,
        "is_change": state.workflow_state.content_object.live,
        "due_date": due_date(state),
        "review_url": absolute(reverse("review:review", args=[invitation.token])),
        "reviews_url": absolute(reverse("review:home")),
    }


def load(invitation_id):
    return ReviewInvitation.objects.select_related(
        "reviewer", "round__revision", "round__workflow_state"
    ).get(pk=invitation_id)


# What each email to a parent about their invitation says: its subject and its template.
PARENT_EMAILS = {
    "invitation": ("Please review “{title}” by {due_date}", "review_requested"),
    "reminder": ("Reminder: please review “{title}” by {due_date}", "review_reminder"),
    "closing_note": ("The review of “{title}” has closed", "review_closed"),
}


@task()
def email_parent(invitation_id, kind):
    """One of PARENT_EMAILS to the parent an invitation was sent to."""
    invitation = load(invitation_id)
    context = invitation_context(invitation)
    subject, template = PARENT_EMAILS[kind]
    send(
        invitation.reviewer.email,
        subject.format(title=context["page"].title, due_date=context["due_date"]),
        template,
        {**context, "round": invitation.round, "outcomes": RoundOutcome},
    )


EDITOR_SUBJECTS = {
    RoundOutcome.RECOMMENDED: "Parents recommended “{title}”",
    RoundOutcome.NOT_RECOMMENDED: "Parents did not recommend “{title}”",
    RoundOutcome.NOT_ENOUGH_REVIEWS: "Not enough parents reviewed “{title}” in time",
}


@task()
def email_editor_outcome(round_id):
    """Tell the editor who sent the practice to parents how the round ended."""
    state = ParentReviewTaskState.objects.select_related(
        "revision", "workflow_state__requested_by", "task"
    ).get(pk=round_id)
    editor = state.workflow_state.requested_by
    recipient = (
        editor.email if editor and editor.email else settings.BRIGHTSPOTS_CONTACT_EMAIL
    )
    page = state.revision.as_object()
    reviews = list(state.reviews.all())
    send(
        recipient,
        EDITOR_SUBJECTS[state.outcome].format(title=page.title),
        "review_outcome",
        {
            "editor": editor,
            "page": page,
            "round": state,
            "outcomes": RoundOutcome,
            "answers": len(reviews),
            "recommends": sum(review.recommends for review in reviews),
            "required": state.task.specific.reviews_required,
            "due_date": due_date(state),
            "edit_url": absolute(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        },
    )
