"""Parent review as people meet it, on a phone and a desktop.

An editor submits a practice in the Wagtail admin; each parent follows the link in their own email to the
review space at /review/ (never the admin), signs in, reads and answers; the editor sees the tally on the
dashboard and gets the outcome by email. Also: a parent who arrives after the round closed, a change to a
live practice, and a parent with JavaScript off who uses only the keyboard.

DOCS_SCREENSHOTS=1 saves the screens docs/review-workflow.md shows into docs/images/review/.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from django.core import mail

from practices.choices import Recommendation
from practices.models import PracticePage
from practices.reviews.emails import due_date
from practices.reviews.models import ParentReview
from practices.reviews.rules import submit_review
from tests.browser.conftest import ARTIFACTS
from tests.practices.factories import (
    OrganisationFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
    publish_through_parent_review,
    review_answers,
)
from tests.practices.reviews.helpers import start_review

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "irrelevant"
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images" / "review"
REVIEW_LINK = re.compile(r"https?://\S+/review/practice/[\w-]+/")
TALLY = re.compile(r"\d+ parents?; \d+ recommend")


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def device(request):
    return request.param


@pytest.fixture
def new_page(browser, live_server, device, request):
    """A page in a browser context of its own (own cookies) sized for the device; closed after the test.

    On failure the last page opened is kept as a picture in test-artifacts/.
    """
    contexts = []

    def open_page(**options):
        context = browser.new_context(
            base_url=live_server.url, viewport=VIEWPORTS[device], **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and contexts and contexts[-1].pages:
        ARTIFACTS.mkdir(exist_ok=True)
        contexts[-1].pages[-1].screenshot(
            path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True
        )
    for context in contexts:
        context.close()


@pytest.fixture
def cast(home_page, live_server, settings):
    # Links in emails must point at this live server.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return {
        "organisation": OrganisationFactory(name="Parent Voices", kind="parent_led"),
        "library": PracticeIndexPageFactory(parent=home_page),
        "editor": make_user("editor", "Editors", first_name="Erin"),
        "moderator": make_user("moderator", "Moderators"),
        "parents": [
            make_user(f"parent{n}", "Parent reviewers", first_name=f"Parent{n}")
            for n in range(3)
        ],
    }


def docs_screenshot(target, name, device, on="phone"):
    """Save what the screen (or one part of it) shows as docs/images/review/<name>.png, for
    docs/review-workflow.md.

    Only when asked (DOCS_SCREENSHOTS=1), so that test runs change no files; and only from the run on
    the device the docs show it on.
    """
    if os.environ.get("DOCS_SCREENSHOTS") != "1" or device != on:
        return
    DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(DOCS_IMAGES / f"{name}.png"))


def record_requests(page):
    """Every URL the page asks for, in order, as it asks (pages, redirects, styles, images)."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    return requested


def admin_requests(requested):
    return [url for url in requested if urlsplit(url).path.startswith("/admin")]


def expect_plain(page):
    """What a parent reads here says nothing of the software behind it."""
    assert "wagtail" not in page.title().lower()
    assert "wagtail" not in page.locator("body").inner_text().lower()


# The editor, in the Wagtail admin.


def log_in(page, username, url="/admin/"):
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def fill_rich_text(page, field_name, text):
    field = page.locator(f"[data-contentpath={field_name}]").first
    field.locator("[contenteditable=true]").click()
    page.keyboard.type(text)
    # The editor writes what was typed into the form a moment later; a form sent before then loses it.
    expect(field.locator("input[type=hidden]").first).to_have_value(
        re.compile(re.escape(text))
    )


def open_in_the_editor(page, username, practice):
    """Sign in to a practice's edit screen and wait until its editors are built.

    The steps are drawn by script: a form sent before then would save the practice without them.
    """
    log_in(page, username, f"/admin/pages/{practice.pk}/edit/")
    expect(page.locator("input[id^=steps-0-value-title]")).to_be_attached()
    expect(
        page.locator("[data-contentpath=intervention] [contenteditable=true]")
    ).to_be_visible()


def submit_to_parent_review(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("Submit to Parent review")).click()


def expect_invitations_announced(page, practice):
    state = PracticePage.objects.get(pk=practice.pk).current_workflow_task_state
    invited = state.specific.invitations.count()
    expect(
        page.get_by_text(
            f"{invited} parents were invited to review it. They have until {due_date(state.specific)}."
        )
    ).to_be_visible()
    return invited


