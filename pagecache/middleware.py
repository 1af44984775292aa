"""Serve anonymous readers' public pages from the shared page cache, and answer 304s without rendering.

Only a response a view marked as public (`mark_public`, pagecache.wagtail_hooks for Wagtail
pages) is stored, only for a GET or HEAD without a session cookie, and only a 200 that set no
cookie. Everything else passes through untouched, apart from `Cache-Control: private` on
responses to signed-in people, so no shared cache keeps them (docs/performance.md).
"""

import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from . import store

# Headers a cached page keeps; the rest (Date, cookies, Content-Length) are made per answer.
KEPT_HEADERS = {
    "content-type",
    "content-language",
    "x-frame-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "x-content-type-options",
    "link",
}


def mark_public(request):
    """Say this request's answer is the same for every anonymous reader and may be cached."""
    request.page_cache_public = True


def is_anonymous_read(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
    )


def cache_control(response):
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    )
    patch_vary_headers(response, ["Accept-Encoding"])


def not_modified(request, entry):
    """The entry's validators match what the reader already has."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = parse_etags(if_none_match)
        weak = entry["etag"].removeprefix("W/")
        return "*" in tags or any(tag.removeprefix("W/") == weak for tag in tags)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    return since is not None and entry["last_modified"] <= since


def accepts_gzip(accept_encoding):
    for coding in accept_encoding.split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def answer(request, entry):
    """The cached page as a response: 304, gzip for a reader that takes it, or plain bytes."""
    if not_modified(request, entry):
        response = HttpResponseNotModified()
    else:
        wants_gzip = accepts_gzip(request.headers.get("Accept-Encoding", ""))
        body = entry["gzip"] if wants_gzip else store.body_of(entry)
        response = HttpResponse(b"" if request.method == "HEAD" else body)
        for name, value in entry["headers"]:
            response.headers[name] = value
        if wants_gzip:
            response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(body))
    response.headers["ETag"] = entry["etag"]
    response.headers["Last-Modified"] = http_date(entry["last_modified"])
    cache_control(response)
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or not is_anonymous_read(request):
            return self.private(request, self.get_response(request))
        host, path, query = (
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
        )
        entry, generations = store.lookup(host, path, query)
        if entry is not None:
            return answer(request, entry)
        response = self.get_response(request)
        if not self.storable(request, response):
            return response
        entry = store.store(
            host,
            path,
            query,
            generations,
            response.content,
            [(k, v) for k, v in response.headers.items() if k.lower() in KEPT_HEADERS],
            # When stored: never earlier than the change whose purge made room for it, even if two
            # publishes commit out of order, so an If-Modified-Since never gets a stale 304.
            int(time.time()),
        )
        return answer(request, entry)

    @staticmethod
    def storable(request, response):
        return (
            getattr(request, "page_cache_public", False)
            and not getattr(request, "is_preview", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "Cache-Control" not in response
            and "Content-Encoding" not in response
        )

    @staticmethod
    def private(request, response):
        # A page built for a signed-in person (or anything after a session) is never a shared cache's.
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and "Cache-Control" not in response
        ):
            patch_cache_control(response, private=True, no_cache=True)
        return response
