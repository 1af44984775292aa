"""HTTP behaviour of the API: CORS for configured origins, cache validators, and the anonymous rate limit."""

import datetime
import hashlib

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from wagtail.models import PageViewRestriction

from core.models import ContentChange
from tests.practices.factories import DocumentFactory, PracticePageFactory

LIST = "/api/v2/pages/?type=practices.PracticePage"


def seconds_pass(seconds=5):
    """Time passes since the last content change, as it does between a publish and most requests."""
    ContentChange.objects.update(
        changed_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


@pytest.fixture
def practice(library):
    page = PracticePageFactory(parent=library, title="A practice")
    seconds_pass()
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("url", [LIST, "/api/v3/pages/"])
def test_cors_only_for_configured_origins(client, settings, practice, url):
    settings.CORS_ALLOWED_ORIGINS = ["https://hub.alia.example"]

    allowed = client.get(url, HTTP_ORIGIN="https://hub.alia.example")
    other = client.get(url, HTTP_ORIGIN="https://evil.example")
    preflight = client.options(
        url,
        HTTP_ORIGIN="https://hub.alia.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )

    assert allowed["Access-Control-Allow-Origin"] == "https://hub.alia.example"
    assert "Access-Control-Allow-Origin" not in other
    assert preflight.status_code == 200
    assert "authorization" in preflight["Access-Control-Allow-Headers"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


@pytest.mark.django_db
def test_no_cors_outside_the_api(client, settings, practice):
    settings.CORS_ALLOWED_ORIGINS = ["https://hub.alia.example"]

    page = client.get(practice.url, HTTP_ORIGIN="https://hub.alia.example")

    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("url", [LIST, "/api/v3/pages/", "/api/v2/topics/"])
def test_public_answers_are_cacheable_and_revalidate_with_304(client, practice, url):
    first = client.get(url)

    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert "Authorization" in first["Vary"]
    assert first["ETag"] and first["Last-Modified"]
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_date.status_code == 304


@pytest.mark.django_db
def test_publishing_changes_the_validators(client, practice, library):
    first = client.get(LIST)
    before = ContentChange.last()

    PracticePageFactory(parent=library, title="Another practice")
    just_after = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])

    assert ContentChange.last() > before
    assert just_after.status_code == 200 and just_after["ETag"] != first["ETag"]
    assert "Another practice" in just_after.content.decode()
    # Within the change's own second, a date could not tell the versions apart: ETag only.
    assert "Last-Modified" not in just_after
    assert (
        client.get(LIST, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code
        == 200
    )

    seconds_pass(2)
    later = client.get(LIST)
    assert later["Last-Modified"] == http_date(ContentChange.last().timestamp())
    assert later["Last-Modified"] != first["Last-Modified"]


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["unpublish", "delete", "document", "restriction"])
def test_every_kind_of_change_moves_last_modified(client, practice, change):
    before = ContentChange.last()

    if change == "unpublish":
        practice.unpublish()
    elif change == "delete":
        practice.delete()
    elif change == "document":
        DocumentFactory(title="New document")
    else:
        PageViewRestriction.objects.create(
            page=practice, restriction_type=PageViewRestriction.LOGIN
        )

    assert ContentChange.last() > before


@pytest.mark.django_db
def test_a_browsers_session_never_changes_an_api_answer(client, library):
    """A page password entered on the site does not open that page in the API, which caches publicly."""
    secret = PracticePageFactory(parent=library, title="Password practice")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    session = client.session
    session["passed_page_view_restrictions"] = [restriction.pk]
    session.save()
    assert client.get(secret.url).status_code == 200

    response = client.get(LIST)

    assert "Password practice" not in response.content.decode()
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.django_db
def test_token_answers_are_never_stored_by_shared_caches(
    client, practice, editor_token
):
    response = client.get("/api/v3/pages/", **editor_token)

    assert response.status_code == 200
    assert (
        "no-store" in response["Cache-Control"]
        and "private" in response["Cache-Control"]
    )
    assert "ETag" not in response


@pytest.mark.django_db
def test_errors_are_not_marked_cacheable(client, practice):
    response = client.get(f"{LIST}&topic=nope")

    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_anonymous_clients_get_429_at_the_limit_plus_one(
    client, settings, practice, editor_token
):
    settings.API_ANON_RATE_LIMIT = 5

    answers = [client.get(LIST).status_code for _ in range(5)]
    over = client.get("/api/v3/pages/")

    assert answers == [200] * 5
    assert over.status_code == 429
    assert 0 < int(over["Retry-After"]) <= 60
    assert "Too many requests" in over.json()["message"]
    # Another address has its own budget, and an editor's token is not limited.
    assert client.get(LIST, REMOTE_ADDR="192.0.2.7").status_code == 200
    assert client.get("/api/v3/pages/", **editor_token).status_code == 200
    # The public site is not limited by the API's budget.
    assert client.get(practice.url).status_code == 200


@pytest.mark.django_db
def test_forwarded_for_is_trusted_only_as_far_as_configured(client, settings, practice):
    settings.API_ANON_RATE_LIMIT = 1
    client.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.1")

    # Without trusted proxies a client cannot pick a fresh address with a header.
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429

    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 200
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 429


PRACTICES = f"{LIST}&fields=*"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [PRACTICES, "/api/v2/documents/", "/api/v2/topics/", "/api/v2/populations/"]
)
def test_a_list_client_that_has_the_answer_gets_304_without_the_list_being_read(
    client, practice, url
):
    first = client.get(url)

    with CaptureQueriesContext(connection) as captured:
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
    assert "public" in again["Cache-Control"] and "Authorization" in again["Vary"]
    # The content's change stamp is all it reads: no count, no items, not even the site.
    assert [query["sql"] for query in captured] == [
        query["sql"] for query in captured if "core_contentchange" in query["sql"]
    ]
    assert len(captured) == 1