def editor_creates_and_submits(page, cast, title):
    log_in(
        page, "editor", f"/admin/pages/add/practices/practicepage/{cast['library'].pk}/"
    )
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill(f"{title} helps families stay together.")
    fill_rich_text(page, "intervention", "Coaches support parents during family time.")
    fill_rich_text(page, "why_bright_spot", "Families reunify sooner.")
    page.locator("[data-contentpath=steps]").get_by_role(
        "button", name="Insert a block"
    ).first.click()
    page.locator("input[id^=steps-0-value-title]").fill(
        "Meet a parent-led organization"
    )
    # A step's detail left empty can come back from the moderator's screen as "" or as an empty
    # paragraph: a change parents did not review, so approving would not publish. Editors fill it in.
    fill_rich_text(page, "detail", "Ask how they work with families.")
    page.get_by_role("tab", name="At a glance").click()
    page.locator("#id_state").select_option("NY")
    page.get_by_role("tab", name="Practice").click()
    submit_to_parent_review(page)
    expect(
        page.get_by_text(f"'{title}' has been created and submitted to parent review.")
    ).to_be_visible()
    practice = PracticePage.objects.get(title=title)
    assert expect_invitations_announced(page, practice) == len(cast["parents"])
    return practice


# A parent, in the review space.


def invitation_link(parent, title):
    """The link in the parent's latest invitation to review the practice, and the email."""
    invitation = [
        m
        for m in mail.outbox
        if parent.email in m.to and m.subject.startswith(f"Please review “{title}” by ")
    ][-1]
    return REVIEW_LINK.search(invitation.body).group(0), invitation


def sign_in_from_the_link(page, parent, link, device=None):
    page.goto(link)
    expect(
        page.get_by_role("heading", name="Sign in to review for Bright Spots")
    ).to_be_visible()
    assert urlsplit(page.url).path == "/review/sign-in/"
    expect_plain(page)
    if device:
        docs_screenshot(page, "sign-in", device)
    page.get_by_label("Username").fill(parent.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def answer_the_questions(page, recommendation=Recommendation.RECOMMEND):
    questions = page.get_by_role("region", name="Your review")
    questions.get_by_label(
        "Which parent organization are you reviewing with?"
    ).select_option(label="Parent Voices")
    questions.get_by_label(
        "What potential does it have to keep families together?"
    ).fill("Parents get support early.")
    questions.get_by_label(
        "If many agencies did this, what would change for families?"
    ).fill("Agencies would listen more.")
    questions.get_by_label(
        "Could it cause any harm or negative consequences for families?"
    ).fill("Not if parents lead.")
    questions.get_by_label(recommendation.label, exact=True).check()
    questions.get_by_role("button", name="Send my review").click()


def test_an_editor_submits_parents_review_from_their_email_and_the_editor_sees_the_tally(
    new_page, cast, device, live_server
):
    title = "Family Time Coaching"
    editor = new_page()
    practice = editor_creates_and_submits(editor, cast, title)
    due = due_date(practice.current_workflow_task_state.specific)

    for number, parent in enumerate(cast["parents"]):
        page = new_page()
        requested = record_requests(page)
        link, invitation = invitation_link(parent, title)
        assert invitation.subject == f"Please review “{title}” by {due}"
        assert link.startswith(f"{live_server.url}/review/practice/")

        first = number == 0
        sign_in_from_the_link(page, parent, link, device if first else None)
        expect(page).to_have_url(link)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_text(f"Please answer by {due}.")).to_be_visible()
        expect(page.get_by_text("This practice is not public yet.")).to_be_visible()
        expect(
            page.get_by_text("Coaches support parents during family time.")
        ).to_be_visible()
        expect_plain(page)
        if first:
            docs_screenshot(page, f"review-{device}", device, on=device)

        page.get_by_role("link", name="Answer the questions").click()
        questions = page.get_by_role("region", name="Your review")
        expect(questions.get_by_role("heading", name="Your review")).to_be_in_viewport()
        answer_the_questions(page)

        expect(
            page.get_by_role("heading", name="Thank you. Your review has been saved.")
        ).to_be_visible()
        # (The browser keeps the "#questions" of the form's address across the redirect.)
        assert urlsplit(page.url).path == urlsplit(f"{link}thanks/").path
        expect_plain(page)
        if first:
            docs_screenshot(page, "thank-you", device)
        page.get_by_role("link", name="Go to your reviews").click()
        expect(page.get_by_role("heading", name="Your reviews")).to_be_visible()
        expect_plain(page)
        assert requested and admin_requests(requested) == []

    assert ParentReview.objects.filter(page=practice).count() == 3

    # The round passed: the editor who sent it is told, and sees the tally on the dashboard.
    (outcome,) = [
        m for m in mail.outbox if m.subject == f"Parents recommended “{title}”"
    ]
    assert outcome.to == [cast["editor"].email]
    assert "3 of 3 recommend" in outcome.body
    editor.goto("/admin/")
    panel = editor.locator("section[aria-labelledby=parent-review-rounds-heading]")
    expect(panel.get_by_role("heading")).to_have_text("Parent review rounds")
    row = panel.get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text("3 of 3")
    expect(row.get_by_role("cell").nth(3)).to_have_text("3")
    expect(row).to_contain_text("Parents recommended it")
    docs_screenshot(panel, "dashboard-panel", device, on="desktop")

    # A moderator signs off; the public page reports the parents' tally.
    moderator = new_page()
    open_in_the_editor(moderator, "moderator", practice)
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve", exact=True).click()
    expect(moderator.get_by_text(f"Page '{title}' has been updated.")).to_be_visible()
    assert PracticePage.objects.get(pk=practice.pk).live, "approving did not publish"
    public = new_page()
    public.goto("/library/family-time-coaching/")
    glance = public.get_by_role("complementary", name="At a glance")
    expect(glance).to_contain_text("3 parents; 3 recommend")
    expect(glance).to_contain_text("Parent Voices")


