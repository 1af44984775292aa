"""Where the public forms post, and where their spam-check stamp comes from (mounted at /contribute/)."""

from django.urls import path

from . import endpoints

app_name = "contribute"

urlpatterns = [
    path("stamp/", endpoints.form_stamp, name="stamp"),
    path("submit/<int:page_id>/", endpoints.submission_post, name="submit"),
    path("feedback/<int:page_id>/", endpoints.feedback_post, name="feedback"),
]
