"""HTTP behaviour shared by API v2 and v3: a rate limit for anonymous clients and cache validators."""

import datetime
import functools
import hashlib
import importlib
import json
from pathlib import Path

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.crypto import salted_hmac
from django.utils.http import http_date

import wagtail
from wagtail.api.v3.errors import problem_response
from wagtail.models import APIToken

from core import ratelimit
from core.models import ContentChange

API_PREFIX = "/api/"
# Beyond any real listing; larger offsets overflow PostgreSQL's bigint instead of finding nothing.
MAX_OFFSET = 1_000_000
# v2 lists whose answer follows from the published content and the request alone, so their ETag
# is known before the list is built. Not images: their download URLs are signed and expire.
LISTS_WITH_EARLY_VALIDATORS = frozenset(
    f"{API_PREFIX}v2/{endpoint}/"
    for endpoint in ("pages", "documents", "topics", "populations")
)
# The code that shapes a list's answer: a deploy that changes it changes every list's ETag.
ANSWER_MODULES = [
    "practices.api.fields",
    "practices.api.v2",
    "practices.blocks",
    "practices.models.pages",
    "practices.models.snippets",
    "practices.reviews.tally",
    "practices.rich_text",
]


def parameter_error(request):
    """What neither API accepts in any parameter, checked once here rather than in each view."""
    # PostgreSQL refuses NUL in text, which Wagtail's search, locale and site filters pass on.
    if any("\x00" in value for _, values in request.GET.lists() for value in values):
        return "Parameters cannot contain null characters."
    offset = request.GET.get("offset", "0")
    if offset.isdigit() and int(offset) > MAX_OFFSET:
        return f"offset cannot be higher than {MAX_OFFSET}"
    return None


def bad_request(request, message):
    """A 400 in each API's own error format: problem+json for v3, {"message"} for v2."""
    if request.path.startswith(f"{API_PREFIX}v3/"):
        return problem_response(status=400, detail=message)
    return JsonResponse({"message": message}, status=400)


def bearer_token(request):
    scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def token_is_valid(token):
    # Wagtail's BearerTokenAuth does this lookup too, but also sets request.user and records use.
    if not APIToken.validate_token_format(token):
        return False
    return APIToken.objects.filter(
        key_hash__in=APIToken.candidate_key_hashes(token),
        revoked_at__isnull=True,
        user__is_active=True,
    ).exists()


@functools.cache
def code_version():
    """Wagtail's version and a digest of the modules that shape an answer, the same in every worker."""
    digest = hashlib.sha256(wagtail.__version__.encode())
    for name in ANSWER_MODULES:
        digest.update(Path(importlib.import_module(name).__file__).read_bytes())
    return digest.hexdigest()


def list_etag(request, changed_at):
    """A v2 list's ETag from all that its answer depends on, or None where only the body can say.

    The published content (its change stamp), the normalised query, the host and scheme (absolute
    URLs), Accept (JSON or the browsable page) and the code. Signed with SECRET_KEY, so a client
    only holds the ETag of a request that was answered 200 under that stamp: a matching
    If-None-Match proves the request is valid and its answer unchanged, before any of it is read.
    """
    if request.path not in LISTS_WITH_EARLY_VALIDATORS:
        return None
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return None
    if any(value.lstrip("-") == "random" for value in request.GET.getlist("order")):
        return None  # a new order every time
    parts = [
        request.path,
        sorted(request.GET.lists()),
        request.scheme,
        request.META.get("HTTP_HOST", ""),
        request.META.get("HTTP_ACCEPT", ""),
        changed_at.isoformat(),
        code_version(),
        settings.WAGTAILAPI_BASE_URL,
    ]
    digest = salted_hmac("practices.api.http.list_etag", json.dumps(parts)).hexdigest()
    return f'"{digest[:32]}"'


def usable_last_modified(changed_at):
    """The change stamp as Last-Modified, once its second is over; until then only the ETag can tell.

    Last-Modified counts whole seconds: a change later in the stamp's own second would go unseen by
    If-Modified-Since.
    """
    if timezone.now() - changed_at >= datetime.timedelta(seconds=1):
        return int(changed_at.timestamp())
    return None


def not_modified(request):
    """A 304 for a v2 list whose validators match, once the view has checked every parameter; else None.

    Called before the list is counted or serialised, so a client that has the answer costs no more
    than the parameter checks. Bad parameters never reach this, so they stay 4xx.
    """
    etag = getattr(request, "api_list_etag", None)
    if etag is None:
        return None
    return get_conditional_response(
        request,
        etag=etag,
        last_modified=usable_last_modified(request.api_changed_at),
    )


def mark_public(response, etag, last_modified):
    """Cache-Control, Vary and the validators of an answer any client without a token may share."""
    patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
    patch_vary_headers(response, ["Authorization", "Accept"])
    # Sessions add "Vary: Cookie", but cookies never reach the API (above): keep shared caches useful.
    response["Vary"] = ", ".join(
        header.strip()
        for header in response["Vary"].split(",")
        if header.strip().lower() != "cookie"
    )
    if etag is not None:
        response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response


class ApiHttpMiddleware:
    """Anonymous API clients share a per-IP budget; public answers carry Cache-Control, ETag and Last-Modified.

    One middleware for both APIs rather than DRF's and django-ninja's own throttles and Django's
    condition(): v2 and v3 share one budget and one notion of "content changed", and the
    throttles of both count a token-less v3 request as authenticated.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        # The API answers everyone without a token alike: no session, so no page password or
        # login a browser holds can change an answer that shared caches keep.
        request.META.pop("HTTP_COOKIE", None)
        request.COOKIES = {}
        # Read before the view runs: content published meanwhile only makes this stamp older.
        last_modified = ContentChange.last()

        token = bearer_token(request)
        if token is None or not token_is_valid(token):
            wait = ratelimit.hit(
                "api", ratelimit.client_ip(request), settings.API_ANON_RATE_LIMIT, 60
            )
            if wait:
                response = JsonResponse(
                    {
                        "message": f"Too many requests: anonymous clients may make "
                        f"{settings.API_ANON_RATE_LIMIT} a minute. Try again in {wait} seconds, "
                        "or ask Bright Spots for an API token."
                    },
                    status=429,
                )
                response["Retry-After"] = str(wait)
                return response

        message = parameter_error(request)
        if message:
            return bad_request(request, message)

        request.api_changed_at = last_modified
        request.api_list_etag = etag = list_etag(request, last_modified)
        if etag is not None and "*" not in request.META.get("HTTP_IF_NONE_MATCH", "*"):
            # Only If-None-Match here, before the view: the signed ETag vouches for the request.
            # If-Modified-Since and "*" vouch for nothing, so for them the view checks it first.
            early = get_conditional_response(request, etag=etag)
            if early is not None and early.status_code == 304:
                return mark_public(early, etag, usable_last_modified(last_modified))

        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.streaming:
            return response
        if response.status_code == 304 and etag is not None:
            # The view's own 304 (practices.api.v2), once it checked the parameters.
            return mark_public(response, etag, usable_last_modified(last_modified))
        if response.status_code != 200:
            return response
        if "HTTP_AUTHORIZATION" in request.META:
            # An answer for a token may hold drafts: never kept by a shared cache.
            patch_cache_control(response, private=True, no_store=True)
            return response
        # v2 and v3 ignore cookies, so every other answer is the public one.
        if etag is None:
            set_response_etag(response)
            etag = response.get("ETag")
        mark_public(response, etag, usable_last_modified(last_modified))
        return get_conditional_response(
            request,
            etag=etag,
            last_modified=usable_last_modified(last_modified),
            response=response,
        )
