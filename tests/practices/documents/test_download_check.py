"""The download check: the same rule as the documents API, decided in one indexed query."""

import re

import pytest

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from home.models import StandardPage
from practices.documents.access import is_published_document, published_documents
from practices.documents.wagtail_hooks import serve_only_published_documents
from practices.models import PracticeResource
from tests.practices.factories import (
    DocumentFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    emergency_publish,
)


def practice_with_resource(parent, title, live=True):
    practice = PracticePageFactory(parent=parent, title=title, live=live)
    return PracticeResourceFactory(page=practice, document__title=title).document


def page_linking(parent, title, live=True):
    document = DocumentFactory(title=title)
    page = StandardPage(
        title=title,
        live=live,
        body=[
            {
                "type": "paragraph",
                "value": f'<p><a linktype="document" id="{document.pk}">{title}</a></p>',
            }
        ],
    )
    parent.add_child(instance=page)
    return page, document


def restrict(page, kind=PageViewRestriction.LOGIN):
    PageViewRestriction.objects.create(page=page, restriction_type=kind, password="x")


@pytest.fixture
def documents(home_page):
    """Documents in every situation the rule tells apart, with whether the public may have each."""
    library = PracticeIndexPageFactory(parent=home_page)
    members = PracticeIndexPageFactory(
        parent=home_page, title="Members", slug="members"
    )
    restrict(members, PageViewRestriction.PASSWORD)
    live = practice_with_resource(library, "Live practice's resource")
    draft = practice_with_resource(library, "Draft practice's resource", live=False)
    restricted_practice = PracticePageFactory(parent=library, title="Login only")
    restrict(restricted_practice)
    behind_login = PracticeResourceFactory(page=restricted_practice).document
    under_restricted_parent = practice_with_resource(members, "Members' resource")
    changing = PracticePageFactory(parent=library, title="Changing")
    removed = PracticeResourceFactory(page=changing).document
    emergency_publish(changing)
    draft_only = DocumentFactory(title="Only in the next draft")
    next_draft = changing.get_latest_revision_as_object()
    next_draft.resources.clear()
    next_draft.resources.add(PracticeResource(document=draft_only, title="New"))
    # Publishing drops `removed`; the page's old index entry for it named "resources.".
    emergency_publish(next_draft)
    next_draft = changing.get_latest_revision_as_object()
    newer = DocumentFactory(title="Newer")
    next_draft.resources.add(PracticeResource(document=newer, title="Newer"))
    next_draft.save_revision()
    _, linked = page_linking(home_page, "Linked from a live page")
    _, linked_from_draft = page_linking(home_page, "Linked from a draft", live=False)
    private_page, linked_privately = page_linking(home_page, "Linked privately")
    restrict(private_page)
    return {
        live: True,
        draft: False,
        behind_login: False,
        under_restricted_parent: False,
        removed: False,
        draft_only: True,
        newer: False,
        linked: True,
        linked_from_draft: False,
        linked_privately: False,
        DocumentFactory(title="Never used"): False,
    }


@pytest.mark.django_db
def test_the_download_check_and_the_documents_api_follow_one_rule(client, documents):
    listed = set(published_documents().values_list("pk", flat=True))

    for document, public in documents.items():
        assert is_published_document(document) is public, document.title
        assert (document.pk in listed) is public, document.title
        assert client.get(document.url).status_code == (302 if public else 404)


def check(document):
    """What Wagtail's serve view asks before it serves a document to an anonymous reader."""
    request = RequestFactory().get(document.url)
    request.user = AnonymousUser()
    try:
        return serve_only_published_documents(document, request) is None
    except Http404:
        return False


@pytest.mark.django_db
def test_the_download_check_is_a_single_query(documents):
    # Content types are cached after a process's first request.
    check(next(iter(documents)))

    for document, public in documents.items():
        with CaptureQueriesContext(connection) as captured:
            assert check(document) is public, document.title
        assert len(captured) == 1, (document.title, captured.captured_queries)


@pytest.mark.django_db
def test_the_download_check_is_served_by_indexes_on_the_documents_id(documents):
    document = next(iter(documents))
    check(document)
    with CaptureQueriesContext(connection) as captured:
        check(document)

    with connection.cursor() as cursor:
        # At test sizes a scan is cheapest anyway; without scans, the plan shows which indexes apply.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + captured[0]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")

    assert not re.search(
        r"Seq Scan on (practices_practiceresource|wagtailcore_referenceindex)", plan
    ), plan
    # Which index serves the reference index depends on the statistics; the resources' is fixed.
    assert re.search(r"Index Cond: \(document_id = \d+\)", plan), plan
    assert re.search(
        r"(Index Scan using \S+|Bitmap Heap Scan) on wagtailcore_referenceindex", plan
    ), plan
