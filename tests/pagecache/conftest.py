import uuid

import pytest
import redis

from django.core.cache import caches

REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture
def page_cache(settings):
    """The page cache on, on Redis as in production, under a key prefix of this test's own."""
    prefix = f"pagecache-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    yield caches["default"]
    server = redis.Redis.from_url(REDIS_URL)
    for key in server.scan_iter(match=f"{prefix}:*"):
        server.delete(key)
