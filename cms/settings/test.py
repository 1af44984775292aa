"""Test settings: PostgreSQL, fast hashing, plain static storage, in-memory email and cache."""

import os

# The suite runs on PostgreSQL (CI's 127.0.0.1:5432) unless DATABASE_URL says otherwise.
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
# Files go to S3 with production's settings; tests/conftest.py points them at a moto_server on loopback.
os.environ.setdefault("AWS_STORAGE_BUCKET_NAME", "brightspots-test")

from .base import *

# The demo app's commands and content are tested too; production settings leave it out.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A cache shared by every test in a process would carry pages from one test's database into the
# next; the page cache's own tests (tests/pagecache/) switch it on, on Redis, with a prefix each.
PAGE_CACHE_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"
# Fake credentials so boto3 never looks for real ones; without the moto fixture, S3 calls fail.
AWS_ACCESS_KEY_ID = "testing"
AWS_SECRET_ACCESS_KEY = "testing"  # noqa: S105
AWS_S3_ENDPOINT_URL = "http://127.0.0.1:9"
BRIGHTSPOTS_DEMO_PASSWORD = "demo-password-for-tests"  # noqa: S105
# Serve static files from the app folders without a collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Hundreds of API requests come from one test client; tests/api/test_http.py sets a low limit itself.
API_ANON_RATE_LIMIT = 1_000_000
