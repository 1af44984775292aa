"""The public tally: the reviews of the round that approved a practice, as the page and the API report them."""

import datetime
from dataclasses import dataclass

from .models import ParentReview


@dataclass
class ParentReviewSummary:
    """The reviews of the round that approved a practice: what the public page and the API report."""

    reviews: list
    finished_at: datetime.datetime

    @classmethod
    def for_round(cls, round_id):
        """The reviews of one round, for a page that was not loaded with its reviews."""
        if round_id is None:
            return None
        reviews = (
            ParentReview.objects.filter(task_state_id=round_id)
            .select_related("reviewer_organisation", "task_state")
            .order_by("created_at")
        )
        return cls.from_approved_reviews(list(reviews))

    @classmethod
    def from_approved_reviews(cls, reviews):
        """The summary from the approving round's reviews, already loaded with their rounds."""
        if not reviews:
            return None
        latest = max(
            reviews,
            key=lambda review: (review.task_state.finished_at, review.task_state_id),
        ).task_state_id
        reviews = sorted(
            (review for review in reviews if review.task_state_id == latest),
            key=lambda review: review.created_at,
        )
        return cls(reviews=reviews, finished_at=reviews[0].task_state.finished_at)

    @property
    def reviewer_count(self):
        return len(self.reviews)

    @property
    def recommend_count(self):
        return sum(review.recommends for review in self.reviews)

    @property
    def organisations(self):
        names = {}
        for review in self.reviews:
            if review.reviewer_organisation:
                names[review.reviewer_organisation.pk] = review.reviewer_organisation
        return sorted(names.values(), key=lambda organisation: organisation.name)
