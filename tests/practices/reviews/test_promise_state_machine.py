"""A stateful test that tries to break the promise: what is live is exactly what a panel of parents approved.

Its rules are what editors, moderators, parent reviewers and a superuser can do, through the admin
where Wagtail offers it: edit, submit, review (several parents at once), sign off or reject,
cancel, copy (publish copies, alias), publish directly, revert, schedule, bulk publish, unpublish,
delete, replace or delete a resource's file. After every step it checks, with its own record of
what parents approved (not the app's), that every live practice shows approved content, whose
file bytes are the reviewed bytes, with the tally of the round that approved it; the only other
live content is what a superuser published on purpose.
"""

import datetime
import hashlib
import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState

from practices.models import PracticePage
from practices.reviews.approval import EMERGENCY_PUBLISH
from practices.reviews.models import ParentReviewTaskState
from practices.reviews.rules import RoundClosed, submit_review
from tests.practices.factories import (
    MINIMAL_PDF,
    DocumentFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    PracticeResourceFactory,
    make_user,
    review_answers,
)
from tests.practices.reviews.test_permissions import edit_form_data

PARENTS = 5
EXAMPLES = int(os.environ.get("PROMISE_EXAMPLES", "200"))
STEPS = 10
SEQUENCES = set()


def projection(page):
    """What parents judge, read independently of the app's own comparison."""
    return (
        page.title,
        page.summary,
        page.intervention,
        page.why_bright_spot,
        tuple(
            (block.block_type, block.value["title"], block.value["detail"].source)
            for block in page.steps
        ),
        page.county,
        page.state,
        tuple(sorted(t.pk for t in page.topics.all())),
        tuple(sorted(o.pk for o in page.organisations.all())),
        tuple(
            (resource.document_id, resource.title, file_hash(resource.document))
            for resource in page.resources.all()
        ),
    )


def file_hash(document):
    with document.file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


