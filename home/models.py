"""The home page and the standard content pages (about, our process)."""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import CallToActionBlock, StandardStoryBlock


class HomePage(Page):
    """The site root: what Bright Spots is, what it believes, and where to go next."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "practices.PracticeIndexPage",
        "practices.SubmissionPage",
        "home.StandardPage",
    ]
    max_count = 1

    introduction = models.TextField(
        help_text="Two or three sentences under the main heading."
    )
    beliefs_heading = models.CharField(
        max_length=120,
        default="What Bright Spots stands for",
        help_text="Heading above the beliefs.",
    )
    beliefs = StreamField(
        [("belief", blocks.TextBlock(max_length=300))],
        blank=True,
        help_text="Short statements, one per item.",
    )
    calls_to_action = StreamField(
        [("call_to_action", CallToActionBlock())],
        blank=True,
        max_num=3,
        help_text="Up to three next steps, e.g. search the library, submit a Bright Spot.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("beliefs_heading"),
        FieldPanel("beliefs"),
        InlinePanel("featured_practices", label="Featured practice", max_num=6),
        FieldPanel("calls_to_action"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = self.featured_practices.select_related("practice").prefetch_related(
            "practice__topics"
        )
        context["featured"] = [item.practice for item in featured if item.practice.live]
        return context


class HomePageFeaturedPractice(Orderable):
    """A practice an editor has chosen to show on the home page."""

    page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_practices"
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Only published practices are shown.",
    )

    panels = [FieldPanel("practice")]


class StandardPage(Page):
    """A plain content page such as About or Our process."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    introduction = models.TextField(
        blank=True, help_text="Optional: a short lead paragraph."
    )
    body = StreamField(StandardStoryBlock(), help_text="The page content.")

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
