"""API v2: the demo practices with every field, the practice filters, and a 400 for every bad parameter."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import PracticePage, Topic
from tests.demo.test_demo_content import SEEDS
from tests.plain_search import mentioning
from tests.practices.factories import (
    OrganisationFactory,
    PopulationFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    TopicFactory,
    publish_through_parent_review,
)

PRACTICES = "/api/v2/pages/?type=practices.PracticePage"
PRACTICE_FIELDS = {
    "summary",
    "feedback_summary",
    "intervention",
    "why_bright_spot",
    "steps",
    "resources",
    "organisations",
    "partner_agencies",
    "county",
    "state",
    "location",
    "year_started",
    "topics",
    "populations",
    "review_outcome",
    "review_date",
    "parent_review",
}


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])


@pytest.mark.django_db
def test_lists_every_demo_practice_with_every_section_and_metadata_field(demo, client):
    response = client.get(f"{PRACTICES}&fields=*&limit=100")

    items = response.json()["items"]
    assert response.json()["meta"]["total_count"] == len(items)
    assert {item["title"] for item in items} == set(
        PracticePage.objects.live().values_list("title", flat=True)
    )
    for item in items:
        assert set(item) >= PRACTICE_FIELDS, item["title"]
        assert item["intervention"].startswith("<p>")
        assert item["steps"] and all(step["title"] for step in item["steps"])
        assert all(isinstance(point, str) for point in item["feedback_summary"])
        assert item["topics"] and item["organisations"]
        # Demo practices all went through parent review: the counts come from the reviews.
        assert item["parent_review"]["reviewer_count"] >= 1
        page_url = PracticePage.objects.get(pk=item["id"]).full_url
        assert item["meta"]["html_url"] == page_url and page_url.startswith("http")


@pytest.mark.django_db
def test_parent_partner_program_carries_the_seed_text(demo, client):
    page = PracticePage.objects.get(slug="parent-partner-program")
    seed = (SEEDS / "practice-parent-partner-program.txt").read_text()

    practice = client.get(f"/api/v2/pages/{page.pk}/").json()

    for sentence in [
        "In Santa Cruz County, parent advocacy is known as the Parent Partner Program.",
        "Reviewers want to ensure that parent advocates are not micromanaged by the system",
    ]:
        assert sentence in seed
    assert (
        "In Santa Cruz County, parent advocacy is known as the Parent Partner Program."
        in (practice["intervention"])
    )
    assert any(
        "not micromanaged by the system" in point
        for point in practice["feedback_summary"]
    )
    assert practice["location"] == "Santa Cruz County, California"
    assert practice["review_outcome"] == "recommended"
    resource = practice["resources"][0]
    assert resource["file_type"] == "PDF"
    assert resource["file_size"] > 0
    # Downloads go through the permission-checked serve view, never straight to the bucket.
    assert resource["download_url"].startswith("http://testserver/documents/")


@pytest.mark.django_db
def test_topic_and_search_narrow_the_list(demo, client):
    everything = titles(client.get(f"{PRACTICES}&limit=100"))
    topic = Topic.objects.get(slug="parent-advocacy")
    in_topic = sorted(
        PracticePage.objects.live().filter(topics=topic).values_list("title", flat=True)
    )

    assert (
        titles(client.get(f"{PRACTICES}&topic=parent-advocacy&limit=100")) == in_topic
    )
    assert "Parent Partner Program" in in_topic
    assert len(in_topic) < len(everything)

    searched = titles(client.get(f"{PRACTICES}&search=parent&limit=100"))
    assert "Parent Partner Program" in searched
    assert searched == mentioning("parent")
    kinship = titles(client.get(f"{PRACTICES}&search=kinship&limit=100"))
    assert kinship == mentioning("kinship")
    assert 0 < len(kinship) < len(everything)


@pytest.mark.django_db
def test_state_outcome_organisation_and_population_filters(library, client):
    runner = OrganisationFactory(name="Runner Org")
    partner = OrganisationFactory(name="Partner Agency")
    birth_parents = PopulationFactory(slug="birth-parents")
    california = PracticePageFactory(parent=library, title="California practice")
    california.organisations.add(runner)
    california.populations.add(birth_parents)
    california.save()
    texas = PracticePageFactory(
        parent=library,
        title="Texas practice",
        state="TX",
        review_outcome="recommended_with_conditions",
    )
    texas.partner_agencies.add(partner)
    texas.save()

    assert titles(client.get(f"{PRACTICES}&state=TX")) == ["Texas practice"]
    assert titles(client.get(f"{PRACTICES}&state=CA,TX")) == [
        "California practice",
        "Texas practice",
    ]
    assert titles(client.get(f"{PRACTICES}&outcome=recommended_with_conditions")) == [
        "Texas practice"
    ]
    assert titles(client.get(f"{PRACTICES}&organisation={runner.pk}")) == [
        "California practice"
    ]
    assert titles(client.get(f"{PRACTICES}&organisation={partner.pk}")) == [
        "Texas practice"
    ]
    assert titles(client.get(f"{PRACTICES}&population=birth-parents")) == [
        "California practice"
    ]
    assert titles(client.get(f"{PRACTICES}&order=-title")) == [
        "California practice",
        "Texas practice",
    ]
    assert [
        item["title"]
        for item in client.get(f"{PRACTICES}&order=-title").json()["items"]
    ] == ["Texas practice", "California practice"]


@pytest.mark.django_db
def test_topics_endpoint_counts_published_practices_only(library, client):
    advocacy = TopicFactory(name="Parent advocacy", slug="parent-advocacy")
    TopicFactory(name="Housing", slug="housing")
    published = PracticePageFactory(parent=library)
    published.topics.add(advocacy)
    published.save()
    draft = PracticePageFactory(parent=library, live=False)
    draft.topics.add(advocacy)
    draft.save()

    topics = {
        item["slug"]: item["practice_count"]
        for item in client.get("/api/v2/topics/").json()["items"]
    }

    assert topics == {"housing": 0, "parent-advocacy": 1}


def make_practices(library, count):
    topic = TopicFactory(slug="shared-topic")
    organisation = OrganisationFactory(name="Shared org")
    population = PopulationFactory(slug="shared-population")
    pages = []
    for number in range(count):
        page = PracticePageFactory(
            parent=library,
            title=f"Practice {number:03}",
            # Each practice links to the one before it, so every listing resolves many targets.
            intervention=(
                f'<p>See <a linktype="page" id="{pages[-1].pk if pages else library.pk}">'
                "the last practice</a>.</p>"
            ),
        )
        page.topics.add(topic, TopicFactory(slug=f"topic-{number}"))
        page.organisations.add(organisation)
        page.partner_agencies.add(OrganisationFactory(name=f"Agency {number}"))
        page.populations.add(population)
        page.save()
        PracticeResourceFactory(page=page)
        PracticeResourceFactory(page=page)
        pages.append(page)
    return pages


@pytest.mark.django_db
def test_listing_costs_the_same_queries_for_5_and_100_practices(library, client):
    pages = make_practices(library, 100)
    # The first practices in the listing have real parent reviews, so their summaries are read too.
    for page in pages[:2]:
        publish_through_parent_review(page)

    def queries_for(limit):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{PRACTICES}&fields=*&order=title&limit={limit}")
        items = response.json()["items"]
        assert len(items) == limit
        assert items[0]["parent_review"]["reviewer_count"] == 3
        assert len(items[-1]["resources"]) == 2
        assert 'href="/library/practice-' in items[-1]["intervention"]
        return len(captured.captured_queries)

    five, hundred = queries_for(5), queries_for(100)

    assert five == hundred, (five, hundred)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("topic=no-such-topic", "unknown topic: no-such-topic"),
        ("topic=", "topic needs a value"),
        ("population=nobody", "unknown population: nobody"),
        ("state=ZZ", "unknown state: ZZ"),
        ("outcome=maybe", "unknown outcome: maybe"),
        ("organisation=abc", "organisation takes organization ids"),
        ("organisation=999999", "unknown organisation id"),
        (
            "topics=1",
            "query parameter is not an operation or a recognised field: topics",
        ),
        ("resources=1", "not an operation or a recognised field: resources"),
        ("order=topics", "cannot order by 'topics'"),
        ("order=nonsense", "cannot order by 'nonsense'"),
        ("review_date=tomorrow", "a filter value is not valid"),
        ("year_started=abc", "field filter error"),
        ("limit=101", "limit cannot be higher than 100"),
        ("limit=-1", "limit must be a positive integer"),
        ("offset=x", "offset must be a positive integer"),
        ("offset=1894402981968411370926899200", "offset cannot be higher than 1000000"),
        ("fields=nonsense", "unknown fields: nonsense"),
        ("rich_text_format=pdf", "rich_text_format"),
        ("search=parent&order=random&offset=1", "random ordering with offset"),
    ],
)
def test_bad_parameters_answer_400_with_a_message(library, client, query, message):
    PracticePageFactory(parent=library)

    response = client.get(f"{PRACTICES}&{query}")

    assert response.status_code == 400, response.content
    assert message in response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        (
            "/api/v2/pages/?topic=parent-advocacy",
            400,
            "needs type=practices.PracticePage",
        ),
        ("/api/v2/pages/?type=practices.Nope", 400, "type doesn't exist"),
        ("/api/v2/pages/999999/", 404, "No Page matches the given query."),
        ("/api/v2/pages/find/?html_path=/nowhere/", 404, "not found"),
        ("/api/v2/documents/999999/", 404, "No Document matches the given query."),
        ("/api/v2/images/999999/", 404, "No Image matches the given query."),
        ("/api/v2/topics/999999/", 404, "No Topic matches the given query."),
        ("/api/v2/topics/?name=%00", 400, "null characters"),
        ("/api/v2/pages/?search=%00", 400, "null characters"),
        ("/api/v2/documents/?search=%00", 400, "null characters"),
        ("/api/v2/pages/?locale=%00", 400, "null characters"),
        ("/api/v2/pages/?site=%00", 400, "null characters"),
        ("/api/v2/pages/find/?html_path=%00", 400, "null characters"),
        (
            "/api/v2/pages/?type=practices.PracticePage&topic=%00",
            400,
            "null characters",
        ),
        ("/api/v2/pages/find/?id=abc", 400, "id must be a whole number"),
        ("/api/v2/pages/find/?id=", 400, "id must be a whole number"),
        ("/api/v2/documents/find/?id=abc", 400, "id must be a whole number"),
        ("/api/v2/topics/find/?id=abc", 400, "id must be a whole number"),
        ("/api/v2/pages/find/?id=99999999999999999999", 404, "not found"),
    ],
)
def test_other_4xx_paths_answer_json(library, client, url, status, message):
    response = client.get(url)

    assert response.status_code == status, response.content
    assert message in response.json()["message"]


@pytest.mark.django_db
def test_document_listing_costs_the_same_queries_for_5_and_30(library, client):
    practice = PracticePageFactory(parent=library)
    for _ in range(30):
        resource = PracticeResourceFactory(page=practice)
        resource.document.tags.add("worksheet")

    def queries_for(limit):
        with CaptureQueriesContext(connection) as captured:
            items = client.get(f"/api/v2/documents/?limit={limit}").json()["items"]
        assert len(items) == limit
        assert items[-1]["meta"]["tags"] == ["worksheet"]
        return len(captured.captured_queries)

    assert queries_for(5) == queries_for(30)
