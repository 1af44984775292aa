"""Site navigation built from the pages editors mark “Show in menus”."""

from django import template
from django.conf import settings
from django.core.cache import cache

from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Site

from core.models import ContentChange

register = template.Library()


def menu_pages(request, site):
    """(title, url, path) of the site's menu pages, kept until published content next changes."""
    key = f"menu:{site.pk}:{ContentChange.last().isoformat()}"
    pages = cache.get(key)
    if pages is None:
        pages = [
            (page.title, page.get_url(request), page.path)
            for page in site.root_page.get_children().live().public().in_menu()
        ]
        cache.set(key, pages, 300)
    return pages


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def primary_navigation(context):
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = []
    if site:
        for title, url, path in menu_pages(request, site):
            items.append(
                {
                    "title": title,
                    "url": url,
                    "current": current is not None and current.path.startswith(path),
                }
            )
    return {"items": items, "request": request}


@register.simple_tag(takes_context=True)
def editor_userbar(context):
    """Wagtail's userbar, only where a session cookie came with the request.

    Looking for the user reads the session, and Django then sends Vary: Cookie; without a
    session cookie there is nobody to show the userbar to, so an anonymous reader's page stays
    the same bytes for everyone and can be cached (docs/performance.md).
    """
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    return wagtailuserbar(context)
