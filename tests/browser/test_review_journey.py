"""Parent review as people click through it: editor submits, three parents review, a moderator signs off."""

import re

import pytest
from playwright.sync_api import expect

from django.core import mail

from practices.models import PracticePage
from tests.practices.factories import (
    OrganisationFactory,
    PracticeIndexPageFactory,
    make_user,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "irrelevant"


@pytest.fixture
def cast(home_page, live_server, settings):
    # Email links must point at this live server.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    OrganisationFactory(name="Parent Voices", kind="parent_led")
    return {
        "library": PracticeIndexPageFactory(parent=home_page),
        "editor": make_user("editor", "Editors"),
        "moderator": make_user("moderator", "Moderators"),
        "parents": [
            make_user(f"parent{n}", "Parent reviewers", first_name=f"Parent{n}")
            for n in range(3)
        ],
    }


def log_in(page, username, url="/admin/"):
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def fill_rich_text(page, field_name, text):
    page.locator(
        f"[data-contentpath={field_name}] [contenteditable=true]"
    ).first.click()
    page.keyboard.type(text)


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
    page.get_by_role("tab", name="At a glance").click()
    page.locator("#id_state").select_option("NY")
    page.get_by_role("tab", name="Practice").click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("Submit to Parent review")).click()
    expect(page.get_by_text(re.compile("submitted", re.I)).first).to_be_visible()


def parent_reviews_from_the_email(page, username, recommend):
    invitation = next(
        m for m in reversed(mail.outbox) if f"{username}@example.org" in m.to
    )
    link = re.search(r"http://\S+/admin/parent-review/\d+/", invitation.body).group(0)
    log_in(page, username, link)
    expect(page.get_by_role("heading", name=re.compile("^Review: "))).to_be_visible()
    expect(
        page.get_by_text("Coaches support parents during family time.")
    ).to_be_visible()
    page.get_by_label(
        "Which parent organization are you reviewing with?"
    ).select_option(label="Parent Voices")
    page.get_by_label("What potential does it have to keep families together?").fill(
        "Parents get support early."
    )
    page.get_by_label("What impact could it have on the child-welfare field?").fill(
        "Agencies would listen more."
    )
    page.get_by_label(
        "Could it cause any harm or negative consequences for families?"
    ).fill("Not if parents lead.")
    choice = "Yes, I recommend it" if recommend else "No, I do not recommend it"
    page.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Send my review").click()
    expect(page.get_by_text("Thank you. Your review has been saved.")).to_be_visible()
    page.context.clear_cookies()


def test_three_parents_recommend_and_the_moderator_publishes(
    browser, live_server, cast
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    editor_creates_and_submits(page, cast, "Family Time Coaching")
    context.clear_cookies()

    for parent in cast["parents"]:
        parent_reviews_from_the_email(page, parent.username, recommend=True)

    practice = PracticePage.objects.get(slug="family-time-coaching")
    log_in(page, "moderator", f"/admin/pages/{practice.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(
        page.get_by_text("Page 'Family Time Coaching' has been updated.")
    ).to_be_visible()
    context.clear_cookies()

    page.goto("/library/family-time-coaching/")
    glance = page.get_by_role("complementary", name="At a glance")
    expect(glance).to_contain_text("3 parents; 3 recommend")
    expect(glance).to_contain_text("Parent Voices")
    context.close()


def test_two_of_three_parents_do_not_recommend_and_the_draft_goes_back_unpublished(
    browser, live_server, cast
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    editor_creates_and_submits(page, cast, "Kinship Navigator")
    context.clear_cookies()

    for parent, recommend in zip(cast["parents"], [True, False, False], strict=True):
        parent_reviews_from_the_email(page, parent.username, recommend=recommend)

    practice = PracticePage.objects.get(slug="kinship-navigator")
    assert not practice.live
    assert page.goto("/library/kinship-navigator/").status == 404
    log_in(page, "editor", f"/admin/pages/{practice.pk}/edit/")
    # The draft is back with the editor: editable again, and its status says why.
    expect(page.locator("#id_summary")).to_be_editable()
    page.locator('[data-side-panel-toggle="status"]').click()
    status = page.locator('[data-side-panel="status"]')
    expect(
        status.get_by_text(re.compile("Changes requested", re.I)).first
    ).to_be_visible()
    context.close()
