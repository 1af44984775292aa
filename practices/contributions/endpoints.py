"""Where the public forms post: no CSRF token, so the pages that hold them are the same for every reader.

The forms' pages are shared from the page cache and a CDN, so they carry nothing per reader: no
CSRF cookie or token, no spam-check stamp. A post is checked instead by the browser's own
Sec-Fetch-Site / Origin headers (core.same_origin), and the stamp comes when the form is first
used (static/js/form-stamp.js), or, without JavaScript, when the form is shown again to be sent
once more (docs/security.md).
"""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from core.same_origin import is_cross_site
from practices.models.pages import PracticePage

from .models import SubmissionPage
from .spam import TOKEN_FIELD, form_token
from .views import feedback_form, submission_form


@require_GET
@never_cache
def form_stamp(request):
    """The signed time a form was first used; form-stamp.js puts it in the form's hidden field."""
    return JsonResponse({"name": TOKEN_FIELD, "value": form_token()})


def public_form_post(page_model, view):
    """A view taking the form's posts for one live, public page of `page_model`."""

    # Django's CSRF check needs a per-reader token in the page; the same-origin check replaces it.
    @csrf_exempt
    def post(request, page_id):
        page = get_object_or_404(page_model.objects.live().public(), pk=page_id)
        url = page.get_url(request)
        if url is None:
            raise Http404
        if request.method != "POST":
            return redirect(url)
        if is_cross_site(request):
            return render(request, "403_csrf.html", status=403)
        return view(request, page)

    return post


submission_post = public_form_post(SubmissionPage, submission_form)
feedback_post = public_form_post(PracticePage, feedback_form)
