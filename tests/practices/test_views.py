"""What a reader sees on the library and practice pages."""

import datetime
import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.choices import OrganisationKind

from .factories import (
    OrganisationFactory,
    PopulationFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    TopicFactory,
    publish_through_parent_review,
)

SECTION_HEADINGS = [
    "Parent review feedback summary",
    "What is the intervention?",
    "What makes it a Bright Spot?",
    "What steps can you take?",
    "Downloadable resources",
    "Let us know any information to consider adding to this Bright Spots practice",
    "Share this Bright Spot with a colleague",
    "Have an idea?",
]


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def practice(library):
    practice = PracticePageFactory(
        parent=library, title="Parent Partner Program", slug="parent-partner-program"
    )
    practice.topics.add(TopicFactory(name="Parent advocacy", slug="parent-advocacy"))
    practice.populations.add(
        PopulationFactory(name="Birth parents", slug="birth-parents")
    )
    practice.organisations.add(
        OrganisationFactory(name="A Better Way, Inc", website="https://example.org/abw")
    )
    practice.partner_agencies.add(
        OrganisationFactory(
            name="Santa Cruz County Family and Children Services",
            kind=OrganisationKind.AGENCY,
        )
    )
    practice = publish_through_parent_review(
        practice, closed_on=datetime.date(2024, 5, 1)
    )
    PracticeResourceFactory(
        page=practice,
        title="Program overview",
        description="Two pages on how it works.",
    )
    return practice


def h2_texts(html):
    return [
        re.sub(r"<[^>]+>", "", h).strip()
        for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    ]


@pytest.mark.django_db
def test_practice_page_shows_every_section_in_the_order_of_the_real_site(
    client, practice, submission_page
):
    response = client.get("/library/parent-partner-program/")
    assert response.status_code == 200
    headings = [h for h in h2_texts(response.content.decode()) if h in SECTION_HEADINGS]
    assert headings == SECTION_HEADINGS


@pytest.mark.django_db
def test_practice_page_renders_the_content_of_each_section(client, practice):
    html = client.get("/library/parent-partner-program/").content.decode()
    assert "<li>Parents recommend agencies adopt it.</li>" in html
    assert "Parent partners support families through the case." in html
    assert "It helps families reunify sooner." in html
    steps = re.search(r'<ol class="steps">(.*?)</ol>', html, re.S).group(1)
    assert steps.index("Meet a parent-led organization") < steps.index(
        "Fund parent partner roles"
    )
    assert "Ask how they work." in steps


@pytest.mark.django_db
def test_practice_page_lists_resources_with_file_type_and_size(client, practice):
    html = client.get("/library/parent-partner-program/").content.decode()
    resource = practice.resources.get()
    assert f'href="{resource.document.url}"' in html
    assert re.search(r"Program overview<span[^>]*> \(PDF, \d+\xa0bytes\)</span>", html)
    assert "Two pages on how it works." in html


@pytest.mark.django_db
def test_practice_page_shows_metadata_at_a_glance(client, practice):
    html = client.get("/library/parent-partner-program/").content.decode()
    glance = re.search(r'<aside class="glance".*?</aside>', html, re.S).group(0)
    for expected in [
        "Recommended",
        '<a href="https://example.org/abw" rel="noopener">A Better Way, Inc</a>',
        "Santa Cruz County Family and Children Services",
        "Santa Cruz County, California",
        "2021",
        "Parent advocacy",
        "Birth parents",
        '<time datetime="2024-05-01">May 2024</time>',
        "<dd>3 parents; 3 recommend</dd>",
        "Parent Voices",
    ]:
        assert expected in glance, expected


@pytest.mark.django_db
def test_practice_page_offers_share_link_and_email_without_trackers(client, practice):
    html = client.get("/library/parent-partner-program/").content.decode()
    assert 'value="http://localhost/library/parent-partner-program/" readonly' in html
    assert (
        'href="mailto:?subject=Bright%20Spots%20practice%3A%20Parent%20Partner%20Program'
        in html
    )
    external_scripts = re.findall(r'<script[^>]+src="(https?:)?//', html)
    assert external_scripts == []


@pytest.mark.django_db
def test_practice_page_has_canonical_and_open_graph_tags(client, practice):
    html = client.get("/library/parent-partner-program/").content.decode()
    assert (
        '<link rel="canonical" href="http://localhost/library/parent-partner-program/">'
        in html
    )
    assert '<meta property="og:title" content="Parent Partner Program">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta name="description" content="{practice.summary}">' in html


@pytest.mark.django_db
def test_draft_practice_is_not_shown_to_the_public(client, library):
    draft = PracticePageFactory(parent=library, slug="draft-practice", live=False)
    assert client.get(draft.url_path.replace("/home", "", 1)).status_code == 404
    assert "draft-practice" not in client.get("/library/").content.decode()


@pytest.mark.django_db
def test_library_lists_published_practices_as_cards_newest_review_first(
    client, practice, library
):
    older = PracticePageFactory(parent=library, title="Kinship Navigator", live=False)
    publish_through_parent_review(older, closed_on=datetime.date(2020, 1, 1))
    html = client.get("/library/").content.decode()
    assert "2 practices" in html
    assert html.index("Parent Partner Program") < html.index("Kinship Navigator")
    assert 'href="/library/parent-partner-program/"' in html


@pytest.mark.django_db
def test_library_paginates_and_survives_bad_page_numbers(client, library):
    for number in range(13):
        PracticePageFactory(parent=library, title=f"Practice {number:02d}")
    first = client.get("/library/")
    assert "Page 1 of 2" in first.content.decode()
    assert client.get("/library/?page=2").content.decode().count('class="card"') == 1
    for bad in ["abc", "0", "-1", "999", "1%00"]:
        response = client.get(f"/library/?page={bad}")
        assert response.status_code == 200, bad


def count_queries(client, url):
    cache.clear()  # what pages keep between requests would hide the cost
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_practice_page_queries_do_not_grow_with_resources_or_topics(client, library):
    small = PracticePageFactory(parent=library, slug="small")
    small.topics.add(TopicFactory())
    PracticeResourceFactory(page=small)
    large = PracticePageFactory(parent=library, slug="large")
    for _ in range(20):
        large.topics.add(TopicFactory())
        large.populations.add(PopulationFactory())
        large.organisations.add(OrganisationFactory())
        PracticeResourceFactory(page=large)
    count_queries(
        client, "/library/small/"
    )  # warm the site-root cache shared by both requests
    assert count_queries(client, "/library/small/") == count_queries(
        client, "/library/large/"
    )


@pytest.mark.django_db
def test_library_queries_do_not_grow_with_practices_on_the_page(client, library):
    PracticePageFactory(parent=library).topics.add(TopicFactory())
    count_queries(client, "/library/")
    one = count_queries(client, "/library/")
    for _ in range(11):
        PracticePageFactory(parent=library).topics.add(TopicFactory(), TopicFactory())
    assert count_queries(client, "/library/") == one
