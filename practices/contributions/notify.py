"""Telling Alia's editors that something new came in from the public."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator

logger = logging.getLogger(__name__)


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
