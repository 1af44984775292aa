"""The library page: full-text search, facets with counts, sorting and filters kept in the URL."""

import datetime
import html
import itertools
import re

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.models import IndexEntry

from practices.choices import ReviewOutcome
from practices.models import Organisation, PracticePage
from tests.plain_search import indexed_text
from tests.practices.factories import (
    OrganisationFactory,
    PopulationFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    TopicFactory,
    emergency_publish,
    make_user,
)
from tests.practices.test_views import count_queries

CARD_TITLE = re.compile(r'<h3 class="card__title"><a href="[^"]+">(.*?)</a>')
OPTION = re.compile(
    r'name="(?P<facet>\w+)" value="(?P<value>[^"]+)"(?P<checked> checked)?>\s*'
    r'<label for="[^"]+">(?P<label>.*?) <span class="facet__count">\((?P<count>\d+)<'
)


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


def titles(response):
    return [
        html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())
    ]


def facet_counts(response):
    """{facet: {value: count}} as the reader sees them next to each checkbox."""
    counts = {}
    for match in OPTION.finditer(response.content.decode()):
        counts.setdefault(match["facet"], {})[html.unescape(match["value"])] = int(
            match["count"]
        )
    return counts


def checked(response):
    return {
        (match["facet"], html.unescape(match["value"]))
        for match in OPTION.finditer(response.content.decode())
        if match["checked"]
    }


# -- Acceptance 1: the words, the facets, and their counts agree with plain Python -----------


def values_of(page, facet):
    """The facet values a practice has, as the URL spells them."""
    if facet == "topic":
        return {t.slug for t in page.topics.all()}
    if facet == "population":
        return {p.slug for p in page.populations.all()}
    if facet == "state":
        return {page.state}
    if facet == "outcome":
        return {page.review_outcome}
    return {
        str(o.pk) for o in [*page.organisations.all(), *page.partner_agencies.all()]
    }


def expected(pages, query, chosen, leave_out=None):
    """OR inside a facet, AND across facets, AND the words: worked out in Python."""
    return [
        page
        for page in pages
        if (not query or query in indexed_text(page))
        and all(
            values_of(page, facet) & set(values)
            for facet, values in chosen.items()
            if values and facet != leave_out
        )
    ]


def expected_counts(pages, query, chosen):
    counts = {}
    for facet in ("topic", "state", "population", "outcome", "organisation"):
        for page in expected(pages, query, chosen, leave_out=facet):
            for value in values_of(page, facet):
                counts.setdefault(facet, {}).setdefault(value, 0)
                counts[facet][value] += 1
    return counts


@pytest.mark.django_db
def test_parent_and_a_topic_find_the_parent_partner_program_with_right_counts(
    demo, client
):
    response = client.get("/library/?q=parent&topic=parent-advocacy")

    assert response.status_code == 200
    pages = list(PracticePage.objects.live())
    chosen = {"topic": ["parent-advocacy"]}
    assert "Parent Partner Program" in titles(response)
    assert sorted(titles(response)) == sorted(
        p.title for p in expected(pages, "parent", chosen)
    )
    assert facet_counts(response) == expected_counts(pages, "parent", chosen)
    assert ("topic", "parent-advocacy") in checked(response)
    # A topic's count leaves the topic choice out: it is what ticking that topic would show.
    assert facet_counts(response)["topic"]["parent-advocacy"] == 2


@pytest.mark.django_db
def test_every_facet_combination_matches_a_plain_python_filter(demo, client):
    pages = list(PracticePage.objects.live())
    recovery = Organisation.objects.get(
        pk__in=PracticePage.objects.get(title="Family Recovery Coaching")
        .organisations.all()
        .values("pk")
    )
    matrix = itertools.product(
        ["", "kinship", "family"],
        [[], ["reunification"], ["reunification", "prevention"]],
        [[], ["CA"], ["CA", "NM", "PA"]],
        [[], ["birth-parents"]],
        [[], [ReviewOutcome.RECOMMENDED_WITH_CONDITIONS]],
        [[], [str(recovery.pk)]],
    )
    checked_combinations = 0
    for query, topic, state, population, outcome, organisation in matrix:
        chosen = {
            "topic": topic,
            "state": state,
            "population": population,
            "outcome": outcome,
            "organisation": organisation,
        }
        params = {"q": query, **chosen}
        response = client.get("/library/", params)
        label = f"{params}"
        assert response.status_code == 200, label
        want = expected(pages, query, chosen)
        assert sorted(titles(response)) == sorted(p.title for p in want), label
        assert f"{len(want)} practice" in response.content.decode(), label
        counts = expected_counts(pages, query, chosen)
        for facet, values in chosen.items():
            # A chosen value stays on screen (to untick) even when nothing else matches it.
            for value in values:
                counts.setdefault(facet, {}).setdefault(value, 0)
        assert facet_counts(response) == counts, label
        checked_combinations += 1
    assert checked_combinations == 3 * 3 * 3 * 2 * 2 * 2


