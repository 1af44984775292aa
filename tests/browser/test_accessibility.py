"""Every public page meets WCAG 2.2 AA as far as axe-core can tell, on a phone and a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PUBLIC_PAGES = [
    "/",
    "/library/",
    "/library/?q=family&topic=reunification&population=birth-parents&sort=title",
    "/library/?q=zzzznothing&state=CA",
    "/library/?topic=no-such-topic",
    "/library/parent-partner-program/",
    "/about/",
    "/our-process/",
    "/submit/",
    "/search/?q=parent",
    "/search/?q=zzzznothing",
    "/no-such-page/",
]


def wcag_violations(page, label):
    """axe-core's WCAG 2.2 AA findings for the page as it is now, keyed by label; empty when clean."""
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}}
    )
    return {label: results.generate_report()} if results.violations_count else {}


# Everything a person reads must fit a 320px-wide screen without scrolling sideways (WCAG 1.4.10).
OVERFLOWING_ELEMENTS_JS = """
() => Array.from(document.querySelectorAll('main *'))
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter((el) => getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length)
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''))
    .slice(0, 5)
"""


def reflow_failures(page, label):
    overflowing = page.evaluate(OVERFLOWING_ELEMENTS_JS)
    return {label: f"wider than the screen: {overflowing}"} if overflowing else {}


def report(failures):
    return "\n\n".join(f"{label}\n{text}" for label, text in failures.items())


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_public_pages_have_no_wcag_22_aa_violations(browser, live_server, demo, width):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    failures = {}
    for url in PUBLIC_PAGES:
        page.goto(url)
        failures.update(wcag_violations(page, url))
    context.close()
    assert failures == {}, report(failures)


def test_keyboard_user_can_skip_straight_to_the_content(page, demo):
    page.goto("/library/parent-partner-program/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Home")).to_be_focused()


def test_parent_reviewer_screens_have_no_wcag_22_aa_violations(
    browser, live_server, home_page
):
    from tests.practices.factories import (
        OrganisationFactory,
        PracticeIndexPageFactory,
        PracticePageFactory,
        make_user,
    )

    OrganisationFactory(name="Parent Voices", kind="parent_led")
    editor = make_user("editor", "Editors")
    make_user("parent", "Parent reviewers")
    draft = PracticePageFactory(
        parent=PracticeIndexPageFactory(parent=home_page), live=False
    )
    draft.save_revision(user=editor)
    round_ = draft.get_workflow().start(draft, editor).current_task_state

    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 800}
    )
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("parent")
    page.get_by_label("Password").fill("irrelevant")
    page.get_by_role("button", name="Sign in").click()
    failures = {}
    screens = ["/admin/", "/admin/parent-review/", f"/admin/parent-review/{round_.pk}/"]
    for url in screens:
        page.goto(url)
        failures.update(wcag_violations(page, url))
        failures.update(reflow_failures(page, f"{url} at 320px"))
    # The form as a parent sees it after a mistake: errors next to the questions.
    page.get_by_role("button", name="Send my review").click()
    failures.update(wcag_violations(page, "review form with errors"))
    failures.update(reflow_failures(page, "review form with errors at 320px"))
    context.close()
    assert failures == {}, report(failures)


def test_public_pages_fit_a_320px_screen_without_sideways_scrolling(
    browser, live_server, demo
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 800}
    )
    page = context.new_page()
    failures = {}
    for url in PUBLIC_PAGES:
        page.goto(url)
        failures.update(reflow_failures(page, url))
    context.close()
    assert failures == {}, report(failures)
