"""The Wagtail API v2 router: only published, public pages and the documents they use."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from practices.api import PublicDocumentsAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")

# The images endpoint is registered deliberately, with its privacy rules, in the API issue.
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
