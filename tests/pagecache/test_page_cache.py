"""Anonymous readers share cached pages, and a change shows on the very next request (issue 17)."""

import gzip
import re
import time
import uuid

import boto3
import pytest

from django.core.files.base import ContentFile
from django.test import Client
from django.utils.http import parse_http_date

from wagtail.models import PageViewRestriction

from home.models import HomePageFeaturedPractice
from practices.models import PracticePage
from tests.pagecache.pages import about_page_linking_to
from tests.practices.factories import (
    MINIMAL_PDF,
    DocumentFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    TopicFactory,
    emergency_publish,
    make_user,
    publish_through_parent_review,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def practice(library):
    page = PracticePageFactory(
        parent=library, title="Parent Partner Program", slug="parent-partner-program"
    )
    page.topics.add(TopicFactory(name="Reunification", slug="reunification"))
    page.save()
    return page


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    """Publish as the site does, with the purge that runs once the change is committed."""

    def publish(page, through_review=False):
        with django_capture_on_commit_callbacks(execute=True):
            if through_review:
                return publish_through_parent_review(page)
            emergency_publish(page)
            return page

    return publish


def text(response):
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


def test_the_second_reader_gets_the_page_from_the_cache_with_validators_and_nothing_per_reader(
    client, practice, django_assert_num_queries
):
    first = client.get(practice.url, HTTP_ACCEPT_ENCODING="gzip, br")
    with django_assert_num_queries(0):
        second = client.get(practice.url, HTTP_ACCEPT_ENCODING="gzip, br")

    assert first.status_code == second.status_code == 200
    assert text(first) == text(second)
    assert "Parent Partner Program" in text(second)
    assert second["Content-Encoding"] == "gzip"
    cache_control = second["Cache-Control"]
    assert "public" in cache_control
    assert re.search(r"s-maxage=\d+", cache_control)
    assert re.search(r"stale-while-revalidate=\d+", cache_control)
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"]
    assert not second.cookies
    assert "Cookie" not in second.get("Vary", "")
    assert "Accept-Encoding" in second["Vary"]


def test_a_reader_without_gzip_gets_plain_html(client, practice):
    client.get(practice.url, HTTP_ACCEPT_ENCODING="gzip")

    plain = client.get(practice.url)

    assert "Content-Encoding" not in plain
    assert "Parent Partner Program" in plain.content.decode()


def test_a_matching_etag_or_date_gets_304_without_rendering(
    client, practice, django_assert_num_queries
):
    first = client.get(practice.url)

    with django_assert_num_queries(0):
        by_etag = client.get(practice.url, HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get(
            practice.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
        )
        other = client.get(practice.url, HTTP_IF_NONE_MATCH='W/"something-else"')

    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    assert other.status_code == 200
    assert "Parent Partner Program" in text(other)


def test_a_cdn_revalidating_a_page_that_changed_gets_the_new_page(
    client, practice, published
):
    first = client.get(practice.url)
    practice.title = "Parent Partner Program, renamed"
    published(practice)

    again = client.get(practice.url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Parent Partner Program, renamed" in text(again)
    assert again["ETag"] != first["ETag"]


def test_publishing_a_practice_shows_it_on_every_page_that_lists_it_on_the_next_request(
    client, home_page, library, practice, published
):
    # Every page that will list it is in the cache first.
    urls = ["/", "/library/", "/library/?topic=reunification", "/search/?q=Kinship"]
    for url in urls:
        assert client.get(url).status_code == 200
    HomePageFeaturedPractice.objects.create(page=home_page, practice=practice)
    published(home_page)
    assert "Kinship Navigator" not in text(client.get("/"))

    new = PracticePageFactory(
        parent=library, title="Kinship Navigator", slug="kinship-navigator", live=False
    )
    new.topics.add(practice.topics.get())
    new = published(new, through_review=True)
    featured = HomePageFeaturedPractice.objects.get()
    featured.practice = new
    featured.save()
    published(home_page)

    assert new.live
    assert "Kinship Navigator" in text(client.get(new.url))
    for url in urls:
        assert "Kinship Navigator" in text(client.get(url)), url
    assert "/library/kinship-navigator/" in text(client.get("/sitemaps/1.xml"))


def test_the_sitemap_lists_a_practice_once_published_and_drops_it_once_unpublished(
    client, library, published, django_capture_on_commit_callbacks
):
    assert "kinship-navigator" not in text(client.get("/sitemaps/1.xml"))
    new = PracticePageFactory(
        parent=library, title="Kinship Navigator", slug="kinship-navigator", live=False
    )
    published(new)
    assert "/library/kinship-navigator/" in text(client.get("/sitemaps/1.xml"))

    with django_capture_on_commit_callbacks(execute=True):
        PracticePage.objects.get(pk=new.pk).unpublish()

    assert "kinship-navigator" not in text(client.get("/sitemaps/1.xml"))


def test_renaming_a_featured_practice_shows_the_new_name_on_the_home_page(
    client, home_page, practice, published
):
    HomePageFeaturedPractice.objects.create(page=home_page, practice=practice)
    published(home_page)
    assert "Parent Partner Program" in text(client.get("/"))

    practice.title = "Parents as Partners"
    published(practice)

    assert "Parents as Partners" in text(client.get("/"))
    assert "Parents as Partners" in text(client.get("/library/"))


def test_unpublishing_a_practice_removes_it_everywhere_on_the_next_request(
    client, practice, django_capture_on_commit_callbacks
):
    urls = ["/library/", "/library/?topic=reunification", "/sitemaps/1.xml"]
    urls.append("/search/?q=Partner")
    for url in [*urls, practice.url]:
        assert "Parent Partner Program" in text(client.get(url)) or url.endswith("xml")

    with django_capture_on_commit_callbacks(execute=True):
        practice.unpublish()

    assert client.get("/library/parent-partner-program/").status_code == 404
    for url in urls:
        body = text(client.get(url))
        assert "Parent Partner Program" not in body, url
        assert "parent-partner-program" not in body, url


def test_moving_a_practice_sends_its_old_address_to_the_new_one(
    client, home_page, practice, django_capture_on_commit_callbacks
):
    archive = PracticeIndexPageFactory(
        parent=home_page, title="Archive", slug="archive"
    )
    assert client.get(practice.url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        practice.move(archive, pos="last-child")

    # Wagtail leaves a redirect behind; the cached page at the old address is gone.
    old = client.get("/library/parent-partner-program/")
    assert (old.status_code, old["Location"]) == (
        301,
        "/archive/parent-partner-program/",
    )
    assert "Parent Partner Program" not in text(client.get("/library/"))
    assert "Parent Partner Program" in text(client.get("/archive/"))
    assert client.get("/archive/parent-partner-program/").status_code == 200


def test_a_page_made_private_is_never_served_from_the_cache_again(
    client, practice, django_capture_on_commit_callbacks
):
    assert "Parent Partner Program" in text(client.get(practice.url))

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=practice, restriction_type="password", password="family-first"
        )

    response = client.get(practice.url)
    assert (
        "Parent Partner Program" not in text(response)
        or "password" in text(response).lower()
    )
    assert "Cache-Control" not in response or "public" not in response["Cache-Control"]
    assert "Why parents see it as a bright spot" not in text(response)


def test_a_signed_in_editors_page_and_a_draft_never_reach_an_anonymous_reader(
    client, practice
):
    editor = make_user("cache-editor", "Editors")
    signed_in = Client()
    signed_in.force_login(editor)
    practice.title = "Draft title nobody approved"
    practice.save_revision(user=editor)

    editors_page = signed_in.get(practice.url)
    anonymous = client.get(practice.url)

    assert editors_page.status_code == 200
    assert "private" in editors_page["Cache-Control"]
    assert "wagtail-userbar" in editors_page.content.decode()
    assert "Draft title nobody approved" not in text(anonymous)
    assert "wagtail-userbar" not in text(anonymous)
    assert "Parent Partner Program" in text(anonymous)


def test_renaming_a_topic_shows_the_new_name_on_the_library_and_the_practice(
    client, practice, django_capture_on_commit_callbacks
):
    for url in ["/library/", practice.url]:
        assert "Reunification" in text(client.get(url))

    topic = practice.topics.get()
    topic.name = "Coming home"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save()

    for url in ["/library/", practice.url, "/library/?topic=reunification"]:
        body = text(client.get(url))
        assert "Coming home" in body, url
        assert "Reunification" not in body, url


def test_a_document_given_a_new_file_shows_its_new_link_on_the_pages_linking_to_it(
    client, home_page, published, django_capture_on_commit_callbacks
):
    document = DocumentFactory(title="Annual report")
    about = about_page_linking_to(home_page, document)
    published(about)
    assert f"/documents/{document.pk}/resource" in text(client.get("/about/"))

    document.file = ContentFile(MINIMAL_PDF, name="annual-report-2026.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        document.save()

    assert f"/documents/{document.pk}/annual-report-2026" in text(client.get("/about/"))


def test_a_change_that_is_never_committed_purges_nothing_and_shows_nothing(
    client, practice, django_capture_on_commit_callbacks
):
    first = client.get(practice.url)
    practice.title = "Never committed"
    # The purge waits for the commit: a rolled-back publish leaves the cached page as it was.
    with django_capture_on_commit_callbacks(execute=False):
        emergency_publish(practice)

    assert client.get(practice.url)["ETag"] == first["ETag"]


def test_last_modified_never_goes_back_after_a_change(client, practice, published):
    first = client.get(practice.url)
    time.sleep(1.1)
    practice.title = "Parents as Partners"
    published(practice)

    again = client.get(practice.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 200
    assert parse_http_date(again["Last-Modified"]) > parse_http_date(
        first["Last-Modified"]
    )
    assert "Parents as Partners" in text(again)


def test_a_reader_that_refuses_gzip_gets_plain_html(client, practice):
    client.get(practice.url, HTTP_ACCEPT_ENCODING="gzip")

    refused = client.get(practice.url, HTTP_ACCEPT_ENCODING="gzip;q=0, identity")

    assert "Content-Encoding" not in refused
    assert "Parent Partner Program" in refused.content.decode()


@pytest.fixture
def cloudfront(s3_server, settings, monkeypatch):
    """A CloudFront distribution on the suite's moto server, set as the site's CDN."""
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", s3_server.url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    # What cms/settings/base.py sets when the distribution is configured.
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    client = boto3.client(
        "cloudfront", endpoint_url=s3_server.url, region_name="us-east-1"
    )
    origin = {
        "Id": "app",
        "DomainName": "app.example.org",
        "CustomOriginConfig": {
            "HTTPPort": 80,
            "HTTPSPort": 443,
            "OriginProtocolPolicy": "https-only",
        },
    }
    distribution = client.create_distribution(
        DistributionConfig={
            "CallerReference": uuid.uuid4().hex,
            "Comment": "Bright Spots",
            "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [origin]},
            "DefaultCacheBehavior": {
                "TargetOriginId": "app",
                "ViewerProtocolPolicy": "redirect-to-https",
                "MinTTL": 0,
                "ForwardedValues": {
                    "QueryString": True,
                    "Cookies": {"Forward": "none"},
                },
                "TrustedSigners": {"Enabled": False, "Quantity": 0},
            },
        }
    )["Distribution"]["Id"]
    settings.WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": distribution,
        }
    }

    def invalidated():
        paths = set()
        listing = client.list_invalidations(DistributionId=distribution)
        for item in listing["InvalidationList"].get("Items", []):
            batch = client.get_invalidation(DistributionId=distribution, Id=item["Id"])
            paths.update(batch["Invalidation"]["InvalidationBatch"]["Paths"]["Items"])
        return paths

    return invalidated


# Real commits: the purge task is itself enqueued on commit, as it is in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_asks_cloudfront_to_drop_the_same_addresses_the_app_cache_drops(
    client, practice, published, cloudfront
):
    practice.title = "Parents as Partners"
    published(practice)

    assert cloudfront() == {
        "/library/parent-partner-program/*",
        "/library/",
        "/library/?*",
        "/",
        "/?*",
        "/search/",
        "/search/?*",
        "/sitemap.xml",
        "/sitemap.xml?*",
        "/sitemaps/*",
    }
    assert "Parents as Partners" in text(client.get(practice.url))


def test_a_superusers_live_copy_shows_in_the_library_on_the_next_request(
    client, library, practice, django_capture_on_commit_callbacks
):
    assert "Parent Partner Program, again" not in text(client.get("/library/"))
    root = make_user("cache-root", is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        practice.copy(
            keep_live=True,
            update_attrs={"title": "Parent Partner Program, again", "slug": "again"},
            user=root,
        )

    assert "Parent Partner Program, again" in text(client.get("/library/"))


def test_a_scheduled_publish_shows_when_the_schedule_runs(
    client, practice, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    root = make_user("cache-root", is_superuser=True)
    practice.title = "Scheduled title"
    practice.go_live_at = timezone.now() - timedelta(minutes=1)
    revision = practice.save_revision(
        user=root, approved_go_live_at=practice.go_live_at
    )
    assert "Scheduled title" not in text(client.get("/library/"))
    assert revision.approved_go_live_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert "Scheduled title" in text(client.get("/library/"))
    assert "Scheduled title" in text(client.get(practice.url))


def test_deleting_a_practice_removes_it_from_the_library_on_the_next_request(
    client, practice, django_capture_on_commit_callbacks
):
    assert "Parent Partner Program" in text(client.get("/library/"))

    with django_capture_on_commit_callbacks(execute=True):
        PracticePage.objects.get(pk=practice.pk).delete()

    assert "Parent Partner Program" not in text(client.get("/library/"))
    assert client.get("/library/parent-partner-program/").status_code == 404
