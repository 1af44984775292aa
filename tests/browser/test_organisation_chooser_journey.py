"""An editor names a practice's organisations among hundreds: types part of a name, picks it, unticks one, saves.

Also with the chooser's script missing (the no-JavaScript path: typed names are matched on save), and
axe-core's WCAG 2.2 AA findings for the fields with the list of names open.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from practices.models import Organisation, PracticePage
from tests.practices.factories import (
    OrganisationFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def practice(home_page):
    editor = make_user("editor", "Editors")
    practice = PracticePageFactory(parent=PracticeIndexPageFactory(parent=home_page))
    practice.organisations.set(
        [
            OrganisationFactory(name="Parent Partners of Santa Cruz"),
            OrganisationFactory(name="Family Justice Initiative"),
        ]
    )
    practice.save()
    practice.save_revision(user=editor)
    Organisation.objects.bulk_create(
        Organisation(name=f"Seeded organization {n:03}") for n in range(300)
    )
    OrganisationFactory(name="Rise Magazine", location="New York, NY")
    OrganisationFactory(name="Be Strong Families", location="Chicago, IL")
    return practice


def open_at_a_glance(page, practice):
    page.goto(f"/admin/pages/{practice.pk}/edit/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("irrelevant")
    page.get_by_role("button", name="Sign in").click()
    # The steps are drawn by script: a form sent before then would save the practice without them.
    expect(page.locator("input[id^=steps-0-value-title]")).to_be_attached()
    page.get_by_role("tab", name="At a glance").click()


def save_draft(page, practice):
    page.get_by_role("button", name="Save draft").click()
    expect(
        page.get_by_text(f"Page '{practice.title}' has been updated.")
    ).to_be_visible()
    return PracticePage.objects.get(pk=practice.pk).get_latest_revision_as_object()


def names(organisations):
    return sorted(organisation.name for organisation in organisations.all())


def test_an_editor_adds_an_organisation_by_typing_part_of_its_name_and_removes_one(
    page, practice
):
    open_at_a_glance(page, practice)
    box = page.get_by_role("combobox", name="Organizations running it")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("magaz")

    found = page.get_by_role("listbox", name="Organizations running it")
    expect(found.get_by_role("option")).to_have_count(1)
    expect(
        found.get_by_role("option", name="Rise Magazine New York, NY")
    ).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    status = page.locator("[data-organisation-chooser] [role=status]").first
    expect(status).to_have_text(re.compile("^1 organization found"))

    box.press("ArrowDown")
    option = found.get_by_role("option", name=re.compile("Rise Magazine"))
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Enter")

    running = page.get_by_role("group", name=re.compile("^Organizations running it"))
    expect(running.get_by_role("checkbox", name="Rise Magazine")).to_be_checked()
    expect(status).to_have_text("Added Rise Magazine.")
    expect(box).to_have_value("")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-expanded", "false")
    running.get_by_role("checkbox", name="Family Justice Initiative").uncheck()

    # A partner agency, with the mouse.
    partners = page.get_by_role("combobox", name="Partner agencies")
    partners.press_sequentially("strong")
    page.get_by_role("listbox", name="Partner agencies").get_by_role(
        "option", name=re.compile("Be Strong Families")
    ).click()
    expect(
        page.get_by_role("group", name=re.compile("^Partner agencies")).get_by_role(
            "checkbox", name="Be Strong Families"
        )
    ).to_be_checked()

    saved = save_draft(page, practice)
    assert names(saved.organisations) == [
        "Parent Partners of Santa Cruz",
        "Rise Magazine",
    ]
    assert names(saved.partner_agencies) == ["Be Strong Families"]


def test_without_the_chooser_script_typed_names_are_added_on_save(page, practice):
    page.route(re.compile(r"organisation-chooser\.js"), lambda route: route.abort())
    open_at_a_glance(page, practice)
    box = page.get_by_role("textbox", name="Organizations running it")
    expect(box).not_to_have_attribute("role", "combobox")
    box.fill("rise magazine; be strong")
    page.get_by_role("checkbox", name="Family Justice Initiative").uncheck()
    saved = save_draft(page, practice)
    assert names(saved.organisations) == [
        "Be Strong Families",
        "Parent Partners of Santa Cruz",
        "Rise Magazine",
    ]


def test_the_organisation_fields_have_no_wcag_22_aa_violations(page, practice):
    open_at_a_glance(page, practice)
    page.get_by_role("combobox", name="Organizations running it").press_sequentially(
        "seeded"
    )
    found = page.get_by_role("listbox", name="Organizations running it")
    expect(found.get_by_role("option")).to_have_count(10)
    page.keyboard.press("ArrowUp")
    expect(found.get_by_role("option").last).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowDown")
    expect(found.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    results = Axe().run(
        page,
        context={"include": [["[data-organisation-chooser]"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}},
    )
    assert results.violations_count == 0, results.generate_report()
    page.keyboard.press("Escape")
    expect(found).to_be_hidden()
    expect(
        page.get_by_role("combobox", name="Organizations running it")
    ).to_have_attribute("aria-expanded", "false")
