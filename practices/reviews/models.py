"""Parent review: a workflow task that several parents complete, and each parent's review."""

import contextlib
import datetime
import json
import re
import secrets

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Task, TaskState
from wagtail.signals import task_submitted

from practices.choices import OrganisationKind, Recommendation

REMINDER_BEFORE = datetime.timedelta(days=3)


class RoundOutcome(models.TextChoices):
    """Why a round closed, in the words parents and editors read."""

    RECOMMENDED = "recommended", "Parents recommended it"
    NOT_RECOMMENDED = "not_recommended", "Parents did not recommend it"
    NOT_ENOUGH_REVIEWS = "not_enough_reviews", "Not enough reviews by the due date"
    WITHDRAWN = "withdrawn", "Taken back by Alia's team"


class ParentReviewTaskState(TaskState):
    """One review round: a ParentReviewTask running on one revision of one practice."""

    due_at = models.DateTimeField(
        "due",
        null=True,
        blank=True,
        help_text="When the round closes, answered or not.",
    )
    outcome = models.CharField(
        max_length=30, choices=RoundOutcome.choices, blank=True, default=""
    )

    class Meta:
        app_label = "practices"
        verbose_name = "parent review round"
        verbose_name_plural = "parent review rounds"

    @property
    def is_open(self):
        return self.status == TaskState.STATUS_IN_PROGRESS

    @property
    def remind_at(self):
        return self.due_at and self.due_at - REMINDER_BEFORE

    @property
    def status_label(self):
        """The round's state in plain words, for parents' and editors' screens."""
        if self.is_open:
            return "Open"
        if self.outcome:
            return self.get_outcome_display()
        if self.status == TaskState.STATUS_CANCELLED:
            return RoundOutcome.WITHDRAWN.label
        return self.get_status_display()


def due_date_after(days, now=None):
    """The end of the day `days` from now, in the site's time zone: parents answer "by" a date."""
    today = timezone.localdate(now or timezone.now())
    end = datetime.datetime.combine(
        today + datetime.timedelta(days=days), datetime.time.max
    )
    return timezone.make_aware(end.replace(microsecond=0))


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
    days_to_review = models.PositiveSmallIntegerField(
        "days to review",
        default=14,
        validators=[MinValueValidator(4), MaxValueValidator(90)],
        help_text="Parents have this many days to answer; those who have not are reminded 3 days before. "
        "A round without enough reviews by then closes and goes back to the editors.",
    )

    admin_form_fields = [
        *Task.admin_form_fields,
        "groups",
        "reviews_required",
        "recommend_share",
        "days_to_review",
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
            # Task.start saves the round and announces it in one step; the invitations that the
            # announcement sends carry the due date, so the round is made here with it.
            state = ParentReviewTaskState.objects.create(
                workflow_state=workflow_state,
                revision=revision,
                task=self,
                status=TaskState.STATUS_IN_PROGRESS,
                due_at=due_date_after(self.days_to_review),
            )
            task_submitted.send(sender=ParentReviewTaskState, instance=state, user=user)
            return state
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
            state.outcome = RoundOutcome.RECOMMENDED
            state.approve(user=None, comment=f"Parent review passed. {summary}")
        else:
            state.outcome = RoundOutcome.NOT_RECOMMENDED
            state.reject(user=None, comment=f"Parent review did not pass. {summary}")
        return state

    def expire(self, state):
        """Close a round that reached its due date without enough reviews; it goes back to the editors.

        The caller holds the round's row lock and has checked it is open and due (schedule.close_due_round).
        """
        total = state.reviews.count()
        state.outcome = RoundOutcome.NOT_ENOUGH_REVIEWS
        state.reject(
            user=None,
            comment=f"Parent review ran out of time: {total} of the {self.reviews_required} "
            "reviews needed arrived by the due date.",
        )
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


# Draftail's per-paragraph keys, and rich text with no words in it, differ between two saves of the
# same text (an editor's form sends "<p data-block-key=…></p>" where the draft had ""): storage detail.
BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
EMPTY_RICH_TEXT = re.compile(r"^(?:\s|<p>\s*(?:<br/?>)?\s*</p>)*$")


def without_block_ids(value):
    """StreamField and rich text data as parents read it: block ids and paragraph keys are storage
    detail and change between saves; a rich text with no words is empty however it is written."""
    if isinstance(value, str) and value.startswith("["):
        # Text that only starts with a bracket, such as a title "[Pilot] …", stays text.
        with contextlib.suppress(ValueError):
            value = json.loads(value)
    if isinstance(value, list):
        return [without_block_ids(item) for item in value]
    if isinstance(value, dict):
        return {
            key: without_block_ids(item) for key, item in value.items() if key != "id"
        }
    if isinstance(value, str):
        value = BLOCK_KEY.sub("", value)
        return "" if EMPTY_RICH_TEXT.match(value) else value
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


def new_token():
    return secrets.token_urlsafe(18)


class ReviewInvitation(models.Model):
    """One parent asked to review one round: their private link, and which emails they have had."""

    round = models.ForeignKey(
        ParentReviewTaskState, on_delete=models.CASCADE, related_name="invitations"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_invitations",
    )
    # The review link's id: random, so a link cannot be guessed from another (views also check the reviewer).
    token = models.CharField(
        max_length=32, unique=True, default=new_token, editable=False
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    closing_note_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "practices"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "reviewer"],
                name="one_invitation_per_reviewer_per_round",
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} invited to round {self.round_id}"


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
        "If many agencies did this, what would change for families?", max_length=5000
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