@pytest.mark.django_db
def test_filters_live_in_the_url_and_each_can_be_removed(demo, client):
    response = client.get(
        "/library/?q=family&topic=reunification&topic=peer-support&state=CA&sort=title"
    )
    page = response.content.decode()
    assert ('value="family"') in page
    assert checked(response) >= {
        ("topic", "reunification"),
        ("topic", "peer-support"),
        ("state", "CA"),
    }
    # Removing one topic keeps the words, the other topic, the state and the order.
    assert 'href="?q=family&amp;topic=peer-support&amp;state=CA&amp;sort=title"' in page
    assert 'href="?q=family&amp;sort=title">Clear all filters' in page


@pytest.mark.django_db
def test_pages_of_results_keep_the_filters(library, client):
    topic = TopicFactory(slug="housing")
    for number in range(14):
        practice = PracticePageFactory(
            parent=library, title=f"Housing help {number:02d}"
        )
        practice.topics.add(topic)
        emergency_publish(practice)
    PracticePageFactory(parent=library, title="Unrelated practice")

    first = client.get("/library/?q=housing&topic=housing")
    assert "Page 1 of 2" in first.content.decode()
    assert 'href="?q=housing&amp;topic=housing&amp;page=2"' in first.content.decode()
    second = client.get("/library/?q=housing&topic=housing&page=2")
    assert len(titles(second)) == 2
    assert "Unrelated practice" not in titles(first) + titles(second)


# -- Ranking, stemming, sorting ---------------------------------------------------------------


@pytest.mark.django_db
def test_title_outranks_summary_outranks_sections_outranks_metadata(library, client):
    in_metadata = PracticePageFactory(parent=library, title="Fourth")
    in_metadata.topics.add(TopicFactory(name="Zephyrine support"))
    emergency_publish(in_metadata)
    PracticePageFactory(
        parent=library,
        title="Third",
        why_bright_spot="<p>Families say the zephyrine approach works.</p>",
    )
    PracticePageFactory(
        parent=library, title="Second", summary="A zephyrine practice for families."
    )
    PracticePageFactory(parent=library, title="First zephyrine program")

    response = client.get("/library/?q=zephyrine")

    assert titles(response) == ["First zephyrine program", "Second", "Third", "Fourth"]


@pytest.mark.django_db
def test_scoring_is_capped_but_every_match_is_still_listed(library, client, settings):
    settings.SEARCH_RANKED_MATCHES = 2
    PracticePageFactory(parent=library, title="Quillwort circle")
    for name in ("Bravo", "Charlie", "Delta", "Echo"):
        PracticePageFactory(
            parent=library, title=name, summary="A quillwort practice for families."
        )

    # Only two are scored: the title match, then the newest; the rest follow, newest first.
    assert titles(client.get("/library/?q=quillwort")) == [
        "Quillwort circle",
        "Echo",
        "Delta",
        "Charlie",
        "Bravo",
    ]
    first_two = PracticePage.objects.live().search("quillwort")[:2]
    assert [page.title for page in first_two] == ["Quillwort circle", "Echo"]
    assert PracticePage.objects.live().search("quillwort").count() == 5


@pytest.mark.django_db
def test_a_renamed_topic_finds_its_practices_by_the_new_name(library, client):
    topic = TopicFactory(name="Kin care")
    practice = PracticePageFactory(parent=library, title="Grandparents raising kids")
    practice.topics.add(topic)
    emergency_publish(practice)
    assert titles(client.get("/library/?q=kin")) == ["Grandparents raising kids"]

    topic.name = "Relative caregiving"
    topic.save()

    assert titles(client.get("/library/?q=relative")) == ["Grandparents raising kids"]


@pytest.mark.django_db
def test_search_matches_other_forms_of_a_word(library, client):
    PracticePageFactory(
        parent=library, title="Coaching for fathers", summary="Fathers coach fathers."
    )
    assert titles(client.get("/library/?q=father")) == ["Coaching for fathers"]
    assert titles(client.get("/library/?q=coached")) == ["Coaching for fathers"]


