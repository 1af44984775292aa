from functools import wraps

from .middleware import mark_public


def public_page(view):
    """A view whose answer is the same for every anonymous reader (site search, the sitemap)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        mark_public(request)
        return view(request, *args, **kwargs)

    return wrapped
