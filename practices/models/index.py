"""The library page: every published practice, searchable and filterable."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index


class PracticeIndexPermissionTester(PagePermissionTester):
    """Nothing is published straight into the library (a copy, a new page): only parent review does."""

    def can_publish_subpage(self):
        return self.user.is_active and self.user.is_superuser


class PracticeIndexPage(Page):
    """The library: every published practice as a card, newest review first."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count = 1

    introduction = models.TextField(
        blank=True, help_text="One or two sentences shown above the list of practices."
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    def permissions_for_user(self, user):
        return PracticeIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        # The library's form and queries use the practice models; models never import forms at import time.
        from practices.library.search import LibrarySearch

        context = super().get_context(request, *args, **kwargs)
        search = LibrarySearch(self, request.GET)
        context["search"] = search
        # get_page clamps bad or out-of-range ?page= values instead of raising.
        context["practices"] = search.page(request.GET.get("page"))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.context_data["search"].has_errors:
            # The page still shows what it can, with the problem explained, but says 400.
            response.status_code = 400
        return response
