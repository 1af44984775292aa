"""Who can read or change a practice draft: each role against each admin, API and public URL.

The matrix sends one request per cell and asserts two things: the request is refused in the way
written for that cell, and nothing about the drafts, the review round or the page tree changed.

What counts as a refusal, per cell:
- LOGIN: anonymous users are redirected to the admin login page.
- NO_ADMIN: parent reviewers have no admin access (no ``access_admin``), so every admin URL sends
  them to the admin login page with "You do not have permission to access the admin.", before
  any view runs. SIGN_IN: the review space sends anonymous users to its own sign-in page.
- DASHBOARD: Wagtail turns a PermissionDenied inside the admin into a redirect to the dashboard
  (``/admin/``) with "Sorry, you do not have permission to access this area." It is only accepted
  for signed-in users, and the test checks that error message was queued, so a redirect to the
  dashboard for another reason does not pass.
- NOT_FOUND / FORBIDDEN: 404 or 403.
- HIDDEN: some listings, choosers, searches and API endpoints answer 200 to any admin user; 200 is
  accepted there only when the body contains none of the draft markers (titles and summaries).
  OWN_QUEUE and PUBLIC_LISTING are the same, plus text that must be there: the reviewer's own
  queue may show the draft they are asked to review, but nothing else.
- BAD_REQUEST: the admin API answers 400 to ``child_of`` a page the user cannot explore.
- LOCKED: editors and moderators may open a draft, but a review round locks it; Wagtail answers
  200 with "The page could not be saved as it is locked."
- NONE_PUBLISHED / NONE_DELETED: Wagtail's bulk actions do not refuse; they skip the pages the user
  may not act on, say "0 pages have been ...", and redirect back.
- TO_HISTORY: ``revisions/`` is a bare redirect to ``history/``, which has its own cell.
- REFUSED: where the app does not refuse yet, any of the standard refusals will do.

A parent reviews in the review space (/review/), never in the admin: every admin cell expects
NO_ADMIN for them, and test_admin_refuses_parents.py walks every admin URL the same way.

Every cell, whatever its outcome, must not answer 5xx and must leave the snapshot unchanged.
"""

import json
from dataclasses import dataclass, field

import pytest

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import reverse

from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from home.models import HomePage
from practices.models import PracticeIndexPage, PracticePage
from practices.reviews.models import ParentReview, ReviewInvitation
from practices.reviews.rules import submit_review
from tests.practices.factories import (
    DocumentFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    make_user,
    publish_through_parent_review,
    review_answers,
)

User = get_user_model()

DRAFT_TITLE = "Secret draft practice"
DRAFT_SUMMARY = "MARKER-DRAFT-SUMMARY"
OTHER_TITLE = "Unsubmitted other draft"
OTHER_SUMMARY = "MARKER-OTHER-DRAFT"
OTHER_REVIEW = "MARKER-OTHER-REVIEWERS-ANSWER"
OTHER_RESOURCE = "MARKER-RESOURCE-OF-UNSUBMITTED"

# The in-review draft is the reviewer's to read (queue, dashboard, review screen); nothing else is.
IN_REVIEW_MARKERS = (DRAFT_TITLE, DRAFT_SUMMARY)
NOT_THEIRS_MARKERS = (OTHER_TITLE, OTHER_SUMMARY, OTHER_REVIEW, OTHER_RESOURCE)
ALL_MARKERS = IN_REVIEW_MARKERS + NOT_THEIRS_MARKERS

PERMISSION_DENIED_MESSAGE = "Sorry, you do not have permission to access this area."
NO_ADMIN_MESSAGE = "You do not have permission to access the admin."


# --- The world every cell runs against --------------------------------------------------------


@dataclass
class World:
    library: PracticeIndexPage
    published: PracticePage
    draft: PracticePage
    other: PracticePage
    first_revision: Revision
    latest_revision: Revision
    other_revision: Revision
    workflow_state: WorkflowState
    task_state: TaskState
    other_review: ParentReview
    users: dict = field(default_factory=dict)


