"""Parents have no admin access at all: every admin URL, walked from the URL resolver, refuses them.

The refusal is by construction (their group has no ``wagtailadmin.access_admin``), so it must hold
whatever the admin grows and whatever else their group is given: a parent gets exactly what someone
signed out gets, at every admin URL, for GET and POST, and never a draft's title.
"""

import re

import pytest

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

from practices.reviews.models import ParentReviewTask
from practices.setup import PARENT_REVIEWERS
from tests.practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
)

from .helpers import start_review

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "MARKER-Secret draft in review"
CONVERTER_SAMPLES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x/y",
    "uuid": "00000000-0000-0000-0000-000000000001",
}


def example(pattern):
    """A concrete path piece that the pattern matches: ids become 1, words x."""
    text = str(pattern)
    if isinstance(pattern, RoutePattern):
        return re.sub(
            r"<(?:(\w+):)?\w+>",
            lambda m: CONVERTER_SAMPLES.get(m.group(1) or "str", "1"),
            text,
        )
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "1", text)
    text = text.replace(".*", "anything").replace("\\.", ".")
    return text.lstrip("^").rstrip("$")


def admin_paths():
    """Every admin URL pattern as one concrete path, each checked to resolve to its own view."""
    paths, unresolved = {}, []

    def walk(patterns, prefix, chain):
        for pattern in patterns:
            piece = prefix + example(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, piece, chain + [pattern])
            else:
                path = "/" + piece
                try:
                    match = resolve(path)
                except Exception:
                    unresolved.append(path)
                    continue
                paths.setdefault(path, match.route)

    (admin,) = [p for p in get_resolver().url_patterns if str(p.pattern) == "admin/"]
    walk(admin.url_patterns, "admin/", [admin])
    return sorted(paths), unresolved


@pytest.fixture
def parent(db):
    return make_user("parent", PARENT_REVIEWERS)


@pytest.fixture
def draft_in_review(home_page, parent):
    editor = make_user("editor", "Editors")
    library = PracticeIndexPageFactory(parent=home_page)
    page = PracticePageFactory(parent=library, title=DRAFT_TITLE, live=False)
    return start_review(page, editor)


def answer(client, method, path):
    response = getattr(client, method)(path)
    body = b"" if response.streaming else response.content
    return (response.status_code, response.get("Location")), body


@pytest.mark.parametrize("change", ["as set up", "group given more", "review task off"])
def test_every_admin_url_refuses_a_parent_as_it_refuses_someone_signed_out(
    parent, draft_in_review, change
):
    assert draft_in_review.invitations.filter(reviewer=parent).exists()
    if change == "group given more":
        Group.objects.get(name=PARENT_REVIEWERS).permissions.add(
            *Permission.objects.filter(
                codename__in=["view_topic", "add_image", "choose_document", "add_page"]
            )
        )
    elif change == "review task off":
        ParentReviewTask.objects.update(active=False)

    paths, unresolved = admin_paths()
    assert unresolved == []
    assert len(paths) > 250, "the walk found too few admin URLs to mean anything"

    anonymous, signed_in = Client(), Client()
    differences, leaks, let_in = [], [], []
    for path in paths:
        for method in ("get", "post"):
            # Signed in again each time: one of the admin URLs is the admin's own "sign out".
            signed_in.force_login(parent)
            parents, body = answer(signed_in, method, path)
            baseline, _ = answer(anonymous, method, path)
            if parents != baseline:
                differences.append((method, path, parents, baseline))
            if DRAFT_TITLE.encode() in body:
                leaks.append((method, path))
            if parents[0] == 200 and not path.startswith(
                (
                    "/admin/login/",
                    "/admin/password_reset/",
                    "/admin/jsi18n/",
                    "/admin/sprite",
                )
            ):
                let_in.append((method, path))
    assert differences == []
    assert leaks == []
    assert let_in == []
