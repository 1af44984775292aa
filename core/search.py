"""What the site search and the library search share: the longest query, and editors' picks.

Editors' picks for the words a reader searched for come from Settings → Promoted search results.

Searches are never recorded (no Query.add_hit): what people look for on a child-welfare site is
sensitive, and words nobody picked must not fill the database (docs/search.md).
"""

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

MAX_QUERY_LENGTH = 200


@dataclass
class Promotion:
    title: str
    url: str
    description: str = ""


def promotions_for(query, pages):
    """The picks for these words in the editors' order: a page only if it is among ``pages``."""
    if not query:
        return []
    picks = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query)
        ).order_by("sort_order")
    )
    wanted = [pick.page_id for pick in picks if pick.page_id]
    shown = (
        {page.pk: page for page in pages.filter(pk__in=wanted).specific()}
        if wanted
        else {}
    )
    promotions = []
    for pick in picks:
        if pick.page_id in shown:
            page = shown[pick.page_id]
            blurb = page.search_description or getattr(page, "summary", "")
            promotions.append(
                Promotion(page.title, page.url, pick.description or blurb)
            )
        elif pick.page_id is None and pick.external_link_url:
            title = pick.external_link_text or pick.external_link_url
            promotions.append(
                Promotion(title, pick.external_link_url, pick.description)
            )
    return promotions
