"""A practice's organisation fields in the admin: only the chosen ones, and a search to add others (issue 17)."""

import json

import pytest

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from home.models import StandardPage
from practices.admin_views import may_edit_practices
from practices.models import Organisation, PracticePage

from .factories import (
    OrganisationFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    make_user,
)

pytestmark = pytest.mark.django_db

SEARCH = "/admin/practices/organisation-search/"
XHR = {"X-Requested-With": "XMLHttpRequest"}


@pytest.fixture
def editor():
    return make_user("editor", "Editors")


@pytest.fixture
def library(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def practice(library, editor):
    practice = PracticePageFactory(parent=library)
    practice.organisations.set(
        [
            OrganisationFactory(name="Parent Partners of Santa Cruz"),
            OrganisationFactory(name="Family Justice Initiative"),
        ]
    )
    practice.partner_agencies.set(
        [OrganisationFactory(name="Santa Cruz County Family Services")]
    )
    practice.save()
    practice.save_revision(user=editor)
    return practice


def edit_url(practice):
    return f"/admin/pages/{practice.pk}/edit/"


def draft(practice):
    return PracticePage.objects.get(pk=practice.pk).get_latest_revision_as_object()


def names(organisations):
    return sorted(organisation.name for organisation in organisations.all())


def edit_form(practice, **fields):
    """The practice's edit form as a browser without scripts sends it, with `fields` set."""
    data = nested_form_data(
        {
            "title": practice.title,
            "slug": practice.slug,
            "summary": practice.summary,
            "feedback_summary": streamfield([("point", "Parents recommend it.")]),
            "intervention": rich_text(practice.intervention),
            "why_bright_spot": rich_text(practice.why_bright_spot),
            "steps": streamfield(
                [("step", {"title": "A step", "detail": rich_text("<p>Detail</p>")})]
            ),
            "resources": inline_formset([]),
            "comments": inline_formset([]),
            "county": practice.county,
            "state": practice.state,
            "year_started": str(practice.year_started),
            "review_outcome": practice.review_outcome,
        }
    )
    data.update(fields)
    return data


def ids(*names):
    return [str(Organisation.objects.get(name=name).pk) for name in names]


# The edit view


def test_the_edit_view_costs_the_same_with_5_or_300_organisations(
    client, editor, practice
):
    OrganisationFactory.create_batch(2)
    assert Organisation.objects.count() == 5
    client.force_login(editor)
    client.get(edit_url(practice))  # caches that fill on a first visit
    with CaptureQueriesContext(connection) as few:
        small = client.get(edit_url(practice))

    Organisation.objects.bulk_create(
        Organisation(name=f"Seeded organization {n}") for n in range(295)
    )
    with CaptureQueriesContext(connection) as many:
        large = client.get(edit_url(practice))

    assert small.status_code == large.status_code == 200
    assert len(many) == len(few)
    assert abs(len(large.content) - len(small.content)) <= 100
    assert "Seeded organization" not in large.content.decode()


def test_the_edit_view_shows_only_the_chosen_organisations_ticked(
    client, editor, practice
):
    OrganisationFactory(name="Not chosen by this practice")
    client.force_login(editor)
    html = client.get(edit_url(practice)).content.decode()
    assert html.count('name="organisations" value=') == 2
    assert html.count('name="partner_agencies" value=') == 1
    assert "Parent Partners of Santa Cruz" in html
    assert "Not chosen by this practice" not in html
    # The box that adds more, labelled by the field and described by its hint.
    assert 'for="id_organisations"' in html
    assert 'name="organisations_add"' in html
    assert 'name="partner_agencies_add"' in html
    assert "/static/js/organisation-chooser.js" in html


# Saving without JavaScript: ticked boxes plus typed names


def test_without_javascript_typed_names_are_added_and_unticked_ones_removed(
    client, editor, practice
):
    OrganisationFactory(name="Rise Magazine")
    OrganisationFactory(name="Be Strong Families")
    client.force_login(editor)
    response = client.post(
        edit_url(practice),
        edit_form(
            practice,
            # "Family Justice Initiative" is unticked, so not sent.
            organisations=ids("Parent Partners of Santa Cruz"),
            organisations_add=" rise mag ;BE STRONG FAMILIES",
            partner_agencies=[],
            partner_agencies_add="",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = draft(practice)
    assert names(saved.organisations) == [
        "Be Strong Families",
        "Parent Partners of Santa Cruz",
        "Rise Magazine",
    ]
    assert names(saved.partner_agencies) == []


def test_a_typed_name_that_is_also_part_of_others_names_picks_the_exact_one(
    client, editor, practice
):
    OrganisationFactory(name="Rise")
    OrganisationFactory(name="Rise Magazine")
    client.force_login(editor)
    client.post(
        edit_url(practice),
        edit_form(
            practice,
            organisations=[],
            organisations_add="rise",
            partner_agencies=ids("Santa Cruz County Family Services"),
        ),
    )
    saved = draft(practice)
    assert names(saved.organisations) == ["Rise"]
    assert names(saved.partner_agencies) == ["Santa Cruz County Family Services"]


def test_a_name_that_matches_several_or_none_is_refused_and_nothing_is_lost(
    client, editor, practice
):
    OrganisationFactory(name="Family Voices")
    revisions = practice.revisions.count()
    client.force_login(editor)
    response = client.post(
        edit_url(practice),
        edit_form(
            practice,
            organisations=ids("Parent Partners of Santa Cruz"),
            organisations_add="family; Nobody By This Name",
            partner_agencies=ids("Santa Cruz County Family Services"),
        ),
    )
    assert response.status_code == 200
    assert practice.revisions.count() == revisions
    html = response.content.decode()
    assert "“family” is part of several organizations’ names" in html
    assert (
        "Family Justice Initiative, Family Voices, Santa Cruz County Family Services"
        in html
    )
    assert "No organization’s name contains “Nobody By This Name”" in html
    # What the editor ticked and typed is still there to correct.
    assert 'value="family; Nobody By This Name"' in html
    assert html.count('name="organisations" value=') == 1


def test_bad_typed_input_gets_a_message_not_an_error(client, editor, practice):
    client.force_login(editor)
    for typed, message in [
        ("a\x00b", "in plain text"),
        (";".join(f"name {n}" for n in range(21)), "at most 20 organizations"),
    ]:
        response = client.post(
            edit_url(practice),
            edit_form(practice, organisations=[], organisations_add=typed),
        )
        assert response.status_code == 200
        assert message in response.content.decode()


# The search behind the box


def search(client, q, **headers):
    return client.get(SEARCH, {"q": q}, headers=headers)


def test_an_editor_finds_organisations_by_part_of_their_name(client, editor, library):
    for name in ["Rise Magazine", "Sunrise Family Center", "Be Strong Families"]:
        OrganisationFactory(name=name, location="New York, NY")
    for n in range(12):
        OrganisationFactory(name=f"Rise Chapter {n:02}")
    client.force_login(editor)

    response = search(client, "rise", **XHR)
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["total"] == 14
    assert len(data["results"]) == 10
    assert [r["name"] for r in data["results"]][:2] == [
        "Rise Chapter 00",
        "Rise Chapter 01",
    ]
    assert "Sunrise Family Center" not in [r["name"] for r in data["results"]]

    data = json.loads(search(client, "SUNRISE").content)
    assert data == {
        "results": [
            {
                "id": Organisation.objects.get(name="Sunrise Family Center").pk,
                "name": "Sunrise Family Center",
                "location": "New York, NY",
            }
        ],
        "total": 1,
    }
    assert json.loads(search(client, "  ").content) == {"results": [], "total": 0}


def test_parent_reviewers_and_anonymous_visitors_are_refused_the_search(client):
    OrganisationFactory(name="Rise Magazine")
    parent = make_user("parent", "Parent reviewers")
    for user in (None, parent):
        if user:
            client.force_login(user)
        page = search(client, "rise")
        assert page.status_code == 302
        assert "/admin/login/" in page["Location"]
        assert search(client, "rise", **XHR).status_code == 403


def test_admin_users_who_cannot_edit_practices_are_refused_the_search(
    client, home_page, library
):
    OrganisationFactory(name="Rise Magazine")
    group = Group.objects.create(name="Page editors elsewhere")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_organisation"),
    )
    about = home_page.add_child(instance=StandardPage(title="About", slug="about"))
    GroupPagePermission.objects.create(
        group=group,
        page=about,
        permission=Permission.objects.get(codename="change_page"),
    )
    user = make_user("elsewhere", "Page editors elsewhere")
    client.force_login(user)
    response = search(client, "rise", **XHR)
    assert response.status_code == 403
    assert "Rise" not in response.content.decode()


def test_who_may_edit_practices(home_page, library, practice, editor):
    moderator = make_user("moderator", "Moderators")
    parent = make_user("parent", "Parent reviewers")
    group = Group.objects.create(name="Adds practices to the library")
    GroupPagePermission.objects.create(
        group=group,
        page=library,
        permission=Permission.objects.get(codename="add_page"),
    )
    adder = make_user("adder", "Adds practices to the library")
    assert may_edit_practices(editor)
    assert may_edit_practices(moderator)
    assert may_edit_practices(adder)
    assert not may_edit_practices(parent)
    editor.is_active = False
    assert not may_edit_practices(editor)


def test_the_search_answers_bad_input_with_a_4xx(client, editor, library):
    client.force_login(editor)
    assert search(client, "x" * 201).status_code == 400
    assert search(client, "a\x00b").status_code == 400
    assert client.post(SEARCH, {"q": "rise"}).status_code == 405
