"""Factories for practice pages, their snippets and resources."""

import datetime

import factory
import wagtail_factories

from django.core.files.base import ContentFile

from practices.choices import ReviewOutcome, USState
from practices.models import (
    Organisation,
    Population,
    PracticeIndexPage,
    PracticePage,
    PracticeResource,
    Topic,
)

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class PopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Population
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Population {n}")
    slug = factory.Sequence(lambda n: f"population-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organization {n}")


class PracticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticeIndexPage

    title = "Library"
    slug = "library"


class PracticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticePage

    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = "A practice parents recommend for keeping families safely together."
    feedback_summary = factory.LazyFunction(
        lambda: [
            {"type": "point", "value": "Parents recommend agencies adopt it."},
            {"type": "point", "value": "Parents worry it could be under-funded."},
        ]
    )
    intervention = "<p>Parent partners support families through the case.</p>"
    why_bright_spot = "<p>It helps families reunify sooner.</p>"
    steps = factory.LazyFunction(
        lambda: [
            {
                "type": "step",
                "value": {
                    "title": "Meet a parent-led organization",
                    "detail": "<p>Ask how they work.</p>",
                },
            },
            {
                "type": "step",
                "value": {"title": "Fund parent partner roles", "detail": ""},
            },
        ]
    )
    state = USState.CA
    county = "Santa Cruz County"
    year_started = 2021
    review_outcome = ReviewOutcome.RECOMMENDED
    review_date = datetime.date(2024, 5, 1)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = wagtail_factories.DocumentFactory._meta.model

    title = factory.Sequence(lambda n: f"Resource document {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(MINIMAL_PDF, name="resource.pdf")
    )
    file_size = len(MINIMAL_PDF)


class PracticeResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeResource

    page = factory.SubFactory(PracticePageFactory)
    document = factory.SubFactory(DocumentFactory)
    title = factory.Sequence(lambda n: f"Worksheet {n}")
    description = "A one-page worksheet for planning."
