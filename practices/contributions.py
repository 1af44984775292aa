"""Contributions from the public: spam checks, telling editors, drafting a practice, and deleting personal data."""

import datetime
import enum
import logging
import time

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.text import Truncator

from wagtail.log_actions import log

from core.ratelimit import client_ip, hit

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "extra_info"
TOKEN_FIELD = "form_started"  # noqa: S105 (a field name, not a secret)
TOKEN_SALT = "practices.contributions.form-started"  # noqa: S105


class Verdict(enum.Enum):
    PERSON = "person"
    BOT = "bot"
    # A person who left the form open for days: shown the form again, never silently dropped.
    STALE = "stale"


def form_token(now=None):
    """The signed time a form was shown; posting it back proves the form came from us, and when."""
    return signing.dumps(int(time.time() if now is None else now), salt=TOKEN_SALT)


def judge(data):
    """A filled honeypot, a missing or forged token, or a form sent too fast is a bot."""
    if data.get(HONEYPOT_FIELD):
        return Verdict.BOT
    try:
        shown_at = signing.loads(data.get(TOKEN_FIELD, ""), salt=TOKEN_SALT)
    except signing.BadSignature:
        return Verdict.BOT
    if not isinstance(shown_at, int):
        return Verdict.BOT
    age = time.time() - shown_at
    if age < settings.CONTRIBUTION_MIN_SECONDS:
        return Verdict.BOT
    if age > settings.CONTRIBUTION_FORM_MAX_AGE:
        return Verdict.STALE
    return Verdict.PERSON


def fresh_token_data(data):
    """The posted data with a token that is valid at once, for a form shown again to a person."""
    data = data.copy()
    data[TOKEN_FIELD] = form_token(time.time() - settings.CONTRIBUTION_MIN_SECONDS)
    return data


def seconds_to_wait(request):
    """0, or how long this address must wait: both forms share one budget per client address."""
    return hit(
        "contributions",
        client_ip(request),
        settings.CONTRIBUTION_RATE_LIMIT,
        settings.CONTRIBUTION_RATE_WINDOW,
    )


def notify_editors(contribution):
    """Email Alia's editors a link to the new record; the email itself holds no one's name, email or words."""
    admin_url = settings.WAGTAILADMIN_BASE_URL + admin_url_for(contribution, "inspect")
    kind = contribution._meta.model_name
    body = render_to_string(
        f"practices/emails/new_{kind}.txt",
        {"contribution": contribution, "admin_url": admin_url},
    )
    # One line, whatever was typed: a line break in a subject is refused by Django's mail.
    subject = Truncator(" ".join(contribution.notification_subject.split())).chars(120)

    def send():
        try:
            send_mail(
                subject.strip(),
                body.strip() + "\n",
                None,
                settings.CONTRIBUTIONS_NOTIFY_EMAIL,
            )
        except Exception:
            # The contribution is already saved; a mail outage must not turn it into an error page.
            logger.exception("Could not email editors about %s", contribution)

    transaction.on_commit(send)


def admin_url_for(contribution, action):
    opts = contribution._meta
    return reverse(
        f"{opts.app_label}_{opts.model_name}_modeladmin_{action}",
        args=[contribution.pk],
    )


def paragraphs(text):
    return "".join(
        format_html("<p>{}</p>", part.strip())
        for part in text.replace("\r", "").split("\n\n")
        if part.strip()
    )


@transaction.atomic
def create_draft_practice(submission, library, user):
    """A draft practice in the library, pre-filled from the submission and linked to it; once only."""
    from practices.models import Organisation, PracticePage

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
    page = PracticePage(
        title=Truncator(submission.practice_name).chars(255),
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
    page.save_revision(user=user, log_action=False)
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


def contribution_models():
    from practices.models import PracticeFeedback, PracticeSubmission

    return [PracticeSubmission, PracticeFeedback]


def _delete_logged(matching, action, user=None, data=None, dry_run=False):
    """Delete the records `matching(model)` finds, each with an audit-log line naming it only by number.

    A submission's file goes with it (practices.signals). Returns how many, by model.
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