def build_world(home_page):
    editor = make_user("ed", "Editors")
    second_editor = make_user("ed-2", "Editors")
    moderator = make_user("mod", "Moderators")
    reviewer = make_user("parent", "Parent reviewers")
    superuser = User.objects.create_superuser("root", "root@example.org", "irrelevant")
    other_reviewer = make_user("parent-b", "Parent reviewers")

    library = PracticeIndexPageFactory(parent=home_page)
    published = publish_through_parent_review(
        PracticePageFactory(parent=library, title="Published practice")
    )
    assert published.live

    draft = PracticePageFactory(
        parent=library, live=False, title=DRAFT_TITLE, summary=DRAFT_SUMMARY
    )
    first_revision = draft.save_revision(user=editor)
    latest_revision = draft.save_revision(user=editor)
    workflow_state = draft.get_workflow().start(draft, editor)
    task_state = workflow_state.current_task_state.specific

    other = PracticePageFactory(
        parent=library, live=False, title=OTHER_TITLE, summary=OTHER_SUMMARY
    )
    PracticeResourceFactory(
        page=other,
        document=DocumentFactory(title=OTHER_RESOURCE),
        title=OTHER_RESOURCE,
    )
    other_revision = other.save_revision(user=editor)

    # One review by another parent, so a reviewer can be checked for not seeing it (the round needs 3).
    other_review = submit_review(
        task_state,
        other_reviewer,
        **review_answers(keeps_families_together=OTHER_REVIEW),
    )
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    return World(
        library=library,
        published=published,
        draft=draft,
        other=other,
        first_revision=first_revision,
        latest_revision=latest_revision,
        other_revision=other_revision,
        workflow_state=workflow_state,
        task_state=task_state,
        other_review=other_review,
        users={
            "anonymous": None,
            "reviewer": reviewer,
            "editor": editor,
            "second-editor": second_editor,
            "moderator": moderator,
            "superuser": superuser,  # only for the controls outside the matrix
        },
    )


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """The world, built once per module in a transaction rolled back at its end (as setUpTestData)."""
    # Building it takes most of a cell's time; each test still runs in a savepoint of its own.
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world(HomePage.objects.get())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def fresh(instance):
    return None if instance is None else type(instance).objects.get(pk=instance.pk)


@pytest.fixture
def world(built_world, db):
    """The module's world, with instances read again, so no test sees another's in-memory changes."""
    return World(
        **{
            name: fresh(getattr(built_world, name))
            for name in World.__dataclass_fields__
            if name != "users"
        },
        users={role: fresh(user) for role, user in built_world.users.items()},
    )


def page_state(pk):
    page = PracticePage.objects.filter(pk=pk).first()
    if page is None:
        return "deleted"
    return {
        "title": page.title,
        "live": page.live,
        "latest revision": page.get_latest_revision().pk,
        "latest revision title": page.get_latest_revision_as_object().title,
    }


def snapshot(w):
    """Everything a leaking or state-changing request could alter."""
    return {
        "in-review draft": page_state(w.draft.pk),
        "other draft": page_state(w.other.pk),
        "published practice": page_state(w.published.pk),
        "workflow state status": WorkflowState.objects.filter(pk=w.workflow_state.pk)
        .values_list("status", flat=True)
        .first(),
        "task state status": TaskState.objects.filter(pk=w.task_state.pk)
        .values_list("status", flat=True)
        .first(),
        "page count": Page.objects.count(),
        "revision count": Revision.objects.count(),
        "workflow state count": WorkflowState.objects.count(),
        "locked pages": sorted(
            Page.objects.filter(locked=True).values_list("pk", flat=True)
        ),
        "pages with view restrictions": sorted(
            Page.objects.filter(view_restrictions__isnull=False).values_list(
                "pk", flat=True
            )
        ),
        "parent reviews": sorted(
            ParentReview.objects.values_list("pk", "keeps_families_together")
        ),
    }


# --- Form data a real browser would post ------------------------------------------------------


