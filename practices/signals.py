"""Reactions: tell parents a practice is waiting; date a published practice; count downloads."""

import logging

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_submitted,
)

from core.models import ContentChange

from .documents import user_may_preview
from .models import (
    DocumentDownloadCount,
    Organisation,
    ParentReviewSummary,
    ParentReviewTaskState,
    Population,
    PracticeIndexPage,
    PracticePage,
    PracticeSubmission,
    Topic,
)
from .setup import attach_workflow_to_new_library

logger = logging.getLogger(__name__)

# The many-to-many relations PracticePage.search_fields index by name.
INDEXED_RELATIONS = ["topics", "populations", "organisations", "partner_agencies"]


def notify_reviewers(sender, instance, user=None, **kwargs):
    """Email every parent reviewer in the task's groups a direct link to the review screen."""
    task = instance.task.specific
    page = instance.revision.as_object()
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "parent_review:review", args=[instance.pk]
    )
    # Whoever sent it for review or wrote this version never reviews it, even if also a parent reviewer.
    reviewers = (
        task.reviewers()
        .exclude(email="")
        .exclude(pk__in=instance.conflicted_user_ids())
    )
    for reviewer in reviewers:
        context = {"reviewer": reviewer, "page": page, "review_url": review_url}
        send_mail(
            subject=f"A practice is waiting for your review: {page.title}",
            message=render_to_string("practices/emails/review_requested.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[reviewer.email],
            fail_silently=False,
        )
    logger.info(
        "Asked parent reviewers to review %s (round %s)", page.title, instance.pk
    )


def date_published_practice(sender, instance, **kwargs):
    """Record when parents approved the version that just went live, for ordering and display."""
    summary = ParentReviewSummary.latest_passed_for(instance)
    review_date = summary.finished_at.date() if summary else None
    PracticePage.objects.filter(pk=instance.pk).update(review_date=review_date)
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
    if isinstance(instance, Organisation):
        relations = ["organisations", "partner_agencies"]
    else:
        relations = [f"{instance._meta.model_name}s"]  # topics, populations
    naming = Q()
    for relation in relations:
        naming |= Q(**{relation: instance})
    practices = PracticePage.objects.filter(naming).distinct()
    backend = get_search_backend()
    practices = list(practices.prefetch_related(*INDEXED_RELATIONS))
    if practices:
        backend.add_bulk(PracticePage, practices)


def content_changed(sender, **kwargs):
    """Anything the API shows changed: move its Last-Modified on (core.api_http)."""
    ContentChange.record()


def api_visible_models():
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

    from .models import Organisation, ParentReview, Population, PracticeResource, Topic

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
    for model in api_visible_models():
        for signal in (post_save, post_delete):
            signal.connect(
                content_changed,
                sender=model,
                dispatch_uid=f"api_changed_{model._meta.label}_{id(signal)}",
            )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"api_changed_{id(signal)}")
    task_submitted.connect(
        notify_reviewers,
        sender=ParentReviewTaskState,
        dispatch_uid="notify_parent_reviewers",
    )
    page_published.connect(
        date_published_practice,
        sender=PracticePage,
        dispatch_uid="date_published_practice",
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
    document_served.connect(
        count_download, sender=get_document_model(), dispatch_uid="count_download"
    )
    post_save.connect(
        attach_workflow_to_new_library,
        sender=PracticeIndexPage,
        dispatch_uid="attach_review_workflow",
    )
    post_delete.connect(
        delete_submission_file,
        sender=PracticeSubmission,
        dispatch_uid="delete_submission_file",
    )


def delete_submission_file(sender, instance, **kwargs):
    """However a submission is deleted (admin, erase, purge), its file goes too, once the delete is committed."""
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        # After commit: a rolled-back delete must not lose the file.
        transaction.on_commit(lambda: storage.delete(name))


def count_download(sender, instance, request, **kwargs):
    """Count a download once the serve view has allowed it; editors checking a file are not counted."""
    if request.user.is_authenticated and user_may_preview(request.user, instance):
        return
    DocumentDownloadCount.increment(instance)
