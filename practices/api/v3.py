"""API v3 (preview): Wagtail 8's ninja-based page endpoints, read-only, plus documents and topics.

Wagtail ships one NinjaAPI (``wagtail.api.v3.api``) that every app extends with write endpoints:
create, edit, publish, delete and move pages, documents, images and snippets. Publishing through
it would skip parent review, and its documents list ignores the rule that a draft's resources
stay private. So this module mounts Wagtail's own read views on an API of our own, and nothing
that writes.
"""

from functools import wraps

from ninja import NinjaAPI, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from pydantic import ValidationError as PydanticValidationError

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import (
    ProblemDetail,
    problem_response,
    register_exception_handlers,
)
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.querysets import get_pages_queryset
from wagtail.api.v3.routers import pages as wagtail_pages
from wagtail.api.v3.schemas import BasePageSchema
from wagtail.api.v3.schemas.revisions import RevisionSchema
from wagtail.documents import get_document_model

from practices.documents.access import published_documents
from practices.models import PracticePage, Topic

from .fields import absolute_url, private_collection_ids
from .v2 import practice_prefetches


def _docs_enabled(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(settings, "WAGTAILAPI_DOCS_ENABLED", True):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


api = NinjaAPI(
    title="Bright Spots API",
    version="3.0.0-preview",
    description=(
        "Preview of the Bright Spots API on Wagtail's API v3. Anonymous requests read published "
        "content; a bearer token (Wagtail API token) of an editor also reads drafts and revisions. "
        "The stable API is /api/v2/ (docs/api.md)."
    ),
    urls_namespace="wagtailapi_v3",
    docs_decorator=_docs_enabled,
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
register_exception_handlers(api)


@api.exception_handler(NinjaValidationError)
@api.exception_handler(PydanticValidationError)
@api.exception_handler(DjangoValidationError)
def bad_parameters(request, exc):
    # Wagtail answers 422; every input here is a query or path parameter, which is a 400.
    if isinstance(exc, NinjaValidationError):
        errors = exc.errors
    elif isinstance(exc, PydanticValidationError):
        errors = [
            {key: value for key, value in error.items() if key != "input"}
            for error in exc.errors()
        ]
    else:
        errors = [{"msg": message} for message in exc.messages]
    return problem_response(
        status=400, detail="The request's parameters are not valid.", errors=errors
    )


PUBLIC_OR_TOKEN = [BearerTokenAuth(), AllowAnonymous()]


def refusing_bad_values(view):
    """A 400, not a 500, for values Wagtail's views pass on unchecked.

    Found by the schema fuzz test: a port that is not a number in ?site= reached int() and
    failed there. (NUL bytes and huge offsets are refused for both APIs in practices.api.http.)
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (ValueError, OverflowError) as error:
            raise HttpError(400, f"A parameter value is not valid: {error}") from error

    return wrapper


def hiding_private_relatives(view):
    """A page's meta.parent and meta.alias_of only when the caller may see that page too.

    Wagtail's v3 schema reads them straight from get_parent() and alias_of, so an unpublished
    parent's title and URL would show on its live child.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        page = view(request, *args, **kwargs)
        visible = get_pages_queryset(request)
        parent = page.get_parent()
        if parent is not None and not visible.filter(pk=parent.pk).exists():
            parent = None
        # An instance attribute, read only by this answer's serialisation.
        page.get_parent = lambda update=False: parent
        if page.alias_of_id and not visible.filter(pk=page.alias_of_id).exists():
            page.alias_of = None
        return page

    return wrapper


def prefetching_practice_fields(view):
    """A practice's related lists (resources, topics, organisations, its tally) in a fixed number of queries.

    The same batched reads as v2 (practices.api.v2.practice_prefetches), so the detail costs no
    more with 20 resources than with one. A draft from a revision holds its resources in memory:
    only their documents are read, all at once.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        page = view(request, *args, **kwargs)
        if not isinstance(page, PracticePage):
            return page
        if kwargs.get("version") == "draft" and request.user.is_authenticated:
            prefetch_related_objects(list(page.resources.all()), "document")
        else:
            prefetch_related_objects([page], *practice_prefetches())
        return page

    return wrapper


class TooManyRequests(Schema):
    message: str


def answers(ok, *errors):
    """The success schema plus the errors an operation can answer, so clients and the contract agree."""
    responses = {200: ok, 400: ProblemDetail, 404: ProblemDetail, 429: TooManyRequests}
    responses.update(dict.fromkeys(errors, ProblemDetail))
    return responses


pages = Router(tags=["pages"])
pages.get(
    "/",
    response=answers(list[BasePageSchema]),
    url_name="list_pages",
    summary="List pages",
    description="Published pages; with an editor's token, the pages that editor may edit, drafts included.",
    operation_id="pages_list",
    auth=PUBLIC_OR_TOKEN,
)(refusing_bad_values(wagtail_pages.list_pages))
pages.get(
    "/find/",
    response={**answers(None), 302: None},
    url_name="find_page",
    summary="Find a page by id or path",
    operation_id="pages_find",
    auth=PUBLIC_OR_TOKEN,
)(refusing_bad_values(wagtail_pages.find_page))
pages.get(
    "/{page_id}/",
    response=answers(wagtail_pages.PageDetailSchema),
    url_name="detail_page",
    summary="Page detail",
    description="version=draft returns the latest draft, for an editor's token only.",
    operation_id="pages_detail",
    auth=PUBLIC_OR_TOKEN,
)(
    refusing_bad_values(
        hiding_private_relatives(prefetching_practice_fields(wagtail_pages.get_page))
    )
)
pages.get(
    "/{page_id}/revisions/",
    response=answers(list[RevisionSchema], 401, 403),
    url_name="list_page_revisions",
    summary="List page revisions (editor's token)",
    operation_id="pages_revisions_list",
    auth=BearerTokenAuth(),
)(refusing_bad_values(wagtail_pages.list_page_revisions))
pages.get(
    "/{page_id}/revisions/{revision_id}/",
    response=answers(wagtail_pages.PageRevisionDetailSchema, 401, 403),
    url_name="detail_page_revision",
    summary="Page revision detail (editor's token)",
    operation_id="pages_revisions_detail",
    auth=BearerTokenAuth(),
)(refusing_bad_values(wagtail_pages.get_page_revision))


class DocumentSchema(Schema):
    id: int
    title: str
    file_extension: str
    file_size: int | None
    download_url: str

    @staticmethod
    def resolve_file_extension(obj) -> str:
        return obj.file_extension.lower()

    @staticmethod
    def resolve_download_url(obj, context) -> str:
        return absolute_url(context, obj.url)


documents = Router(tags=["documents"])


@documents.get(
    "/",
    response=answers(list[DocumentSchema]),
    url_name="list_documents",
    summary="List published documents",
    operation_id="documents_list",
    auth=PUBLIC_OR_TOKEN,
)
@refusing_bad_values
@paginate(WagtailLimitOffsetPagination)
def list_documents(request: HttpRequest):
    return public_documents().order_by("pk")


@documents.get(
    "/{document_id}/",
    response=answers(DocumentSchema),
    url_name="detail_document",
    summary="Published document detail",
    operation_id="documents_detail",
    auth=PUBLIC_OR_TOKEN,
)
@refusing_bad_values
def get_document(request: HttpRequest, document_id: int):
    return get_object_or_404(public_documents(), pk=document_id)


def public_documents():
    # Any view restriction keeps a collection out of the API, a token's login included (as in v2).
    return published_documents(
        get_document_model().objects.exclude(collection__in=private_collection_ids())
    )


class TopicSchema(Schema):
    id: int
    name: str
    slug: str
    description: str
    practice_count: int


topics = Router(tags=["topics"])


@topics.get(
    "/",
    response=answers(list[TopicSchema]),
    url_name="list_topics",
    summary="List topics, with how many published practices each has",
    operation_id="topics_list",
    auth=PUBLIC_OR_TOKEN,
)
@refusing_bad_values
@paginate(WagtailLimitOffsetPagination)
def list_topics(request: HttpRequest):
    return Topic.with_practice_counts(PracticePage.objects.live().public())


api.add_router("/pages/", pages)
api.add_router("/documents/", documents)
api.add_router("/topics/", topics)
