"""Site-wide search over published, public pages, and the library search box's suggestions."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from wagtail.models import Page

from core.search import MAX_QUERY_LENGTH, promotions_for
from pagecache.decorators import public_page
from practices.models import PracticeIndexPage, PracticePage

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8


def query_from(request):
    # A NUL byte cannot reach PostgreSQL; nothing else typed needs special handling.
    return request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]


@public_page
def search(request):
    """Search every published page; the library's faceted search lives on /library/."""
    query = query_from(request)
    if query:
        results = Page.objects.live().public().specific().search(query, operator="and")
    else:
        results = Page.objects.none()
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
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
