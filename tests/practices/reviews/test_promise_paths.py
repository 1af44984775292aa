"""Every way Wagtail offers to put a practice live, or change a live one, tried by editors and moderators.

Each path either refuses or leaves what is live exactly as parents approved it (docs/review-workflow.md,
"The promise and how it is kept").
"""

import pytest

from django.test import Client
from django.urls import reverse

from practices.models import PracticePage
from tests.practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
    publish_through_parent_review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    return publish_through_parent_review(
        PracticePageFactory(parent=library, title="Kin first", slug="kin-first")
    )


def public_slugs():
    listing = Client().get("/api/v2/pages/", {"type": "practices.PracticePage"})
    return sorted(item["meta"]["slug"] for item in listing.json()["items"])


@pytest.mark.parametrize("role", ["Moderators", "Editors"])
@pytest.mark.parametrize("option", ["publish_copies", "alias"])
def test_copying_a_published_practice_never_puts_the_copy_live(
    client, published, role, option
):
    client.force_login(make_user("someone", role))
    copy_url = reverse("wagtailadmin_pages:copy", args=[published.pk])
    form = client.get(copy_url)
    assert form.status_code == 200
    assert f'name="{option}"' not in form.content.decode()

    response = client.post(
        copy_url,
        {
            "new_title": "Kin first (copy)",
            "new_slug": "kin-first-copy",
            "new_parent_page": published.get_parent().pk,
            option: "on",
        },
    )

    assert response.status_code == 302
    copy = PracticePage.objects.get(slug="kin-first-copy")
    assert (copy.live, copy.alias_of_id, copy.approved_round_id) == (False, None, None)
    assert public_slugs() == ["kin-first"]
    assert Client().get("/library/kin-first-copy/").status_code == 404


def test_a_superuser_may_still_publish_a_copy_in_an_emergency(client, published):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[published.pk]),
        {
            "new_title": "Kin first (copy)",
            "new_slug": "kin-first-copy",
            "new_parent_page": published.get_parent().pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = PracticePage.objects.get(slug="kin-first-copy")
    assert copy.live
    # Live, but nobody reviewed this page: the public is not told parents did.
    assert copy.parent_review is None
    assert public_slugs() == ["kin-first", "kin-first-copy"]
