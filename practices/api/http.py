"""HTTP behaviour shared by API v2 and v3: a rate limit for anonymous clients and cache validators."""

import datetime

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date

from wagtail.api.v3.errors import problem_response
from wagtail.models import APIToken

from core import ratelimit
from core.models import ContentChange

API_PREFIX = "/api/"
# Beyond any real listing; larger offsets overflow PostgreSQL's bigint instead of finding nothing.
MAX_OFFSET = 1_000_000


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

        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if response.streaming:
            return response
        if "HTTP_AUTHORIZATION" in request.META:
            # An answer for a token may hold drafts: never kept by a shared cache.
            patch_cache_control(response, private=True, no_store=True)
            return response
        # v2 and v3 ignore cookies, so every other answer is the public one.
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        patch_vary_headers(response, ["Authorization", "Accept"])
        # Sessions add "Vary: Cookie", but cookies never reach the API (above): keep shared caches useful.
        response["Vary"] = ", ".join(
            header.strip()
            for header in response["Vary"].split(",")
            if header.strip().lower() != "cookie"
        )
        set_response_etag(response)
        # Last-Modified counts whole seconds: a change later in the stamp's own second would go
        # unseen by If-Modified-Since, so the header waits until that second is over (ETag covers it).
        if timezone.now() - last_modified >= datetime.timedelta(seconds=1):
            response["Last-Modified"] = http_date(last_modified.timestamp())
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(last_modified.timestamp())
            if response.has_header("Last-Modified")
            else None,
            response=response,
        )
