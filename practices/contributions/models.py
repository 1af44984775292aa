"""Contributions from the public: practice submissions, feedback on a practice, and the page that takes submissions."""

import re
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.validators import current_year
from practices.choices import ContributionStatus, HeardAbout, USState


def contribution_upload_to(instance, filename):
    # A random folder per file: nobody can guess another person's upload from their own.
    original = PurePosixPath(filename)
    # Anything but letters, digits, "-" and inner dots becomes "_" (removing it could join "ex!e" into
    # "exe"); a name of nothing else ("😀.pdf") becomes "file.pdf", never ".pdf", which has no extension.
    stem = re.sub(r"[^-\w.]", "_", original.stem).strip("._")
    return f"contributions/{uuid.uuid4().hex}/{stem or 'file'}{original.suffix.lower()}"


class Contribution(models.Model):
    """What every contribution shares: where it is in the editors' pipeline, their notes, and when it came."""

    status = models.CharField(
        max_length=30,
        choices=ContributionStatus.choices,
        default=ContributionStatus.NEW,
        db_index=True,
        help_text="New → under consideration → accepted or declined.",
    )
    notes = models.TextField(
        "editor notes",
        blank=True,
        max_length=5000,
        help_text="For Alia's editors only; never shown to the public.",
    )
    created_at = models.DateTimeField("received", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        app_label = "practices"
        ordering = ["-created_at"]


class PracticeSubmission(Contribution):
    """A practice someone outside Alia thinks could be a Bright Spot, with how to reach them."""

    # Who you are
    name = models.CharField("your name", max_length=200)
    email = models.EmailField("your email address", max_length=254)
    organisation = models.CharField("your organization", max_length=200, blank=True)
    role = models.CharField("your role", max_length=200, blank=True)
    state = models.CharField(
        "your state", max_length=2, choices=USState.choices, blank=True
    )
    # The practice
    practice_name = models.CharField("name of the practice", max_length=255)
    description = models.TextField("what it is", max_length=5000)
    why_it_helps = models.TextField(
        "why it helps keep families safely together", max_length=3000, blank=True
    )
    runs_it = models.CharField("who runs it", max_length=300, blank=True)
    county = models.CharField(
        "city or county where it runs", max_length=120, blank=True
    )
    practice_state = models.CharField(
        "state where it runs", max_length=2, choices=USState.choices, blank=True
    )
    year_started = models.PositiveSmallIntegerField(
        "year it started",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(current_year)],
    )
    links = models.TextField("links", max_length=2000, blank=True)
    file = models.FileField(
        "supporting file",
        upload_to=contribution_upload_to,
        max_length=255,
        blank=True,
    )
    topics = models.ManyToManyField(
        "practices.Topic", blank=True, related_name="submissions", verbose_name="topics"
    )
    heard_about = models.CharField(
        "how they heard of Bright Spots",
        max_length=30,
        choices=HeardAbout.choices,
        blank=True,
    )
    heard_about_detail = models.CharField(
        "where they heard of it", max_length=200, blank=True
    )
    consent_to_contact = models.BooleanField("agreed to be contacted", default=False)
    practice = models.ForeignKey(
        "practices.PracticePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        verbose_name="draft practice",
        help_text="The practice page created from this submission.",
    )

    # What the public form asks, in its order; the admin's inspect view and export follow it.
    form_fields = [
        "name",
        "email",
        "organisation",
        "role",
        "state",
        "practice_name",
        "description",
        "why_it_helps",
        "runs_it",
        "county",
        "practice_state",
        "year_started",
        "links",
        "file",
        "topics",
        "heard_about",
        "heard_about_detail",
        "consent_to_contact",
    ]
    # Free text someone could have typed an email address into, searched when erasing a person.
    free_text_fields = [
        "name",
        "organisation",
        "role",
        "practice_name",
        "description",
        "why_it_helps",
        "runs_it",
        "links",
        "heard_about_detail",
        "notes",
    ]

    class Meta(Contribution.Meta):
        app_label = "practices"
        verbose_name = "practice submission"
        verbose_name_plural = "practice submissions"

    def __str__(self):
        # Never a name, email or typed text: this string is the label in Wagtail's audit log.
        return f"Practice submission #{self.pk}"

    @property
    def notification_subject(self):
        return f"New Bright Spot submission: {self.practice_name}"

    @property
    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class PracticeFeedback(Contribution):
    """What a reader thinks Alia should add to or correct on one practice; name and email are optional."""

    page = models.ForeignKey(
        "practices.PracticePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="reader_feedback",
        verbose_name="practice",
    )
    message = models.TextField("what to consider adding", max_length=3000)
    name = models.CharField("name", max_length=200, blank=True)
    email = models.EmailField("email address", max_length=254, blank=True)

    free_text_fields = ["name", "message", "notes"]

    class Meta(Contribution.Meta):
        app_label = "practices"
        verbose_name = "practice feedback"
        verbose_name_plural = "practice feedback"

    def __str__(self):
        # Never a name, email or typed text: this string is the label in Wagtail's audit log.
        return f"Feedback #{self.pk}"

    @property
    def notification_subject(self):
        return f"New feedback on {self.page.title if self.page else 'a practice'}"


class SubmissionPage(RoutablePageMixin, Page):
    """“Submit a Bright Spot”: the form for practice ideas, and the page thanking whoever sent one."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    introduction = models.TextField(
        blank=True, help_text="One or two sentences above the form."
    )
    guidance = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="Optional: what to include and what happens next, shown beside the form.",
    )
    thanks_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="Shown after someone sends an idea. Say what happens next and when they may hear back.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("guidance"),
        FieldPanel("thanks_text"),
    ]

    class Meta:
        app_label = "practices"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["retention_months"] = round(
            settings.CONTRIBUTIONS_RETENTION_DAYS / 30.44
        )
        context["contact_email"] = settings.BRIGHTSPOTS_CONTACT_EMAIL
        return context

    @path("")
    def submission_form(self, request):
        # The one route into the form's view; models never import views at import time (docs/architecture.md).
        from .views import submission_form

        return submission_form(request, self)

    @path("thanks/")
    def thanks(self, request):
        return self.render(request, template="practices/submission_page_thanks.html")
