"""Files parents reviewed keep their bytes: which practices a document's file belongs to."""

from wagtail.models import Revision

from practices.models import PracticePage, PracticeResource
from practices.reviews.models import ParentReviewTaskState


def practices_using(document):
    """Practices whose live page, or a version parents reviewed or are reviewing, uses this document."""
    pages = set(
        PracticeResource.objects.filter(document=document).values_list(
            "page_id", flat=True
        )
    )
    # Versions parents read are the rounds' revisions (few: one per round), read from their JSON.
    reviewed = Revision.objects.filter(
        pk__in=ParentReviewTaskState.objects.values("revision")
    ).only("object_id", "content")
    for revision in reviewed.iterator():
        resources = revision.content.get("resources") or []
        if any(resource.get("document") == document.pk for resource in resources):
            pages.add(int(revision.object_id))
    return PracticePage.objects.filter(pk__in=pages).order_by("title")
