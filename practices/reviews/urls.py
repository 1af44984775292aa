"""Admin URLs for parent reviewers (mounted under /admin/parent-review/)."""

from django.urls import path

from . import views

app_name = "parent_review"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:task_state_id>/", views.review, name="review"),
]
