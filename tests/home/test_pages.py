"""The home page, standard pages and site-wide furniture a reader meets."""

import pytest

from wagtail.models import Page

from home.models import HomePageFeaturedPractice, StandardPage
from tests.practices.factories import PracticeIndexPageFactory, PracticePageFactory


@pytest.fixture
def about(home_page):
    page = StandardPage(
        title="About Bright Spots",
        slug="about",
        show_in_menus=True,
        introduction="Who we are.",
        body=[
            {
                "type": "heading",
                "value": {"text": "Who runs Bright Spots?", "level": "h2"},
            },
            {"type": "paragraph", "value": "<p>Alia coordinates Bright Spots.</p>"},
        ],
    )
    home_page.add_child(instance=page)
    return page


@pytest.mark.django_db
def test_home_page_shows_introduction_beliefs_featured_practices_and_calls_to_action(
    client, home_page
):
    library = PracticeIndexPageFactory(parent=home_page)
    featured = PracticePageFactory(parent=library, title="Family Time Coaching")
    hidden = PracticePageFactory(parent=library, title="Unpublished Idea", live=False)
    home_page.introduction = "Practices parents recommend."
    home_page.beliefs = [
        {"type": "belief", "value": "Bright Spots are determined by parents."}
    ]
    home_page.calls_to_action = [
        {
            "type": "call_to_action",
            "value": {
                "heading": "Have an idea?",
                "text": "",
                "link_page": library.pk,
                "link_url": "",
                "link_text": "Submit a Bright Spot",
            },
        }
    ]
    home_page.save()
    for practice in (featured, hidden):
        HomePageFeaturedPractice.objects.create(page=home_page, practice=practice)

    html = client.get("/").content.decode()
    assert "Practices parents recommend." in html
    assert "<li>Bright Spots are determined by parents.</li>" in html
    assert "Family Time Coaching" in html
    assert "Unpublished Idea" not in html
    assert 'href="/library/">Submit a Bright Spot</a>' in html


@pytest.mark.django_db
def test_standard_page_renders_its_body(client, about):
    html = client.get("/about/").content.decode()
    assert "<h2>Who runs Bright Spots?</h2>" in html
    assert "<p>Alia coordinates Bright Spots.</p>" in html


@pytest.mark.django_db
def test_every_page_has_a_skip_link_landmarks_and_marks_the_current_menu_item(
    client, about
):
    html = client.get("/about/").content.decode()
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main-content">Skip to main content</a>' in html
    assert '<main id="main-content"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert (
        '<a class="site-nav__link" href="/about/" aria-current="page">About Bright Spots</a>'
        in html
    )


@pytest.mark.django_db
def test_unknown_address_gets_a_helpful_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/library/"' in html


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.django_db
def test_root_of_the_tree_is_the_bright_spots_home_page(home_page):
    assert Page.objects.get(depth=2).specific == home_page


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_featured_practices(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.practices.factories import TopicFactory

    library = PracticeIndexPageFactory(parent=home_page)

    def feature(count):
        HomePageFeaturedPractice.objects.filter(page=home_page).delete()
        for number in range(count):
            practice = PracticePageFactory(parent=library)
            practice.topics.add(TopicFactory(), TopicFactory())
            HomePageFeaturedPractice.objects.create(
                page=home_page, practice=practice, sort_order=number
            )
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    assert feature(1) == feature(3)
