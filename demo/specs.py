"""What a seeded practice is made of, decided by its seed and number alone: text, labels, organisations, files."""

import datetime
import math
import random
import uuid
from dataclasses import dataclass

from practices.choices import OrganisationKind, ReviewOutcome

from .pdf import make_pdf
from .vocabulary import (
    STATES,
    cut,
    distinct_zipf_words,
    paragraphs,
    pseudo_name,
    sentence,
    title_case,
    zipf_pick,
)

ORGANISATIONS_PER_PRACTICE = 1 / 20
_PROVIDER_NAMES = (
    "Family Network",
    "Parent Alliance",
    "Family Resource Center",
    "Kinship Collaborative",
)
RESOURCE_KINDS = (
    ("Overview for agency leaders", "pdf"),
    ("Step-by-step checklist", "txt"),
)


def pool_size(count):
    """How many seeded organisations ``count`` practices share (about one per 20 practices)."""
    return max(1, math.ceil(count * ORGANISATIONS_PER_PRACTICE))


def organisation_marker(seed, index=None):
    prefix = f"https://example.org/seed-{seed}/"
    return prefix if index is None else f"{prefix}organisations/{index:04d}/"


def practice_slug(seed, number):
    return f"seed-{seed}-{number:05d}"


def document_prefix(seed):
    return f"documents/seed-{seed}-"


@dataclass
class OrganisationSpec:
    index: int
    name: str
    kind: str
    location: str


def generate_organisation(seed, index):
    rng = random.Random(f"{seed}:organisation:{index}")  # noqa: S311
    place = pseudo_name(rng)
    state = zipf_pick(rng, STATES)
    # One in four is a public agency, so practices have partner agencies to name.
    if index % 4 == 3:
        name = f"{place} County Department of Children and Family Services"
        kind = OrganisationKind.AGENCY
    else:
        name = f"{place} {rng.choice(_PROVIDER_NAMES)}"
        kind = rng.choice([OrganisationKind.PROVIDER, OrganisationKind.PARENT_LED])
    return OrganisationSpec(index, name, kind, f"{place}, {state}")


@dataclass
class ResourceSpec:
    title: str
    description: str
    extension: str
    content: bytes


@dataclass
class PracticeSpec:
    number: int
    fields: dict
    topics: list
    populations: list
    organisation: int
    partner: int | None
    resources: list


def generate_practice(seed, number, topics, populations, today):
    """Everything about practice ``number`` of ``seed``; ``topics``/``populations`` in a fixed order."""
    rng = random.Random(f"{seed}:{number}")  # noqa: S311
    title = title_case(distinct_zipf_words(rng, rng.randint(3, 7)))
    steps = [
        {
            "type": "step",
            "value": {
                "title": sentence(rng, 3, 8).rstrip("."),
                "detail": f"<p>{' '.join(sentence(rng) for _ in range(rng.randint(1, 2)))}</p>",
            },
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        }
        for _ in range(rng.randint(6, 10))
    ]
    review_date = today - datetime.timedelta(days=rng.randrange(6 * 365))
    published_at = datetime.datetime.combine(
        review_date,
        datetime.time(rng.randrange(8, 18), rng.randrange(60)),
        tzinfo=datetime.UTC,
    )
    fields = {
        "title": title,
        "draft_title": title,
        "slug": practice_slug(seed, number),
        "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
        "summary": cut(" ".join(sentence(rng) for _ in range(rng.randint(1, 2))), 300),
        "feedback_summary": [
            {
                "type": "point",
                "value": sentence(rng, 8, 16),
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            }
            for _ in range(3)
        ],
        "intervention": paragraphs(rng, 2, 4),
        "why_bright_spot": paragraphs(rng, 2, 3),
        "steps": steps,
        "state": zipf_pick(rng, STATES),
        "county": f"{pseudo_name(rng)} County" if rng.random() < 0.6 else "",
        "year_started": rng.randint(review_date.year - 25, review_date.year - 1)
        if rng.random() < 0.85
        else None,
        "review_outcome": ReviewOutcome.RECOMMENDED,
        "review_date": review_date,
        "first_published_at": published_at,
        "last_published_at": published_at,
    }
    chosen_topics = []
    if topics:
        wanted = min(rng.randint(1, 3), len(topics))
        while len(chosen_topics) < wanted:
            topic = zipf_pick(rng, topics)
            if topic not in chosen_topics:
                chosen_topics.append(topic)
    chosen_populations = rng.sample(
        populations, min(rng.randint(0, 2), len(populations))
    )
    # Practice i only uses organisations that exist once i practices do, so growing keeps it the same.
    available = pool_size(number)
    organisation = rng.randrange(available)
    agencies = [index for index in range(3, available, 4) if index != organisation]
    partner = rng.choice(agencies) if agencies and rng.random() < 0.35 else None
    resources = []
    for label, extension in RESOURCE_KINDS[: rng.randint(1, 2)]:
        lines = [step["value"]["title"] for step in steps[:3]]
        resources.append(
            ResourceSpec(
                title=label,
                description=sentence(rng, 6, 12),
                extension=extension,
                content=(
                    make_pdf(title, label, lines)
                    if extension == "pdf"
                    else tiny_text([title, *lines])
                ),
            )
        )
    return PracticeSpec(
        number,
        fields,
        chosen_topics,
        chosen_populations,
        organisation,
        partner,
        resources,
    )


def tiny_text(lines):
    return (
        "\n".join([lines[0], "", *(f"- {line}" for line in lines[1:])]) + "\n"
    ).encode()
