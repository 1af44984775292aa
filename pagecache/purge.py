"""Which addresses show a piece of content, so a change purges exactly those (app cache and CDN alike).

A path "/x/" stands for that page with any query string; "/x/*" for it and everything below it;
"*" for the whole site. The CDN gets the same list as absolute URLs (cdn_urls).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, ReferenceIndex, Site

from practices.models.index import PracticeIndexPage
from practices.models.pages import PracticePage

from . import store

SEARCH_PATH = "/search/"


def site_paths(url_path):
    """The path of a page's url_path on each site whose tree holds it."""
    return [
        "/" + url_path[len(root_path) :]
        for _, root_path, _, _ in Site.get_site_root_paths()
        if url_path.startswith(root_path)
    ]


def sitemap_paths():
    return list(settings.PAGE_CACHE_SITEMAP_PATHS)


def page_change(page, url_paths=()):
    """A page published, unpublished, moved, restricted or deleted: what showed it, at every address it had."""
    paths = {SEARCH_PATH, *sitemap_paths()}
    for url_path in {page.url_path, *url_paths}:
        for path in site_paths(url_path):
            # The page, whatever is below it (breadcrumbs, old addresses), and the listings above it.
            paths.add(path + "*")
            parent = path
            while parent != "/":
                parent = parent.rstrip("/").rpartition("/")[0] + "/"
                paths.add(parent)
    if page.depth <= 3:
        # The site menu (top-level pages shown in menus) is on every page.
        paths.add(store.EVERYTHING)
    paths.update(referring_page_paths(page))
    return paths


def referring_page_paths(obj):
    """Live pages that link to or choose this object (rich text links, choosers, featured lists)."""
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return live_page_paths(Page.objects.filter(pk__in={int(pk) for pk in page_ids}))


def live_page_paths(pages):
    paths = set()
    for url_path in pages.live().values_list("url_path", flat=True):
        paths.update(site_paths(url_path))
    return paths


def label_change(instance):
    """A topic, population or organisation renamed or removed: cards, filters and practices naming it."""
    paths = live_page_paths(PracticePage.naming(instance))
    paths.add(SEARCH_PATH)
    paths.update(listing_paths())
    return paths


def listing_paths():
    """The library (with every filter and page of results) and the home page with its featured cards."""

    paths = live_page_paths(PracticeIndexPage.objects.all())
    paths.update(live_page_paths(Page.objects.filter(depth=2)))
    return paths


def document_change(document):
    """A document's title or file changed: the practices listing it and pages linking to it."""

    paths = live_page_paths(
        PracticePage.objects.filter(resources__document=document).distinct()
    )
    paths.update(referring_page_paths(document))
    return paths


def cdn_urls(paths):
    """The same list for wagtail.contrib.frontend_cache: each path on each site's root URL."""
    urls = []
    roots = {root_url for _, _, root_url, _ in Site.get_site_root_paths()}
    for root_url in sorted(roots):
        for path in sorted(paths):
            if path == store.EVERYTHING:
                urls.append(f"{root_url}/*")
            elif path.endswith("*"):
                urls.append(f"{root_url}{path}")
            else:
                # CloudFront keeps query strings apart; "?*" reaches every filter of a listing.
                urls += [f"{root_url}{path}", f"{root_url}{path}?*"]
    return urls


def purge(paths):
    """Purge now from the app cache, and ask the CDN (if configured) to drop the same addresses."""
    if not paths:
        return
    store.purge(paths)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache(cdn_urls(paths))
