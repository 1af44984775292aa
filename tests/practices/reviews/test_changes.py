"""Parents see what changed since the live version, marked in words they can read without colour."""

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.template.loader import render_to_string
from django.utils.html import strip_tags

from practices.choices import USState
from practices.reviews.changes import (
    Change,
    changes_between,
    diff_paragraphs,
    diff_words,
)
from tests.practices.factories import (
    OrganisationFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    TopicFactory,
    emergency_publish,
)


@pytest.fixture
def live_practice(home_page):
    """A live practice with a live revision, as parents last approved it."""
    library = PracticeIndexPageFactory(parent=home_page)
    page = PracticePageFactory(parent=library, title="Parent partners")
    page.topics.set([TopicFactory(name="Kinship care", slug="kinship-care")])
    page.organisations.set([OrganisationFactory(name="Parent Voices")])
    emergency_publish(page)
    page.refresh_from_db()
    return page


def changes_after_edit(page, edit):
    """Edit the page as an editor would, save a draft, and compare it with the live version."""
    edit(page)
    revision = page.save_revision()
    page.refresh_from_db()
    assert page.live_revision_id != revision.pk
    return changes_between(page.live_revision.as_object(), revision.as_object())


def visible_text(rendered):
    return " ".join(html.unescape(strip_tags(rendered)).split())


@pytest.mark.django_db
def test_a_one_word_edit_marks_that_word_only(live_practice):
    def edit(page):
        page.intervention = "<p>Parent partners guide families through the case.</p>"

    assert changes_after_edit(live_practice, edit) == [
        Change(
            "What is the intervention?",
            [
                [
                    ("same", "Parent partners"),
                    ("removed", "support"),
                    ("added", "guide"),
                    ("same", "families through the case."),
                ]
            ],
        )
    ]


@pytest.mark.django_db
def test_a_topic_added_shows_as_added_beside_the_topics_kept(live_practice):
    reunification = TopicFactory(name="Reunification", slug="reunification")

    def edit(page):
        page.topics.add(reunification)

    assert changes_after_edit(live_practice, edit) == [
        Change("Topics", [[("same", "Kinship care")], [("added", "Reunification")]])
    ]


@pytest.mark.django_db
def test_an_unchanged_practice_has_no_changes(live_practice):
    assert changes_after_edit(live_practice, lambda page: None) == []


@pytest.mark.django_db
def test_changes_come_in_page_order_under_the_public_headings(live_practice):
    def edit(page):
        page.title = "Parent partners first"
        page.state = USState.OR
        page.county = ""
        page.organisations.set([OrganisationFactory(name="Family Rights Network")])
        page.why_bright_spot += "<p>Parents trust it.</p>"
        page.steps.append(("step", {"title": "Train caseworkers", "detail": ""}))

    changes = changes_after_edit(live_practice, edit)

    assert [change.label for change in changes] == [
        "Title",
        "Run by",
        "Location",
        "What makes it a Bright Spot?",
        "What steps can you take?",
    ]
    title, run_by, location, why, steps = (change.lines for change in changes)
    assert title == [[("same", "Parent partners"), ("added", "first")]]
    assert run_by == [
        [("added", "Family Rights Network")],
        [("removed", "Parent Voices")],
    ]
    # A place is never split into words: the old one goes, the new one comes.
    assert location == [
        [("removed", "Santa Cruz County, California"), ("added", "Oregon")]
    ]
    # A whole new paragraph is one added line after the unchanged one.
    assert why == [
        [("same", "It helps families reunify sooner.")],
        [("added", "Parents trust it.")],
    ]
    assert steps == [
        [("same", "Meet a parent-led organization. Ask how they work.")],
        [("same", "Fund parent partner roles")],
        [("added", "Train caseworkers")],
    ]


@pytest.mark.django_db
def test_a_changed_resource_description_is_marked_word_by_word(live_practice):
    resource = PracticeResourceFactory(
        page=live_practice, title="Planning worksheet", description="A one-page plan."
    )
    live_practice.refresh_from_db()
    emergency_publish(live_practice)
    live_practice.refresh_from_db()
    filename = resource.document.filename

    def edit(page):
        resources = list(page.resources.all())
        resources[0].description = "A two-page plan."
        page.resources = resources

    assert changes_after_edit(live_practice, edit) == [
        Change(
            "Downloadable resources",
            [
                [
                    ("same", "Planning worksheet. A"),
                    ("removed", "one-page"),
                    ("added", "two-page"),
                    ("same", f"plan. (file: {filename})"),
                ]
            ],
        )
    ]


def test_the_rendered_changes_read_plainly_without_colour():
    changes = [
        Change(
            "What is the intervention?",
            [
                [
                    ("same", "Parent partners"),
                    ("removed", "support"),
                    ("added", "guide"),
                    ("same", "families & children."),
                ]
            ],
        ),
        Change("Topics", [[("same", "Kinship care")], [("added", "Reunification")]]),
    ]
    rendered = render_to_string("practices/review/changes.html", {"changes": changes})
    text = visible_text(rendered)

    assert "words marked [removed: …] were taken out" in text
    assert "words marked [added: …] are new" in text
    assert (
        "Parent partners [removed: support, end of removed words] "
        "[added: guide, end of added words] families & children." in text
    )
    assert "Kinship care [added: Reunification, end of added words]" in text
    assert re.search(r"<h3[^>]*>What is the intervention\?</h3>", rendered)
    assert re.search(
        r"<del[^>]*><span class=\"change-mark\">\[removed:</span> support", rendered
    )
    assert re.search(
        r"<ins[^>]*><span class=\"change-mark\">\[added:</span> guide", rendered
    )
    for word in ("revision", "diff", "workflow"):
        assert word not in text.lower()


def test_no_changes_render_as_a_plain_sentence():
    text = visible_text(
        render_to_string("practices/review/changes.html", {"changes": []})
    )
    assert (
        text
        == "Nothing that parents review has changed since the version on the website."
    )


# A small vocabulary, so that before and after share words and the diff has work to do.
words = st.lists(
    st.sampled_from(["the", "parent", "family", "court", "home", "safe", "a"]),
    max_size=30,
)


def kept(segments, kind):
    return " ".join(
        text for segment_kind, text in segments if segment_kind in ("same", kind)
    )


@settings(max_examples=100, deadline=None)
@given(before=words, after=words)
def test_the_word_diff_never_loses_or_invents_words(before, after):
    segments = diff_words(" ".join(before), " ".join(after))
    assert kept(segments, "removed") == " ".join(before)
    assert kept(segments, "added") == " ".join(after)
    assert all(text for _, text in segments)


@settings(max_examples=100, deadline=None)
@given(before=st.lists(words, max_size=5), after=st.lists(words, max_size=5))
def test_the_paragraph_diff_never_loses_or_invents_paragraphs(before, after):
    before = [" ".join(paragraph) for paragraph in before if paragraph]
    after = [" ".join(paragraph) for paragraph in after if paragraph]
    lines = diff_paragraphs(before, after)
    assert [kept(line, "removed") for line in lines if kept(line, "removed")] == before
    assert [kept(line, "added") for line in lines if kept(line, "added")] == after
