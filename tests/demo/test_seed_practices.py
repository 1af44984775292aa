"""seed_practices fills the library with realistic, searchable practices fast, and takes them away again."""

import math
import re
from collections import Counter
from io import StringIO

import pytest

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from core.models import ContentChange
from core.validators import validate_upload
from demo.specs import document_prefix
from demo.vocabulary import QUERY_BANDS, VOCABULARY, sample_query_words
from practices.models import Organisation, PracticePage, PracticeResource
from tests.practices.factories import (
    OrganisationFactory,
    PopulationFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    TopicFactory,
)

COUNT = 25


def seed(count=COUNT, seed=1, delete=False):
    out = StringIO()
    options = {"seed": seed, "delete": delete}
    if not delete:
        options["count"] = count
    call_command("seed_practices", stdout=out, **options)
    return out.getvalue()


def seeded(seed=1):
    return PracticePage.objects.filter(slug__startswith=f"seed-{seed}-").order_by(
        "slug"
    )


def titles(seed=1):
    return dict(seeded(seed).values_list("slug", "title"))


def search(word):
    return {practice.pk for practice in PracticePage.objects.live().search(word)}


def tree_problems():
    return [problem for problems in Page.find_problems() for problem in problems]


def text_of(practice):
    """Everything a reader sees written in a practice, without markup."""
    parts = [practice.title, practice.summary, practice.intervention]
    parts += [practice.why_bright_spot]
    parts += [block.value for block in practice.feedback_summary]
    for block in practice.steps:
        parts += [block.value["title"], block.value["detail"].source]
    return re.sub(r"<[^>]+>", " ", " ".join(parts)).lower()


