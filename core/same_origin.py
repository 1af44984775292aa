"""Cross-site form posts refused by the browser's own headers, for forms that carry no CSRF token.

The public forms sit on pages every reader shares from a cache, so they cannot hold a per-reader
token. Browsers say where a post came from: Sec-Fetch-Site (every current browser) or Origin.
This is the check Go's net/http CrossOriginProtection makes (docs/security.md).
"""

from urllib.parse import urlsplit

from django.conf import settings

ALLOWED_FETCH_SITES = {"same-origin", "none"}


def is_cross_site(request):
    """True when a browser says this post came from another site's page."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site not in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is None:
        # No browser sends a cross-site post without either header; a script can forge both anyway.
        return False
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return False
    parts = urlsplit(origin)
    return (parts.scheme, parts.netloc) != (request.scheme, request.get_host())
