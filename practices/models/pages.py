"""Practice pages and their downloadable resources."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

# Migrations name the year validator by this module's path (practices.models.pages.current_year).
from core.validators import current_year
from practices.api import fields as api_fields
from practices.blocks import FeedbackSummaryBlock, StepsBlock
from practices.choices import ReviewOutcome, USState
from practices.organisation_chooser import OrganisationChooserPanel
from practices.reviews.approval import check_publish
from practices.reviews.panels import ParentReviewsPanel
from practices.reviews.tally import ParentReviewSummary

from .snippets import Organisation, Population, Topic

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]

# Plain-language names for the file types the document library accepts.
FILE_TYPE_LABELS = {
    "pdf": "PDF",
    "docx": "Word document",
    "xlsx": "Excel spreadsheet",
    "pptx": "PowerPoint slides",
    "csv": "CSV spreadsheet",
    "txt": "Text file",
}


class PracticePermissionTester(PagePermissionTester):
    """Only the parent review workflow publishes a practice; superusers keep an emergency override."""

    def can_publish(self):
        return self.user.is_active and self.user.is_superuser

    def can_delete(self, ignore_bulk=False):
        # Deleting a practice while it is in review would erase the parents' reviews with it.
        if self.page.workflow_in_progress and not self.user.is_superuser:
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)


class PracticeResource(Orderable):
    """A downloadable document attached to a practice, in the order editors choose."""

    page = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="resources"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        # Deleting a file must not change a live practice behind parents' backs: Wagtail refuses it.
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Upload or choose the file (PDF, Word, Excel or PowerPoint).",
    )
    title = models.CharField(
        max_length=200, help_text="What a reader will see as the link text."
    )
    description = models.TextField(
        blank=True,
        max_length=500,
        help_text="Optional: one sentence on what this resource is for.",
    )

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("description")]

    @property
    def file_type(self):
        extension = self.document.file_extension.lower()
        return FILE_TYPE_LABELS.get(extension, extension.upper())

    def __str__(self):
        return self.title


class PracticePage(RoutablePageMixin, Page):
    """A parent-recommended practice, laid out in the sections of the real Bright Spots page."""

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    summary = models.CharField(
        max_length=300,
        help_text="One or two sentences for library cards, search results and link previews.",
    )
    feedback_summary = StreamField(
        FeedbackSummaryBlock(),
        blank=True,
        verbose_name="Parent review feedback summary",
        help_text="Write this after parents have reviewed the practice, during editorial sign-off: usually three "
        "bullets (the parents' verdict, their concerns, their conditions). Changing it does not send the "
        "practice back to parents.",
    )
    intervention = RichTextField(
        features=RICH_TEXT_FEATURES,
        verbose_name="What is the intervention?",
        help_text="What the practice is, who runs it, and how it works.",
    )
    why_bright_spot = RichTextField(
        features=RICH_TEXT_FEATURES,
        verbose_name="What makes it a Bright Spot?",
        help_text="Why it helps keep families safely together.",
    )
    steps = StreamField(
        StepsBlock(),
        verbose_name="What steps can you take?",
        help_text="Actions an agency leader or worker can take, in order.",
    )

    organisations = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="practices_run",
        verbose_name="organizations running it",
        help_text="The organizations that run this practice.",
    )
    partner_agencies = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="practices_partnered",
        help_text="Public agencies or other partners who run it with them.",
    )
    county = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional: the county, e.g. “Santa Cruz County”. Leave blank if statewide.",
    )
    state = models.CharField(
        max_length=2,
        choices=USState.choices,
        help_text="The U.S. state where it runs, or “Nationwide”.",
    )
    year_started = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(current_year)],
        help_text="Optional: the year the practice began, e.g. 2021.",
    )
    topics = ParentalManyToManyField(
        Topic,
        blank=True,
        related_name="practices",
        help_text="Choose every topic a reader might look under.",
    )
    populations = ParentalManyToManyField(
        Population,
        blank=True,
        related_name="practices",
        verbose_name="populations served",
        help_text="The families or children this practice serves.",
    )
    review_outcome = models.CharField(
        max_length=40,
        choices=ReviewOutcome.choices,
        blank=True,
        help_text="What parent reviewers decided. Only recommended practices are published.",
    )
    review_date = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Set on publication from the parent review round that approved this version.",
    )
    approved_round = models.ForeignKey(
        "practices.ParentReviewTaskState",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Set on publication: the parent review round that approved the live version.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("feedback_summary"),
        FieldPanel("intervention"),
        FieldPanel("why_bright_spot"),
        FieldPanel("steps"),
        InlinePanel(
            "resources",
            label="Downloadable resources",
            heading="Downloadable resources",
        ),
    ]
    metadata_panels = [
        MultiFieldPanel(
            [
                OrganisationChooserPanel("organisations"),
                OrganisationChooserPanel("partner_agencies"),
                FieldRowPanel([FieldPanel("county"), FieldPanel("state")]),
                FieldPanel("year_started"),
            ],
            heading="Who runs it and where",
        ),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("populations", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Classification",
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_outcome"),
            ],
            heading="Parent review",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Practice"),
            ObjectList(metadata_panels, heading="At a glance"),
            ObjectList(
                [ParentReviewsPanel(heading="Reviews by parents")],
                heading="Parent reviews",
            ),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    # Weights: title (A) > summary (B) > the sections (C) > metadata (D). PostgreSQL has four
    # weights, given to the project's boosts in order: 10, 5, 2 (also every other page's title), 1.
    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=10),  # replaces Page's title field (boost 2)
        index.SearchField("summary", boost=5),
        index.SearchField("feedback_summary", boost=2),
        index.SearchField("intervention", boost=2),
        index.SearchField("why_bright_spot", boost=2),
        index.SearchField("steps", boost=2),
        index.SearchField("location", boost=1),
        index.RelatedFields("topics", [index.SearchField("name", boost=1)]),
        index.RelatedFields("populations", [index.SearchField("name", boost=1)]),
        index.RelatedFields("organisations", [index.SearchField("name", boost=1)]),
        index.RelatedFields("partner_agencies", [index.SearchField("name", boost=1)]),
        index.FilterField("state"),
        index.FilterField("review_outcome"),
        # Orderable while searching, e.g. the API's ?search=...&order=-review_date.
        index.FilterField("review_date"),
        index.FilterField("year_started"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("feedback_summary", serializer=api_fields.FeedbackSummaryField()),
        APIField("intervention"),
        APIField("why_bright_spot"),
        APIField("steps", serializer=api_fields.StepsField()),
        APIField("resources", serializer=api_fields.ResourcesField()),
        APIField("organisations", serializer=api_fields.OrganisationsField()),
        APIField("partner_agencies", serializer=api_fields.OrganisationsField()),
        APIField("county"),
        APIField("state"),
        APIField("location", serializer=api_fields.LocationField()),
        APIField("year_started"),
        APIField("topics", serializer=api_fields.TermsField()),
        APIField("populations", serializer=api_fields.TermsField()),
        APIField("review_outcome"),
        APIField("review_date"),
        APIField("parent_review", serializer=api_fields.ParentReviewField()),
    ]

    @property
    def location(self):
        return ", ".join(
            part for part in (self.county, self.get_state_display()) if part
        )

    @cached_property
    def parent_review(self):
        """The round that approved the live version, from its reviews; a draft's round never shows."""
        # An API listing prefetches every page's approving reviews at once (practices.api.v2).
        if hasattr(self, "approved_reviews"):
            return ParentReviewSummary.from_approved_reviews(self.approved_reviews)
        return ParentReviewSummary.for_round(self.approved_round_id)

    # A copy is a new practice that no parent has reviewed: it must not carry this one's tally.
    exclude_fields_in_copy = ["approved_round", "review_date"]

    def permissions_for_user(self, user):
        return PracticePermissionTester(user, self)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # Set by publication from the approving round (practices.signals), never by a revision.
        obj.approved_round_id = self.approved_round_id
        obj.review_date = self.review_date
        return obj

    def publish(self, revision, user=None, **kwargs):
        # Every revision.publish() (sign-off, bulk actions, the create view, scheduled publishing,
        # which passes no user: whoever saved the revision scheduled it).
        check_publish(revision, user if user is not None else revision.user)
        return super().publish(revision, user=user, **kwargs)

    @classmethod
    def naming(cls, label):
        """Practices that name this topic, population or organisation (as runner or partner)."""
        naming = models.Q()
        for field in cls._meta.many_to_many:
            if field.related_model is type(label):
                naming |= models.Q(**{field.name: label})
        return cls.objects.filter(naming).distinct()

    @cached_property
    def resource_list(self):
        # One query for every resource and its document, however many there are.
        return list(self.resources.select_related("document"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resources"] = self.resource_list
        context["topic_list"] = list(self.topics.all())
        context["population_list"] = list(self.populations.all())
        context["organisation_list"] = list(self.organisations.all())
        context["partner_list"] = list(self.partner_agencies.all())
        context["parent_review"] = self.parent_review
        context["library"] = self.get_parent()
        # A page outside every site has no address to take feedback at.
        url = self.get_url(request)
        if url and self.pk:
            context["feedback_url"] = reverse("contribute:feedback", args=[self.pk])
        else:
            # A practice previewed before its first save has no id yet: its own route stands in.
            context["feedback_url"] = url and url + self.reverse_subpage("feedback")
        return context

    @path("feedback/")
    def feedback(self, request):
        # The one route into the feedback form's view; models never import views at import time
        # (docs/architecture.md). The form itself is added by the template tag {% feedback_form %}.
        from practices.contributions.views import feedback_form

        return feedback_form(request, self)

    @path("feedback/thanks/")
    def feedback_thanks(self, request):
        return self.render(
            request, template="practices/practice_page_feedback_thanks.html"
        )
