"""Shared by the contribution tests: what a person posts, posted as a person would (form shown a while ago)."""

import itertools
import time

import factory

from django.urls import reverse

from practices.choices import USState
from practices.contributions.models import (
    PracticeFeedback,
    PracticeSubmission,
    SubmissionPage,
)
from practices.contributions.spam import HONEYPOT_FIELD, TOKEN_FIELD, form_token

SUBMIT_URL = "/submit/"
THANKS_URL = "/submit/thanks/"
_addresses = itertools.count(1)


def new_address():
    """A client address no other post in this test run has used (each gets its own rate-limit budget)."""
    number = next(_addresses)
    return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"


def submit_url():
    """Where the "Submit a Bright Spot" form posts: its action on /submit/."""
    return reverse("contribute:submit", args=[SubmissionPage.objects.get().pk])


def feedback_url(practice):
    """Where a practice page's feedback form posts."""
    return reverse("contribute:feedback", args=[practice.pk])


def person_token():
    """The token of a form shown a minute ago: a person had time to read and type."""
    return form_token(time.time() - 60)


def submission_data(**overrides):
    data = {
        "name": "Dana Rivera",
        "email": "dana.rivera@example.org",
        "organisation": "Eastside Family Center",
        "role": "Program director",
        "state": "OR",
        "practice_name": "Family Dinner Nights",
        "description": "Parents and caseworkers share a meal every week.\n\nThey plan visits together.",
        "why_it_helps": "Parents meet their caseworker as people, not as a file.",
        "runs_it": "Eastside Family Center",
        "county": "Multnomah County",
        "practice_state": "OR",
        "year_started": "2019",
        "links": "https://eastside.example.org/dinners",
        "heard_about": "colleague",
        "heard_about_detail": "",
        "consent_to_contact": "on",
        HONEYPOT_FIELD: "",
        TOKEN_FIELD: person_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def feedback_data(**overrides):
    data = {
        "message": "The county also runs this in two schools now.",
        "name": "",
        "email": "",
        HONEYPOT_FIELD: "",
        TOKEN_FIELD: person_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_from(client, url, data, address=None, **extra):
    return client.post(url, data, REMOTE_ADDR=address or new_address(), **extra)


class PracticeSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeSubmission

    name = "Sam Okafor"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    organisation = "Eastside Family Center"
    state = USState.OR
    practice_name = factory.Sequence(lambda n: f"Submitted practice {n}")
    description = "Parents and caseworkers share a meal every week."
    consent_to_contact = True


class PracticeFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeFeedback

    message = "Please add the county's new school program."
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
