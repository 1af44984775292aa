"""Who may download a resource, how it reaches them from S3, and how downloads are counted."""

import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
)

from home.models import StandardPage
from practices.documents.models import DocumentDownload
from practices.models import PracticeResource
from tests.practices.factories import (
    DocumentFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    emergency_publish,
    make_user,
    publish_through_parent_review,
)
from tests.s3 import count_s3_requests


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def draft_practice(library):
    practice = PracticePageFactory(parent=library, live=False)
    PracticeResourceFactory(page=practice, title="Planning worksheet")
    return practice


@pytest.fixture
def published_practice(draft_practice):
    return publish_through_parent_review(draft_practice)


def fetch(url):
    """The reader's own GET, straight to S3, outside Django."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback moto server
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def stored_bytes(document):
    with document.open_file() as handle:
        return handle.read()


def test_a_draft_practices_resource_is_not_downloadable_anonymously(
    client, draft_practice
):
    document = draft_practice.resources.get().document

    assert client.get(document.url).status_code == 404


def test_once_published_the_resource_redirects_to_a_signed_url_with_the_same_bytes(
    client, published_practice
):
    document = published_practice.resources.get().document

    response = client.get(document.url)

    assert response.status_code == 302
    signed = response["Location"]
    assert "X-Amz-Signature=" in signed
    assert "X-Amz-Expires=300" in signed
    status, body, headers = fetch(signed)
    assert status == 200
    assert body == stored_bytes(document)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == f'inline; filename="{document.filename}"'


def test_the_bucket_object_is_not_readable_without_the_signature(
    client, published_practice
):
    document = published_practice.resources.get().document
    signed = client.get(document.url)["Location"]

    unsigned = urlunsplit(urlsplit(signed)._replace(query=""))
    status, _, _ = fetch(unsigned)

    assert status == 403


def test_a_resource_added_only_in_the_draft_of_a_live_practice_stays_private(
    client, published_practice
):
    live_document = published_practice.resources.get().document
    draft = published_practice.get_latest_revision_as_object()
    new_document = DocumentFactory(title="Not yet reviewed")
    draft.resources.add(PracticeResource(document=new_document, title="New worksheet"))
    draft.save_revision()

    assert client.get(live_document.url).status_code == 302
    assert client.get(new_document.url).status_code == 404


def test_editors_and_the_parents_reviewing_the_draft_may_open_its_resource(
    client, draft_practice
):
    document = draft_practice.resources.get().document
    editor = make_user("resource-editor", "Editors")
    reviewer = make_user("resource-reviewer", "Parent reviewers")
    reader = make_user("signed-in-reader")
    draft_practice.save_revision(user=editor)
    draft_practice.get_workflow().start(draft_practice, editor)

    client.force_login(reader)
    assert client.get(document.url).status_code == 404
    client.force_login(reviewer)
    assert client.get(document.url).status_code == 302
    client.force_login(editor)
    assert client.get(document.url).status_code == 302


def test_a_document_linked_from_a_live_page_is_downloadable(client, home_page):
    document = DocumentFactory(title="Annual report")
    unused = DocumentFactory(title="Uploaded, never used")
    page = StandardPage(
        title="Reports",
        slug="reports",
        body=[
            {
                "type": "paragraph",
                "value": f'<p><a linktype="document" id="{document.pk}">Annual report</a></p>',
            }
        ],
    )
    home_page.add_child(instance=page)

    assert client.get(document.url).status_code == 302
    assert client.get(unused.url).status_code == 404


def test_the_documents_api_lists_published_resources_only(client, library):
    staff_only = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    public = PracticePageFactory(parent=library, live=False)
    PracticeResourceFactory(
        page=public, title="Public worksheet", document__title="Public worksheet"
    )
    PracticeResourceFactory(
        page=public,
        title="Staff guidance",
        document__title="Staff guidance",
        document__collection=staff_only,
    )
    draft = PracticePageFactory(parent=library, live=False)
    PracticeResourceFactory(page=draft, document__title="Draft worksheet")
    publish_through_parent_review(public)

    response = client.get("/api/v2/documents/")

    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Public worksheet"]
    private = public.resources.get(title="Staff guidance").document
    assert client.get(f"/api/v2/documents/{private.pk}/").status_code == 404
    # Wagtail's own collection privacy then asks for a login instead of redirecting to S3.
    download = client.get(private.url)
    assert download.status_code == 302
    assert download["Location"].startswith(reverse("wagtailcore_login"))


def test_rendering_a_practice_with_twenty_resources_and_downloading_one_costs_no_s3_requests(
    client, library
):
    practice = PracticePageFactory(parent=library, live=False)
    PracticeResourceFactory.create_batch(20, page=practice)
    practice = publish_through_parent_review(practice)
    document = practice.resources.first().document

    with count_s3_requests() as sent:
        page = client.get(practice.url)
        download = client.get(document.url)

    assert page.status_code == 200
    assert page.content.decode().count("/documents/") == 20
    assert download.status_code == 302
    assert sent == []
    status, body, _ = fetch(download["Location"])
    assert status == 200
    assert body == stored_bytes(document)


def test_downloads_are_counted_per_document_and_practice_and_editors_see_them(
    client, published_practice
):
    document = published_practice.resources.get().document
    for _ in range(3):
        client.get(document.url)
    editor = make_user("report-editor", "Editors")
    client.force_login(editor)
    client.get(document.url)

    assert DocumentDownload.objects.filter(document=document).count() == 3
    by_practice = client.get(reverse("practice_downloads_report"))
    by_document = client.get(reverse("document_downloads_report"))
    assert by_practice.status_code == 200
    practice_row = next(
        row
        for row in by_practice.context["object_list"]
        if row.pk == published_practice.pk
    )
    assert practice_row.downloads == 3
    assert published_practice.title in by_practice.content.decode()
    assert [(row.pk, row.downloads) for row in by_document.context["object_list"]] == [
        (document.pk, 3)
    ]
    export = client.get(reverse("practice_downloads_report") + "?export=csv")
    csv = b"".join(export.streaming_content).decode()
    assert f"{published_practice.title},live,1,3" in csv


def test_a_refused_download_is_not_counted(client, draft_practice):
    document = draft_practice.resources.get().document

    client.get(document.url)

    assert not DocumentDownload.objects.exists()


@pytest.mark.parametrize(
    "url_name", ["practice_downloads_report", "document_downloads_report"]
)
@pytest.mark.parametrize("role", ["Parent reviewers", "admin access only"])
def test_people_without_document_rights_cannot_open_the_download_reports(
    client, db, url_name, role
):
    if role == "admin access only":
        # Signed in to the admin, but with no rights over documents (a parent reviewer never gets this far).
        user = make_user("report-admin-only")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    else:
        user = make_user("report-parent", role)
    client.force_login(user)

    response = client.get(reverse(url_name))

    assert response.status_code in (302, 403)
    assert "Downloads by" not in response.content.decode()


def test_the_document_report_lists_only_documents_the_editor_may_edit(client, db):
    root = Collection.get_first_root_node()
    legal = root.add_child(name="Legal team")
    worksheets = root.add_child(name="Worksheets")
    DocumentFactory(title="Legal memo", collection=legal)
    DocumentFactory(title="Planning worksheet", collection=worksheets)
    group = Group.objects.create(name="Worksheet editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupCollectionPermission.objects.create(
        group=group,
        collection=worksheets,
        permission=Permission.objects.get(codename="change_document"),
    )
    client.force_login(make_user("collection-editor", "Worksheet editors"))

    response = client.get(reverse("document_downloads_report"))

    assert response.status_code == 200
    assert [row.title for row in response.context["object_list"]] == [
        "Planning worksheet"
    ]


def test_a_resource_removed_from_a_live_practice_is_no_longer_public(
    client, published_practice
):
    document = published_practice.resources.get().document
    assert client.get(document.url).status_code == 302

    draft = published_practice.get_latest_revision_as_object()
    draft.resources.clear()
    emergency_publish(draft)

    assert not PracticeResource.objects.filter(document=document).exists()
    assert client.get(document.url).status_code == 404
    assert client.get("/api/v2/documents/").json()["items"] == []


def test_the_reports_menu_offers_the_download_reports_only_to_document_editors(
    client, db
):
    admin_only = make_user("menu-admin-only")
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_only)
    assert (
        "Downloads by practice"
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )

    client.force_login(make_user("menu-editor", "Editors"))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Downloads by practice" in menu
    assert "Downloads by document" in menu
