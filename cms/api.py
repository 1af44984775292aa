"""The Wagtail API v2 router: only published, public pages and what they use, plus filter vocabularies."""

from wagtail.api.v2.router import WagtailAPIRouter

from practices.api.v2 import (
    PopulationsAPIViewSet,
    PracticePagesAPIViewSet,
    PublicDocumentsAPIViewSet,
    PublicImagesAPIViewSet,
    TopicsAPIViewSet,
)

api_router = WagtailAPIRouter("wagtailapi")

api_router.register_endpoint("pages", PracticePagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("topics", TopicsAPIViewSet)
api_router.register_endpoint("populations", PopulationsAPIViewSet)
