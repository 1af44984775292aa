from wagtail import hooks

from .middleware import mark_public


@hooks.register("before_serve_page")
def public_pages_may_be_cached(page, request, serve_args, serve_kwargs):
    """A live page anyone may read is the same for every anonymous reader; a restricted one never is."""
    if not page.get_view_restrictions().exists():
        mark_public(request)
