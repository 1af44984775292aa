"""The admin says Bright Spots, and tells editors about parent review in plain words.

Branding comes from the template overrides in templates/wagtailadmin/ and core/wagtail_hooks.py;
the words from the project catalog locale/en/LC_MESSAGES/django.po (LOCALE_PATHS), compiled to the
django.mo beside it. A msgid that stops matching Wagtail's, or a .po edited without recompiling the
.mo, fails here.
"""

import ast
import gettext
import html
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

import wagtail

from practices.choices import Recommendation
from practices.models import PracticePage
from practices.reviews.rules import submit_review
from tests.practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
    review_answers,
)
from tests.practices.reviews.test_permissions import edit_form_data

CATALOG = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = CATALOG / "django.po"
MO = CATALOG / "django.mo"


def po_entries(path):
    """{msgid: msgstr} of a .po file, translated or not, leaving out the header and any entry with a
    context or a plural (gettext() would not look those up, and our catalog has none)."""
    entries, current, field = {}, {}, None
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if current.get("msgid") and not {"msgctxt", "msgid_plural"} & set(current):
                entries[current["msgid"]] = current.get("msgstr", "")
            current, field = {}, None
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            current[field] = ast.literal_eval(value)
    return entries


def ours():
    return po_entries(PO)


def text(response):
    return html.unescape(response.content.decode())


def title_of(response):
    return re.search(r"<title>(.*?)</title>", text(response), re.S).group(1).strip()


def visible_text(response):
    """The page's text as a reader gets it: no scripts, no markup."""
    page = re.sub(
        r"<(script|template)\b.*?</\1>", " ", response.content.decode(), flags=re.S
    )
    page = re.sub(r"</?(b|strong|em)>", "", page)  # inline: the words run on
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def said(response, message):
    """Whether one of the messages this request queued starts with `message` (Wagtail adds buttons)."""
    queued = [
        html.unescape(str(m)).strip() for m in get_messages(response.wsgi_request)
    ]
    return any(m.startswith(message) for m in queued)


@pytest.fixture
def editor(db):
    return make_user("editor", "Editors")


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def draft(library, editor):
    page = PracticePageFactory(
        parent=library, title="Family Time Coaching", slug="family-time", live=False
    )
    page.save_revision(user=editor)
    return page


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# --- The catalog -------------------------------------------------------------------------------


def test_the_committed_mo_is_the_po_compiled():
    po = ours()
    with MO.open("rb") as mo_file:
        mo = gettext.GNUTranslations(mo_file)
    assert po, "no entries parsed from the .po"
    for msgid, msgstr in po.items():
        assert mo.gettext(msgid) == msgstr, (
            f"{msgid!r}: recompile with msgfmt -o {MO} {PO}"
        )
    # gettext keeps the compiled entries in _catalog; "" is the header.
    compiled = {msgid for msgid in mo._catalog if msgid}
    assert compiled == set(po), "the .mo has entries the .po no longer has: recompile"


def test_every_msgid_is_one_wagtail_still_uses():
    # Wagtail's English catalogs list every string it translates; an upgrade that rewords one
    # would silently bring the jargon back.
    wagtails = set()
    for path in Path(wagtail.__file__).parent.rglob("locale/en/LC_MESSAGES/django.po"):
        wagtails |= set(po_entries(path))
    assert len(wagtails) > 1000
    assert set(ours()) - wagtails == set()


def test_django_uses_our_words_for_the_sites_language_over_wagtails():
    # LANGUAGE_CODE is en-us: Django falls back to the en catalog, and LOCALE_PATHS win.
    assert settings.LANGUAGE_CODE == "en-us"
    with translation.override(settings.LANGUAGE_CODE):
        used = {msgid: translation.gettext(msgid) for msgid in ours()}
    assert used == ours()


# --- Branding ----------------------------------------------------------------------------------


def test_the_sign_in_page_is_bright_spots(client, db):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert "Sign in to Bright Spots" in text(response)
    assert "Sign in to Wagtail" not in text(response)
    assert "Bright Spots" in title_of(response)
    assert "Wagtail" not in title_of(response)
    assert 'rel="icon" type="image/svg+xml"' in text(response)
    assert "wagtailadmin/images/favicon.ico" not in text(response)


