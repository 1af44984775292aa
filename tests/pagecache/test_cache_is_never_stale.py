"""The page cache's promise, tried by a state machine: an anonymous reader gets what a fresh render gives now.

Its rules are what editors and admins do to what readers see: publish a new title, unpublish,
publish again, move between two sections, rename a topic, feature a practice on the home page,
make a page private and public again, give a linked document a new file. Between them it reads
the site's public addresses as an anonymous reader, through the cache, and compares each answer
with a render made at that moment with the cache switched off.
"""

import gzip
import os
import re
import threading

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from home.models import HomePageFeaturedPractice
from pagecache import store
from practices.models import PracticeIndexPage, PracticePage
from tests.pagecache.pages import about_page_linking_to
from tests.practices.factories import (
    MINIMAL_PDF,
    DocumentFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    TopicFactory,
    emergency_publish,
)

EXAMPLES = int(os.environ.get("PAGECACHE_EXAMPLES", "10"))
STEPS = 6


def body(response):
    content = response.content
    if response.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return content


def comparable(response):
    """The page's bytes, with a password form's per-render CSRF token blanked."""
    return re.sub(rb'(name="csrfmiddlewaretoken" value=")[^"]+', rb"\1", body(response))


def build_world(home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    archive = PracticeIndexPageFactory(
        parent=home_page, title="Archive", slug="archive"
    )
    topics = [
        TopicFactory(name="Reunification", slug="reunification"),
        TopicFactory(name="Kinship care", slug="kinship-care"),
    ]
    practices = []
    for number, title in enumerate(["Parent Partners", "Family Time", "Kin Navigator"]):
        page = PracticePageFactory(
            parent=library, title=title, slug=f"practice-{number}"
        )
        page.topics.add(topics[number % 2])
        emergency_publish(page)
        practices.append(page.pk)
    document = DocumentFactory(title="Annual report")
    about = about_page_linking_to(home_page, document)
    emergency_publish(about)
    return {
        "home": home_page,
        "library": library,
        "archive": archive,
        "topics": [topic.pk for topic in topics],
        "practices": practices,
        "document": document.pk,
    }


class PageCacheMachine(RuleBasedStateMachine):
    world = None  # built once by the test

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        # The database rolls back after each example; the cache must start afresh with it.
        store.purge([store.EVERYTHING])
        self.reader = Client()
        self.changes = 0

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def committed(self, change):
        """Make a change and run what its commit would run (the purges)."""
        self.changes += 1
        callbacks = []
        with CaptureQueriesContext(connection):
            start = len(connection.run_on_commit)
            change()
            callbacks = connection.run_on_commit[start:]
            del connection.run_on_commit[start:]
        for _, callback, _ in callbacks:
            callback()

    def practice(self, index):
        return PracticePage.objects.get(pk=self.world["practices"][index])

    def addresses(self):
        fixed = [
            "/",
            "/about/",
            "/library/",
            "/archive/",
            "/library/?topic=reunification",
            "/library/?topic=kinship-care",
            "/search/?q=Partners",
            "/sitemaps/1.xml",
        ]
        slugs = [f"practice-{n}" for n in range(3)]
        return fixed + [
            f"/{section}/{slug}/"
            for section in ("library", "archive")
            for slug in slugs
        ]

    # --- What editors and admins do ------------------------------------------------------------

    @rule(which=st.integers(0, 2))
    def publish_a_new_title(self, which):
        page = self.practice(which)
        page.title = f"{page.title.split(' (')[0]} ({self.changes})"
        self.committed(lambda: emergency_publish(page))

    @rule(which=st.integers(0, 2))
    def unpublish(self, which):
        page = self.practice(which)
        if page.live:
            self.committed(page.unpublish)

    @rule(which=st.integers(0, 2))
    def publish_again(self, which):
        page = self.practice(which)
        if not page.live:
            self.committed(lambda: emergency_publish(page))

    @rule(which=st.integers(0, 2))
    def move_to_the_other_section(self, which):
        page = self.practice(which)
        # Fresh from the database: the tree's counts move with every example's rollback.
        library = PracticeIndexPage.objects.get(pk=self.world["library"].pk)
        archive = PracticeIndexPage.objects.get(pk=self.world["archive"].pk)
        target = archive if page.get_parent().pk == library.pk else library
        self.committed(lambda: page.move(target, pos="last-child"))

    @rule(which=st.integers(0, 1))
    def rename_a_topic(self, which):
        from practices.models import Topic

        topic = Topic.objects.get(pk=self.world["topics"][which])
        topic.name = f"{topic.name.split(' (')[0]} ({self.changes})"
        self.committed(topic.save)

    @rule(which=st.integers(0, 2))
    def feature_on_the_home_page(self, which):
        home = type(self.world["home"]).objects.get(pk=self.world["home"].pk)
        HomePageFeaturedPractice.objects.filter(page=home).delete()
        HomePageFeaturedPractice.objects.create(
            page=home, practice=self.practice(which)
        )
        self.committed(lambda: emergency_publish(home))

    @rule(which=st.integers(0, 2))
    def make_private_or_public(self, which):
        page = self.practice(which)
        restriction = PageViewRestriction.objects.filter(page=page).first()
        if restriction:
            self.committed(restriction.delete)
        else:
            self.committed(
                lambda: PageViewRestriction.objects.create(
                    page=page, restriction_type="password", password="family-first"
                )
            )

    @rule()
    def give_the_report_a_new_file(self):
        from wagtail.documents import get_document_model

        document = get_document_model().objects.get(pk=self.world["document"])
        document.file = ContentFile(MINIMAL_PDF, name=f"report-{self.changes}.pdf")
        self.committed(document.save)

    # --- What a reader sees ---------------------------------------------------------------------

    @invariant()
    def every_address_reads_as_a_fresh_render(self):
        # After every step, every address through the cache (filling it, or served from it), each
        # compared with a render made now with the cache off.
        for number, address in enumerate(self.addresses()):
            headers = {"HTTP_ACCEPT_ENCODING": "gzip"} if number % 2 else {}
            cached = self.reader.get(address, **headers)
            with override_settings(PAGE_CACHE_ENABLED=False):
                fresh = Client().get(address)
            assert cached.status_code == fresh.status_code, address
            assert comparable(cached) == comparable(fresh), address
            if cached.cookies:
                # Only a private page's password form sets one (its CSRF token): never shared.
                assert "public" not in cached.get("Cache-Control", ""), address


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_no_sequence_of_changes_leaves_a_reader_with_a_stale_page(home_page):
    PageCacheMachine.world = build_world(home_page)
    run = PageCacheMachine.TestCase
    run.settings = settings_for_machine()
    run().runTest()


def settings_for_machine():
    return settings(
        max_examples=EXAMPLES,
        stateful_step_count=STEPS,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("page_cache")
def test_a_page_rendered_before_a_publish_and_stored_after_it_is_never_served(
    home_page, monkeypatch
):
    # Real commits and two connections: a reader's render reads the old title, the publish
    # commits and purges, and only then does the reader's render reach the cache.
    library = PracticeIndexPageFactory(parent=home_page)
    practice = PracticePageFactory(parent=library, title="Old title", slug="race")
    rendered, published = threading.Event(), threading.Event()
    real_store = store.store

    def slow_store(*args, **kwargs):
        rendered.set()
        assert published.wait(10)
        return real_store(*args, **kwargs)

    monkeypatch.setattr(store, "store", slow_store)
    answers = {}

    def reader():
        try:
            answers["first"] = body(Client().get("/library/race/"))
        finally:
            connection.close()

    thread = threading.Thread(target=reader)
    thread.start()
    assert rendered.wait(10)
    practice.title = "New title"
    emergency_publish(practice)  # commits (no surrounding transaction) and purges
    published.set()
    thread.join(10)
    monkeypatch.setattr(store, "store", real_store)

    assert b"Old title" in answers["first"]
    later = body(Client().get("/library/race/"))
    assert b"New title" in later
    assert b"Old title" not in later