@pytest.mark.django_db
def test_if_modified_since_answers_304_before_the_list_is_counted(client, practice):
    first = client.get(PRACTICES)

    with CaptureQueriesContext(connection) as captured:
        again = client.get(PRACTICES, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert not any("COUNT(" in query["sql"] for query in captured)
    assert not any("practices_practicepage" in query["sql"] for query in captured)


@pytest.mark.django_db
def test_the_list_etag_follows_the_query_not_the_order_of_its_parameters(
    client, practice, library
):
    etag = client.get(f"{LIST}&fields=*&limit=5")["ETag"]

    assert (
        client.get(f"/api/v2/pages/?limit=5&fields=%2A&{LIST.split('?')[1]}")["ETag"]
        == etag
    )
    assert client.get(f"{LIST}&fields=*&limit=6")["ETag"] != etag
    assert (
        client.get(f"{LIST}&fields=*&limit=5", HTTP_ACCEPT="text/html")["ETag"] != etag
    )
    PracticePageFactory(parent=library, title="Published later")
    assert client.get(f"{LIST}&fields=*&limit=5")["ETag"] != etag


@pytest.mark.django_db
def test_an_etag_from_an_older_answer_or_another_list_gets_the_whole_answer(
    client, practice, library
):
    old = client.get(PRACTICES)["ETag"]
    other_list = client.get("/api/v2/topics/")["ETag"]
    PracticePageFactory(parent=library, title="Published later")

    for etag in (old, other_list, '"made-up"'):
        response = client.get(PRACTICES, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert "Published later" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["topic=no-such-topic", "fields=nonsense", "limit=101", "order=nonsense", "x=1"],
)
def test_bad_parameters_stay_400_whatever_validators_come_with_them(
    client, practice, query
):
    good = client.get(PRACTICES)

    for if_none_match in (good["ETag"], "*"):
        response = client.get(
            f"{PRACTICES}&{query}",
            HTTP_IF_MODIFIED_SINCE=good["Last-Modified"],
            HTTP_IF_NONE_MATCH=if_none_match,
        )

        assert response.status_code == 400, response.content
        assert "message" in response.json()


@pytest.mark.django_db
def test_a_random_order_is_validated_by_its_own_body(client, practice):
    response = client.get(f"{LIST}&order=random")

    assert response["ETag"] == f'"{hashlib.md5(response.content).hexdigest()}"'  # noqa: S324


@pytest.mark.django_db
def test_the_total_count_is_one_count_without_joins(client, practice):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PRACTICES)

    counts = [query["sql"] for query in captured if "COUNT(" in query["sql"]]
    assert response.json()["meta"]["total_count"] == 1
    assert len(counts) == 1 and "JOIN" not in counts[0], counts
