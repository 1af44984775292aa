"""An editor's admin session and the document upload they make."""

import pytest

from django.urls import reverse

from wagtail.models import Collection

from tests.practices.factories import make_user


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user("upload-editor", "Editors"))
    return client


def add_document(client, file, title="A resource"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": file,
            "collection": Collection.get_first_root_node().pk,
        },
    )


def replace_file(client, document, file):
    return client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": document.title, "file": file, "collection": document.collection_id},
    )
