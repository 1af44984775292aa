"""Site search: published pages only, best first, cached until content changes, no error whatever is typed."""

import html
import re

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.search.models import IndexEntry

from home.models import StandardPage
from practices.models import PracticePage
from tests.practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    emergency_publish,
)

RESULT_TITLE = re.compile(
    r'<h2 class="search-results__title"><a href="[^"]+">(.*?)</a>'
)


def titles(response):
    return [
        html.unescape(title)
        for title in RESULT_TITLE.findall(response.content.decode())
    ]


def full_text_queries(queries):
    return [query["sql"] for query in queries if "@@" in query["sql"]]


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.mark.django_db
def test_search_finds_published_pages_and_hides_drafts(client, home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    PracticePageFactory(
        parent=library,
        title="Kinship Navigator",
        summary="Navigators help kin caregivers.",
    )
    PracticePageFactory(parent=library, title="Kinship Secret Draft", live=False)
    html = client.get("/search/?q=kinship").content.decode()
    assert "Kinship Navigator" in html
    assert "Kinship Secret Draft" not in html
    assert "1 result for" in html


@pytest.mark.django_db
def test_search_handles_empty_huge_and_odd_queries(client, home_page):
    for query in [
        "",
        "   ",
        "x" * 5000,
        "<script>alert(1)</script>",
        "%00",
        "kin\x00ship",
        "a&page=abc",
        "---",
        "'&|!:*",
        "the of",
    ]:
        response = client.get("/search/", {"q": query, "page": "abc"})
        assert response.status_code == 200, query
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_practices_and_standard_pages_are_found_best_match_first(
    client, home_page, library
):
    PracticePageFactory(
        parent=library, title="Family Visits", summary="Kinship carers host visits."
    )
    PracticePageFactory(parent=library, title="Kinship Navigator")
    home_page.add_child(
        instance=StandardPage(
            title="Caring for a relative's child",
            slug="relatives",
            introduction="What kinship care means for your family.",
            body=[],
        )
    )

    response = client.get("/search/?q=kinship")

    found = titles(response)
    # The title names the word: the best match, though it is the oldest of the three.
    assert found[0] == "Kinship Navigator"
    assert set(found) == {
        "Kinship Navigator",
        "Family Visits",
        "Caring for a relative's child",
    }
    assert "3 results for" in response.content.decode()


@pytest.mark.django_db
def test_pages_of_results_list_every_match_once_also_past_the_ranking_cap(
    client, library, settings
):
    settings.SEARCH_RANKED_MATCHES = 5
    for n in range(13):
        PracticePageFactory(parent=library, title=f"Kinship {n}")

    pages = [titles(client.get(f"/search/?q=kinship&page={n}")) for n in (1, 2)]

    assert [len(page) for page in pages] == [10, 3]
    assert len(set(pages[0] + pages[1])) == 13
    first = client.get("/search/?q=kinship&page=abc")
    last = client.get("/search/?q=kinship&page=99999")
    assert titles(first) == pages[0]
    assert titles(last) == pages[1]
    assert "13 results for" in last.content.decode()
    assert "Page 2 of 2" in last.content.decode()


@pytest.mark.django_db
def test_editors_picks_show_on_the_first_page_only_also_from_the_cache(client, library):
    for n in range(12):
        PracticePageFactory(parent=library, title=f"Kinship {n}")
    SearchPromotion.objects.create(
        query=Query.get("kinship"),
        external_link_url="https://example.org/kin-guide",
        external_link_text="A guide for kin caregivers",
    )

    for _ in range(2):  # the second time, the results come from the cache
        assert (
            "A guide for kin caregivers"
            in client.get("/search/?q=Kinship").content.decode()
        )
        assert (
            "A guide for kin caregivers"
            not in client.get("/search/?q=Kinship&page=2").content.decode()
        )


@pytest.mark.django_db
def test_results_are_cached_until_content_changes(client, library):
    PracticePageFactory(parent=library, title="Kinship Navigator")
    draft = PracticePageFactory(parent=library, title="Kinship Circles", live=False)
    assert titles(client.get("/search/?q=kinship")) == ["Kinship Navigator"]

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/search/?q=kinship")
    assert titles(again) == ["Kinship Navigator"]
    assert full_text_queries(queries) == []

    emergency_publish(draft)

    with CaptureQueriesContext(connection) as queries:
        after = client.get("/search/?q=kinship")
    assert set(titles(after)) == {"Kinship Navigator", "Kinship Circles"}
    assert full_text_queries(queries)


@pytest.mark.django_db
def test_a_common_word_is_looked_up_in_the_gin_index_not_every_row(client, library):
    PracticePageFactory(parent=library, title="Zephyrine Navigator")
    practice_type = ContentType.objects.get_for_model(PracticePage).pk
    entries = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        # A library's worth of search entries, written straight to the table: the planner only
        # picks an index once a table is big enough for a scan to cost something. 10,000
        # practices, nine in ten naming "families", and as on a live site more entries of other
        # kinds (documents) beside them.
        for content_type, text in (
            (practice_type, "CASE WHEN mod(n, 10) > 0 THEN 'Families and parents' END"),
            (
                ContentType.objects.get_for_model(get_document_model()).pk,
                "'Annual report'",
            ),
        ):
            cursor.execute(
                f"INSERT INTO {entries} (content_type_id, object_id, title, autocomplete,"  # noqa: S608
                " body, title_norm, title_text, body_text)"
                " SELECT %s, 'bulk-' || n, to_tsvector('english', 'Entry ' || n), ''::tsvector,"
                f" to_tsvector('english', repeat(concat_ws(' ', {text}, 'together.'), 40) || n),"
                " 1.0, '', '' FROM generate_series(1, %s) AS n",
                [content_type, 10_000 if content_type == practice_type else 15_000],
            )
        # What autovacuum does on a live site: merge the index's pending entries, gather statistics.
        cursor.execute(
            "SELECT gin_clean_pending_list('practices_search_type_text_gin')"
        )
        cursor.execute(f"ANALYZE {entries}")

    for word in ("families", "zephyrine", "qqqxqqq"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/search/?q={word}").status_code == 200
        (statement,) = full_text_queries(queries)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {statement}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        # The practices' entries are found in the index: none is read to test its text. (Page
        # types with a page or two, such as the home page, may be read; there is little to read.)
        assert (
            f"Index Cond: ((content_type_id = {practice_type}) AND ((title || body) @@"
            in plan
        ), plan
        assert "Seq Scan on wagtailsearch_indexentry" not in plan, plan
        # Wagtail's own query, every entry of every page type tested: what made this slow.
        assert not re.search(
            r"content_type_id = ANY [^\n]*\n\s*Filter: \(\(title \|\| body\)", plan
        ), plan
