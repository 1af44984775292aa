"""Snippets that classify practices: topics, populations served, organizations."""

from django.db import models
from django.db.models import Count, Q

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from practices.choices import OrganisationKind


class PracticeVocabulary:
    """A term practices are classified by; the API lists each with its number of published practices."""

    @classmethod
    def with_practice_counts(cls, published):
        return cls.objects.annotate(
            practice_count=Count(
                "practices",
                filter=Q(practices__in=published.values("pk")),
                distinct=True,
            )
        ).order_by("name")


class Topic(PracticeVocabulary, index.Indexed, models.Model):
    """A subject a practice addresses; drives the library's topic filter."""

    name = models.CharField(
        max_length=80, unique=True, help_text="Short and plain, e.g. “Parent advocacy”."
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in library links, e.g. /library/?topic=parent-advocacy.",
    )
    description = models.TextField(
        blank=True, help_text="Optional: one sentence on what this topic covers."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Population(PracticeVocabulary, index.Indexed, models.Model):
    """A group of families or children a practice serves."""

    name = models.CharField(
        max_length=80,
        unique=True,
        help_text="E.g. “Birth parents”, “Kinship caregivers”.",
    )
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in library links."
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    """An organization that runs, partners on, or reviews practices."""

    name = models.CharField(
        max_length=200, unique=True, help_text="The organization's full public name."
    )
    kind = models.CharField(
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.PROVIDER,
        help_text="What role this organization usually plays.",
    )
    website = models.URLField(
        blank=True, help_text="Optional: the organization's home page."
    )
    location = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional: city or county and state, e.g. “Santa Cruz, CA”.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("location"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
