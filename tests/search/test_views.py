"""Site search: published pages only, and no error whatever is typed."""

import pytest

from tests.practices.factories import PracticeIndexPageFactory, PracticePageFactory


@pytest.mark.django_db
def test_search_finds_published_pages_and_hides_drafts(client, home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    PracticePageFactory(
        parent=library,
        title="Kinship Navigator",
        summary="Navigators help kin caregivers.",
    )
    PracticePageFactory(parent=library, title="Kinship Secret Draft", live=False)
    html = client.get("/search/?q=kinship").content.decode()
    assert "Kinship Navigator" in html
    assert "Kinship Secret Draft" not in html
    assert "1 result for" in html


@pytest.mark.django_db
def test_search_handles_empty_huge_and_odd_queries(client, home_page):
    for query in [
        "",
        "   ",
        "x" * 5000,
        "<script>alert(1)</script>",
        "%00",
        "a&page=abc",
    ]:
        response = client.get("/search/", {"q": query, "page": "abc"})
        assert response.status_code == 200, query
        assert "<script>alert(1)</script>" not in response.content.decode()
