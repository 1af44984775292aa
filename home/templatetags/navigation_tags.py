"""Site navigation built from the pages editors mark “Show in menus”."""

from django import template

from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def primary_navigation(context):
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = []
    if site:
        for menu_page in site.root_page.get_children().live().public().in_menu():
            is_current = current is not None and (
                current.pk == menu_page.pk or current.path.startswith(menu_page.path)
            )
            items.append(
                {
                    "title": menu_page.title,
                    "url": menu_page.get_url(request),
                    "current": is_current,
                }
            )
    return {"items": items, "request": request}
