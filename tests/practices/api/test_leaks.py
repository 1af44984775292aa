"""Marker strings planted in everything private; a crawl of every API endpoint must never return one."""

import json

import pytest

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Revision,
)

from home.models import StandardPage
from practices.models import PracticePage
from practices.reviews.models import ParentReview
from tests.practices.factories import (
    MINIMAL_PDF,
    DocumentFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    publish_through_parent_review,
)

MARKERS = {
    "draft": "MARKER-DRAFT-7f3a",
    "draft_revision": "MARKER-UNPUBLISHED-REVISION-19c2",
    "private_page": "MARKER-PRIVATE-PAGE-4be1",
    "private_document": "MARKER-PRIVATE-DOCUMENT-a88d",
    "draft_resource": "MARKER-DRAFT-RESOURCE-5e0c",
    "parent_review": "MARKER-PARENT-REVIEW-2d6f",
    "form_submission": "MARKER-FORM-SUBMISSION-c41b",
    "email": "marker-email-90aa",
    "unpublished_parent": "MARKER-UNPUBLISHED-PARENT-e7d3",
    "private_resource": "marker-private-resource-0b9f",
    "password_page": "MARKER-PASSWORD-PAGE-66aa",
}


@pytest.fixture
def planted(library):
    public = PracticePageFactory(parent=library, title="Public practice", live=False)
    staff_only = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    # A private file attached to a public practice: its name must not show in the resources.
    PracticeResourceFactory(
        page=public,
        title="Staff handbook",
        document=DocumentFactory(
            title=MARKERS["private_resource"],
            collection=staff_only,
            file=ContentFile(MINIMAL_PDF, name=f"{MARKERS['private_resource']}.pdf"),
        ),
    )
    public = publish_through_parent_review(PracticePage.objects.get(pk=public.pk))
    ParentReview.objects.update(
        comments=MARKERS["parent_review"],
        keeps_families_together=MARKERS["parent_review"],
        conditions=MARKERS["parent_review"],
    )
    for user in get_user_model().objects.all():
        user.email = f"{user.username}.{MARKERS['email']}@example.org"
        user.first_name = MARKERS["email"]
        user.save()

    public.title = MARKERS["draft_revision"]
    public.summary = MARKERS["draft_revision"]
    public.save_revision()

    draft = PracticePageFactory(
        parent=library,
        title=MARKERS["draft"],
        summary=MARKERS["draft"],
        intervention=f"<p>{MARKERS['draft']}</p>",
        live=False,
    )
    draft.save_revision()
    PracticeResourceFactory(
        page=draft,
        title=MARKERS["draft_resource"],
        document=DocumentFactory(title=MARKERS["draft_resource"]),
    )

    private = PracticePageFactory(
        parent=library, title=MARKERS["private_page"], summary=MARKERS["private_page"]
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    DocumentFactory(title=MARKERS["private_document"], collection=staff_only)

    hidden_section = StandardPage(
        title=MARKERS["unpublished_parent"], slug="hidden-section", live=False
    )
    library.get_parent().add_child(instance=hidden_section)
    hidden_section.add_child(
        instance=StandardPage(title="Live page in a hidden section", slug="live-child")
    )

    password_page = PracticePageFactory(
        parent=library, title=MARKERS["password_page"], summary=MARKERS["password_page"]
    )
    PageViewRestriction.objects.create(
        page=password_page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="letmein",
    )

    FormSubmission.objects.create(
        page=public, form_data={"message": MARKERS["form_submission"]}
    )
    return {"public": public, "draft": draft, "private": private}


def crawl(client, headers):
    """Every listing, every object's detail, every revision id, and searches for each marker."""
    urls = [
        "/api/v2/pages/?fields=*&limit=100",
        "/api/v2/pages/?type=practices.PracticePage&fields=*&limit=100",
        "/api/v2/documents/?fields=*&limit=100",
        "/api/v2/images/?fields=*&limit=100",
        "/api/v2/topics/?fields=*&limit=100",
        "/api/v2/populations/?fields=*&limit=100",
        "/api/v3/openapi.json",
        "/api/v3/pages/?limit=100",
        "/api/v3/pages/?type=practices.PracticePage&limit=100",
        "/api/v3/documents/?limit=100",
        "/api/v3/topics/?limit=100",
    ]
    for marker in MARKERS.values():
        urls += [
            f"/api/v2/pages/?search={marker}",
            f"/api/v2/documents/?search={marker}",
            f"/api/v3/pages/?search={marker}",
        ]
    for pk in Page.objects.values_list("pk", flat=True):
        urls += [
            f"/api/v2/pages/{pk}/",
            f"/api/v2/pages/find/?id={pk}",
            f"/api/v3/pages/{pk}/",
            f"/api/v3/pages/{pk}/?version=draft",
            f"/api/v3/pages/find/?id={pk}",
            f"/api/v3/pages/{pk}/revisions/",
        ]
        for revision in Revision.objects.filter(object_id=str(pk)):
            urls.append(f"/api/v3/pages/{pk}/revisions/{revision.pk}/")
    from wagtail.documents import get_document_model

    for pk in get_document_model().objects.values_list("pk", flat=True):
        urls += [f"/api/v2/documents/{pk}/", f"/api/v3/documents/{pk}/"]

    answers = {}
    for url in urls:
        response = client.get(url, follow=True, **headers)
        assert response.status_code < 500, url
        answers[url] = response.content.decode() + json.dumps(dict(response.headers))
    return answers


def found(answers):
    return {
        (name, url)
        for url, text in answers.items()
        for name, marker in MARKERS.items()
        if marker.lower() in text.lower()
    }


@pytest.mark.django_db
def test_anonymous_and_reviewer_crawls_find_no_marker(client, planted, reviewer_token):
    # This browser has entered the password page's password on the site; the API ignores that.
    session = client.session
    session["passed_page_view_restrictions"] = list(
        PageViewRestriction.objects.values_list("pk", flat=True)
    )
    session.save()
    anonymous = crawl(client, {})
    as_reviewer = crawl(client, reviewer_token)

    assert len(anonymous) > 60
    assert found(anonymous) == set()
    assert found(as_reviewer) == set()
    # The crawl did reach the public practice and its review summary.
    public = planted["public"]
    assert "Public practice" in anonymous[f"/api/v2/pages/{public.pk}/"]
    assert '"reviewer_count": 3' in anonymous[f"/api/v2/pages/{public.pk}/"]
    live_child = Page.objects.get(slug="live-child")
    assert (
        "Live page in a hidden section" in anonymous[f"/api/v3/pages/{live_child.pk}/"]
    )


@pytest.mark.django_db
def test_the_crawl_finds_drafts_when_a_token_may_see_them(
    client, planted, editor_token
):
    """The control: the same crawl with an editor's token does surface the draft markers."""
    names = {name for name, _ in found(crawl(client, editor_token))}

    assert {"draft", "draft_revision"} <= names
    assert "parent_review" not in names
    assert "form_submission" not in names
    assert "email" not in names
