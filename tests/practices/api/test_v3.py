"""API v3 preview: a typed OpenAPI 3.1 contract, published pages for everyone, drafts for editors' tokens."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import APIToken

from practices.models import PracticePage
from tests.practices.factories import (
    OrganisationFactory,
    PopulationFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    TopicFactory,
    make_user,
    publish_through_parent_review,
)

from .conftest import bearer

SECTION_AND_METADATA_FIELDS = {
    "summary": "string",
    "intervention": "string",
    "why_bright_spot": "string",
    "county": "string",
    "state": "string",
    "location": "string",
    "year_started": "integer",
    "review_outcome": "string",
    "review_date": "string",
    "feedback_summary": "array",
    "steps": "array",
    "resources": "array",
    "organisations": "array",
    "partner_agencies": "array",
    "topics": "array",
    "populations": "array",
    "parent_review": "object",
}


def resolve(spec, schema):
    """The concrete types a property allows, following $ref and anyOf; `Any` would give none."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return resolve(spec, spec["components"]["schemas"][name])
    if "anyOf" in schema:
        return set().union(*(resolve(spec, option) for option in schema["anyOf"]))
    return {schema["type"]} if "type" in schema else set()


@pytest.mark.django_db
def test_openapi_is_3_1_and_types_every_practice_field(client):
    response = client.get("/api/v3/openapi.json")

    spec = response.json()
    assert spec["openapi"].startswith("3.1")
    practice = spec["components"]["schemas"]["PracticePageSchema"]["properties"]
    for name, expected in SECTION_AND_METADATA_FIELDS.items():
        assert expected in resolve(spec, practice[name]), name
    step = spec["components"]["schemas"]["Step"]["properties"]
    assert set(step) == {"title", "detail"}
    resource = spec["components"]["schemas"]["Resource"]["properties"]
    assert {"title", "file_type", "file_size", "download_url"} <= set(resource)
    # Read-only: nothing in the contract creates, changes or publishes content.
    methods = {method for path in spec["paths"].values() for method in path}
    assert methods == {"get"}


@pytest.mark.django_db
def test_docs_page_renders_and_can_be_switched_off(client, settings):
    assert client.get("/api/v3/docs/").status_code == 200
    settings.WAGTAILAPI_DOCS_ENABLED = False
    assert client.get("/api/v3/docs/").status_code == 404
    assert client.get("/api/v3/openapi.json").status_code == 404


@pytest.fixture
def practices(library):
    live = PracticePageFactory(parent=library, title="Published practice")
    live.title = "Published practice, edited in draft"
    live.save_revision()
    draft = PracticePageFactory(parent=library, title="Never published", live=False)
    draft.save_revision()
    return live, draft


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.django_db
def test_anonymous_clients_read_published_pages_only(client, practices):
    live, draft = practices

    assert live.pk in ids(client.get("/api/v3/pages/?type=practices.PracticePage"))
    assert draft.pk not in ids(client.get("/api/v3/pages/?type=practices.PracticePage"))
    detail = client.get(f"/api/v3/pages/{live.pk}/?version=draft").json()
    assert detail["title"] == "Published practice"
    assert client.get(f"/api/v3/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v3/pages/{live.pk}/revisions/").status_code == 401


@pytest.mark.django_db
def test_an_editors_token_previews_drafts_and_revisions(
    client, practices, editor_token
):
    live, draft = practices

    listed = ids(
        client.get("/api/v3/pages/?type=practices.PracticePage", **editor_token)
    )
    assert {live.pk, draft.pk} <= listed
    preview = client.get(
        f"/api/v3/pages/{live.pk}/?version=draft", **editor_token
    ).json()
    assert preview["title"] == "Published practice, edited in draft"
    revisions = client.get(f"/api/v3/pages/{live.pk}/revisions/", **editor_token).json()
    assert revisions["count"] == live.revisions.count()
    revision = revisions["items"][0]
    detail = client.get(
        f"/api/v3/pages/{live.pk}/revisions/{revision['id']}/", **editor_token
    ).json()
    assert detail["content_object"]["title"] == "Published practice, edited in draft"


