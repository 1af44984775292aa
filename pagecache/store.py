"""The shared page cache: anonymous public HTML, kept until what it shows changes.

An entry is found by its URL and is good only while the "generations" it was built under are
still current: one for the whole site, one for its exact path (all query strings), and one for
each path above it (a subtree). A purge gives a path a new random generation, so entries built
before it are never served again and simply expire. Nothing has to be found and deleted, and a
page rendered from data read before a publish is stored under the old generation, never the new.
"""

import gzip
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache

EVERYTHING = "*"
PREFIX = "pagecache:"


def exact_key(path):
    return f"{PREFIX}path:{path}"


def tree_key(path):
    return f"{PREFIX}tree:{path}"


def everything_key():
    return f"{PREFIX}all"


def entry_key(host, path, query):
    digest = hashlib.sha256(f"{host}\n{path}\n{query}".encode()).hexdigest()
    return f"{PREFIX}entry:{digest}"


def generation_keys(path):
    """Every generation an entry for `path` depends on: the site, each path above it, itself."""
    keys = [everything_key(), exact_key(path)]
    prefix = "/"
    keys.append(tree_key(prefix))
    for part in path.strip("/").split("/"):
        if part:
            prefix += part + "/"
            keys.append(tree_key(prefix))
    return keys


def lookup(host, path, query):
    """(entry or None, the generations now current) in one round trip to the cache."""
    gen_keys = generation_keys(path)
    key = entry_key(host, path, query)
    found = cache.get_many([key, *gen_keys])
    generations = tuple(found.get(gen) for gen in gen_keys)
    if None in generations:
        # A generation never set (or evicted) gets one now; no entry can have been built under it.
        for gen in gen_keys:
            if found.get(gen) is None:
                cache.add(gen, uuid.uuid4().hex, timeout=None)
        current = cache.get_many(gen_keys)
        return None, tuple(current.get(gen) for gen in gen_keys)
    entry = found.get(key)
    if entry is not None and entry["generations"] != generations:
        entry = None
    return entry, generations


def store(host, path, query, generations, body, headers, last_modified):
    """Keep a page's bytes (gzipped once, here) with its validators; returns the entry."""
    entry = {
        "generations": generations,
        "etag": f'W/"{hashlib.sha256(body).hexdigest()[:32]}"',
        "last_modified": last_modified,
        "headers": headers,
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
    }
    cache.set(entry_key(host, path, query), entry, settings.PAGE_CACHE_SECONDS)
    return entry


def body_of(entry):
    return gzip.decompress(entry["gzip"])


def purge(paths):
    """New generations for these paths: "/x/" is that page with any query, "/x/*" all below it."""
    fresh = {}
    for path in paths:
        if path == EVERYTHING:
            fresh[everything_key()] = uuid.uuid4().hex
        elif path.endswith("*"):
            fresh[tree_key(path[:-1])] = uuid.uuid4().hex
        else:
            fresh[exact_key(path)] = uuid.uuid4().hex
    if fresh:
        cache.set_many(fresh, timeout=None)