class PromiseMachine(RuleBasedStateMachine):
    """One library, two practices (one live, one draft), one shared resource file."""

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.steps = []
        world = self.world
        self.library = world["library"]
        self.users = world["users"]
        self.document = world["document"]
        self.practices = list(world["practices"])
        # The oracle: per practice, (projection, reviewers, recommending) of each round that passed.
        self.approved = {pk: list(rounds) for pk, rounds in world["approved"].items()}
        self.emergency = {pk: [] for pk in self.approved}
        self.live_before = self.live_projections()
        self.allowed_to_change = set()

    world = None  # set by the test, built once

    def teardown(self):
        SEQUENCES.add(tuple(self.steps))
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def client(self, role):
        client = Client()
        client.force_login(self.users[role])
        return client

    def page(self, index):
        """One of the practices still there (a rule may have deleted the other)."""
        pk = self.practices[index % len(self.practices)]
        return PracticePage.objects.filter(pk=pk).first() or PracticePage.objects.get(
            pk=self.practices[0]
        )

    def live_projections(self):
        return {
            page.pk: projection(page)
            for page in PracticePage.objects.live().prefetch_related("resources")
        }

    def edit(self, role, page, **extra):
        latest = page.get_latest_revision_as_object()
        return self.client(role).post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            edit_form_data(latest, **extra),
        )

    # --- Editors ------------------------------------------------------------------------------

    @rule(
        which=st.integers(0, 1), field=st.sampled_from(["summary", "title", "feedback"])
    )
    def editor_edits(self, which, field):
        self.steps.append(f"edit-{field}")
        page = self.page(which)
        if field == "feedback":
            self.edit("editor", page, **{"feedback_summary-0-value": "Alia's words."})
        else:
            value = f"{getattr(page, field)} (edited {len(self.steps)})"[:250]
            self.edit("editor", page, **{field: value})

    @rule(which=st.integers(0, 1))
    def editor_submits(self, which):
        self.steps.append("submit")
        self.edit("editor", self.page(which), **{"action-submit": "action-submit"})

    @rule(which=st.integers(0, 1))
    def editor_cancels(self, which):
        self.steps.append("cancel")
        self.edit(
            "editor",
            self.page(which),
            **{"action-cancel-workflow": "action-cancel-workflow"},
        )

    @rule(which=st.integers(0, 1), role=st.sampled_from(["editor", "moderator"]))
    def publish_directly(self, which, role):
        self.steps.append(f"publish-{role}")
        self.edit(role, self.page(which), **{"action-publish": "action-publish"})

    @rule(which=st.integers(0, 1))
    def moderator_reverts_and_publishes(self, which):
        self.steps.append("revert")
        page = self.page(which)
        first = page.revisions.order_by("created_at").first()
        if first is None:
            return
        old = first.as_object()
        self.client("moderator").post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            edit_form_data(
                old, revision=first.pk, **{"action-publish": "action-publish"}
            ),
        )

    @rule(which=st.integers(0, 1))
    def editor_schedules(self, which):
        self.steps.append("schedule")
        yesterday = (datetime.datetime.now() - datetime.timedelta(days=1)).strftime(
            "%Y-%m-%d %H:%M"
        )
        self.edit("moderator", self.page(which), go_live_at=yesterday)
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115

    @rule(which=st.integers(0, 1), option=st.sampled_from(["publish_copies", "alias"]))
    def moderator_copies(self, which, option):
        self.steps.append(f"copy-{option}")
        page = self.page(which)
        slug = f"copy-{len(self.steps)}-{page.pk}"
        self.client("moderator").post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {
                "new_title": f"{page.title} copy",
                "new_slug": slug,
                "new_parent_page": self.library.pk,
                option: "on",
            },
        )

    @rule(which=st.integers(0, 1))
    def moderator_bulk_publishes(self, which):
        self.steps.append("bulk-publish")
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        self.client("moderator").post(f"{url}?id={self.page(which).pk}")

    @rule(which=st.integers(0, 1))
    def moderator_unpublishes(self, which):
        self.steps.append("unpublish")
        page = self.page(which)
        self.client("moderator").post(
            reverse("wagtailadmin_pages:unpublish", args=[page.pk])
        )

    @rule(which=st.integers(0, 1))
    def moderator_deletes(self, which):
        self.steps.append("delete")
        page = self.page(which)
        if len(self.practices) == 1:
            return  # keep one practice to act on
        self.client("moderator").post(
            reverse("wagtailadmin_pages:delete", args=[page.pk])
        )
        if not PracticePage.objects.filter(pk=page.pk).exists():
            self.practices.remove(page.pk)

    @rule()
    def editor_replaces_the_file(self):
        self.steps.append("replace-file")
        self.client("editor").post(
            reverse("wagtaildocs:edit", args=[self.document.pk]),
            {
                "title": "Guide",
                "collection": self.document.collection_id,
                "file": ContentFile(MINIMAL_PDF + b"%new bytes", name="guide-v2.pdf"),
            },
        )

    @rule()
    def editor_deletes_the_file(self):
        self.steps.append("delete-file")
        self.client("editor").post(
            reverse("wagtaildocs:delete", args=[self.document.pk])
        )

    # --- Parents and the moderator's sign-off ---------------------------------------------------

    @rule(
        which=st.integers(0, 1),
        votes=st.lists(st.booleans(), min_size=1, max_size=PARENTS),
    )
    def parents_review_at_once(self, which, votes):
        self.steps.append(f"review-{len(votes)}")
        page = self.page(which)
        state = page.current_workflow_task_state
        if state is None or not isinstance(state.specific, ParentReviewTaskState):
            return
        state = state.specific
        read = projection(state.revision.as_object())
        counted = []
        for number, recommends in enumerate(votes):
            parent = self.users[f"parent{number}"]
            try:
                submit_review(
                    state,
                    parent,
                    **review_answers("recommend" if recommends else "do_not_recommend"),
                )
                counted.append(recommends)
            except (
                RoundClosed,
                IntegrityError,
            ):  # closed, or this parent already reviewed
                pass
        state.refresh_from_db()
        if state.status == TaskState.STATUS_APPROVED:
            stored = state.reviews.all()
            self.approved[page.pk].append(
                (read, stored.count(), stored.positive().count())
            )

    @rule(which=st.integers(0, 1), decision=st.sampled_from(["approve", "reject"]))
    def moderator_signs_off(self, which, decision):
        self.steps.append(f"sign-off-{decision}")
        page = self.page(which)
        state = page.current_workflow_task_state
        if state is None or isinstance(state.specific, ParentReviewTaskState):
            return
        if decision == "approve":
            self.allowed_to_change.add(page.pk)
        state.specific.task.specific.on_action(
            state.specific, self.users["moderator"], decision
        )

    @rule(which=st.integers(0, 1))
    def superuser_publishes_in_an_emergency(self, which):
        self.steps.append("superuser-publish")
        page = self.page(which)
        self.edit(
            "superuser",
            page,
            summary=f"Urgent correction {len(self.steps)}",
            **{"action-publish": "action-publish"},
        )
        page = PracticePage.objects.get(pk=page.pk)
        if page.live:
            self.emergency[page.pk].append(projection(page))
            self.allowed_to_change.add(page.pk)

    # --- The promise ----------------------------------------------------------------------------

    @invariant()
    def what_is_live_is_what_parents_approved(self):
        live = self.live_projections()
        for pk, shown in live.items():
            assert pk in self.approved, f"a practice nobody reviewed is live: {pk}"
            if shown != self.live_before.get(pk):
                assert pk in self.allowed_to_change, (
                    f"practice {pk} went live or changed without sign-off: {self.steps}"
                )
            matching = [r for r in self.approved[pk] if r[0] == shown]
            page = PracticePage.objects.get(pk=pk)
            tally = page.parent_review
            if matching:
                _, reviewers, recommending = matching[-1]
                assert tally is not None, f"{pk} lost its tally: {self.steps}"
                assert (tally.reviewer_count, tally.recommend_count) == (
                    reviewers,
                    recommending,
                ), self.steps
            else:
                assert shown in self.emergency[pk], (
                    f"practice {pk} shows content no parent approved: {self.steps}"
                )
                assert PageLogEntry.objects.filter(
                    page=page, action=EMERGENCY_PUBLISH
                ).exists()
                assert tally is None, self.steps
        self.live_before = live
        self.allowed_to_change = set()


