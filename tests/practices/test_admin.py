"""What an Alia editor meets in the admin for practices and their labels."""

import pytest

from django.contrib.auth.models import Group

from .factories import PracticeIndexPageFactory, PracticePageFactory, TopicFactory


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "editor", password="irrelevant-in-tests"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.mark.django_db
def test_practice_edit_screen_groups_metadata_in_an_at_a_glance_tab(
    client, editor, home_page
):
    practice = PracticePageFactory(parent=PracticeIndexPageFactory(parent=home_page))
    client.force_login(editor)
    response = client.get(f"/admin/pages/{practice.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "At a glance",
        "What is the intervention?",
        "Downloadable resources",
        "Who runs it and where",
    ]:
        assert text in html, text
    assert "The U.S. state where it runs" in html


@pytest.mark.django_db
def test_editor_can_browse_topics_in_library_labels(client, admin_user):
    TopicFactory(name="Kinship care", slug="kinship-care")
    client.force_login(admin_user)
    response = client.get("/admin/snippets/practices/topic/")
    assert response.status_code == 200
    assert "Kinship care" in response.content.decode()


@pytest.mark.django_db
def test_the_practice_editor_never_saves_on_its_own(client, editor, home_page):
    # A revision saved while parents review restarts their round and invites them again.
    library = PracticeIndexPageFactory(parent=home_page)
    practice = PracticePageFactory(parent=library)
    client.force_login(editor)
    for url in (
        f"/admin/pages/{practice.pk}/edit/",
        f"/admin/pages/add/practices/practicepage/{library.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "data-w-autosave-interval-value" not in html
        assert "w-autosave#save" not in html
        assert "w-unsaved" in html  # the leave-page warning stays
