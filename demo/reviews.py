"""Demo practices go live the way real ones do: through parent review and editorial sign-off."""

import datetime

from wagtail.models import TaskState

from practices.choices import Recommendation, ReviewOutcome
from practices.models import Organisation, PracticePage
from practices.reviews.models import ParentReview
from practices.reviews.rules import submit_review

from . import content


def publish_through_review(library, page, fields, users):
    """Send the practice through the real parent review workflow, as Alia's team would."""
    editor, moderator = users["editor"], users["moderator"]
    page.live = False
    page.owner = editor
    library.add_child(instance=page)
    page.save_revision(user=editor, log_action=True)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state.specific
    organisations = list(
        Organisation.objects.filter(name__in=fields["reviewer_organisations"])
    )
    with_conditions = (
        fields["review_outcome"] == ReviewOutcome.RECOMMENDED_WITH_CONDITIONS
    )
    for number, username in enumerate(["reviewer1", "reviewer2", "reviewer3"]):
        recommendation = (
            Recommendation.RECOMMEND_WITH_CONDITIONS
            if with_conditions and number == 0
            else Recommendation.RECOMMEND
        )
        submit_review(
            task_state,
            users[username],
            reviewer_organisation=organisations[number % len(organisations)],
            recommendation=recommendation,
            **content.demo_review_answers(fields["title"]),
        )
    sign_off = PracticePage.objects.get(pk=page.pk).current_workflow_task_state
    sign_off.task.specific.on_action(sign_off, moderator, "approve")
    # Demo rounds close today; date them to when the (fictional) review happened.
    closed = datetime.datetime.combine(
        fields["review_date"], datetime.time(12), tzinfo=datetime.UTC
    )
    TaskState.objects.filter(workflow_state=workflow_state).update(
        started_at=closed, finished_at=closed
    )
    ParentReview.objects.filter(task_state=task_state).update(
        created_at=closed, updated_at=closed
    )
    PracticePage.objects.filter(pk=page.pk).update(review_date=fields["review_date"])
