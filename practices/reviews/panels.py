"""Read-only editor panels: a practice's reviews on its edit screen, and the rounds on the dashboard."""

import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from wagtail.admin.panels import Panel
from wagtail.models import TaskState

from practices.choices import Recommendation

from .models import ParentReview, ParentReviewTaskState


class ParentReviewsPanel(Panel):
    """The parents' reviews of this practice so far, round by round, with the tally."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "practices/panels/parent_reviews.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            rounds = []
            if page.pk:
                reviews = ParentReview.objects.select_related(
                    "reviewer", "reviewer_organisation"
                )
                rounds = list(
                    ParentReviewTaskState.objects.for_instance(page)
                    .filter(reviews__isnull=False)
                    .distinct()
                    .select_related("task")
                    .prefetch_related(Prefetch("reviews", queryset=reviews))
                    .order_by("-started_at")
                )
            for state in rounds:
                state.review_list = list(state.reviews.all())
                state.recommend_count = sum(
                    review.recommends for review in state.review_list
                )
                state.required = state.task.specific.reviews_required
            context["rounds"] = rounds
            return context


def dashboard_rounds(limit=15):
    """Open rounds, soonest due first, then rounds closed in the last 30 days; each with its tally so far."""
    rounds = ParentReviewTaskState.objects.annotate(
        answers=Count("reviews", distinct=True),
        recommends=Count(
            "reviews",
            filter=Q(reviews__recommendation__in=Recommendation.positive()),
            distinct=True,
        ),
    ).select_related("revision", "task")
    recent = timezone.now() - datetime.timedelta(days=30)
    open_rounds = list(
        rounds.filter(status=TaskState.STATUS_IN_PROGRESS).order_by("due_at", "pk")[
            :limit
        ]
    )
    # Rounds with invitations were put to parents (not carried over from an earlier round).
    closed = list(
        rounds.filter(finished_at__gte=recent, invitations__isnull=False)
        .exclude(status=TaskState.STATUS_IN_PROGRESS)
        .distinct()
        .order_by("-finished_at")[: max(limit - len(open_rounds), 0)]
    )
    tasks = {}
    for state in open_rounds + closed:
        task = tasks.setdefault(state.task_id, state.task.specific)
        state.required = task.reviews_required
    return open_rounds + closed
