"""Purge the page cache (and the CDN) when what a reader sees changes, once the change is committed."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_delete

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from practices.models.snippets import Organisation, Population, Topic

from . import purge, store


def after_commit(paths_of):
    """A receiver that works out what to purge now and purges it after the transaction commits."""

    def receiver(sender, **kwargs):
        paths = paths_of(**kwargs)
        if paths:
            transaction.on_commit(partial(purge.purge, paths))

    return receiver


def page_paths(instance, **kwargs):
    return purge.page_change(instance)


def moved_page_paths(instance, url_path_before=None, url_path_after=None, **kwargs):
    return purge.page_change(instance, [url_path_before or "", url_path_after or ""])


def slug_changed_paths(instance, instance_before=None, **kwargs):
    return purge.page_change(
        instance, [instance_before.url_path] if instance_before else []
    )


def deleted_page_paths(instance, **kwargs):
    # A specific page's deletion also deletes its plain Page row: work it out once, for the specific one.
    if not isinstance(instance, Page) or type(instance) is not instance.specific_class:
        return set()
    return purge.page_change(instance)


def restriction_paths(instance, **kwargs):
    return purge.page_change(instance.page)


def label_paths(instance, created=False, raw=False, **kwargs):
    return set() if created or raw else purge.label_change(instance)


def document_paths(instance, created=False, **kwargs):
    return set() if created else purge.document_change(instance)


def image_paths(instance, created=False, **kwargs):
    return set() if created else purge.referring_page_paths(instance)


def search_paths(**kwargs):
    return {purge.SEARCH_PATH, *purge.listing_paths()}


def everything(**kwargs):
    return {store.EVERYTHING}


def connect():
    """Connected by PageCacheConfig.ready; weak=False, as each receiver is a closure nothing else holds."""
    for signal in (page_published, page_unpublished):
        signal.connect(
            after_commit(page_paths), weak=False, dispatch_uid=f"pagecache_{id(signal)}"
        )
    post_page_move.connect(
        after_commit(moved_page_paths), weak=False, dispatch_uid="pagecache_move"
    )
    page_slug_changed.connect(
        after_commit(slug_changed_paths), weak=False, dispatch_uid="pagecache_slug"
    )
    # Deletions are worked out before the rows go (who named a topic, where a page was).
    pre_delete.connect(
        after_commit(deleted_page_paths), weak=False, dispatch_uid="pagecache_delete"
    )
    for signal in (post_save, pre_delete):
        hook = f"pagecache_{id(signal)}"
        signal.connect(
            after_commit(restriction_paths),
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid=f"{hook}_restriction",
        )
        for model in (Topic, Population, Organisation):
            signal.connect(
                after_commit(label_paths),
                sender=model,
                weak=False,
                dispatch_uid=f"{hook}_{model._meta.model_name}",
            )
        signal.connect(
            after_commit(document_paths),
            sender=get_document_model(),
            weak=False,
            dispatch_uid=f"{hook}_document",
        )
        signal.connect(
            after_commit(image_paths),
            sender=get_image_model(),
            weak=False,
            dispatch_uid=f"{hook}_image",
        )
        for model in (Query, SearchPromotion):
            signal.connect(
                after_commit(search_paths),
                sender=model,
                weak=False,
                dispatch_uid=f"{hook}_{model._meta.model_name}",
            )
        for model in (Site, CollectionViewRestriction):
            signal.connect(
                after_commit(everything),
                sender=model,
                weak=False,
                dispatch_uid=f"{hook}_{model._meta.model_name}",
            )
