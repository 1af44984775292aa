"""The promise, in one place: what may be live is what a panel of parents approved.

A practice revision may go live only if a passed parent review round read exactly its reviewed
content (every field parents judge, and each resource's document; documents in use cannot be
replaced, practices/documents/forms.py). The one exception is a superuser's emergency publish,
which the audit log records. Where each publishing path is closed: docs/review-workflow.md,
"The promise and how it is kept".
"""

from django.core.exceptions import PermissionDenied

from wagtail.log_actions import log
from wagtail.models import TaskState

from .models import ParentReviewTaskState, reviewed_content

UNREVIEWED = "Only what a panel of parents approved can be published. Send this version to parent review."
EMERGENCY_PUBLISH = "practices.emergency_publish"


def approving_round(revision):
    """The newest passed round of this practice whose parents read exactly this revision's content."""
    if revision is None:
        return None
    content = reviewed_content(revision)
    rounds = (
        ParentReviewTaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            reviews__page_id=revision.object_id,
        )
        .distinct()
        .select_related("revision")
        .order_by("-finished_at", "-pk")
    )
    return next(
        (state for state in rounds if reviewed_content(state.revision) == content),
        None,
    )


def check_publish(revision, user):
    """Refuse to publish content no passed round read, unless a superuser does it on purpose."""
    if approving_round(revision) is not None:
        return
    if user is None or not (user.is_active and user.is_superuser):
        raise PermissionDenied(UNREVIEWED)


def record_publication(page, revision):
    """The round that approved what just went live; None, written in the audit log, if none did."""
    round_ = approving_round(revision)
    if round_ is None:
        # Every Wagtail publish saves the revision as the publishing user first.
        log(page, EMERGENCY_PUBLISH, user=revision and revision.user, revision=revision)
    return round_