@pytest.fixture
def library(home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    for number in range(8):
        TopicFactory(name=f"Topic {number}", slug=f"topic-{number}")
    for number in range(4):
        PopulationFactory(name=f"Population {number}", slug=f"population-{number}")
    return library


@pytest.fixture
def editors_practice(library):
    """A practice an editor wrote, which no seed may touch."""
    return PracticePageFactory(
        parent=library,
        title="Parent Partner Program",
        slug="parent-partner-program",
        organisations=[OrganisationFactory(name="Parents Anonymous")],
    )


@pytest.mark.django_db
def test_without_a_library_it_says_to_load_the_demo_content_first(home_page):
    with pytest.raises(CommandError, match="load_demo_content"):
        seed()
    assert not PracticePage.objects.exists()


@pytest.mark.django_db
def test_seeded_practices_are_live_in_the_library_and_listed_there(
    library, editors_practice, client
):
    output = seed()

    assert f"created {COUNT}, already there 0" in output
    practices = PracticePage.objects.live().child_of(library)
    assert practices.count() == COUNT + 1
    assert seeded().live().count() == COUNT
    response = client.get("/library/")
    assert response.status_code == 200
    listed = response.context["practices"]
    assert listed.paginator.count == COUNT + 1
    html = response.content.decode()
    assert all(escape(practice.title) in html for practice in listed)
    assert sum(practice.slug.startswith("seed-1-") for practice in listed) >= 11


@pytest.mark.django_db
def test_a_seeded_practice_renders_its_steps_and_downloadable_resources(
    library, client
):
    seed()

    for practice in seeded()[:5]:
        response = client.get(practice.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert 6 <= len(practice.steps) <= 10
        assert html.count('<li class="step">') == len(practice.steps)
        assert len(practice.feedback_summary) == 3
        assert practice.review_outcome == "recommended"
        assert len(practice.summary) <= 300
        assert 3 <= len(practice.title.split()) <= 7
        assert practice.organisations.count() == 1
        assert 1 <= practice.topics.count() <= 3
        resources = list(practice.resources.select_related("document"))
        assert 1 <= len(resources) <= 2
        for resource in resources:
            document = resource.document
            assert escape(document.url) in html
            download = client.get(document.url)
            # Served by redirect to a signed URL on the private bucket.
            assert download.status_code == 302
            assert document.file.name in download["Location"]
            with default_storage.open(document.file.name, "rb") as stored:
                content = stored.read()
            assert 100 < len(content) == document.file_size < 2000
            # The same checks an editor's upload goes through.
            validate_upload(
                ContentFile(content, name=document.file.name),
                ["pdf", "txt"],
            )


@pytest.mark.django_db
def test_a_common_word_finds_every_practice_and_a_rare_word_only_those_using_it(
    library, client
):
    seed()
    practices = list(seeded())
    texts = {practice.pk: text_of(practice) for practice in practices}

    common = VOCABULARY[0]
    assert search(common) >= set(texts)
    response = client.get("/library/", {"q": common})
    assert response.status_code == 200
    assert response.context["practices"].paginator.count >= COUNT

    # Organisation names and counties are indexed too: use a rare word that only occurs in text.
    names = " ".join(
        [*Organisation.objects.values_list("name", flat=True)]
        + [*seeded().values_list("county", flat=True)]
    ).lower()
    rare_words = [
        VOCABULARY[rank - 1]
        for rank in QUERY_BANDS["rare"]
        if VOCABULARY[rank - 1] not in names
    ]
    used = [
        word
        for word in rare_words
        if any(re.search(rf"\b{word}\b", text) for text in texts.values())
    ]
    assert used, "25 practices use some of the rarest thousand words"
    for word in used[:3]:
        expected = {pk for pk, text in texts.items() if re.search(rf"\b{word}\b", text)}
        assert 1 <= len(expected) <= 3
        assert search(word) == expected


@pytest.mark.django_db
def test_seeding_again_creates_nothing_and_reseeding_gives_the_same_practices(
    library,
):
    seed()
    first = titles()
    pages = Page.objects.count()

    output = seed()

    assert f"created 0, already there {COUNT}" in output
    assert Page.objects.count() == pages
    assert titles() == first
    seed(delete=True)
    seed()
    assert titles() == first


@pytest.mark.django_db
def test_a_larger_count_adds_exactly_the_missing_practices_as_if_seeded_at_once(
    library,
):
    seed(count=10)
    before = dict(seeded().values_list("slug", "pk"))

    output = seed(count=COUNT)

    assert "created 15, already there 10" in output
    after = dict(seeded().values_list("slug", "pk"))
    assert len(after) == COUNT
    assert {slug: after[slug] for slug in before} == before
    grown = titles()
    seed(delete=True)
    seed(count=COUNT)
    assert titles() == grown
    assert not tree_problems()


@pytest.mark.django_db
def test_delete_removes_only_that_seed_with_its_files_and_organisations(
    library, editors_practice, s3_server, empty_bucket
):
    Document = get_document_model()
    seed(seed=1)
    seed(seed=2)
    assert seeded(1).count() == seeded(2).count() == COUNT
    assert not tree_problems()
    first_files = set(
        Document.objects.filter(file__startswith=document_prefix(1)).values_list(
            "file", flat=True
        )
    )
    second_files = set(
        Document.objects.filter(file__startswith=document_prefix(2)).values_list(
            "file", flat=True
        )
    )
    assert first_files and second_files
    first_pks = list(seeded(1).values_list("pk", flat=True))
    assert set(s3_server.keys(empty_bucket)) == first_files | second_files
    organisations = Organisation.objects.filter(
        website__startswith="https://example.org/seed-2/"
    ).count()
    assert organisations >= 2

    output = seed(seed=1, delete=True)

    assert f"deleted {COUNT} practices, {len(first_files)} documents" in output
    assert not seeded(1).exists()
    assert seeded(2).count() == COUNT
    assert PracticePage.objects.filter(pk=editors_practice.pk).exists()
    assert set(s3_server.keys(empty_bucket)) == second_files
    assert not Document.objects.filter(file__in=first_files).exists()
    assert not PracticeResource.objects.filter(document__file__in=first_files).exists()
    assert not Organisation.objects.filter(
        website__startswith="https://example.org/seed-1/"
    ).exists()
    assert (
        Organisation.objects.filter(
            website__startswith="https://example.org/seed-2/"
        ).count()
        == organisations
    )
    assert Organisation.objects.filter(name="Parents Anonymous").exists()
    assert not tree_problems()
    library.refresh_from_db()
    assert library.numchild == COUNT + 1
    assert search(VOCABULARY[0]) >= set(seeded(2).values_list("pk", flat=True))
    # No index entry outlives its page.
    assert not IndexEntry.objects.filter(
        content_type__model="practicepage",
        object_id__in=[str(pk) for pk in first_pks],
    ).exists()


@pytest.mark.django_db
def test_seeding_tells_api_caches_that_content_changed(library):
    before = ContentChange.last()
    seed()
    assert ContentChange.last() > before


@pytest.mark.django_db
def test_word_frequencies_in_seeded_text_follow_zipf(library):
    seed()
    rank_of = {word: rank for rank, word in enumerate(VOCABULARY, start=1)}
    counts = Counter(
        word
        for practice in seeded()
        for word in re.findall(r"[a-z]+", text_of(practice))
        if word in rank_of
    )

    assert counts[VOCABULARY[0]] > 30 * max(counts[VOCABULARY[99]], 1)
    # log(count) against log(rank) over the top 30 words: a straight line of slope about -1.1.
    points = [
        (math.log(rank), math.log(counts[VOCABULARY[rank - 1]]))
        for rank in range(1, 31)
    ]
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
        (x - mean_x) ** 2 for x, _ in points
    )
    assert -1.4 < slope < -0.8


@pytest.mark.django_db
def test_vocabulary_words_stay_distinct_after_postgresql_english_stemming():
    assert len(VOCABULARY) == len(set(VOCABULARY)) >= 3000
    assert all(re.fullmatch(r"[a-z]+", word) for word in VOCABULARY)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ts_lexize('english_stem', word) FROM unnest(%s::text[]) AS word",
            [list(VOCABULARY)],
        )
        stems = dict(cursor.fetchall())
    # An English stop word has no lexeme at all.
    assert [word for word, lexemes in stems.items() if not lexemes] == []
    assert len({lexemes[0] for lexemes in stems.values()}) == len(VOCABULARY)


def test_query_words_come_from_their_frequency_band_and_repeat():
    for kind, ranks in QUERY_BANDS.items():
        words = sample_query_words(kind, k=5)
        assert len(set(words)) == 5
        assert {VOCABULARY.index(word) + 1 for word in words} <= set(ranks)
        assert sample_query_words(kind, k=5) == words
    assert sample_query_words("rare", k=5, seed=1) != sample_query_words("rare", k=5)
