"""Parent review: a workflow task that several parents complete, and each parent's review."""

import datetime
import json
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Task, TaskState

from practices.choices import OrganisationKind, Recommendation


class ParentReviewTaskState(TaskState):
    """One review round: a ParentReviewTask running on one revision of one practice."""

    class Meta:
        app_label = "practices"
        verbose_name = "parent review round"
        verbose_name_plural = "parent review rounds"


class ParentReviewTask(Task):
    """A workflow step that passes or fails on the reviews of several parents, not on one approver."""

    groups = models.ManyToManyField(
        Group,
        verbose_name="reviewer groups",
        help_text="Members of these groups are asked to review practices at this step.",
    )
    reviews_required = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="How many parents must review a practice before the round closes.",
    )
    recommend_share = models.PositiveSmallIntegerField(
        "share that must recommend (%)",
        default=51,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="The percentage of those reviews that must recommend it. 51 means more than half; 100 means everyone.",
    )

    admin_form_fields = [
        *Task.admin_form_fields,
        "groups",
        "reviews_required",
        "recommend_share",
    ]
    admin_form_widgets = {"groups": forms.CheckboxSelectMultiple}
    task_state_class = ParentReviewTaskState

    class Meta:
        app_label = "practices"
        verbose_name = "parent review task"
        verbose_name_plural = "parent review tasks"

    @classmethod
    def get_description(cls):
        return "Several parent reviewers each answer the review form; the round passes when enough recommend the practice."

    def is_reviewer(self, user):
        return (
            user.is_active
            and self.groups.filter(pk__in=user.groups.values("pk")).exists()
        )

    def reviewers(self):
        return (
            get_user_model()
            .objects.filter(is_active=True, groups__in=self.groups.all())
            .distinct()
            .order_by("pk")
        )

    def start(self, workflow_state, user=None):
        revision = workflow_state.content_object.get_latest_revision()
        carried = self.passed_round_with_same_content(workflow_state, revision)
        if carried is None:
            return super().start(workflow_state, user=user)
        # Only Alia's own words changed since parents approved (their summary, the outcome label):
        # the parents' round stands, and nobody is asked to review again.
        state = ParentReviewTaskState.objects.create(
            workflow_state=workflow_state,
            revision=revision,
            task=self,
            status=TaskState.STATUS_APPROVED,
            finished_at=timezone.now(),
            comment=f"Parent review carried over: only Alia's summary changed since round {carried.pk} passed.",
        )
        state.log_state_change_action(user, "approve")
        return state

    def passed_round_with_same_content(self, workflow_state, revision):
        rounds = ParentReviewTaskState.objects.filter(
            workflow_state=workflow_state,
            task=self,
            status=TaskState.STATUS_APPROVED,
            reviews__isnull=False,
        ).distinct()
        latest = rounds.select_related("revision").order_by("-finished_at").first()
        if latest and reviewed_content(latest.revision) == reviewed_content(revision):
            return latest
        return None

    def locked_for_user(self, obj, user):
        # Every parent in a round must read the same revision, so nobody edits while parents review.
        return not user.is_superuser

    def get_actions(self, obj, user):
        # No one approves or rejects this step by hand: the parents' reviews decide it.
        return []

    def passes(self, recommends, total):
        return total > 0 and recommends * 100 >= self.recommend_share * total

    def evaluate(self, state):
        """Close the round once enough parents have reviewed; pass or fail it on their recommendations.

        The caller holds the round's row lock and has checked it is open (rules.submit_review).
        """
        reviews = state.reviews.all()
        total = reviews.count()
        if total < self.reviews_required:
            return state
        recommends = reviews.positive().count()
        summary = f"{recommends} of {total} parent reviewers recommend this practice."
        if self.passes(recommends, total):
            state.approve(user=None, comment=f"Parent review passed. {summary}")
        else:
            state.reject(user=None, comment=f"Parent review did not pass. {summary}")
        return state


# What parents judge. Changing any of it after they approved sends the practice back to them.
REVIEWED_FIELDS = [
    "title",
    "summary",
    "intervention",
    "why_bright_spot",
    "steps",
    "organisations",
    "partner_agencies",
    "county",
    "state",
    "year_started",
    "topics",
    "populations",
]


def without_block_ids(value):
    """StreamField data as parents read it: block ids are storage detail and change between saves."""
    if isinstance(value, str) and value.startswith("["):
        value = json.loads(value)
    if isinstance(value, list):
        return [without_block_ids(item) for item in value]
    if isinstance(value, dict):
        return {
            key: without_block_ids(item) for key, item in value.items() if key != "id"
        }
    return value


def reviewed_content(revision):
    content = revision.content
    resources = sorted(
        content.get("resources", []),
        key=lambda resource: resource.get("sort_order") or 0,
    )
    return {
        **{field: without_block_ids(content.get(field)) for field in REVIEWED_FIELDS},
        "resources": [
            (r.get("document"), r.get("title"), r.get("description")) for r in resources
        ],
    }


class ParentReviewQuerySet(models.QuerySet):
    def positive(self):
        return self.filter(recommendation__in=Recommendation.positive())


class ParentReview(models.Model):
    """One parent's answers to the review form for one practice in one review round."""

    task_state = models.ForeignKey(
        ParentReviewTaskState,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name="review round",
    )
    page = models.ForeignKey(
        "practices.PracticePage",
        on_delete=models.CASCADE,
        related_name="parent_reviews",
        verbose_name="practice",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        help_text="The version of the practice this parent read.",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="parent_reviews",
    )
    reviewer_organisation = models.ForeignKey(
        "practices.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        limit_choices_to={"kind": OrganisationKind.PARENT_LED},
        related_name="parent_reviews",
        verbose_name="reviewer organization",
    )
    keeps_families_together = models.TextField(
        "What potential does it have to keep families together?", max_length=5000
    )
    impact_on_field = models.TextField(
        "What impact could it have on the child-welfare field?", max_length=5000
    )
    negative_consequences = models.TextField(
        "Could it cause any harm or negative consequences for families?",
        max_length=5000,
    )
    conditions = models.TextField(
        "What would make it fairer or work better for families?",
        max_length=5000,
        blank=True,
    )
    recommendation = models.CharField(
        "Would you recommend that agencies use it?",
        max_length=40,
        choices=Recommendation.choices,
    )
    comments = models.TextField(
        "Anything else you want Alia to know?", max_length=5000, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParentReviewQuerySet.as_manager()

    class Meta:
        app_label = "practices"
        ordering = ["task_state", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "reviewer"],
                name="one_review_per_reviewer_per_round",
            ),
        ]
        verbose_name = "parent review"

    def __str__(self):
        return f"Review of {self.page} by {self.reviewer or 'a former reviewer'}"

    @property
    def recommends(self):
        return self.recommendation in Recommendation.positive()

    def log_saved(self, created):
        log(
            instance=self.page,
            action="practices.parent_review.submit"
            if created
            else "practices.parent_review.change",
            user=self.reviewer,
            revision=self.revision,
            data={
                "review_id": self.pk,
                "task_state_id": self.task_state_id,
                "recommendation": self.recommendation,
            },
        )


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