@pytest.mark.django_db
def test_a_parent_reviewers_token_gets_nothing_more_than_anonymous(
    client, practices, reviewer_token
):
    live, draft = practices

    assert draft.pk not in ids(client.get("/api/v3/pages/", **reviewer_token))
    assert client.get(f"/api/v3/pages/{draft.pk}/", **reviewer_token).status_code == 404
    refused = client.get(f"/api/v3/pages/{live.pk}/revisions/", **reviewer_token)
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_revoked_and_inactive_tokens_are_anonymous(client, practices):
    live, draft = practices
    editor = make_user("former-editor", "Editors")
    revoked = bearer(editor, name="revoked")
    APIToken.objects.get(name="revoked").revoke()
    assert client.get(f"/api/v3/pages/{draft.pk}/", **revoked).status_code == 404
    inactive = bearer(make_user("inactive-editor", "Editors", is_active=False))
    assert client.get(f"/api/v3/pages/{draft.pk}/", **inactive).status_code == 404
    garbage = {"HTTP_AUTHORIZATION": "Bearer not-a-token"}
    assert (
        client.get(f"/api/v3/pages/{live.pk}/revisions/", **garbage).status_code == 401
    )


def practice_with(library, resources):
    """A published practice with parents' tally and this many resources, topics and organisations."""
    page = PracticePageFactory(
        parent=library, live=False, title=f"{resources} resources"
    )
    for number in range(resources):
        PracticeResourceFactory(page=page, title=f"Worksheet {number}")
        page.topics.add(TopicFactory())
        page.populations.add(PopulationFactory())
        page.organisations.add(OrganisationFactory())
        page.partner_agencies.add(OrganisationFactory())
    page.save()
    return publish_through_parent_review(page)


@pytest.mark.django_db
def test_a_practices_detail_costs_the_same_queries_for_1_and_8_resources(
    client, library
):
    def queries_for(page):
        with CaptureQueriesContext(connection) as captured:
            detail = client.get(f"/api/v3/pages/{page.pk}/").json()
        assert [item["title"] for item in detail["resources"]] == [
            f"Worksheet {number}" for number in range(len(detail["topics"]))
        ]
        assert len(detail["partner_agencies"]) == len(detail["resources"])
        assert detail["parent_review"]["reviewer_count"] == 3
        return len(captured.captured_queries)

    one, eight = (
        queries_for(practice_with(library, 1)),
        queries_for(practice_with(library, 8)),
    )

    assert one == eight, (one, eight)


@pytest.mark.django_db
def test_topics_and_documents_endpoints(client, demo):
    topics = client.get("/api/v3/topics/?limit=100").json()
    assert {"parent-advocacy", "reunification"} <= {
        item["slug"] for item in topics["items"]
    }
    assert all(item["practice_count"] >= 0 for item in topics["items"])
    documents = client.get("/api/v3/documents/?limit=100").json()
    practice = PracticePage.objects.get(slug="parent-partner-program")
    resource = practice.resources.first().document
    assert resource.pk in {item["id"] for item in documents["items"]}
    detail = client.get(f"/api/v3/documents/{resource.pk}/").json()
    assert detail["download_url"] == f"http://testserver{resource.url}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v3/pages/?limit=101", 400),
        ("/api/v3/pages/?limit=0", 400),
        ("/api/v3/pages/?offset=-1", 400),
        ("/api/v3/pages/?type=practices.Nope", 400),
        ("/api/v3/pages/?child_of=abc", 400),
        ("/api/v3/pages/?child_of=1&descendant_of=1", 400),
        ("/api/v3/pages/?order=nonsense", 400),
        ("/api/v3/pages/?type=practices.PracticePage&year_started=abc", 400),
        ("/api/v3/pages/?type=practices.PracticePage&review_date=tomorrow", 400),
        ("/api/v3/pages/1/?version=nope", 400),
        ("/api/v3/pages/1/?rich_text_format=pdf", 400),
        ("/api/v3/pages/abc/", 400),
        ("/api/v3/pages/999999/", 404),
        ("/api/v3/pages/find/", 404),
        ("/api/v3/pages/find/?html_path=/nowhere/", 404),
        ("/api/v3/documents/999999/", 404),
        ("/api/v3/documents/?limit=1000", 400),
        ("/api/v3/topics/?offset=x", 400),
        ("/api/v3/documents/?offset=1894402981968411370926899200", 400),
        ("/api/v3/pages/?locale=en%00", 400),
        ("/api/v3/pages/?site=localhost:port", 400),
        ("/api/v3/pages/1/revisions/", 401),
        ("/api/v3/pages/1/revisions/1/", 401),
    ],
)
def test_every_4xx_path_answers_problem_json(client, home_page, url, status):
    response = client.get(url)

    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == status
