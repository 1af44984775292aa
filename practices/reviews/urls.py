"""The parents' review space, mounted at /review/ (cms/urls.py), outside the Wagtail admin."""

from django.urls import path

from . import views

app_name = "review"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("help/", views.help_page, name="help"),
    path("password/", views.password_reset, name="password_reset"),
    path("password/sent/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "password/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/done/", views.password_reset_done, name="password_reset_done"),
    path("practice/<str:token>/", views.review, name="review"),
    path("practice/<str:token>/thanks/", views.thanks, name="thanks"),
]
