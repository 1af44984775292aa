"""Operational endpoints."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """200 when the app can reach its database, 503 when it cannot (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable"}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})