@pytest.mark.django_db
def test_sort_by_best_match_newest_review_and_title(library, client):
    old = PracticePageFactory(
        parent=library, title="Apple kinship circle", summary="Kinship."
    )
    new = PracticePageFactory(
        parent=library, title="Zebra program", summary="Kinship kinship kinship."
    )
    PracticePage.objects.filter(pk=old.pk).update(review_date=datetime.date(2020, 1, 1))
    PracticePage.objects.filter(pk=new.pk).update(review_date=datetime.date(2025, 1, 1))

    assert titles(client.get("/library/?q=kinship")) == [
        "Apple kinship circle",
        "Zebra program",
    ]
    assert titles(client.get("/library/?q=kinship&sort=newest")) == [
        "Zebra program",
        "Apple kinship circle",
    ]
    assert titles(client.get("/library/?sort=title")) == [
        "Apple kinship circle",
        "Zebra program",
    ]
    # Without words there is nothing to rank by; the list falls back to newest first.
    assert titles(client.get("/library/?sort=relevance")) == [
        "Zebra program",
        "Apple kinship circle",
    ]
    assert "Best match" not in client.get("/library/").content.decode()


# -- Empty state and bad input ----------------------------------------------------------------


@pytest.mark.django_db
def test_no_match_says_so_and_offers_a_way_back(demo, client):
    response = client.get("/library/?q=xylophone&state=CA")

    page = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == []
    assert "No practices match “xylophone” with these filters" in page
    assert 'href="?q=xylophone">clear all filters</a>' in page
    assert 'href="/library/">See every practice in the library</a>' in page


@pytest.mark.django_db
def test_unknown_values_are_a_400_that_names_them_and_keeps_the_rest(demo, client):
    response = client.get("/library/?q=family&topic=no-such-topic&state=CA")

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "There is a problem with this search" in page
    assert "We have no topic “no-such-topic”" in page
    # The valid part of the link still applies.
    assert titles(response) == ["Parent Partner Program"]
    assert 'value="family"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 201}, "a search can be at most 200 characters"),
        ({"q": "parent\x00"}, "Null characters are not allowed"),
        ({"state": "ZZ"}, "We have no state “ZZ”"),
        ({"outcome": "rejected"}, "We have no review outcome “rejected”"),
        ({"organisation": "abc"}, "We have no organization “abc”"),
        ({"organisation": "999999999999999999999"}, "We have no organization"),
        ({"population": "<script>"}, "We have no group of families “<script>”"),
        ({"sort": "random"}, "We have no way to sort “random”"),
    ],
)
def test_bad_parameters_get_a_clear_400(library, client, params, message):
    PracticePageFactory(parent=library, title="Parent partners")
    response = client.get("/library/", params)

    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_odd_input_never_breaks_the_page(library, client):
    PracticePageFactory(parent=library, title="Parent partners")
    for params in [
        {"q": "'\"&|!():*<>"},
        {"q": "&"},
        {"q": "   "},
        {"q": "a" * 200},
        {"q": "名前 ñandú"},
        {"page": "9999", "q": "parent"},
        {"page": "-1"},
    ]:
        assert client.get("/library/", params).status_code == 200, params


# -- Cost ---------------------------------------------------------------------------------------


def add_practices(library, count, topic, population, organisation):
    for _ in range(count):
        practice = PracticePageFactory(parent=library, summary="Kinship care at home.")
        practice.topics.add(topic, TopicFactory())
        practice.populations.add(population)
        practice.organisations.add(organisation)
        practice.partner_agencies.add(OrganisationFactory())
        emergency_publish(practice)


@pytest.mark.django_db
def test_facets_and_results_cost_the_same_queries_for_1_or_30_results(library, client):
    topic, population, organisation = (
        TopicFactory(slug="kin"),
        PopulationFactory(slug="kin"),
        OrganisationFactory(),
    )
    urls = [
        "/library/",
        "/library/?q=kinship",
        f"/library/?q=kinship&topic=kin&population=kin&state=CA&organisation={organisation.pk}",
        "/library/?q=kinship&sort=title&outcome=recommended",
    ]
    add_practices(library, 1, topic, population, organisation)
    count_queries(client, "/library/")  # the site-root cache, shared by every request
    few = [count_queries(client, url) for url in urls]
    add_practices(library, 29, topic, population, organisation)
    many = [count_queries(client, url) for url in urls]

    assert many == few
    assert max(many) <= 25


