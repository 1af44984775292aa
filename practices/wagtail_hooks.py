"""Admin registration for the practice snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Population, Topic


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
