"""A fixed-window request counter per client, in Django's cache (Redis when REDIS_URL is set).

Written here rather than taken from django-ratelimit, whose system checks refuse the local-memory
cache used in development and warn on Django's own Redis backend, failing `check --deploy`.
"""

import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """REMOTE_ADDR, or the address TRUSTED_PROXY_COUNT proxies in front of us saw (docs/deployment.md)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def hit(bucket, ident, limit, window_seconds):
    """Count one request; return how many seconds to wait if this one is over the limit, else 0."""
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{bucket}:{ident}:{window}"
    # add() then incr() is atomic in Redis, so concurrent workers share one count.
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=window_seconds + 5)
        count = 1
    if count > limit:
        return window_seconds - int(time.time() % window_seconds)
    return 0
