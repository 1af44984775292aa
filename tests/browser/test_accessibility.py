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


REVIEW_SPACE_WIDTHS = [320, 390, 1280]


def check_review_space_page(page, label, failures):
    """axe-core and reflow on the page as it is now, at every width a parent may use."""
    for width in REVIEW_SPACE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        failures.update(wcag_violations(page, f"{label} at {width}px"))
        failures.update(reflow_failures(page, f"{label} at {width}px"))


def test_review_space_pages_have_no_wcag_22_aa_violations_and_fit_the_screen(
    browser, live_server, home_page
):
    """Every page of the parents' review space (/review/), in each state a parent meets it."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from practices.choices import Recommendation
    from practices.reviews.rules import submit_review
    from tests.practices.factories import (
        OrganisationFactory,
        PracticeIndexPageFactory,
        PracticePageFactory,
        TopicFactory,
        make_user,
        publish_through_parent_review,
        review_answers,
    )
    from tests.practices.reviews.helpers import link_for, start_review

    OrganisationFactory(name="Parent Voices", kind="parent_led")
    library = PracticeIndexPageFactory(parent=home_page)
    editor = make_user("editor", "Editors")
    # A live practice, changed since parents approved it: its round shows what changed.
    live = publish_through_parent_review(
        PracticePageFactory(
            parent=library,
            title="Kinship Navigator",
            intervention="<p>Navigators support kin caregivers from the first call.</p>",
        )
    )
    parent = make_user("parent", "Parent reviewers", first_name="Dana")
    others = [make_user(f"other{n}", "Parent reviewers") for n in range(3)]

    def draft(title):
        return PracticePageFactory(parent=library, title=title, live=False)

    new_round = start_review(draft("Family Time Coaching"), editor)
    live.intervention = (
        "<p>Trained navigators support kin caregivers from the very first call.</p>"
    )
    live.topics.add(TopicFactory(name="Kinship care"))
    change_round = start_review(live, editor)
    answered_round = start_review(draft("Parent Cafés"), editor)
    submit_review(answered_round, parent, **review_answers())
    closed_answered = start_review(draft("Safe Families Circle"), editor)
    for reviewer in [parent, *others[:2]]:
        submit_review(closed_answered, reviewer, **review_answers())
    closed_unanswered = start_review(draft("Birth Parent Mentors"), editor)
    for reviewer in others:
        submit_review(
            closed_unanswered,
            reviewer,
            **review_answers(Recommendation.DO_NOT_RECOMMEND),
        )

    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    failures = {}

    def check(label):
        check_review_space_page(page, label, failures)

    # Signed out.
    page.goto("/review/sign-in/")
    check("sign in")
    page.get_by_label("Username").fill("parent")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(
        page.get_by_text("That username and password do not match").first
    ).to_be_visible()
    check("sign in with an error")
    page.goto("/review/password/")
    check("password reset")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check("password reset with an error")
    page.get_by_label("Email").fill(parent.email)
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    check("password reset sent")
    uid = urlsafe_base64_encode(force_bytes(parent.pk))
    page.goto(f"/review/password/{uid}/not-a-token/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("already been used")
    check("password reset confirm, invalid link")
    page.goto(f"/review/password/{uid}/{default_token_generator.make_token(parent)}/")
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    check("password reset confirm, valid link")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check("password reset confirm with an error")
    page.get_by_label("New password", exact=True).fill("a long new passphrase 42")
    page.get_by_label("New password confirmation").fill("a long new passphrase 42")
    page.get_by_role("button", name="Save my new password").click()
    expect(
        page.get_by_role("heading", name="Your new password is saved")
    ).to_be_visible()
    check("password saved")
    page.goto("/review/help/")
    check("help, signed out")

    # Signed in.
    page.goto("/review/sign-in/")
    page.get_by_label("Username").fill("parent")
    page.get_by_label("Password").fill("a long new passphrase 42")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your reviews", level=1)).to_be_visible()
    expect(page.get_by_text("Family Time Coaching")).to_be_visible()
    check("your reviews")
    page.goto(link_for(parent, new_round))
    expect(page.get_by_text("This practice is not public yet.")).to_be_visible()
    check("review of a new practice")
    page.get_by_role("button", name="Send my review").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check("review form with errors")
    # Each problem names its question and leads to it, the choice of answers included.
    page.get_by_role(
        "link", name="Would you recommend that agencies use it? Please choose"
    ).click()
    expect(page.get_by_label("Yes, I recommend it", exact=True)).to_be_focused()
    page.goto(link_for(parent, change_round))
    expect(page.get_by_role("region", name="What changed")).to_contain_text("[added:")
    check("review of a change to a live practice")
    page.goto(f"{link_for(parent, answered_round)}thanks/")
    expect(page.get_by_text("Thank you. Your review has been saved.")).to_be_visible()
    check("thank you")
    page.goto(link_for(parent, answered_round))
    expect(page.get_by_role("button", name="Save my changes")).to_be_visible()
    check("review already sent, open")
    page.goto(link_for(parent, closed_answered))
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()
    check("closed round, answered")
    page.goto(link_for(parent, closed_unanswered))
    expect(page.get_by_text("You did not need to do anything.")).to_be_visible()
    check("closed round, not answered")
    page.goto("/review/help/")
    check("help")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="You have signed out")).to_be_visible()
    check("signed out")
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
