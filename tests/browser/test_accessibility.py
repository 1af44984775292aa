"""Every public page meets WCAG 2.2 AA as far as axe-core can tell, on a phone and a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.core.management import call_command

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PUBLIC_PAGES = [
    "/",
    "/library/",
    "/library/parent-partner-program/",
    "/about/",
    "/our-process/",
    "/submit/",
    "/search/?q=parent",
    "/search/?q=zzzznothing",
    "/no-such-page/",
]


@pytest.fixture
def demo_site():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_public_pages_have_no_wcag_22_aa_violations(
    browser, live_server, demo_site, width
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    axe = Axe()
    failures = {}
    for url in PUBLIC_PAGES:
        page.goto(url)
        results = axe.run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}}
        )
        if results.violations_count:
            failures[url] = results.generate_report()
    context.close()
    assert failures == {}, "\n\n".join(
        f"{url}\n{report}" for url, report in failures.items()
    )


def test_keyboard_user_can_skip_straight_to_the_content(page, demo_site):
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

    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("parent")
    page.get_by_label("Password").fill("irrelevant")
    page.get_by_role("button", name="Sign in").click()
    axe = Axe()
    failures = {}
    screens = ["/admin/", "/admin/parent-review/", f"/admin/parent-review/{round_.pk}/"]
    for url in screens:
        page.goto(url)
        results = axe.run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}}
        )
        if results.violations_count:
            failures[url] = results.generate_report()
    # The form as a parent sees it after a mistake: errors next to the questions.
    page.get_by_role("button", name="Send my review").click()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    if results.violations_count:
        failures["review form with errors"] = results.generate_report()
    context.close()
    assert failures == {}, "\n\n".join(
        f"{url}\n{report}" for url, report in failures.items()
    )
