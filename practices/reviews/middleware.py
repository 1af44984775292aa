"""Keep parents who only review inside the admin screens made for them."""

from django.urls import Resolver404, resolve

from wagtail.admin.auth import permission_denied

from .rules import is_only_parent_reviewer

# Wagtail shows page choosers, bulk-action confirmations and its admin API to every admin user,
# whatever their page permissions, and those list draft titles. Parents get an allow-list instead.
REVIEWER_URL_NAMES = {
    "wagtailadmin_home",
    "wagtailadmin_account",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_dismissibles",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
}
REVIEWER_NAMESPACES = {"parent_review"}


class ParentReviewerAdminAllowListMiddleware:
    """Refuse every admin URL not on the reviewers' allow-list to users whose only role is parent reviewer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and self.is_refused(request):
            return permission_denied(request)
        return self.get_response(request)

    def is_refused(self, request):
        if not request.user.is_authenticated or not is_only_parent_reviewer(
            request.user
        ):
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return (
            match.url_name not in REVIEWER_URL_NAMES
            and match.namespace not in REVIEWER_NAMESPACES
        )
