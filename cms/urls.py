"""Project URLs: admin, API, documents, search, ops endpoints, then Wagtail's page tree last."""

from django.conf import settings
from django.urls import include, path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router
from home.sitemap import sitemap_index, sitemap_page
from home.views import healthz
from pagecache.decorators import public_page
from practices.api.v3 import api as api_v3
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("review/", include("practices.reviews.urls", namespace="review")),
    path(
        "contribute/",
        include("practices.contributions.urls", namespace="contribute"),
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/v3/", api_v3.urls),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", public_page(sitemap_index), name="sitemap"),
    path(
        "sitemaps/<int:number>.xml",
        public_page(sitemap_page),
        name="sitemap_page",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