def test_a_parent_who_did_not_answer_arrives_after_the_round_closed_and_is_told_why(
    new_page, cast, device
):
    late = make_user("parent-late", "Parent reviewers", first_name="Lee")
    editor = cast["editor"]
    closed = start_review(
        PracticePageFactory(
            parent=cast["library"], title="Family Time Coaching", live=False
        ),
        editor,
    )
    start_review(
        PracticePageFactory(
            parent=cast["library"],
            title="Kinship Navigator",
            summary="A navigator helps relatives who take in a child find support.",
            live=False,
        ),
        editor,
    )
    for parent in cast["parents"]:
        submit_review(closed, parent, **review_answers())
    closed.refresh_from_db()
    assert not closed.is_open
    # The closing note tells them they need not do anything; they follow the invitation's link anyway.
    assert [
        m.subject
        for m in mail.outbox
        if late.email in m.to and "has closed" in m.subject
    ] == ["The review of “Family Time Coaching” has closed"]
    link, _ = invitation_link(late, "Family Time Coaching")

    page = new_page()
    requested = record_requests(page)
    sign_in_from_the_link(page, late, link)
    expect(page).to_have_url(link)
    expect(page.get_by_role("heading", name="This review has closed")).to_be_visible()
    expect(
        page.get_by_text("Enough parents answered, and they recommended it.")
    ).to_be_visible()
    expect(page.get_by_text("You did not need to do anything.")).to_be_visible()
    # Nothing of the draft, and nothing of other parents' answers.
    expect(page.get_by_text("Parent partners support families")).to_have_count(0)
    expect(page.get_by_text("It keeps parents involved")).to_have_count(0)
    expect_plain(page)
    docs_screenshot(page, "closed", device)

    page.get_by_role("link", name="See your other open review").click()
    expect(page.get_by_role("heading", name="Your reviews", level=1)).to_be_visible()
    card = page.get_by_role("listitem").filter(has_text="Kinship Navigator")
    expect(card).to_contain_text("Please answer by")
    # The closed one is no longer waiting: it is listed under earlier reviews, with how it ended.
    earlier = page.get_by_role("listitem").filter(has_text="Family Time Coaching")
    expect(earlier).to_have_count(1)
    expect(earlier).to_contain_text("closed before you answered")
    expect(earlier).not_to_contain_text("Please answer by")
    expect_plain(page)
    docs_screenshot(page, "your-reviews", device)
    card.get_by_role("link", name="Kinship Navigator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kinship Navigator")
    expect(page.get_by_role("link", name="Answer the questions")).to_be_visible()
    assert admin_requests(requested) == []


