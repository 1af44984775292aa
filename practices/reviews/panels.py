"""Read-only editor panels."""

from django.db.models import Prefetch

from wagtail.admin.panels import Panel

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