def build_world(home_page):
    users = {
        "editor": make_user("sm-editor", "Editors"),
        "moderator": make_user("sm-moderator", "Moderators"),
        "superuser": make_user("sm-root", is_superuser=True, is_staff=True),
        **{
            f"parent{n}": make_user(f"sm-parent{n}", "Parent reviewers")
            for n in range(PARENTS)
        },
    }
    library = PracticeIndexPageFactory(parent=home_page)
    document = DocumentFactory(
        title="Guide", file=ContentFile(MINIMAL_PDF, name="guide.pdf")
    )
    live = PracticePageFactory(
        parent=library, title="Kin first", slug="kin-first", live=False
    )
    PracticeResourceFactory(page=live, document=document, title="Guide")
    live = PracticePage.objects.get(pk=live.pk)
    live.save_revision(user=users["editor"])
    state = live.get_workflow().start(live, users["editor"]).current_task_state.specific
    read = projection(state.revision.as_object())
    for number in range(3):
        submit_review(state, users[f"parent{number}"], **review_answers("recommend"))
    sign_off = PracticePage.objects.get(pk=live.pk).current_workflow_task_state.specific
    sign_off.task.specific.on_action(sign_off, users["moderator"], "approve")
    draft = PracticePageFactory(
        parent=library, title="Family time", slug="family-time", live=False
    )
    draft.save_revision(user=users["editor"])
    assert PracticePage.objects.get(pk=live.pk).live
    return {
        "users": users,
        "library": library,
        "document": document,
        "practices": [live.pk, draft.pk],
        "approved": {live.pk: [(read, 3, 3)], draft.pk: []},
    }


@pytest.mark.django_db
def test_no_sequence_of_actions_puts_unapproved_content_live(home_page, capsys):
    PromiseMachine.world = build_world(home_page)
    SEQUENCES.clear()
    run = PromiseMachine.TestCase
    run.settings = settings(
        max_examples=EXAMPLES,
        stateful_step_count=STEPS,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    run().runTest()
    # Enough different journeys to matter, not the same few repeated.
    assert len(SEQUENCES) >= EXAMPLES // 2
    with capsys.disabled():
        print(f"\npromise state machine: {len(SEQUENCES)} distinct action sequences")  # noqa: T201 -- the figure for the review notes
