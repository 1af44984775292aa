"""Site-wide search over published, public pages, and the library search box's suggestions."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from wagtail.models import Page

from core.models import ContentChange
from core.search import MAX_QUERY_LENGTH, promotions_for
from pagecache.decorators import public_page
from practices.models import PracticeIndexPage, PracticePage

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
# The total and each page of results are kept until content next changes, or this long at most.
CACHE_SECONDS = 300


def query_from(request):
    # A NUL byte cannot reach PostgreSQL; nothing else typed needs special handling.
    return request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]


def cached(key, work):
    """What ``work()`` returns, kept for CACHE_SECONDS under ``key``."""
    value = cache.get(key)
    if value is None:
        value = work()
        cache.set(key, value, CACHE_SECONDS)
    return value


def best_matches(results):
    """(how many match, the ids of the first SEARCH_RANKED_MATCHES results in order)."""
    if hasattr(results, "best"):  # the PostgreSQL backend: one statement
        best = results.best()
        if best is not None:
            return best
    return results.count(), [
        page.pk for page in results[: settings.SEARCH_RANKED_MATCHES]
    ]


def results_page(query, number):
    """One page of results, best first; which pages are on it is kept until content changes.

    Like the library's (practices/library/search.py): ids in the cache, under a key that holds
    the site's content-change stamp, so a change makes every older answer unreachable.
    """
    described = repr((query, ContentChange.last().isoformat()))
    key = "site-search:" + hashlib.sha256(described.encode()).hexdigest()
    results = Page.objects.live().public().search(query, operator="and")
    total, best = cached(key, lambda: best_matches(results))
    # The paginator pages a range, so a total from the cache costs no count.
    page = Paginator(range(total), RESULTS_PER_PAGE).get_page(number)
    start, stop = page.start_index() - 1, page.end_index()
    if stop <= len(best):
        ids = best[max(start, 0) : stop]
    else:
        # Past the scored matches (page 31 on, by default): the rest, newest first.
        ids = cached(
            f"{key}:{page.number}",
            lambda: [result.pk for result in results[start:stop]],
        )
    found = Page.objects.specific().in_bulk(ids)
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


@public_page
def search(request):
    """Search every published page; the library's faceted search lives on /library/."""
    query = query_from(request)
    if query:
        page_obj = results_page(query, request.GET.get("page"))
    else:
        page_obj = Paginator([], RESULTS_PER_PAGE).get_page(1)
    context = {
        "search_query": query,
        "search_results": page_obj,
        "promotions": (
            promotions_for(query, Page.objects.live().public())
            if page_obj.number == 1
            else []
        ),
        "library": PracticeIndexPage.objects.live().public().first(),
        "query_prefix": urlencode({"q": query}),
    }
    return TemplateResponse(request, "search/search.html", context)


def suggest(request):
    """Practice titles that start with what has been typed, for the library search box."""
    query = query_from(request)
    suggestions = []
    if len(query) >= 2:
        practices = (
            PracticePage.objects.live().public().autocomplete(query, operator="and")
        )
        suggestions = [
            {"title": page.title, "url": page.url} for page in practices[:SUGGESTIONS]
        ]
    response = JsonResponse({"query": query, "suggestions": suggestions})
    patch_cache_control(response, public=True, max_age=300)
    return response
