"""Cheap, explicit fixtures shared by the whole suite, and the S3 endpoint every stored file goes to."""

import uuid

import pytest

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from wagtail.models import Site

from home.models import HomePage
from tests.s3 import MotoServer, storage_on


@pytest.fixture(scope="session")
def s3_server():
    server = MotoServer()
    yield server
    server.stop()


@pytest.fixture(scope="session", autouse=True)
def s3_storage(s3_server, django_test_environment):
    """Every file the suite stores goes to a bucket on a real S3 HTTP endpoint, created per session."""
    bucket = s3_server.create_bucket(settings.AWS_STORAGE_BUCKET_NAME)
    with storage_on(s3_server, bucket):
        yield bucket


@pytest.fixture
def empty_bucket(s3_server):
    """A bucket of this test's own, for tests that judge everything in it."""
    bucket = s3_server.create_bucket(f"brightspots-{uuid.uuid4().hex[:12]}")
    with storage_on(s3_server, bucket):
        yield bucket


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Files stored locally (the dev set-up) go to a per-test folder, never to the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def home_page(db):
    """The home page the data migration creates as the default site's root."""
    return HomePage.objects.get()


@pytest.fixture
def demo():
    """The demo content (seeds in ../shared/seeds); for tests marked to use the database."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def fresh_rate_limits():
    """Rate-limit counts live in the cache, which is process memory in tests: start each test empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)
