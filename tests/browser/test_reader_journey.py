"""A reader finds the Parent Partner Program and downloads one of its resources, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from wagtail.models import Site

from practices.models import PracticePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_goes_from_home_to_a_practice_and_downloads_a_resource(
    page, demo, tmp_path
):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bright Spots")

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Library"
    ).click()
    expect(page).to_have_url(re.compile(r"/library/$"))
    page.get_by_role("link", name="Parent Partner Program").click()

    expect(page).to_have_url(re.compile(r"/library/parent-partner-program/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Parent Partner Program")
    for heading in [
        "Parent review feedback summary",
        "What is the intervention?",
        "What makes it a Bright Spot?",
        "What steps can you take?",
        "Downloadable resources",
        "Share this Bright Spot with a colleague",
    ]:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(
        page.get_by_text(
            "In Santa Cruz County, parent advocacy is known as the Parent Partner Program."
        )
    ).to_be_visible()
    expect(page.get_by_role("complementary", name="At a glance")).to_contain_text(
        "Santa Cruz County, California"
    )

    resource = (
        PracticePage.objects.get(slug="parent-partner-program")
        .resources.select_related("document")
        .first()
    )
    link = page.locator(".resources a").first
    expect(link).to_contain_text(resource.title)
    # The server answers with a redirect to a signed S3 URL. Playwright routes only the first request of a
    # redirect chain, and Chromium's PDF viewer hides the body, so the responses are watched instead and
    # the signed URL the browser landed on is fetched again, within its five minutes, for its bytes.
    responses = []
    page.on("response", lambda response: responses.append(response))
    link.click()
    page.wait_for_url(re.compile(r"X-Amz-Signature="))

    redirect = next(r for r in responses if r.url.endswith(resource.document.url))
    signed = next(r for r in responses if "X-Amz-Signature=" in r.url)
    assert redirect.status == 302
    assert redirect.headers["location"] == signed.url == page.url
    assert signed.status == 200
    assert signed.headers["content-type"] == "application/pdf"
    downloaded = page.request.get(signed.url).body()
    with resource.document.file.open("rb") as stored:
        expected = stored.read()
    assert downloaded.startswith(b"%PDF-")
    assert downloaded == expected
    # The same object without the signature is refused: the bucket is private.
    assert page.request.get(signed.url.split("?", 1)[0]).status == 403


def test_share_block_copies_the_link_with_javascript(page, demo, browser):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/library/parent-partner-program/")
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Link copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").endswith(
        "/library/parent-partner-program/"
    )


def test_practice_page_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/library/parent-partner-program/")
    share_field = page.get_by_label("Link to this practice")
    # Canonical and share links use the Site record's host name, which editors set to the public one.
    root_url = Site.objects.get(is_default_site=True).root_url
    expect(share_field).to_have_value(f"{root_url}/library/parent-partner-program/")
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(page.get_by_role("link", name="Share by email")).to_have_attribute(
        "href", re.compile(r"^mailto:\?subject=")
    )
    context.close()