def test_an_editors_dashboard_is_bright_spots(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert title_of(response) == "Dashboard - Bright Spots"
    assert re.search(r"<h1[^>]*>\s*Welcome to Bright Spots\s*</h1>", text(response))
    logo = re.search(
        r"<template data-wagtail-sidebar-branding-logo>(.*?)</template>",
        text(response),
        re.S,
    ).group(1)
    assert "<svg" in logo


def test_the_help_menu_keeps_no_links_to_wagtails_guides(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    sidebar = text(response).split('id="wagtail-sidebar-props"')[1]
    # The Help menu itself stays, with Wagtail's keyboard shortcuts.
    assert '"keyboard-shortcuts-trigger"' in sidebar
    assert '"editor-guide"' not in sidebar
    assert '"whats-new-in-wagtail-' not in sidebar


# --- Words around the review -------------------------------------------------------------------


def test_submitting_a_practice_says_it_went_to_parent_review(client, editor, draft):
    client.force_login(editor)
    response = client.post(
        edit_url(draft),
        edit_form_data(draft, **{"action-submit": "action-submit"}),
        follow=True,
    )
    assert response.status_code == 200
    assert PracticePage.objects.get(pk=draft.pk).current_workflow_state
    page = visible_text(response)
    assert "'Family Time Coaching' has been sent to parent review." in page
    assert "submitted for moderation" not in page
    # The library listing it lands on gives the status in the same words.
    assert "in review" in page
    assert "in moderation" not in page


def test_creating_and_submitting_a_practice_says_it_went_to_parent_review(
    client, editor, library
):
    client.force_login(editor)
    new = SimpleNamespace(
        title="Kinship Navigator",
        slug="kinship-navigator",
        summary="Navigators help relatives care for children.",
        county="Santa Cruz County",
        state="CA",
        year_started=2021,
        review_outcome="",
    )
    response = client.post(
        reverse(
            "wagtailadmin_pages:add", args=["practices", "practicepage", library.pk]
        ),
        edit_form_data(new, **{"action-submit": "action-submit"}),
    )
    assert response.status_code == 302, visible_text(response)
    assert said(
        response, "'Kinship Navigator' has been created and submitted to parent review."
    )


def test_a_practice_in_review_reads_plainly_in_the_editor(client, editor, draft):
    draft.get_workflow().start(draft, editor)
    client.force_login(editor)
    page = visible_text(client.get(edit_url(draft)))
    assert "In review" in page  # the status side panel
    assert "Locked for review" in page
    assert "This page is in 'Parent review', waiting for 'Parent review'." in page
    assert "Withdraw from review" in page  # the action menu
    jargon = ["In Moderation", "Locked by workflow", "Cancel workflow", "workflow."]
    assert [words for words in jargon if words in page] == []

    dashboard = visible_text(client.get(reverse("wagtailadmin_home")))
    assert "Your pages in review" in dashboard
    assert "in a workflow" not in dashboard
    assert "in moderation" not in dashboard


def test_withdrawing_a_practice_says_so(client, editor, draft):
    draft.get_workflow().start(draft, editor)
    client.force_login(editor)
    response = client.post(
        edit_url(draft),
        edit_form_data(draft, **{"action-cancel-workflow": "action-cancel-workflow"}),
    )
    assert PracticePage.objects.get(pk=draft.pk).current_workflow_state is None
    assert said(response, "'Family Time Coaching' has been withdrawn from review.")


def test_after_parents_ask_for_changes_the_editor_can_start_parent_review_again(
    client, editor, draft
):
    round_ = draft.get_workflow().start(draft, editor).current_task_state.specific
    for number in range(3):
        parent = make_user(f"parent{number}", "Parent reviewers")
        submit_review(round_, parent, **review_answers(Recommendation.DO_NOT_RECOMMEND))
    client.force_login(editor)
    page = visible_text(client.get(edit_url(draft)))
    assert "Start parent review again" in page
    assert "Restart workflow" not in page
