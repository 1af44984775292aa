"""Which documents the public may download: those that published content uses."""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.permissions import policy_registry

from practices.models import PracticeResource
from practices.reviews.invitations import open_invitations_for


def _linked_from_live_pages(model, exclude_paths=()):
    """Ids (as text) of ``model`` objects that live, public pages refer to, from Wagtail's reference index."""
    live_pages = Page.objects.live().public()
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=live_pages.annotate(pk_text=Cast("pk", CharField())).values(
            "pk_text"
        ),
    )
    for path in exclude_paths:
        references = references.exclude(model_path__startswith=path)
    return references.values("to_object_id")


def published_documents(queryset=None):
    """Documents a live, public page uses, as a practice resource or as a link.

    Private until published: a resource uploaded for a draft, or for the unpublished draft of a live
    practice, is in no live page's own row yet, so it is not served until the practice is published.
    """
    Document = get_document_model()
    queryset = Document.objects.all() if queryset is None else queryset
    as_resource = PracticeResource.objects.filter(
        page__in=Page.objects.live().public()
    ).values("document_id")
    # A page's index entry for a removed resource outlives its child row until the page is saved
    # again; as_resource above already reads resources from the live rows.
    linked = _linked_from_live_pages(Document, exclude_paths=["resources."])
    return queryset.annotate(pk_text=Cast("pk", CharField())).filter(
        Q(pk__in=as_resource) | Q(pk_text__in=linked)
    )


# One document's check, by hand: the same rule as published_documents(), written from the
# document's id outwards so that each branch is an index lookup (the resources' document_id, the
# reference index's target). The ORM's version of it took longer to compile than to run.
_PUBLIC = """NOT EXISTS (
    SELECT 1 FROM {restriction} v JOIN {page} rp ON rp.id = v.page_id
    WHERE substr(p.path, 1, length(rp.path)) = rp.path
)"""
_PUBLISHED_DOCUMENT = """SELECT EXISTS (
    SELECT 1 FROM {resource} r JOIN {page} p ON p.id = r.page_id
    WHERE r.document_id = %s AND p.live AND {public}
) OR EXISTS (
    SELECT 1 FROM {reference} ri
    JOIN {page} p ON p.id = CAST(CASE WHEN ri.base_content_type_id = %s THEN ri.object_id END AS integer)
    WHERE ri.to_content_type_id = %s AND ri.to_object_id = %s AND ri.base_content_type_id = %s
    AND ri.model_path NOT LIKE 'resources.%%' AND p.live AND {public}
)"""


@functools.cache
def _published_document_sql():
    tables = {
        "page": Page._meta.db_table,
        "restriction": PageViewRestriction._meta.db_table,
        "resource": PracticeResource._meta.db_table,
        "reference": ReferenceIndex._meta.db_table,
    }
    public = _PUBLIC.format(**tables)
    return _PUBLISHED_DOCUMENT.format(public=public, **tables)


def is_published_document(document):
    """Whether a live, public page uses ``document``: one query, whatever the size of the library."""
    page_type = ContentType.objects.get_for_model(Page).pk
    document_type = ContentType.objects.get_for_model(get_document_model()).pk
    with connection.cursor() as cursor:
        cursor.execute(
            _published_document_sql(),
            [document.pk, page_type, document_type, str(document.pk), page_type],
        )
        return bool(cursor.fetchone()[0])


def published_images(queryset=None):
    """Images a live, public page uses; the same rule as documents, so a draft's images stay private."""
    Image = get_image_model()
    queryset = Image.objects.all() if queryset is None else queryset
    return queryset.annotate(pk_text=Cast("pk", CharField())).filter(
        pk_text__in=_linked_from_live_pages(Image)
    )


def document_permission_policy():
    # wagtail.documents.permissions must not be imported before the app registry is ready.
    return policy_registry.get_by_type(get_document_model())


def user_may_preview(user, document):
    """Editors, and parents reviewing a draft that uses this document, may open it before publication."""
    if not user.is_authenticated:
        return False
    if document_permission_policy().user_has_any_permission(
        user, ["add", "change", "choose"]
    ):
        return True
    return any(
        document.pk
        in {
            resource.document_id
            for resource in invitation.round.revision.as_object().resources.all()
        }
        for invitation in open_invitations_for(user)
    )
