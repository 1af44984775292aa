"""How a practice's sections and metadata appear in the API, typed once for both v2 and v3.

Each field is a DRF serializer field, which API v2 uses directly. API v3 builds its OpenAPI
schema from the return annotation of ``to_representation``, so every field declares a
TypedDict or a plain type there: the v3 schema names every section and metadata field.
"""

import datetime

from rest_framework import serializers
from typing_extensions import TypedDict

from django.conf import settings
from django.db.models import Q

from wagtail.rich_text import expand_db_html


def absolute_url(context, path):
    # v2 passes the request; v3 binds these fields without one, so both fall back to the configured base.
    request = context.get("request") if context else None
    if request is not None:
        # Imported here: wagtail.api.v2.utils loads the Page model, and models import this module.
        from wagtail.api.v2.utils import get_full_url

        return get_full_url(request, path)
    return settings.WAGTAILAPI_BASE_URL.rstrip("/") + path


def private_collection_ids():
    """Collections under any view restriction: the API has no signed-in users, so none of them is public."""
    from wagtail.models import Collection, CollectionViewRestriction

    paths = list(
        Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection")
        ).values_list("path", flat=True)
    )
    if not paths:
        return set()
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return set(Collection.objects.filter(under).values_list("pk", flat=True))


class TermRef(TypedDict):
    """A topic or a population served: the slug is what the v2 filters take."""

    id: int
    name: str
    slug: str


class OrganisationRef(TypedDict):
    id: int
    name: str
    kind: str
    website: str
    location: str


class Step(TypedDict):
    title: str
    detail: str


class Resource(TypedDict):
    title: str
    description: str
    file_type: str
    file_extension: str
    file_size: int | None
    download_url: str


class ParentReviewRef(TypedDict):
    reviewer_count: int
    recommend_count: int
    reviewer_organisations: list[OrganisationRef]
    finished_at: datetime.datetime


class TermsField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        # .all() reads the listing's prefetch; a draft from a revision holds them in memory.
        return getattr(instance, self.field_name).all()

    def to_representation(self, value) -> list[TermRef]:
        return [{"id": item.pk, "name": item.name, "slug": item.slug} for item in value]


def organisation_ref(organisation) -> OrganisationRef:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "website": organisation.website,
        "location": organisation.location,
    }


class OrganisationsField(TermsField):
    def to_representation(self, value) -> list[OrganisationRef]:
        return [organisation_ref(item) for item in value]


class LocationField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return value


class FeedbackSummaryField(serializers.Field):
    """The parent review feedback summary as a list of plain strings, one per bullet."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> list[str]:
        return [str(child.value) for child in value]


class StepsField(serializers.Field):
    """The steps in order, each with its title and its detail as HTML with links resolved."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> list[Step]:
        return [
            {
                "title": child.value["title"],
                "detail": expand_db_html(child.value["detail"].source)
                if child.value["detail"]
                else "",
            }
            for child in value
        ]


class ResourcesField(serializers.Field):
    """Downloadable resources; ``download_url`` goes through the permission-checked serve view."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance.resources.all()

    def private_collections(self):
        # Once per listing: DRF shares one context dict between every item of a v2 answer.
        context = self.context
        if "private_collection_ids" not in context:
            context["private_collection_ids"] = private_collection_ids()
        return context["private_collection_ids"]

    def to_representation(self, value) -> list[Resource]:
        private = self.private_collections()
        return [
            {
                "title": resource.title,
                "description": resource.description,
                "file_type": resource.file_type,
                "file_extension": resource.document.file_extension.lower(),
                "file_size": resource.document.file_size,
                "download_url": absolute_url(self.context, resource.document.url),
            }
            for resource in value
            if resource.document.collection_id not in private
        ]


class ParentReviewField(serializers.Field):
    """Counts and organisations from the review round that approved the practice; never a review's text."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> ParentReviewRef:
        return {
            "reviewer_count": value.reviewer_count,
            "recommend_count": value.recommend_count,
            "reviewer_organisations": [
                organisation_ref(item) for item in value.organisations
            ],
            "finished_at": value.finished_at,
        }
