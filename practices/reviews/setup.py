"""The groups, permissions and default workflow that parent review needs, created once after migrate."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from practices.models import PracticeIndexPage
from practices.setup import (
    EDITORS,
    MODERATORS,
    PARENT_REVIEWERS,
    SNIPPET_MODELS,
    WORKFLOW_NAME,
    permission,
)

from .models import ParentReviewTask


@transaction.atomic
def ensure_review_setup(app_config=None, verbosity=1, using="default", **kwargs):
    """Create what is missing; never change what an administrator has since configured."""
    if app_config is not None:
        # This app's post_migrate runs before auth's (INSTALLED_APPS order), so make its permissions now.
        create_permissions(app_config, verbosity=0, using=using)

    # Parents review at /review/, outside the admin: their group has no permissions at all, so the
    # admin refuses them whatever else it offers (docs/review-workflow.md).
    reviewers, _ = Group.objects.get_or_create(name=PARENT_REVIEWERS)

    for name in (EDITORS, MODERATORS):
        group = Group.objects.filter(name=name).first()
        if (
            group is None
            or group.permissions.filter(codename="view_parentreview").exists()
        ):
            continue
        codenames = ["view_parentreview"] + [
            f"{action}_{model}"
            for model in SNIPPET_MODELS
            for action in ("add", "change", "delete", "view")
        ]
        group.permissions.add(
            *(permission("practices", codename) for codename in codenames)
        )

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None and not ParentReviewTask.objects.exists():
        parent_task = ParentReviewTask.objects.create(name="Parent review")
        parent_task.groups.set([reviewers])
        sign_off = GroupApprovalTask.objects.create(name="Editorial sign-off")
        sign_off.groups.set(Group.objects.filter(name=MODERATORS))
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=parent_task, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=sign_off, sort_order=1)
        for library in PracticeIndexPage.objects.filter(workflowpage__isnull=True):
            WorkflowPage.objects.create(page=library, workflow=workflow)


def attach_workflow_to_new_library(sender, instance, created, raw=False, **kwargs):
    """A library created later (by an editor or the demo loader) gets the parent review workflow too."""
    if not created or raw:
        return
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(
            page=instance, defaults={"workflow": workflow}
        )
