"""Admin views of the content model: the organisation search behind a practice's organisation fields."""

from django.contrib.auth import get_permission_codename
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import Organisation, PracticeIndexPage, PracticePage

RESULTS = 10
MAX_QUERY_LENGTH = 200
EDITING = {get_permission_codename(action, Page._meta) for action in ("add", "change")}


def may_edit_practices(user):
    """Whoever may add or change a practice: page permission on a practice, its library or above them."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    permissions = PagePermissionPolicy().get_cached_permissions_for_user(user)
    under = Q()
    for permission in permissions:
        if permission.permission.codename in EDITING:
            under |= Q(path__startswith=permission.page.path)
    if not under:
        return False
    return Page.objects.type(PracticeIndexPage, PracticePage).filter(under).exists()


@require_GET
def organisation_search(request):
    """Organisations whose name contains `q`, names that start with it first: JSON for the chooser."""
    if not may_edit_practices(request.user):
        return JsonResponse(
            {"error": "Only people who edit practices can search organizations here."},
            status=403,
        )
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH or "\x00" in query:
        return JsonResponse(
            {"error": f"Type at most {MAX_QUERY_LENGTH} characters of a name."},
            status=400,
        )
    if not query:
        return JsonResponse({"results": [], "total": 0})
    matches = Organisation.objects.filter(name__icontains=query)
    starts = ExpressionWrapper(Q(name__istartswith=query), output_field=BooleanField())
    found = matches.annotate(starts=starts).order_by("-starts", "name")[:RESULTS]
    results = [
        {
            "id": organisation.pk,
            "name": organisation.name,
            "location": organisation.location,
        }
        for organisation in found
    ]
    total = len(results) if len(results) < RESULTS else matches.count()
    return JsonResponse({"results": results, "total": total})