def test_a_parent_reviews_a_change_to_a_live_practice_and_sees_what_changed(
    new_page, cast, device
):
    title = "Family Time Coaching"
    practice = publish_through_parent_review(
        PracticePageFactory(
            parent=cast["library"],
            title=title,
            slug="family-time-coaching",
            summary="Coaches help parents during family time.",
        )
    )
    assert practice.live
    earlier_summary = [block.value for block in practice.feedback_summary]
    public = new_page()
    public.goto("/library/family-time-coaching/")
    expect(public.get_by_role("complementary", name="At a glance")).to_contain_text(
        "3 parents; 3 recommend"
    )

    editor = new_page()
    open_in_the_editor(editor, "editor", practice)
    editor.locator("#id_summary").fill(
        "Trained coaches help parents before and during family time."
    )
    submit_to_parent_review(editor)
    expect(
        editor.get_by_text(f"'{title}' has been sent to parent review.")
    ).to_be_visible()
    expect_invitations_announced(editor, practice)

    parent = cast["parents"][0]
    link, invitation = invitation_link(parent, title)
    assert "already in the library" in invitation.body
    page = new_page()
    requested = record_requests(page)
    sign_in_from_the_link(page, parent, link)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Review a change")).to_be_visible()
    expect(page.get_by_text("This practice is already in the library.")).to_be_visible()
    changes = page.get_by_role("region", name="What changed")
    expect(changes.get_by_role("heading", name="Summary")).to_be_visible()
    line = changes.locator(".review-changes__line")
    expect(line).to_have_count(1)
    expect(line).to_contain_text("[removed: Coaches")
    expect(line).to_contain_text("[added: Trained coaches")
    expect(line).to_contain_text("[added: before and")
    expect(line.locator("ins")).to_have_count(2)
    expect(line.locator("del")).to_have_count(1)
    # Parents judge the change afresh: nothing of the earlier round shows.
    text = page.locator("body").inner_text()
    for point in earlier_summary:
        assert point not in text
    assert not TALLY.search(text), TALLY.search(text)
    assert "Parent review feedback summary" not in text
    expect_plain(page)
    docs_screenshot(changes, "what-changed", device)

    page.get_by_role("link", name="Answer the questions").click()
    answer_the_questions(page, Recommendation.RECOMMEND_WITH_CONDITIONS)
    expect(
        page.get_by_role("heading", name="Thank you. Your review has been saved.")
    ).to_be_visible()
    assert admin_requests(requested) == []
    # Until parents pass the change, the library keeps the version they approved.
    public.goto("/library/family-time-coaching/")
    expect(
        public.get_by_text("Coaches help parents during family time.")
    ).to_be_visible()


# Without JavaScript, by keyboard only.


def tab_to(page, target, limit=50):
    """Press Tab until `target` has the focus; fail if it never does (it cannot be reached by keyboard)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} never got the focus after {limit} presses of Tab")


def tab(page, target):
    page.keyboard.press("Tab")
    expect(target).to_be_focused()


@pytest.mark.parametrize("device", ["phone"], indirect=True)
def test_without_javascript_a_parent_signs_in_and_sends_a_review_by_keyboard_alone(
    new_page, cast
):
    round_ = start_review(
        PracticePageFactory(
            parent=cast["library"], title="Family Time Coaching", live=False
        ),
        cast["editor"],
    )
    parent = cast["parents"][0]
    link, _ = invitation_link(parent, "Family Time Coaching")
    page = new_page(java_script_enabled=False)
    requested = record_requests(page)
    page.goto(link)
    assert urlsplit(page.url).path == "/review/sign-in/"

    username = page.get_by_label("Username")
    tab_to(page, username)
    page.keyboard.type(parent.username)
    tab(page, page.get_by_label("Password"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Family Time Coaching")

    tab_to(page, page.get_by_role("link", name="Answer the questions"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{link}#questions")
    questions = page.get_by_role("region", name="Your review")
    organisation = questions.get_by_label(
        "Which parent organization are you reviewing with?"
    )
    tab(page, organisation)
    page.keyboard.press("ArrowDown")
    expect(organisation).to_have_value(str(cast["organisation"].pk))
    for label, answer in [
        (
            "What potential does it have to keep families together?",
            "Parents get support early.",
        ),
        (
            "If many agencies did this, what would change for families?",
            "Agencies would listen more.",
        ),
        (
            "Could it cause any harm or negative consequences for families?",
            "Not if parents lead.",
        ),
    ]:
        tab(page, questions.get_by_label(label))
        page.keyboard.type(answer)
    tab(
        page,
        questions.get_by_label(
            "What would make it fairer or work better for families?"
        ),
    )
    recommend = questions.get_by_label("Yes, I recommend it", exact=True)
    tab(page, recommend)
    page.keyboard.press("Space")
    expect(recommend).to_be_checked()
    tab(page, questions.get_by_label("Anything else you want Alia to know?"))
    tab(page, questions.get_by_role("button", name="Send my review"))
    page.keyboard.press("Enter")

    expect(
        page.get_by_role("heading", name="Thank you. Your review has been saved.")
    ).to_be_visible()
    review = ParentReview.objects.get(task_state=round_, reviewer=parent)
    assert review.reviewer_organisation == cast["organisation"]
    assert review.recommendation == Recommendation.RECOMMEND
    assert review.impact_on_field == "Agencies would listen more."
    assert admin_requests(requested) == []

    # Onward and out, still by keyboard.
    tab_to(page, page.get_by_role("link", name="Go to your reviews"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your reviews", level=1)).to_be_visible()
    tab_to(page, page.get_by_role("button", name=re.compile("^Sign out")))
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", name="You have signed out")).to_be_visible()
    page.goto(link)
    assert urlsplit(page.url).path == "/review/sign-in/"
