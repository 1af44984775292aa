"""Fixtures for the headless API: demo content, practices, and API tokens for each role."""

import pytest

from wagtail.models import APIToken

from tests.practices.factories import (
    PracticeIndexPageFactory,
    make_user,
)


@pytest.fixture(autouse=True)
def every_api_test_has_a_fresh_budget(fresh_rate_limits):
    """Every test starts with an empty anonymous budget."""


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


def bearer(user, name="hub preview"):
    _, plaintext = APIToken.create_token(user=user, name=name)
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def editor_token(db):
    return bearer(make_user("api-editor", "Editors"))


@pytest.fixture
def reviewer_token(db):
    return bearer(make_user("api-parent", "Parent reviewers"))
