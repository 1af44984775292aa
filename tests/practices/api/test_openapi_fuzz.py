"""Property-based run of the v3 OpenAPI contract: generated requests never get a 5xx or an off-schema answer."""

import pytest
from hypothesis import HealthCheck, given, settings
from schemathesis import openapi
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from cms.wsgi import application
from tests.practices.factories import (
    PracticePageFactory,
    PracticeResourceFactory,
    TopicFactory,
    publish_through_parent_review,
)

CASES_PER_OPERATION = 60


@pytest.fixture
def in_process_app():
    """The WSGI app called in the test's own transaction, as Django's test client does it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def content(library):
    topic = TopicFactory(slug="parent-advocacy")
    practice = PracticePageFactory(parent=library, live=False)
    practice.topics.add(topic)
    practice.save()
    PracticeResourceFactory(page=practice)
    publish_through_parent_review(practice)
    PracticePageFactory(parent=library, title="Draft", live=False)


@pytest.mark.django_db
def test_generated_requests_get_no_5xx_and_conform_to_the_schema(
    content, editor_token, in_process_app
):
    schema = openapi.from_wsgi("/api/v3/openapi.json", in_process_app)
    token = editor_token["HTTP_AUTHORIZATION"]
    cases = []

    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=CASES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            cases.append(case)
            # Half the cases as an editor's client, so drafts and revisions are exercised too.
            headers = {"Authorization": token} if len(cases) % 2 else {}
            response = case.call(headers=headers)
            case.validate_response(
                response,
                checks=[
                    not_a_server_error,
                    response_schema_conformance,
                    status_code_conformance,
                ],
            )

        run()

    assert len(cases) >= 300, len(cases)
