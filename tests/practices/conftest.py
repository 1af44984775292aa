"""Fixtures for the practice tests: the page that takes practice submissions."""

import pytest

from practices.contributions.models import SubmissionPage


@pytest.fixture
def submission_page(home_page):
    page = SubmissionPage(title="Submit a Bright Spot", slug="submit")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page