@pytest.mark.django_db
def test_a_search_reads_the_gin_index_not_every_row(library):
    PracticePageFactory(parent=library, title="Zephyrine Navigator")
    entries = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        # 10,000 practices' worth of search entries, written straight to the table: the planner
        # only picks an index once a table is big enough for a scan to cost something.
        cursor.execute(
            f"INSERT INTO {entries} (content_type_id, object_id, title, autocomplete, body,"  # noqa: S608
            " title_norm, title_text, body_text)"
            " SELECT %s, 'bulk-' || n, to_tsvector('english', 'Practice ' || n), ''::tsvector,"
            " to_tsvector('english', repeat('Families and parents together. ', 40) || n),"
            " 1.0, '', '' FROM generate_series(1, 10000) AS n",
            [ContentType.objects.get_for_model(PracticePage).pk],
        )
        # What autovacuum does on a live site: merge the index's pending entries, gather statistics.
        cursor.execute(
            "SELECT gin_clean_pending_list('practices_search_type_text_gin')"
        )
        cursor.execute(f"ANALYZE {entries}")
    # A word in one practice, and one in none: the searches the stock backend made read every entry.
    for word in ("zephyrine", "qqqxqqq"):
        results = PracticePage.objects.live().search(word, order_by_relevance=False)
        sql, params = results.get_queryset().query.sql_with_params()
        with connection.cursor() as cursor:
            # With one real page the planner would start from the page and look its entry up;
            # a library of thousands starts from the search entries, as this makes it.
            cursor.execute("SET LOCAL enable_nestloop = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        # Both conditions of Wagtail's query come from the one index: no entry's text is read to test it.
        assert "Bitmap Index Scan on practices_search_type_text_gin" in plan, plan
        assert "Filter: ((title || body)" not in plan, plan
        assert "Seq Scan on wagtailsearch_indexentry" not in plan, plan


# -- Promotions and suggestions --------------------------------------------------------------


@pytest.mark.django_db
def test_editors_pin_a_practice_to_words_and_it_comes_first(demo, client):
    kinship = PracticePage.objects.get(title="Kinship Navigator Program")
    SearchPromotion.objects.create(
        query=Query.get("Family"), page=kinship, description="Start here."
    )

    response = client.get("/library/?q=family")
    page = response.content.decode()
    assert "Recommended by our editors" in page
    assert page.index("Start here.") < page.index('class="card-grid')

    # A pick outside the reader's filters is not forced on them; nor is an unpublished one.
    assert (
        "Recommended by our editors"
        not in client.get("/library/?q=family&state=CA").content.decode()
    )
    kinship.unpublish()
    assert (
        "Recommended by our editors"
        not in client.get("/library/?q=family").content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "allowed"),
    [("Editors", True), ("Moderators", True), ("Parent reviewers", False)],
)
def test_who_may_manage_promoted_results(home_page, client, group, allowed):
    client.force_login(make_user(f"someone-{group[:4].lower()}", group))

    response = client.get("/admin/searchpicks/add/")

    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        assert "Promoted search results" not in response.content.decode()


@pytest.mark.django_db
def test_search_box_suggests_practices_from_part_of_a_word(demo, client):
    response = client.get("/search/suggest/?q=kin")

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert [s["title"] for s in response.json()["suggestions"]] == [
        "Kinship Navigator Program"
    ]
    assert (
        response.json()["suggestions"][0]["url"]
        == "/library/kinship-navigator-program/"
    )

    PracticePage.objects.get(title="Kinship Navigator Program").unpublish()
    assert client.get("/search/suggest/?q=kin").json()["suggestions"] == []
    for odd in ["k", "", "\x00kin", "'&|!:*", "x" * 5000]:
        response = client.get("/search/suggest/", {"q": odd})
        assert response.status_code == 200, odd
        assert response.json()["suggestions"] == [], odd


@pytest.mark.django_db
def test_library_page_offers_suggestions_and_works_without_javascript(demo, client):
    page = client.get("/library/").content.decode()
    assert 'list="library-suggestions"' in page
    assert 'data-suggest-url="/search/suggest/"' in page
    # One GET form holds the words, every filter and the order, so it needs no script.
    assert page.count("<form") == 1
    assert 'method="get"' in page
    assert all(f'name="{facet}"' in page for facet in ("q", "topic", "state", "sort"))


@pytest.mark.django_db
def test_site_search_links_to_the_library_and_shows_editors_picks(demo, client):
    kinship = PracticePage.objects.get(title="Kinship Navigator Program")
    SearchPromotion.objects.create(query=Query.get("support"), page=kinship)
    SearchPromotion.objects.create(
        query=Query.get("support"),
        external_link_url="https://example.org/kin-guide",
        external_link_text="A guide for kin caregivers",
        description="From our partners.",
    )

    page = client.get("/search/?q=support").content.decode()

    assert 'href="/library/?q=support"' in page
    assert "Recommended by our editors" in page
    picks = page[page.index("Recommended by our editors") : page.index("</section>")]
    assert picks.index("Kinship Navigator Program") < picks.index(
        '<a href="https://example.org/kin-guide">A guide for kin caregivers</a>'
    )
    assert "From our partners." in picks
