"""Admin registration of the content model: the library labels, the organisation search, the preloaded rich-text links."""

from django.urls import path

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .admin_forms import PracticeCopyForm
from .models import Organisation, Population, PracticePage, Topic
from .rich_text import DocumentLinks, PageLinks


class TopicSnippetViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PopulationSnippetViewSet(SnippetViewSet):
    model = Population
    icon = "group"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class OrganisationSnippetViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "kind", "location"]
    list_filter = ["kind"]
    search_fields = ["name"]


class PracticeTaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = "Library labels"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (TopicSnippetViewSet, PopulationSnippetViewSet, OrganisationSnippetViewSet)


register_snippet(PracticeTaxonomyViewSetGroup)


@hooks.register("register_admin_urls")
def register_organisation_search_url():
    return [
        path(
            "practices/organisation-search/",
            admin_views.organisation_search,
            name="practices_organisation_search",
        )
    ]


# order=100: after Wagtail's own registrations of the "page" and "document" link types.
@hooks.register("register_rich_text_features", order=100)
def preloadable_link_types(features):
    features.register_link_type(PageLinks)
    features.register_link_type(DocumentLinks)


# Wagtail reads the copy form from the page class; models never import forms, so the admin sets it.
PracticePage.copy_form_class = PracticeCopyForm
