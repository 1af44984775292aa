"""Reactions of the content model: date a published practice, keep the search index and "last changed" current."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
    TaskState,
)
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.models import ContentChange
from practices.reviews.approval import record_publication
from practices.reviews.models import ParentReview, ParentReviewTaskState

from .models import Organisation, Population, PracticePage, PracticeResource, Topic

# The many-to-many relations PracticePage.search_fields index by name.
INDEXED_RELATIONS = ["topics", "populations", "organisations", "partner_agencies"]


def record_approval(sender, instance, revision=None, **kwargs):
    """Record which round approved the version that just went live, and when: the public tally."""
    round_ = record_publication(instance, revision)
    review_date = round_.finished_at.date() if round_ else None
    PracticePage.objects.filter(pk=instance.pk).update(
        approved_round=round_, review_date=review_date
    )
    instance.approved_round = round_
    instance.review_date = review_date


def reindex_published_practice(sender, instance, **kwargs):
    """Index a practice again once its topics and organisations are saved too.

    Wagtail indexes on post_save, which runs before a page's many-to-many metadata is written,
    so the names would otherwise be one publication behind.
    """
    index.insert_or_update_object(instance)


def reindex_practices_named_by(sender, instance, created=False, raw=False, **kwargs):
    """A renamed topic, population or organisation: the practices that name it are found by the new name."""
    if created or raw:
        return
    practices = PracticePage.naming(instance)
    backend = get_search_backend()
    practices = list(practices.prefetch_related(*INDEXED_RELATIONS))
    if practices:
        backend.add_bulk(PracticePage, practices)


def content_changed(sender, **kwargs):
    """Anything the API shows changed: move its Last-Modified on (practices.api.http)."""
    ContentChange.record()


def api_visible_models():
    return [
        *(model for model in apps.get_models() if issubclass(model, Page)),
        PracticeResource,
        get_document_model(),
        get_image_model(),
        Topic,
        Population,
        Organisation,
        ParentReview,
        TaskState,
        ParentReviewTaskState,
        ReferenceIndex,
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        Site,
    ]


def connect():
    """Connected by PracticesConfig.ready; each feature connects its own receivers in its AppConfig."""
    for model in api_visible_models():
        for signal in (post_save, post_delete):
            signal.connect(
                content_changed,
                sender=model,
                dispatch_uid=f"api_changed_{model._meta.label}_{id(signal)}",
            )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"api_changed_{id(signal)}")
    page_published.connect(
        record_approval,
        sender=PracticePage,
        dispatch_uid="record_approval",
    )
    page_published.connect(
        reindex_published_practice,
        sender=PracticePage,
        dispatch_uid="reindex_published_practice",
    )
    for model in (Topic, Population, Organisation):
        post_save.connect(
            reindex_practices_named_by,
            sender=model,
            dispatch_uid=f"reindex_practices_{model._meta.model_name}",
        )
