"""Turn an S3 outage during a request into a clear message instead of a server error."""

import logging

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from core.storage import STORAGE_ERRORS

logger = logging.getLogger(__name__)

MESSAGE = (
    "The file store is not answering, so your file was not saved. Nothing else was "
    "changed. Please try again in a few minutes."
)


class StorageUnavailableMiddleware:
    """Answer 503 with a plain message when S3 fails; uploads never leave a half-saved record."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, STORAGE_ERRORS):
            return None
        logger.error(
            "File storage failed during %s %s: %s",
            request.method,
            request.path,
            exception,
        )
        match = request.resolver_match
        if match and match.url_name == "add_multiple":
            # Wagtail's bulk uploader shows error_message only from a JSON answer it can parse.
            return JsonResponse({"success": False, "error_message": MESSAGE})
        if request.headers.get(
            "x-requested-with"
        ) == "XMLHttpRequest" or "json" in request.headers.get("accept", ""):
            return JsonResponse(
                {"success": False, "error_message": MESSAGE}, status=503
            )
        in_admin = request.path.startswith(reverse("wagtailadmin_home"))
        template = f"core/storage_unavailable{'_admin' if in_admin else ''}.html"
        response = TemplateResponse(request, template, {"message": MESSAGE}, status=503)
        response["Retry-After"] = "60"
        return response
