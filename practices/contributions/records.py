"""What editors do with contributions: draft a practice from one, and delete personal data on time or on request."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.text import Truncator, capfirst, slugify

from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from practices.models import Organisation, PracticePage

from .models import PracticeFeedback, PracticeSubmission


def paragraphs(text):
    return "".join(
        format_html("<p>{}</p>", part.strip())
        for part in text.replace("\r", "").split("\n\n")
        if part.strip()
    )


@transaction.atomic
def create_draft_practice(submission, library, user):
    """A draft practice in the library, pre-filled from the submission and linked to it; once only."""
    if submission.practice_id:
        return submission.practice, False
    intervention = paragraphs(submission.description)
    if submission.runs_it:
        intervention += format_html("<p>Who runs it: {}</p>", submission.runs_it)
    if submission.link_list:
        intervention += "<ul>{}</ul>".format(
            "".join(
                format_html('<li><a href="{}">{}</a></li>', link, link)
                for link in submission.link_list
            )
        )
    title = Truncator(submission.practice_name).chars(255)
    # A name of emoji or punctuation slugifies to nothing, and a long one leaves no room for "-2".
    slug = slugify(title, allow_unicode=True)[:200].strip("-") or "practice"
    page = PracticePage(
        title=title,
        slug=find_available_slug(library, slug),
        summary=Truncator(" ".join(submission.description.split())).chars(300),
        intervention=intervention,
        why_bright_spot=paragraphs(submission.why_it_helps),
        county=Truncator(submission.county).chars(120),
        state=submission.practice_state,
        year_started=submission.year_started,
        live=False,
        owner=user,
    )
    # Set before add_child: it saves the page, and with it these many-to-many choices.
    page.topics.set(submission.topics.all())
    organisation = Organisation.objects.filter(
        name__iexact=submission.runs_it.strip()
    ).first()
    if organisation:
        page.organisations.set([organisation])
    library.add_child(instance=page)
    # A draft may have gaps (the public form asks less than a practice needs); Wagtail's editor
    # saves drafts the same way, and checks everything when the practice is sent to review.
    page.save_revision(user=user, log_action=False, clean=False)
    log(page, "wagtail.create", user=user)
    submission.practice = page
    submission.save(update_fields=["practice", "updated_at"])
    log(
        submission,
        "practices.contribution.draft",
        user=user,
        data={"page_id": page.pk},
    )
    return page, True


def missing_before_review(page):
    """What the draft still needs before parents can review it, as the editor labels it."""
    try:
        page.full_clean()
        missing = set()
    except ValidationError as error:
        missing = set(error.message_dict)
    if not page.steps:
        missing.add("steps")
    return [
        capfirst(field.verbose_name)
        for field in page._meta.get_fields()
        if field.name in missing and hasattr(field, "verbose_name")
    ]


def contribution_models():
    return [PracticeSubmission, PracticeFeedback]


def _delete_logged(matching, action, user=None, data=None, dry_run=False):
    """Delete the records `matching(model)` finds, each with an audit-log line naming it only by number.

    A submission's file goes with it (practices.contributions.signals). Returns how many, by model.
    """
    counts = {}
    with transaction.atomic():
        for model in contribution_models():
            records = matching(model)
            if dry_run:
                counts[model] = records.count()
                continue
            counts[model] = 0
            for record in records:
                log(record, action, user=user, data=data or {})
                record.delete()
                counts[model] += 1
    return counts


def purge_contributions(days=None, user=None, dry_run=False):
    """Delete every submission and feedback received more than `days` ago."""
    days = settings.CONTRIBUTIONS_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return _delete_logged(
        lambda model: model.objects.filter(created_at__lt=cutoff),
        "practices.contribution.purge",
        user=user,
        data={"retention_days": days},
        dry_run=dry_run,
    )


def erase_person(email, user=None, dry_run=False):
    """Delete everything a person sent, found by email address: theirs, and any record whose text mentions it."""
    email = email.strip()

    def matching(model):
        match = Q(email__iexact=email)
        for field in model.free_text_fields:
            match |= Q(**{f"{field}__icontains": email})
        return model.objects.filter(match)

    return _delete_logged(
        matching, "practices.contribution.erase", user=user, dry_run=dry_run
    )


def describe_counts(counts):
    """“1 practice submission, 2 practice feedback” from counts keyed by model."""
    parts = [
        f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
        for model, count in counts.items()
        if count
    ]
    return escape(" and ".join(parts) if parts else "nothing")
