"""Telling people from bots on the public forms: a honeypot, a signed start time, and a rate limit."""

import enum
import time

from django.conf import settings
from django.core import signing

from core.ratelimit import client_ip, hit

HONEYPOT_FIELD = "extra_info"
TOKEN_FIELD = "form_started"  # noqa: S105 (a field name, not a secret)
TOKEN_SALT = "practices.contributions.form-started"  # noqa: S105


class Verdict(enum.Enum):
    PERSON = "person"
    BOT = "bot"
    # A person who left the form open for days: shown the form again, never silently dropped.
    STALE = "stale"
    # A form sent without its stamp (no JavaScript): shown again with one, to be sent once more.
    UNSTAMPED = "unstamped"


def form_token(now=None):
    """The signed time a form was shown; posting it back proves the form came from us, and when."""
    return signing.dumps(int(time.time() if now is None else now), salt=TOKEN_SALT)


def judge(data):
    """A filled honeypot, a forged token, or a form sent too fast is a bot; no token is asked for again."""
    if data.get(HONEYPOT_FIELD):
        return Verdict.BOT
    token = data.get(TOKEN_FIELD, "")
    if not token:
        return Verdict.UNSTAMPED
    try:
        shown_at = signing.loads(token, salt=TOKEN_SALT)
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
