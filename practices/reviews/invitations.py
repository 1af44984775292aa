"""Which parents are asked to review a round, and the private link each one follows."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404

from wagtail.models import TaskState

from .emails import email_parent
from .models import ParentReview, ReviewInvitation
from .rules import conflicted_users


def invite_reviewers(state):
    """Invite every parent of the round's groups who is not yet invited and had no hand in the practice.

    Idempotent: run when the round starts, and again by the schedule for parents who joined the panel
    since. Returns the new invitations; their emails go out once the transaction commits.
    """
    if state.status != TaskState.STATUS_IN_PROGRESS:
        return []
    task = state.task.specific
    page_id = state.workflow_state.object_id
    excluded = conflicted_users([page_id])[page_id] | set(
        state.invitations.values_list("reviewer_id", flat=True)
    )
    created = []
    for reviewer in task.reviewers().exclude(pk__in=excluded):
        invitation, new = ReviewInvitation.objects.get_or_create(
            round=state, reviewer=reviewer
        )
        if new:
            created.append(invitation)
    answered = set(state.reviews.values_list("reviewer_id", flat=True))
    for invitation in created:
        if invitation.reviewer.email and invitation.reviewer_id not in answered:
            transaction.on_commit(
                lambda pk=invitation.pk: email_parent.enqueue(pk, "invitation")
            )
    return created


def email_silent_parents(state, sent_field, kind, now):
    """Send `kind` of emails.PARENT_EMAILS, once, to each invited parent of the round who has not
    answered (a reminder, a closing note).

    The claim is a conditional UPDATE of `sent_field`, so two runs at once send one email each; the
    email goes out when the transaction commits. Returns how many were claimed.
    """
    not_sent = {f"{sent_field}__isnull": True}
    waiting = state.invitations.filter(**not_sent).exclude(
        reviewer_id__in=state.reviews.values("reviewer_id")
    )
    sent = 0
    for invitation in waiting.select_related("reviewer"):
        claimed = ReviewInvitation.objects.filter(pk=invitation.pk, **not_sent).update(
            **{sent_field: now}
        )
        if claimed and invitation.reviewer.email and invitation.reviewer.is_active:
            transaction.on_commit(
                lambda pk=invitation.pk: email_parent.enqueue(pk, kind)
            )
            sent += 1
    return sent


def invitations_for(user):
    """This parent's invitations, newest round first, with whether they have answered."""
    answered = ParentReview.objects.filter(task_state=OuterRef("round"), reviewer=user)
    return (
        ReviewInvitation.objects.filter(reviewer=user)
        .annotate(answered=Exists(answered))
        .select_related(
            "round", "round__revision", "round__workflow_state", "round__task"
        )
        .order_by("-round__started_at")
    )


def may_review(user, state, conflicts=None):
    """Whether this parent may read the draft and answer now: open round, still on the panel, no hand in it.

    `conflicts` is conflicted_users() for this round's practice, when the caller has it already.
    """
    if not state.is_open or not state.task.specific.is_reviewer(user):
        return False
    page_id = state.workflow_state.object_id
    conflicts = conflicts or conflicted_users([page_id])
    return user.pk not in conflicts[page_id]


def open_invitations_for(user):
    """The rounds this parent can answer now, soonest due first."""
    invitations = list(
        invitations_for(user).filter(round__status=TaskState.STATUS_IN_PROGRESS)
    )
    conflicts = conflicted_users(
        {invitation.round.workflow_state.object_id for invitation in invitations}
    )
    invitations = [
        invitation
        for invitation in invitations
        if may_review(user, invitation.round, conflicts)
    ]
    return sorted(
        invitations,
        key=lambda invitation: invitation.round.due_at or invitation.invited_at,
    )


def invitation_for(user, token):
    """The invitation behind a review link, only for the parent it was sent to; anyone else gets a 404."""
    invitation = invitations_for(user).filter(token=token).first()
    if invitation is None:
        raise Http404("No review at this address.")
    return invitation
