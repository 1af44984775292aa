"""API v2 endpoints with Bright Spots' privacy rules and the practice filters a hub needs."""

from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Prefetch, Q
from django.urls import NoReverseMatch

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from practices.choices import ReviewOutcome, USState
from practices.documents.access import published_documents, published_images
from practices.models import (
    Organisation,
    Population,
    PracticePage,
    PracticeResource,
    Topic,
)
from practices.reviews.models import ParentReview
from practices.rich_text import links_preloaded

from . import http


def practice_prefetches():
    """Everything a practice's API fields read, in a fixed number of queries for any number of practices."""
    return [
        "topics",
        "populations",
        "organisations",
        "partner_agencies",
        Prefetch(
            "resources",
            queryset=PracticeResource.objects.select_related("document").order_by(
                "sort_order"
            ),
        ),
        Prefetch(
            "parent_reviews",
            queryset=ParentReview.objects.filter(
                task_state_id=F("page__approved_round_id")
            ).select_related("reviewer_organisation", "task_state"),
            to_attr="approved_reviews",
        ),
    ]


def _values(request, name):
    """Every value of a repeatable, comma-separable parameter: ?topic=a,b or ?topic=a&topic=b."""
    values = [
        value.strip()
        for raw in request.GET.getlist(name)
        for value in raw.split(",")
        if value.strip()
    ]
    if not values:
        raise BadRequestError(f"{name} needs a value")
    return values


def _slugs_filter(request, name, model, relation, endpoint):
    slugs = _values(request, name)
    known = set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = sorted(set(slugs) - known)
    if unknown:
        raise BadRequestError(
            f"unknown {name}: {', '.join(unknown)} (/api/v2/{endpoint}/ lists the slugs)"
        )
    return Q(**{f"{relation}__slug__in": slugs})


def _choices_filter(request, name, field, choices, hint):
    values = _values(request, name)
    unknown = sorted(set(values) - set(choices.values))
    if unknown:
        raise BadRequestError(f"unknown {name}: {', '.join(unknown)} ({hint})")
    return Q(**{f"{field}__in": values})


def _organisation_filter(request):
    values = _values(request, "organisation")
    if not all(value.isdigit() and len(value) <= 18 for value in values):
        raise BadRequestError(
            "organisation takes organization ids, e.g. organisation=3"
        )
    ids = {int(value) for value in values}
    if Organisation.objects.filter(pk__in=ids).count() != len(ids):
        raise BadRequestError("unknown organisation id")
    return Q(organisations__in=ids) | Q(partner_agencies__in=ids)


PRACTICE_FILTERS = {
    "topic": lambda request: _slugs_filter(request, "topic", Topic, "topics", "topics"),
    "population": lambda request: _slugs_filter(
        request, "population", Population, "populations", "populations"
    ),
    "organisation": _organisation_filter,
    "state": lambda request: _choices_filter(
        request,
        "state",
        "state",
        USState,
        "use a two-letter code such as CA, or US for nationwide",
    ),
    "outcome": lambda request: _choices_filter(
        request,
        "outcome",
        "review_outcome",
        ReviewOutcome,
        "use " + " or ".join(ReviewOutcome.values),
    ),
}


def rich_text_of(pages):
    for page in pages:
        if isinstance(page, PracticePage):
            yield page.intervention
            yield page.why_bright_spot
            for step in page.steps:
                if step.value["detail"]:
                    yield step.value["detail"].source


class ColumnFilter(FieldsFilter):
    """Wagtail's ?field=value filters, less the names PracticeFilter reads with its own rules."""

    class _ViewWithout:
        def __init__(self, view, names):
            self.view, self.names = view, names

        def get_available_fields(self, model, db_fields_only=False):
            fields = self.view.get_available_fields(
                model, db_fields_only=db_fields_only
            )
            return [name for name in fields if name not in self.names]

    def filter_queryset(self, request, queryset, view):
        return super().filter_queryset(
            request, queryset, self._ViewWithout(view, PRACTICE_FILTERS)
        )


class PracticeFilter(BaseFilterBackend):
    """?topic=, ?population=, ?organisation=, ?state= and ?outcome= on practices; 400 for unknown values."""

    def filter_queryset(self, request, queryset, view):
        names = [name for name in PRACTICE_FILTERS if name in request.GET]
        if not names:
            return queryset
        if queryset.model is not PracticePage:
            raise BadRequestError(
                f"filtering by {', '.join(names)} needs type=practices.PracticePage"
            )
        for name in names:
            # A subquery on pk, so the search backend that runs after this accepts the filter.
            matching = PracticePage.objects.filter(PRACTICE_FILTERS[name](request))
            queryset = queryset.filter(pk__in=matching.values("pk"))
        return queryset


class ListPagination(WagtailPagination):
    """Wagtail's ?limit= and ?offset=, checked on their own so that a 304 never answers bad ones."""

    @staticmethod
    def bounds(request):
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        try:
            offset = int(request.GET.get("offset", 0))
            if offset < 0:
                raise ValueError
        except ValueError as error:
            raise BadRequestError("offset must be a positive integer") from error
        try:
            limit = int(request.GET.get("limit", min(20, limit_max or 20)))
            if limit < 0:
                raise ValueError
        except ValueError as error:
            raise BadRequestError("limit must be a positive integer") from error
        if limit_max and limit > limit_max:
            raise BadRequestError(f"limit cannot be higher than {limit_max}")
        return offset, limit

    def paginate_queryset(self, queryset, request, view=None):
        offset, limit = self.bounds(request)
        self.view = view
        # A plain COUNT(*): Django leaves out the listing's select_related and prefetches.
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]


