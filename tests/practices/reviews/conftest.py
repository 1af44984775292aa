import pytest

from tests.practices.factories import make_user


@pytest.fixture
def people(db):
    """An editor, a moderator and four parent reviewers, with the emails invitations go to."""
    return {
        "editor": make_user("editor", "Editors"),
        "moderator": make_user("moderator", "Moderators"),
        "parents": [
            make_user(f"parent{n}", "Parent reviewers", first_name=f"Parent {n}")
            for n in range(4)
        ],
    }
