"""The sitemap: an index at /sitemap.xml and pages of at most SITEMAP_PAGE_SIZE addresses each.

Written by hand rather than with wagtail.contrib.sitemaps: that loads every page as its specific
model and renders a template per address, 1.6 s for 10,000 practices. No page type here changes
get_sitemap_urls, so each address is its url_path on the site, read with one query a page.
"""

import math
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse

from wagtail.models import Page, Site

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def site_pages(request):
    """(site root URL, the site's live public pages in tree order, length of the root's url_path)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = site.root_page
    pages = (
        Page.objects.descendant_of(root, inclusive=True)
        .live()
        .public()
        .order_by("path")
    )
    return site.root_url, pages, len(root.url_path)


def xml_response(body):
    return HttpResponse(XML_HEAD + body, content_type="application/xml")


def page_count(pages):
    return max(1, math.ceil(pages.count() / settings.SITEMAP_PAGE_SIZE))


def sitemap_index(request):
    """/sitemap.xml: where each page of the sitemap is."""
    root_url, pages, _ = site_pages(request)
    entries = "".join(
        f"<sitemap><loc>{escape(root_url)}/sitemaps/{number}.xml</loc></sitemap>"
        for number in range(1, page_count(pages) + 1)
    )
    return xml_response(f'<sitemapindex xmlns="{NAMESPACE}">{entries}</sitemapindex>\n')


def sitemap_page(request, number):
    """/sitemaps/<n>.xml: the n-th SITEMAP_PAGE_SIZE pages, in tree order, with when each was published."""
    root_url, pages, root_length = site_pages(request)
    if not 1 <= number <= page_count(pages):
        raise Http404
    start = (number - 1) * settings.SITEMAP_PAGE_SIZE
    rows = pages.annotate(
        changed=Coalesce("last_published_at", "latest_revision_created_at")
    ).values_list("url_path", "changed")[start : start + settings.SITEMAP_PAGE_SIZE]
    entries = []
    for url_path, changed in rows:
        location = escape(f"{root_url}/{url_path[root_length:]}")
        lastmod = f"<lastmod>{changed:%Y-%m-%d}</lastmod>" if changed else ""
        entries.append(f"<url><loc>{location}</loc>{lastmod}</url>")
    return xml_response(f'<urlset xmlns="{NAMESPACE}">{"".join(entries)}</urlset>\n')
