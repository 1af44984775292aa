"""An agency leader searches the library, narrows it with two filters, opens a practice and comes back."""

import re

import pytest
from playwright.sync_api import expect

from practices.models import PracticePage
from tests.plain_search import indexed_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def expected_titles():
    return sorted(
        page.title
        for page in PracticePage.objects.live()
        if "family" in indexed_text(page)
        and page.topics.filter(slug="reunification").exists()
        and page.populations.filter(slug="birth-parents").exists()
    )


def test_search_filter_open_a_result_and_come_back_with_the_filters_kept(page, demo):
    page.goto("/library/")
    search_box = page.get_by_label("Search practices")

    # Part of a word is enough for the box to suggest a practice.
    search_box.fill("kin")
    expect(page.locator("#library-suggestions option")).to_have_count(1)
    expect(page.locator("#library-suggestions option")).to_have_attribute(
        "value", "Kinship Navigator Program"
    )

    search_box.fill("family")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?q=family"))
    everything = page.get_by_role("status").inner_text()

    topics = page.get_by_role("group", name="Topic")
    topics.get_by_label(re.compile(r"^Reunification \(")).check()
    families = page.get_by_role("group", name="Families served")
    families.get_by_label(re.compile(r"^Birth parents \(")).check()
    page.get_by_role("button", name="Show practices").last.click()

    expect(page).to_have_url(
        re.compile(r"q=family&topic=reunification&population=birth-parents")
    )
    cards = page.locator(".card__title")
    want = expected_titles()
    assert len(want) > 0
    expect(cards).to_have_count(len(want))
    assert sorted(cards.all_inner_texts()) == want
    assert page.get_by_role("status").inner_text() != everything
    filters_url = page.url

    page.get_by_role("link", name=want[0], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(want[0])

    page.go_back()
    expect(page).to_have_url(filters_url)
    expect(page.get_by_label("Search practices")).to_have_value("family")
    expect(
        page.get_by_role("group", name="Topic").get_by_label(
            re.compile(r"^Reunification \(")
        )
    ).to_be_checked()
    expect(
        page.get_by_role("group", name="Families served").get_by_label(
            re.compile(r"^Birth parents \(")
        )
    ).to_be_checked()
    expect(cards).to_have_count(len(want))

    # Removing one filter from the summary widens the list again, keeping the other.
    page.get_by_role(
        "link", name=re.compile(r"Remove filter Topic: Reunification")
    ).click()
    expect(page).to_have_url(re.compile(r"q=family&population=birth-parents$"))
    expect(
        page.get_by_role("group", name="Families served").get_by_label(
            re.compile(r"^Birth parents \(")
        )
    ).to_be_checked()