def edit_form_data(page, **changes):
    """The complete practice edit form, valid as posted, with `changes` applied."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "feedback_summary": streamfield([("point", "Parents recommend it.")]),
            "intervention": rich_text("<p>Parent partners support families.</p>"),
            "why_bright_spot": rich_text("<p>It helps families reunify sooner.</p>"),
            "steps": streamfield(
                [
                    (
                        "step",
                        {
                            "title": "Meet a parent-led organization",
                            "detail": rich_text("<p>Ask how they work.</p>"),
                        },
                    )
                ]
            ),
            "resources": inline_formset([]),
            "comments": inline_formset([]),
            "county": page.county,
            "state": page.state,
            "year_started": str(page.year_started or ""),
            "review_outcome": page.review_outcome,
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data.update(changes)
    return data


def changed_title(w, page):
    return edit_form_data(page, title="Changed by a request that must be refused")


# --- Outcomes ---------------------------------------------------------------------------------


def queued_messages(response):
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@dataclass(frozen=True)
class Outcome:
    kind: str
    status: int = 200
    forbidden: tuple = ALL_MARKERS
    message: str = ""
    shows: tuple = ()  # text that must be there, so a 200 is not just an empty page

    def check(self, response):
        assert response.status_code < 500, f"server error {response.status_code}"
        if self.kind in ("login", "no-admin"):
            assert response.status_code == 302, response.status_code
            assert response["Location"].startswith(reverse("wagtailadmin_login")), (
                response["Location"]
            )
            if self.kind == "no-admin":
                assert NO_ADMIN_MESSAGE in queued_messages(response)
        elif self.kind == "sign-in":
            assert response.status_code == 302, response.status_code
            assert response["Location"].startswith(reverse("review:sign_in")), response[
                "Location"
            ]
        elif self.kind == "dashboard":
            assert response.status_code == 302, response.status_code
            assert response["Location"] == reverse("wagtailadmin_home"), response[
                "Location"
            ]
            assert PERMISSION_DENIED_MESSAGE in queued_messages(response)
        elif self.kind == "refused":
            if response.status_code != 302:
                assert response.status_code in (403, 404), response.status_code
            elif response.wsgi_request.user.is_authenticated:
                assert response["Location"] == reverse("wagtailadmin_home"), response[
                    "Location"
                ]
                assert PERMISSION_DENIED_MESSAGE in queued_messages(response)
            else:
                logins = (reverse("wagtailadmin_login"), reverse("wagtailcore_login"))
                assert response["Location"].startswith(logins), response["Location"]
        elif self.kind == "to-history":
            assert response.status_code == 302, response.status_code
            expected = response.wsgi_request.path.replace("/revisions/", "/history/")
            assert response["Location"] == expected, response["Location"]
        elif self.kind == "skipped":
            # Bulk actions skip the pages the user may not act on and redirect back to themselves.
            assert response.status_code == 302, response.status_code
            assert response["Location"] == response.wsgi_request.path
            assert self.message in queued_messages(response)
        else:
            assert response.status_code == self.status, response.status_code
            if self.message:
                assert self.message in queued_messages(response)
        if response.status_code != 302:
            text = body(response)
            leaked = [marker for marker in self.forbidden if marker in text]
            assert not leaked, f"response shows {leaked}"
            missing = [expected for expected in self.shows if expected not in text]
            assert not missing, f"response does not show {missing}"


LOGIN = Outcome("login")
# A parent has no admin access at all: every admin URL sends them to its login with this message.
NO_ADMIN = Outcome("no-admin")
SIGN_IN = Outcome("sign-in")
DASHBOARD = Outcome("dashboard")
NOT_FOUND = Outcome("status", 404)
FORBIDDEN = Outcome("status", 403)
HIDDEN = Outcome("status", 200)
# 200 and the in-review draft shown: the reviewer's own queue; nothing else may appear.
OWN_QUEUE = Outcome("status", 200, forbidden=NOT_THEIRS_MARKERS, shows=(DRAFT_TITLE,))
# Public listings: the published practice is there, the drafts are not.
PUBLIC_LISTING = Outcome("status", 200, shows=("Published practice",))
# The admin API answers 400 to child_of a page the user cannot explore.
BAD_REQUEST = Outcome("status", 400)
# Editors and moderators may open the draft, but a round in progress locks it for them.
LOCKED = Outcome(
    "status", 200, forbidden=(), message="The page could not be saved as it is locked."
)
REFUSED = Outcome("refused")
TO_HISTORY = Outcome("to-history")
NONE_PUBLISHED = Outcome("skipped", message="0 pages have been published")
NONE_DELETED = Outcome("skipped", message="0 pages have been deleted")


# --- The targets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One request: name, method, how to build its URL and body, and what each role must get."""

    name: str
    method: str
    url: object  # callable(world) -> str
    expect: dict  # role -> Outcome
    data: object = None  # callable(world) -> dict
    as_json: bool = False


def page_url(name, page_attr, *extra):
    def build(w):
        args = [getattr(w, page_attr).pk]
        for item in extra:
            args.append(item(w) if callable(item) else item)
        return reverse(f"wagtailadmin_pages:{name}", args=args)

    return build


def admin_only(**others):
    """An admin URL: anonymous is sent to log in, the parent is refused the admin; others as given."""
    return {"anonymous": LOGIN, "reviewer": NO_ADMIN, **others}


def public(outcome):
    return {"anonymous": outcome, "reviewer": outcome}


def review_link(w):
    return reverse(
        "review:review",
        args=[w.task_state.invitations.get(reviewer=w.users["reviewer"]).token],
    )


