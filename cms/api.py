"""The Wagtail API v2 router: only published, public pages are exposed here."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")

# Documents and images endpoints are registered deliberately, with their privacy rules, in the API issue.
api_router.register_endpoint("pages", PagesAPIViewSet)
