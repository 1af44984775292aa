"""Resolve the links in a whole API listing's rich text with one query per link type.

Wagtail resolves links one rich-text value at a time, so a listing of 100 practices that link
to pages or documents costs two queries per practice. Within ``links_preloaded`` these handlers
answer from targets loaded once for the whole listing; elsewhere they behave as Wagtail's own.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

_preloaded = ContextVar("preloaded_link_targets", default=None)


class PreloadedLinksMixin:
    @classmethod
    def get_many(cls, attrs_list):
        preloaded = _preloaded.get()
        if preloaded is None:
            return super().get_many(attrs_list)
        known = preloaded.setdefault(cls.identifier, {})
        missing = [attrs for attrs in attrs_list if str(attrs.get("id")) not in known]
        if missing:
            for attrs, target in zip(missing, super().get_many(missing), strict=True):
                known[str(attrs.get("id"))] = target
        return [known.get(str(attrs.get("id"))) for attrs in attrs_list]


class PageLinks(PreloadedLinksMixin, PageLinkHandler):
    pass


class DocumentLinks(PreloadedLinksMixin, DocumentLinkHandler):
    pass


HANDLERS = {handler.identifier: handler for handler in (PageLinks, DocumentLinks)}


@contextmanager
def links_preloaded(html_values):
    """Inside this block, links found in ``html_values`` resolve without further queries."""
    ids = {identifier: set() for identifier in HANDLERS}
    for html in html_values:
        for match in FIND_A_TAG.finditer(html or ""):
            attrs = extract_attrs(match.group(1))
            if attrs.get("linktype") in ids and attrs.get("id"):
                ids[attrs["linktype"]].add(attrs["id"])
    token = _preloaded.set({})
    try:
        for identifier, handler in HANDLERS.items():
            if ids[identifier]:
                handler.get_many([{"id": value} for value in sorted(ids[identifier])])
        yield
    finally:
        _preloaded.reset(token)
