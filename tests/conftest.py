"""Cheap, explicit fixtures shared by the whole suite."""

import pytest

from wagtail.models import Site

from home.models import HomePage


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a per-test folder, never to the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def home_page(db):
    """The home page the data migration creates as the default site's root."""
    return HomePage.objects.get()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)