TARGETS = [
    Target("dashboard", "GET", lambda w: reverse("wagtailadmin_home"), admin_only()),
    # The review space (/review/): the reviewer's own invitation shows the in-review draft only.
    Target(
        "review-home",
        "GET",
        lambda w: reverse("review:home"),
        {"anonymous": SIGN_IN, "reviewer": OWN_QUEUE, "editor": HIDDEN},
    ),
    Target(
        "review-screen",
        "GET",
        review_link,
        {
            "anonymous": SIGN_IN,
            "reviewer": OWN_QUEUE,
            "editor": NOT_FOUND,
            "moderator": NOT_FOUND,
        },
    ),
    # The page explorer.
    Target(
        "explorer-root",
        "GET",
        lambda w: reverse("wagtailadmin_explore_root"),
        admin_only(),
    ),
    Target(
        "explorer-library",
        "GET",
        lambda w: reverse("wagtailadmin_explore", args=[w.library.pk]),
        admin_only(),
    ),
    Target(
        "explorer-library-results",
        "GET",
        lambda w: reverse("wagtailadmin_explore_results", args=[w.library.pk]),
        admin_only(),
    ),
    # Editing.
    Target("edit-draft", "GET", page_url("edit", "draft"), admin_only()),
    Target("edit-other", "GET", page_url("edit", "other"), admin_only()),
    Target(
        "edit-draft-change-title",
        "POST",
        page_url("edit", "draft"),
        admin_only(editor=LOCKED, moderator=LOCKED),
        data=lambda w: changed_title(w, w.draft),
    ),
    Target(
        "edit-other-change-title",
        "POST",
        page_url("edit", "other"),
        admin_only(),
        data=lambda w: changed_title(w, w.other),
    ),
    Target(
        "edit-draft-publish",
        "POST",
        page_url("edit", "draft"),
        admin_only(editor=LOCKED, moderator=LOCKED),
        data=lambda w: edit_form_data(w.draft, **{"action-publish": "action-publish"}),
    ),
    Target(
        "edit-draft-cancel-workflow",
        "POST",
        page_url("edit", "draft"),
        # The editor who sent it may withdraw it; another editor or a moderator may not.
        admin_only(**{"second-editor": LOCKED}, moderator=LOCKED),
        data=lambda w: edit_form_data(
            w.draft, **{"action-cancel-workflow": "action-cancel-workflow"}
        ),
    ),
    # Previews and drafts.
    Target(
        "preview-draft",
        "GET",
        page_url("preview_on_edit", "draft"),
        admin_only(),
    ),
    Target(
        "preview-other",
        "GET",
        page_url("preview_on_edit", "other"),
        admin_only(),
    ),
    Target(
        "view-draft-draft",
        "GET",
        page_url("view_draft", "draft"),
        admin_only(),
    ),
    Target(
        "view-draft-other",
        "GET",
        page_url("view_draft", "other"),
        admin_only(),
    ),
    # History and revisions.
    Target("history-draft", "GET", page_url("history", "draft"), admin_only()),
    Target("history-other", "GET", page_url("history", "other"), admin_only()),
    Target(
        "history-results-draft",
        "GET",
        page_url("history_results", "draft"),
        admin_only(),
    ),
    Target(
        "revisions-index-draft",
        "GET",
        page_url("revisions_index", "draft"),
        admin_only(),
    ),
    Target(
        "revisions-view-draft",
        "GET",
        page_url("revisions_view", "draft", lambda w: w.first_revision.pk),
        admin_only(),
    ),
    Target(
        "revisions-view-other",
        "GET",
        page_url("revisions_view", "other", lambda w: w.other_revision.pk),
        admin_only(),
    ),
    Target(
        "revisions-compare-draft",
        "GET",
        lambda w: reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[w.draft.pk, w.first_revision.pk, w.latest_revision.pk],
        ),
        admin_only(),
    ),
    Target(
        "revisions-compare-other",
        "GET",
        lambda w: reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[w.other.pk, "earliest", "latest"],
        ),
        admin_only(),
    ),
    Target(
        "revisions-revert-draft",
        "GET",
        page_url("revisions_revert", "draft", lambda w: w.first_revision.pk),
        admin_only(),
    ),
    Target(
        "revisions-revert-draft-publish",
        "POST",
        page_url("revisions_revert", "draft", lambda w: w.first_revision.pk),
        admin_only(editor=LOCKED, moderator=LOCKED),
        data=lambda w: edit_form_data(w.draft, **{"action-publish": "action-publish"}),
    ),
    Target(
        "revisions-revert-other-publish",
        "POST",
        page_url("revisions_revert", "other", lambda w: w.other_revision.pk),
        admin_only(),
        data=lambda w: edit_form_data(w.other, **{"action-publish": "action-publish"}),
    ),
    Target("usage-draft", "GET", page_url("usage", "draft"), admin_only()),
    # The workflow.
    Target(
        "workflow-history-draft",
        "GET",
        page_url("workflow_history", "draft"),
        admin_only(),
    ),
    Target(
        "workflow-history-detail-draft",
        "GET",
        page_url("workflow_history_detail", "draft", lambda w: w.workflow_state.pk),
        admin_only(),
    ),
    Target(
        "workflow-preview-draft",
        "GET",
        page_url("workflow_preview", "draft", lambda w: w.task_state.task_id),
        admin_only(),
    ),
    Target(
        "workflow-approve-draft",
        "POST",
        page_url("workflow_action", "draft", "approve", lambda w: w.task_state.pk),
        admin_only(editor=DASHBOARD, moderator=DASHBOARD),
        data=lambda w: {"comment": "approved by a request that must be refused"},
    ),
    Target(
        "workflow-reject-draft",
        "POST",
        page_url("workflow_action", "draft", "reject", lambda w: w.task_state.pk),
        admin_only(editor=DASHBOARD, moderator=DASHBOARD),
        data=lambda w: {"comment": "rejected by a request that must be refused"},
    ),
    Target(
        "workflow-collect-approve-draft",
        "GET",
        page_url(
            "collect_workflow_action_data",
            "draft",
            "approve",
            lambda w: w.task_state.pk,
        ),
        admin_only(),
    ),
    Target(
        "workflow-confirm-cancellation-draft",
        "GET",
        page_url("confirm_workflow_cancellation", "draft"),
        # Wagtail does not check permissions here: any admin user gets the modal, which names the
        # workflow and task but not the page. Accepted only while no draft content appears.
        admin_only(),
    ),
    # Changing the page tree and the live site.
    Target(
        "unpublish-published",
        "POST",
        page_url("unpublish", "published"),
        admin_only(editor=DASHBOARD),
    ),
    Target(
        "delete-draft",
        "POST",
        page_url("delete", "draft"),
        # The round locks the draft for everyone but superusers, yet Wagtail's delete ignores locks:
        # an editor or moderator can delete a draft parents are reviewing, and their reviews with it.
        admin_only(**{"second-editor": REFUSED}, moderator=REFUSED),
    ),
    Target("delete-other", "POST", page_url("delete", "other"), admin_only()),
    Target(
        "lock-draft",
        "POST",
        page_url("lock", "draft"),
        admin_only(editor=DASHBOARD),
    ),
    Target(
        "lock-other",
        "POST",
        page_url("lock", "other"),
        admin_only(editor=DASHBOARD),
    ),
    Target(
        "unlock-draft",
        "POST",
        page_url("unlock", "draft"),
        admin_only(editor=DASHBOARD),
    ),
    Target(
        "unpublish-published",
        "GET",
        page_url("unpublish", "published"),
        admin_only(),
    ),
    Target("delete-draft", "GET", page_url("delete", "draft"), admin_only()),
    Target("copy-draft", "GET", page_url("copy", "draft"), admin_only()),
    Target(
        "copy-draft",
        "POST",
        page_url("copy", "draft"),
        admin_only(),
        data=lambda w: {
            "new_title": "Copied secret draft",
            "new_slug": "copied-secret-draft",
            "new_parent_page": str(w.library.pk),
            "copy_subpages": "",
            "publish_copies": "on",
            "alias": "",
        },
    ),
    Target("move-draft", "GET", page_url("move", "draft"), admin_only()),
    Target(
        "move-confirm-draft",
        "POST",
        lambda w: reverse(
            "wagtailadmin_pages:move_confirm",
            args=[w.draft.pk, w.library.get_parent().pk],
        ),
        admin_only(),
    ),
    Target(
        "set-privacy-draft",
        "POST",
        page_url("set_privacy", "draft"),
        admin_only(editor=DASHBOARD),
        data=lambda w: {"restriction_type": "login"},
    ),
    # Bulk actions take page ids from the query string.
    Target(
        "bulk-publish-draft",
        "GET",
        lambda w: (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
            + f"?id={w.draft.pk}"
        ),
        # The confirmation page answers 200 to any admin user; it may not name the pages.
        admin_only(),
    ),
    Target(
        "bulk-delete-other",
        "GET",
        lambda w: (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
            + f"?id={w.other.pk}"
        ),
        admin_only(),
    ),
    Target(
        "bulk-unpublish-other",
        "GET",
        lambda w: (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
            + f"?id={w.other.pk}"
        ),
        admin_only(),
    ),
    Target(
        "bulk-move-other",
        "GET",
        lambda w: (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"])
            + f"?id={w.other.pk}"
        ),
        admin_only(),
    ),
    Target(
        "bulk-publish-draft",
        "POST",
        lambda w: (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
            + f"?id={w.draft.pk}"
        ),
        admin_only(editor=NONE_PUBLISHED, moderator=NONE_PUBLISHED),
        data=lambda w: {},
    ),
    Target(
        "bulk-publish-other",
        "POST",
        lambda w: (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
            + f"?id={w.other.pk}"
        ),
        admin_only(editor=NONE_PUBLISHED, moderator=NONE_PUBLISHED),
        data=lambda w: {},
    ),
    Target(
        "bulk-delete-other",
        "POST",
        lambda w: (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
            + f"?id={w.other.pk}"
        ),
        admin_only(),
        data=lambda w: {},
    ),
    # Admin search and the page chooser.
    Target(
        "page-search",
        "GET",
        lambda w: reverse("wagtailadmin_pages:search") + "?q=Secret",
        admin_only(),
    ),
    Target(
        "page-search-results",
        "GET",
        lambda w: reverse("wagtailadmin_pages:search_results") + "?q=draft",
        admin_only(),
    ),
    Target(
        "page-type-usage",
        "GET",
        lambda w: reverse(
            "wagtailadmin_pages:type_use", args=["practices", "practicepage"]
        ),
        admin_only(),
    ),
    Target(
        "chooser-root",
        "GET",
        lambda w: reverse("wagtailadmin_choose_page"),
        admin_only(),
    ),
    Target(
        "chooser-library",
        "GET",
        lambda w: reverse("wagtailadmin_choose_page_child", args=[w.library.pk]),
        admin_only(),
    ),
    Target(
        "chooser-practice-pages",
        "GET",
        lambda w: (
            reverse("wagtailadmin_choose_page") + "?page_type=practices.practicepage"
        ),
        admin_only(),
    ),
    Target(
        "chooser-chosen-multiple",
        "GET",
        lambda w: (
            reverse("wagtailadmin_choose_page_chosen_multiple")
            + f"?id={w.other.pk}&id={w.draft.pk}"
        ),
        admin_only(),
    ),
    Target(
        "document-chooser",
        "GET",
        lambda w: reverse("wagtaildocs_chooser:choose"),
        admin_only(),
    ),
    Target(
        "image-chooser",
        "GET",
        lambda w: reverse("wagtailimages_chooser:choose"),
        admin_only(),
    ),
    Target(
        "workflow-task-chooser",
        "GET",
        lambda w: reverse("wagtailadmin_workflows:task_chooser"),
        # Open to any admin user in Wagtail; it lists tasks, not pages.
        admin_only(),
    ),
    Target(
        "chooser-search",
        "GET",
        lambda w: reverse("wagtailadmin_choose_page_search") + "?q=draft",
        admin_only(),
    ),
    # The admin API.
    Target(
        "admin-api-pages",
        "GET",
        lambda w: reverse("wagtailadmin_api:pages:listing"),
        admin_only(),
    ),
    Target(
        "admin-api-pages-search",
        "GET",
        lambda w: reverse("wagtailadmin_api:pages:listing") + "?search=draft",
        admin_only(),
    ),
    Target(
        "admin-api-pages-child-of-library",
        "GET",
        lambda w: (
            reverse("wagtailadmin_api:pages:listing")
            + f"?child_of={w.library.pk}&fields=*"
        ),
        admin_only(),
    ),
    Target(
        "admin-api-page-draft",
        "GET",
        lambda w: reverse("wagtailadmin_api:pages:detail", args=[w.draft.pk]),
        admin_only(),
    ),
    Target(
        "admin-api-page-other",
        "GET",
        lambda w: reverse("wagtailadmin_api:pages:detail", args=[w.other.pk]),
        admin_only(),
    ),
    Target(
        "admin-api-documents",
        "GET",
        lambda w: reverse("wagtailadmin_api:documents:listing"),
        admin_only(),
    ),
    Target(
        "admin-api-images",
        "GET",
        lambda w: reverse("wagtailadmin_api:images:listing"),
        admin_only(),
    ),
    Target(
        "admin-api-find-other",
        "GET",
        lambda w: reverse("wagtailadmin_api:pages:find") + f"?html_path={w.other.url}",
        admin_only(),
    ),
    Target(
        "admin-api-publish-draft",
        "POST",
        lambda w: reverse(
            "wagtailadmin_api:pages:action", args=[w.draft.pk, "publish"]
        ),
        admin_only(editor=FORBIDDEN, moderator=FORBIDDEN),
        data=lambda w: {},
        as_json=True,
    ),
    Target(
        "admin-api-publish-other",
        "POST",
        lambda w: reverse(
            "wagtailadmin_api:pages:action", args=[w.other.pk, "publish"]
        ),
        admin_only(editor=FORBIDDEN, moderator=FORBIDDEN),
        data=lambda w: {},
        as_json=True,
    ),
    Target(
        "admin-api-delete-other",
        "POST",
        lambda w: reverse("wagtailadmin_api:pages:action", args=[w.other.pk, "delete"]),
        admin_only(),
        data=lambda w: {},
        as_json=True,
    ),
    # Other admin areas.
    Target(
        "documents",
        "GET",
        lambda w: reverse("wagtaildocs:index"),
        admin_only(),
    ),
    Target("images", "GET", lambda w: reverse("wagtailimages:index"), admin_only()),
    Target(
        "snippets",
        "GET",
        lambda w: reverse("wagtailsnippets:index"),
        admin_only(),
    ),
    Target(
        "users",
        "GET",
        lambda w: reverse("wagtailusers_users:index"),
        admin_only(),
    ),
    Target(
        "groups",
        "GET",
        lambda w: reverse("wagtailusers_groups:index"),
        admin_only(),
    ),
    Target(
        "workflows",
        "GET",
        lambda w: reverse("wagtailadmin_workflows:index"),
        admin_only(),
    ),
    Target(
        "workflow-tasks",
        "GET",
        lambda w: reverse("wagtailadmin_workflows:task_index"),
        admin_only(),
    ),
    Target(
        "report-locked-pages",
        "GET",
        lambda w: reverse("wagtailadmin_reports:locked_pages"),
        admin_only(),
    ),
    Target(
        "report-workflow",
        "GET",
        lambda w: reverse("wagtailadmin_reports:workflow"),
        admin_only(),
    ),
    Target(
        "report-workflow-tasks",
        "GET",
        lambda w: reverse("wagtailadmin_reports:workflow_tasks"),
        admin_only(),
    ),
    Target(
        "report-site-history",
        "GET",
        lambda w: reverse("wagtailadmin_reports:site_history"),
        # Wagtail shows every admin user this report, filtered to what they may see.
        admin_only(),
    ),
    Target(
        "report-aging-pages",
        "GET",
        lambda w: reverse("wagtailadmin_reports:aging_pages"),
        admin_only(),
    ),
    Target(
        "report-page-types-usage",
        "GET",
        lambda w: reverse("wagtailadmin_reports:page_types_usage"),
        admin_only(),
    ),
    Target(
        "parent-reviews-listing",
        "GET",
        lambda w: reverse("practices_parentreview_modeladmin_index"),
        admin_only(),
    ),
    Target(
        "parent-reviews-inspect",
        "GET",
        lambda w: reverse(
            "practices_parentreview_modeladmin_inspect", args=[w.other_review.pk]
        ),
        admin_only(),
    ),
    Target(
        "parent-reviews-edit",
        "POST",
        lambda w: reverse(
            "practices_parentreview_modeladmin_edit", args=[w.other_review.pk]
        ),
        admin_only(editor=DASHBOARD, moderator=DASHBOARD),
        data=lambda w: {"keeps_families_together": "Rewritten by a request"},
    ),
    Target(
        "parent-reviews-delete",
        "POST",
        lambda w: reverse(
            "practices_parentreview_modeladmin_delete", args=[w.other_review.pk]
        ),
        admin_only(editor=DASHBOARD, moderator=DASHBOARD),
    ),
    # The public site and its API: drafts do not exist there, for anyone.
    Target("public-draft", "GET", lambda w: w.draft.url, public(NOT_FOUND)),
    Target("public-other", "GET", lambda w: w.other.url, public(NOT_FOUND)),
    Target(
        "public-document-of-other",
        "GET",
        # A resource uploaded for a draft nobody has sent for review yet.
        lambda w: w.other.resources.get().document.url,
        public(REFUSED),
    ),
    Target(
        "public-library-search",
        "GET",
        lambda w: w.library.url + "?q=practice",
        public(PUBLIC_LISTING),
    ),
    Target(
        "public-site-search",
        "GET",
        lambda w: reverse("search") + "?q=practice",
        public(PUBLIC_LISTING),
    ),
    Target(
        "public-api-draft",
        "GET",
        lambda w: reverse("wagtailapi:pages:detail", args=[w.draft.pk]),
        public(NOT_FOUND),
    ),
    Target(
        "public-api-other",
        "GET",
        lambda w: reverse("wagtailapi:pages:detail", args=[w.other.pk]),
        public(NOT_FOUND),
    ),
    Target(
        "public-api-practices",
        "GET",
        lambda w: (
            reverse("wagtailapi:pages:listing")
            + "?type=practices.PracticePage&fields=*"
        ),
        public(PUBLIC_LISTING),
    ),
    Target(
        "public-api-search",
        "GET",
        lambda w: reverse("wagtailapi:pages:listing") + "?search=practice",
        public(PUBLIC_LISTING),
    ),
]