class PublicEndpoint:
    """Anonymous, and only real columns as ?field= filters and ?order= keys.

    No authentication: every v2 answer is the public one, whatever cookie or credentials come
    with the request, so it is safe to cache and never shows what a signed-in user could see.

    Wagtail offers every api_field with a database field, which here includes the many-to-many
    metadata and the resources: ``?topics=x`` or ``?resources=1`` would reach the database as
    a malformed lookup and fail with a 500.
    """

    authentication_classes = []
    pagination_class = ListPagination

    def listing_view(self, request):
        # Wagtail's listing_view, answering 304 once every parameter is checked, before counting.
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        self.paginator.bounds(request)
        self.get_serializer_class()  # ?fields=
        self.resolve_rich_text_format()
        unchanged = http.not_modified(request)
        if unchanged is not None:
            return unchanged
        items = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.serialise(items))

    def serialise(self, items):
        return self.get_serializer(items, many=True).data

    def get_serializer_class(self):
        # Once a request: Wagtail's builds the page queryset again each time to learn the model.
        if not hasattr(self, "_serializer_class"):
            self._serializer_class = super().get_serializer_class()
        return self._serializer_class

    def find_object(self, queryset, request):
        if "id" in request.GET and not request.GET["id"].isdigit():
            raise BadRequestError("id must be a whole number")
        return super().find_object(queryset, request)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if not db_fields_only:
            return fields

        def is_column(name):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                return True
            return not (field.many_to_many or field.one_to_many)

        return [name for name in fields if is_column(name)]

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except (ValidationError, ValueError, OverflowError) as error:
            # Django refuses some values only while building the query, e.g. review_date=tomorrow.
            message = "; ".join(getattr(error, "messages", [str(error)]))
            raise BadRequestError(f"a filter value is not valid: {message}") from error


class PageUrlField(serializers.Field):
    """html_url, from the sites' root paths read once a request; Wagtail's reads them from the cache once a page."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page) -> str | None:
        try:
            return page.get_full_url(self.context.get("request"))
        except NoReverseMatch:
            return None


class PracticePagesAPIViewSet(PublicEndpoint, PagesAPIViewSet):
    """Wagtail's pages endpoint (live, public pages only) with practice filters and batched fields."""

    filter_backends = [
        PracticeFilter,
        *(
            ColumnFilter if backend is FieldsFilter else backend
            for backend in PagesAPIViewSet.filter_backends
        ),
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        PRACTICE_FILTERS
    )
    meta_fields = [
        APIField("html_url", serializer=PageUrlField()) if name == "html_url" else name
        for name in PagesAPIViewSet.meta_fields
    ]

    def get_queryset(self):
        # Built once a request (Wagtail's reads the site and every view restriction each time);
        # each caller gets its own unevaluated copy.
        if not hasattr(self, "_queryset"):
            queryset = super().get_queryset().select_related("locale")
            if queryset.model is PracticePage:
                queryset = queryset.prefetch_related(*practice_prefetches())
            self._queryset = queryset
        return self._queryset.all()

    def serialise(self, items):
        # Every practice's rich-text links resolved in one go.
        with links_preloaded(rich_text_of(items)):
            return super().serialise(items)

    def get_object(self):
        page = super().get_object()
        if isinstance(page, PracticePage):
            # The same batched reads as a listing, so both paths share one code path for the fields.
            page = (
                PracticePage.objects.filter(pk=page.pk)
                .prefetch_related(*practice_prefetches())
                .get()
            )
        return page


class PrefetchedTagsField(serializers.Field):
    """Tags from the listing's prefetch; Wagtail's own field asks the database once per item."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance.tags.all()

    def to_representation(self, value) -> list[str]:
        return sorted(tag.name for tag in value)


def with_prefetched_tags(meta_fields):
    return [
        APIField("tags", serializer=PrefetchedTagsField()) if name == "tags" else name
        for name in meta_fields
    ]


class PublicDocumentsAPIViewSet(PublicEndpoint, DocumentsAPIViewSet):
    """Wagtail's documents endpoint (private collections already hidden), less drafts' resources."""

    meta_fields = with_prefetched_tags(DocumentsAPIViewSet.meta_fields)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(pk__in=published_documents().values("pk"))
            .prefetch_related("tags")
        )


class PublicImagesAPIViewSet(PublicEndpoint, ImagesAPIViewSet):
    """Wagtail's images endpoint (private collections already hidden), less images no live page uses."""

    meta_fields = with_prefetched_tags(ImagesAPIViewSet.meta_fields)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(pk__in=published_images().values("pk"))
            .prefetch_related("tags")
        )


class VocabularyAPIViewSet(PublicEndpoint, BaseAPIViewSet):
    """A classification snippet with the number of published practices using each term."""

    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "name",
        "slug",
        APIField("practice_count", serializer=serializers.IntegerField(read_only=True)),
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "name",
        "slug",
        "practice_count",
    ]

    def get_queryset(self):
        return self.model.with_practice_counts(PracticePage.objects.live().public())


class TopicsAPIViewSet(VocabularyAPIViewSet):
    name = "topics"
    model = Topic
    body_fields = [*VocabularyAPIViewSet.body_fields, "description"]


class PopulationsAPIViewSet(VocabularyAPIViewSet):
    name = "populations"
    model = Population
