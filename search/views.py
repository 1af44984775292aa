"""Site-wide search over published, public pages."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Search every published page; the library's faceted search lives on /library/."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if query:
        results = Page.objects.live().public().specific().search(query)
    else:
        results = Page.objects.none()
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "search_query": query,
        "search_results": page_obj,
        "query_prefix": urlencode({"q": query}),
    }
    return TemplateResponse(request, "search/search.html", context)