def _cells():
    cells = []
    seen = set()
    for target in TARGETS:
        for role, outcome in target.expect.items():
            cell_id = f"{role}-{target.method}-{target.name}"
            assert cell_id not in seen, f"duplicate cell {cell_id}"
            seen.add(cell_id)
            cells.append(pytest.param(role, target, outcome, id=cell_id))
    return cells


CELLS = _cells()


def send(client, w, role, target):
    user = w.users[role]
    if user is not None:
        client.force_login(user)
    url = target.url(w)
    if target.method == "GET":
        return client.get(url)
    data = target.data(w) if target.data else {}
    if target.as_json:
        return client.post(url, json.dumps(data), content_type="application/json")
    return client.post(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "target", "outcome"), CELLS)
def test_role_is_refused_and_nothing_changes(client, world, role, target, outcome):
    before = snapshot(world)
    response = send(client, world, role, target)
    after = snapshot(world)
    changes = {
        key: (before[key], after[key]) for key in before if before[key] != after[key]
    }
    try:
        outcome.check(response)
    except AssertionError as error:
        raise AssertionError(f"{error}; state changes: {changes or 'none'}") from error
    assert not changes, f"state changed: {changes}"


def test_the_matrix_covers_at_least_thirty_reviewer_cells_and_anonymous_ones():
    roles = [cell.values[0] for cell in CELLS]
    assert roles.count("reviewer") >= 30
    assert roles.count("anonymous") >= 30


