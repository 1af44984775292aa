"""Factories for practice pages, their snippets and resources."""

import datetime

import factory
import wagtail_factories

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.models import TaskState

from practices.choices import OrganisationKind, Recommendation, ReviewOutcome, USState
from practices.models import (
    Organisation,
    Population,
    PracticeIndexPage,
    PracticePage,
    PracticeResource,
    Topic,
)
from practices.reviews.rules import submit_review

User = get_user_model()

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


def make_user(username, *groups, **fields):
    """A user in the named groups, with an email so notifications reach them."""
    user = User.objects.create_user(
        username, email=f"{username}@example.org", password="irrelevant", **fields
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def review_answers(recommendation=Recommendation.RECOMMEND, **overrides):
    return {
        "reviewer_organisation": OrganisationFactory(
            name="Parent Voices", kind=OrganisationKind.PARENT_LED
        ),
        "keeps_families_together": "It keeps parents involved from the first meeting.",
        "impact_on_field": "Agencies would listen to parents earlier.",
        "negative_consequences": "Parent partners could be overruled by caseworkers.",
        "conditions": "Pay parent partners fairly.",
        "recommendation": recommendation,
        "comments": "",
        **overrides,
    }


def emergency_publish(page):
    """Publish a practice's latest content as a superuser, the one way past parent review (logged)."""
    superuser = User.objects.filter(username="test-root").first() or (
        User.objects.create_superuser("test-root", "root@example.org", "irrelevant")
    )
    page.save_revision(user=superuser).publish(user=superuser)


def publish_through_parent_review(
    page, recommendations=("recommend",) * 3, closed_on=None
):
    """Run a practice through the real workflow: submit, parents review, a moderator signs off."""
    editor = User.objects.filter(username="test-editor").first() or make_user(
        "test-editor", "Editors"
    )
    moderator = User.objects.filter(username="test-moderator").first() or make_user(
        "test-moderator", "Moderators"
    )
    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state.specific
    for number, recommendation in enumerate(recommendations):
        reviewer = User.objects.filter(
            username=f"test-parent-{number}"
        ).first() or make_user(f"test-parent-{number}", "Parent reviewers")
        submit_review(task_state, reviewer, **review_answers(recommendation))
    sign_off = type(page).objects.get(pk=page.pk).current_workflow_task_state
    if sign_off is not None:
        sign_off.task.specific.on_action(sign_off, moderator, "approve")
    if closed_on is not None:
        closed = datetime.datetime.combine(
            closed_on, datetime.time(12), tzinfo=datetime.UTC
        )
        TaskState.objects.filter(workflow_state=workflow_state).update(
            finished_at=closed
        )
        type(page).objects.filter(pk=page.pk).update(review_date=closed_on)
    return type(page).objects.get(pk=page.pk)
