"""The sitemap search engines read: an index, and pages that stay small however big the library grows."""

import re

import pytest

from wagtail.models import PageViewRestriction

from tests.practices.factories import PracticeIndexPageFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


def locations(xml):
    return re.findall(r"<loc>([^<]+)</loc>", xml)


@pytest.fixture
def library(home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    for number in range(5):
        PracticePageFactory(parent=library, slug=f"live-{number}")
    PracticePageFactory(parent=library, slug="draft-one", live=False)
    private = PracticePageFactory(parent=library, slug="private-one")
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="secret-words"
    )
    return library


def test_the_index_lists_pages_that_together_hold_every_public_page_once(
    client, library, settings
):
    settings.SITEMAP_PAGE_SIZE = 3

    index = client.get("/sitemap.xml")

    assert index.status_code == 200
    assert index["Content-Type"] == "application/xml"
    pages = locations(index.content.decode())
    assert pages == [f"http://localhost/sitemaps/{n}.xml" for n in (1, 2, 3)]
    listed = []
    for page in pages:
        response = client.get(page.removeprefix("http://localhost"))
        assert response.status_code == 200
        listed += locations(response.content.decode())
    assert listed == [
        "http://localhost/",
        "http://localhost/library/",
        *(f"http://localhost/library/live-{number}/" for number in range(5)),
    ]


def test_a_sitemap_page_past_the_last_is_not_found(client, library, settings):
    settings.SITEMAP_PAGE_SIZE = 3

    assert client.get("/sitemaps/4.xml").status_code == 404
    assert client.get("/sitemaps/0.xml").status_code == 404


def test_a_sitemap_page_costs_the_same_queries_however_many_pages_it_lists(
    client, library, settings, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        small = client.get("/sitemaps/1.xml")
    for number in range(40):
        PracticePageFactory(parent=library, slug=f"more-{number}")
    with django_assert_max_num_queries(4):
        large = client.get("/sitemaps/1.xml")

    assert (
        len(locations(large.content.decode()))
        == len(locations(small.content.decode())) + 40
    )


def test_the_favicon_is_served_at_the_root_and_linked_from_every_page(client, library):
    icon = client.get("/favicon.ico")
    page = client.get("/library/").content.decode()

    assert icon.status_code == 200
    assert icon["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert '<link rel="icon" href="/static/favicon.png" type="image/png">' in page
    assert client.get("/static/favicon.png").status_code == 200