# --- Outside the matrix -----------------------------------------------------------------------


def review_form_data(**overrides):
    answers = review_answers()
    return {
        **{k: v for k, v in answers.items() if k != "reviewer_organisation"},
        "reviewer_organisation": answers["reviewer_organisation"].pk,
        **overrides,
    }


@pytest.mark.django_db
def test_a_reviewer_does_not_see_another_reviewers_answers(client, world):
    reviewer_a = make_user("parent-a", "Parent reviewers")
    reviewer_b = world.users["reviewer"]
    submit_review(
        world.task_state,
        reviewer_a,
        **review_answers(keeps_families_together="MARKER-REVIEWER-A-ANSWER"),
    )
    client.force_login(reviewer_b)
    response = client.get(review_link(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert DRAFT_SUMMARY in html  # it is the right screen
    assert "MARKER-REVIEWER-A-ANSWER" not in html
    assert OTHER_REVIEW not in html


@pytest.mark.django_db
def test_a_reviewer_cannot_submit_two_reviews_for_one_round(client, world):
    reviewer = world.users["reviewer"]
    client.force_login(reviewer)
    url = review_link(world)
    first = client.post(url, review_form_data())
    second = client.post(url, review_form_data(comments="Sent again"))
    assert first.status_code == 302
    assert second.status_code == 302
    assert (
        ParentReview.objects.filter(
            task_state=world.task_state, reviewer=reviewer
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_a_requester_who_is_also_a_parent_reviewer_cannot_review_their_own_practice(
    client, world
):
    requester = make_user("ed-and-parent", "Editors", "Parent reviewers")
    practice = PracticePageFactory(
        parent=world.library, live=False, title="Requested by a parent reviewer"
    )
    practice.save_revision(user=requester)
    round_ = practice.get_workflow().start(practice, requester).current_task_state
    assert not round_.specific.invitations.filter(reviewer=requester).exists()
    # Invited by mistake (say, by hand in the database): the review screen still refuses them.
    invitation = ReviewInvitation.objects.create(
        round=round_.specific, reviewer=requester
    )
    client.force_login(requester)
    url = reverse("review:review", args=[invitation.token])

    for response in (client.get(url), client.post(url, review_form_data())):
        assert response.status_code == 403, response.status_code
        assert "you had a hand in writing it" in response.content.decode()
    assert not ParentReview.objects.filter(reviewer=requester).exists()


@pytest.fixture
def unsubmitted_practice(world):
    """A draft not in any workflow, so the edit form is not locked."""
    practice = PracticePageFactory(
        parent=world.library, live=False, title="Not yet sent for review"
    )
    practice.save_revision(user=world.users["editor"])
    return practice


def post_publish(client, page, form):
    """Press "Publish" on the edit form, or on the form that restores an earlier revision."""
    if form == "edit":
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    else:
        url = reverse(
            "wagtailadmin_pages:revisions_revert",
            args=[page.pk, page.get_latest_revision().pk],
        )
    return client.post(
        url, edit_form_data(page, **{"action-publish": "action-publish"})
    )


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["edit", "revisions_revert"])
@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_cannot_publish_a_practice_directly(
    client, world, unsubmitted_practice, role, form
):
    client.force_login(world.users[role])
    revisions_before = unsubmitted_practice.revisions.count()
    response = post_publish(client, unsubmitted_practice, form)
    # The form was valid and Wagtail saved a draft instead: only the publishing was refused.
    assert response.status_code == 302
    assert unsubmitted_practice.revisions.count() == revisions_before + 1
    page = PracticePage.objects.get(pk=unsubmitted_practice.pk)
    assert not page.live
    assert page.first_published_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["edit", "revisions_revert"])
def test_a_superuser_can_publish_a_practice_directly(
    client, world, unsubmitted_practice, form
):
    client.force_login(world.users["superuser"])
    response = post_publish(client, unsubmitted_practice, form)
    assert response.status_code == 302
    assert PracticePage.objects.get(pk=unsubmitted_practice.pk).live


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("bulk-publish-other", "POST"),
        ("admin-api-publish-other", "POST"),
        ("edit-other-change-title", "POST"),
        ("delete-other", "POST"),
    ],
)
def test_the_refused_requests_do_work_for_a_superuser(client, world, name, method):
    """Controls: the matrix's requests are well-formed, so their refusal is a real refusal."""
    (target,) = [t for t in TARGETS if t.name == name and t.method == method]
    before = snapshot(world)
    response = send(client, world, "superuser", target)
    assert response.status_code in (200, 302)
    assert snapshot(world)["other draft"] != before["other draft"]
