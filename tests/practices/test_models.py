"""Page tree rules and model behaviour for practices."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from practices.contributions.models import SubmissionPage
from practices.models import PracticeIndexPage, PracticePage

from .factories import (
    DocumentFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    PracticeResourceFactory,
)


class PracticeTreeRulesTests(WagtailPageTestCase):
    """Editors can only build the tree the site expects."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.library = PracticeIndexPageFactory(parent=cls.home)

    def test_library_lives_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(PracticeIndexPage, {HomePage})

    def test_library_holds_only_practices(self):
        self.assertAllowedSubpageTypes(PracticeIndexPage, {PracticePage})

    def test_practice_lives_only_in_the_library_and_has_no_children(self):
        self.assertAllowedParentPageTypes(PracticePage, {PracticeIndexPage})
        self.assertAllowedSubpageTypes(PracticePage, set())

    def test_practice_cannot_be_created_under_home_or_a_standard_page(self):
        self.assertCanNotCreateAt(HomePage, PracticePage)
        self.assertCanNotCreateAt(StandardPage, PracticePage)

    def test_there_is_only_one_library(self):
        self.assertFalse(PracticeIndexPage.can_create_at(self.home))

    def test_home_page_is_the_only_root_and_only_one_exists(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedSubpageTypes(
            HomePage, {PracticeIndexPage, SubmissionPage, StandardPage}
        )

    def test_there_is_one_submit_page_under_home_with_no_children(self):
        self.assertAllowedParentPageTypes(SubmissionPage, {HomePage})
        self.assertAllowedSubpageTypes(SubmissionPage, set())
        self.assertCanCreateAt(HomePage, SubmissionPage)
        self.home.add_child(instance=SubmissionPage(title="Submit a Bright Spot"))
        self.assertFalse(SubmissionPage.can_create_at(self.home))

    def new_practice_form(self):
        return nested_form_data(
            {
                "title": "Family Time Coaching",
                "slug": "family-time-coaching",
                "summary": "Coaches help parents make the most of family time.",
                "feedback_summary": streamfield([("point", "Parents recommend it.")]),
                "intervention": rich_text("<p>Coaches support visits.</p>"),
                "why_bright_spot": rich_text("<p>Families reunify sooner.</p>"),
                "steps": streamfield(
                    [
                        (
                            "step",
                            {
                                "title": "Find a coach",
                                "detail": rich_text("<p>Ask a parent partner.</p>"),
                            },
                        )
                    ]
                ),
                "state": "NY",
                "resources-TOTAL_FORMS": 0,
                "resources-INITIAL_FORMS": 0,
                "resources-MIN_NUM_FORMS": 0,
                "resources-MAX_NUM_FORMS": 1000,
            }
        )

    def test_editor_can_create_a_practice_with_every_section_through_the_admin(self):
        self.login()
        self.assertCanCreate(self.library, PracticePage, self.new_practice_form())
        practice = PracticePage.objects.get(slug="family-time-coaching")
        self.assertEqual(practice.get_parent().specific, self.library)

    def test_a_practice_not_yet_saved_previews_with_the_feedback_form_and_no_broken_links(
        self,
    ):
        self.login()
        preview = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["practices", "practicepage", self.library.pk],
        )

        self.assertEqual(
            self.client.post(preview, self.new_practice_form()).json(),
            {"is_valid": True, "is_available": True},
        )
        response = self.client.get(preview)

        self.assertContains(response, "Family Time Coaching")
        self.assertContains(response, "Let us know any information to consider adding")
        self.assertContains(
            response, 'action="/library/family-time-coaching/feedback/#feedback"'
        )
        # No "Submit a Bright Spot" page exists here: no link to "None".
        self.assertNotContains(response, 'href="None"')
        self.assertNotContains(response, "Have an idea?")


@pytest.mark.django_db
def test_practice_location_reads_county_then_state_name(home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    practice = PracticePageFactory(
        parent=library, county="Santa Cruz County", state="CA"
    )
    assert practice.location == "Santa Cruz County, California"
    statewide = PracticePageFactory(parent=library, county="", state="NY")
    assert statewide.location == "New York"


@pytest.mark.django_db
def test_resource_reports_plain_language_file_type(home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    resource = PracticeResourceFactory(
        page=PracticePageFactory(parent=library), document=DocumentFactory()
    )
    assert resource.file_type == "PDF"


@pytest.mark.django_db
def test_year_started_in_the_future_is_refused(home_page):
    library = PracticeIndexPageFactory(parent=home_page)
    practice = PracticePageFactory(parent=library)
    practice.year_started = 3000
    with pytest.raises(ValidationError) as error:
        practice.full_clean()
    assert "year_started" in error.value.message_dict
