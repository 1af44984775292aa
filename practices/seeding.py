"""Synthetic practices for benchmarking the library search: a Zipf vocabulary and a bulk seeder.

Practice ``i`` of seed ``S`` is the page ``seed-S-0000i`` under the library, generated from
``random.Random(f"{S}:{i}")``: seeding again creates only the practices that are missing. Seeded
organisations are marked by a website under ``https://example.org/seed-S/`` and seeded documents by
a file name starting ``documents/seed-S-``, so ``delete_seed`` removes one seed and nothing else.
Review and publication dates are offsets from the day of seeding; everything else depends on the
seed alone (and on the topics and populations already in the database).

Speed comes from bulk inserts, so some of what ``Page.save()`` does is skipped on purpose: there
are no revisions, log entries, reference index rows or parent review rounds (``parent_review`` is
empty). Documents are public all the same, because ``published_documents`` reads resources from
live pages' rows. The search index is filled here, in batches, as ``update_index`` would.
"""

import datetime
import hashlib
import itertools
import logging
import math
import random
import time
import uuid
from bisect import bisect_right
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backends
from wagtail.search.index import RelatedFields

from core.models import ContentChange
from practices.choices import OrganisationKind, ReviewOutcome, USState
from practices.demo.pdf import make_pdf
from practices.models import (
    Organisation,
    Population,
    PracticePage,
    PracticeResource,
    Topic,
)

# Vocabulary

ZIPF_EXPONENT = 1.1
VOCABULARY_SIZE = 4000

# The most frequent words: real child-welfare terms, each its own stem under PostgreSQL's English
# stemmer and none an English stop word (tests/practices/test_seed_practices.py checks both).
# A paragraph of words reads better than 190 quoted items.
DOMAIN_WORDS = (  # noqa: SIM905
    "family parent child welfare support community safety kinship foster caregiver agency "
    "court program practice service home youth advocate peer mentor housing trauma prevention "
    "reunification caseworker visit placement school health referral partner county team "
    "network meeting plan resource training outreach trust voice respect dignity strength "
    "stability poverty income food transport childcare therapy recovery treatment substance "
    "domestic violence neighborhood leader staff judge attorney hearing testimony permanency "
    "adoption guardian relative grandparent sibling infant toddler teen mother father baby "
    "pregnancy doula nurse clinic hospital pediatric wellbeing resilience culture tribe language "
    "immigrant rural urban equity racism bias accountability transparency funding grant budget "
    "contract policy law reform investigation hotline report allegation neglect abuse removal "
    "custody circle conference mediation coaching workshop class curriculum group session "
    "survey data outcome evaluation pilot model fidelity flexible warm calm welcoming honest "
    "direct early urgent crisis emergency respite shelter rent deposit utility benefit cash "
    "voucher job employment skill literacy tutoring sport art music garden meal pantry laundry "
    "phone ride bus van office library church faith elder healer storyteller navigator liaison "
    "specialist coordinator supervisor director board council commission survivor alumni "
    "apprentice volunteer fellowship stipend wage hope healing joy belonging connection dialogue "
    "listening consent"
).split()

_ONSETS = "b d f g h j k m n p r t v z br dr gr kr pl st tr".split()  # noqa: SIM905
_VOWELS = "aeiou"
# A final vowel other than "e" plus one of these consonants is no English suffix the stemmer
# strips ("-ed", "-s", "-er", "-al", "-ic", "-ent"...), so every pseudo-word is its own stem.
_LAST_VOWELS = "aiou"
_CODAS = "bdgkmptxz"


def _pseudo_words(count, taken):
    """Deterministic made-up words such as "bakot" or "trimodup", independent of any seed."""
    rng = random.Random("bright-spots-vocabulary")  # noqa: S311 - test data, not security

    def pick(options):
        # Only random() is guaranteed to repeat across Python versions, so pick with it alone.
        return options[int(rng.random() * len(options))]

    words = []
    seen = set(taken)
    while len(words) < count:
        syllables = 2 if rng.random() < 0.6 else 3
        word = "".join(pick(_ONSETS) + pick(_VOWELS) for _ in range(syllables - 1))
        word += pick(_ONSETS) + pick(_LAST_VOWELS) + pick(_CODAS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


VOCABULARY = tuple(
    DOMAIN_WORDS + _pseudo_words(VOCABULARY_SIZE - len(DOMAIN_WORDS), DOMAIN_WORDS)
)

# Benchmark query bands, by 1-based rank. A practice has about 400 words, so a "common" word is
# in 91–100% of practices, a "medium" one in 12–34%, a "rare" one in 0.7–1% (7 to 10 practices
# per thousand; a little more where it also names a seeded organisation or county).
QUERY_BANDS = {
    "common": range(1, 21),
    "medium": range(101, 301),
    "rare": range(3001, VOCABULARY_SIZE + 1),
}


@cache
def _zipf_cum_weights(size, exponent=ZIPF_EXPONENT):
    return list(itertools.accumulate(1 / rank**exponent for rank in range(1, size + 1)))


def words_by_frequency():
    """Every vocabulary word as (rank, word, probability), most frequent first."""
    cum_weights = _zipf_cum_weights(len(VOCABULARY))
    total = cum_weights[-1]
    return [
        (rank, word, 1 / rank**ZIPF_EXPONENT / total)
        for rank, word in enumerate(VOCABULARY, start=1)
    ]


def sample_query_words(kind, k=5, seed=0):
    """``k`` distinct words from a band of QUERY_BANDS ("common", "medium" or "rare"), repeatably."""
    band = [VOCABULARY[rank - 1] for rank in QUERY_BANDS[kind]]
    return random.Random(f"query:{kind}:{seed}").sample(band, k)  # noqa: S311


def zipf_words(rng, k):
    return rng.choices(VOCABULARY, cum_weights=_zipf_cum_weights(len(VOCABULARY)), k=k)


def distinct_zipf_words(rng, k):
    words = []
    while len(words) < k:
        word = zipf_words(rng, 1)[0]
        if word not in words:
            words.append(word)
    return words


def zipf_pick(rng, items):
    return items[
        bisect_right(
            _zipf_cum_weights(len(items)),
            rng.random() * _zipf_cum_weights(len(items))[-1],
        )
    ]


# Text


def sentence(rng, low=6, high=16):
    words = zipf_words(rng, rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraphs(rng, low, high):
    return "".join(
        f"<p>{' '.join(sentence(rng) for _ in range(rng.randint(2, 4)))}</p>"
        for _ in range(rng.randint(low, high))
    )


def title_case(words):
    return " ".join(word.capitalize() for word in words)


def pseudo_name(rng):
    """A capitalised pseudo-word, for places and organisation names."""
    return VOCABULARY[rng.randrange(len(DOMAIN_WORDS), len(VOCABULARY))].capitalize()


def cut(text, limit):
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "."


# States roughly by population, "Nationwide" near the top; a Zipf draw over this order.
_POPULAR_STATES = (  # noqa: SIM905
    "CA TX FL NY US PA IL OH GA NC MI NJ VA WA AZ TN MA IN MD MO WI CO MN SC AL LA KY OR OK CT "
    "UT IA NV AR MS KS NM NE ID WV HI NH ME MT RI DE SD ND AK DC VT WY PR GU VI AS MP"
).split()
STATES = sorted(
    USState.values,
    key=lambda code: (
        _POPULAR_STATES.index(code) if code in _POPULAR_STATES else len(_POPULAR_STATES)
    ),
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


# Files


def tiny_text(lines):
    return (
        "\n".join([lines[0], "", *(f"- {line}" for line in lines[1:])]) + "\n"
    ).encode()


def store_files(files):
    """Save (name, bytes) pairs to the default storage in parallel; return the names used, in order."""
    names = [None] * len(files)

    def save(position):
        name, content = files[position]
        names[position] = default_storage.save(name, ContentFile(content))

    # Each save is a round trip on S3, worth overlapping; but every thread opens its own S3 client
    # (a fifth of a second), so a few files are faster saved one after another.
    with ThreadPoolExecutor(max_workers=min(8, 1 + len(files) // 200)) as pool:
        futures = [pool.submit(save, position) for position in range(len(files))]
    errors = [future.exception() for future in futures if future.exception()]
    if errors:
        delete_files(name for name in names if name)
        raise errors[0]
    return names


def delete_files(names):
    names = list(names)
    with ThreadPoolExecutor(max_workers=min(8, 1 + len(names) // 200)) as pool:
        list(pool.map(default_storage.delete, names))


# Tree


def encode_step(position):
    """One step of a treebeard materialised path (Page: 4 characters of base 36)."""
    alphabet, steplen = Page.alphabet, Page.steplen
    digits = ""
    while position:
        position, remainder = divmod(position, len(alphabet))
        digits = alphabet[remainder] + digits
    if len(digits) > steplen:
        raise ValueError("The library has no room for more children.")
    return digits.rjust(steplen, alphabet[0])


def decode_step(step):
    position = 0
    for char in step:
        position = position * len(Page.alphabet) + Page.alphabet.index(char)
    return position


def children_of(parent_path):
    return Page.objects.filter(
        path__startswith=parent_path, depth=len(parent_path) // Page.steplen + 1
    )


def refresh_numchild(parent_paths):
    for path in set(parent_paths):
        Page.objects.filter(path=path).update(numchild=children_of(path).count())


# Seeding and deleting


@dataclass
class SeedResult:
    created: int
    existing: int
    seconds: float


def seed_practices(library, seed, count, batch_size=1000, progress=None):
    """Create whichever of practices 1..count of ``seed`` are missing; one transaction per batch."""
    started = time.monotonic()
    existing = set(
        PracticePage.objects.filter(slug__startswith=f"seed-{seed}-").values_list(
            "slug", flat=True
        )
    )
    missing = [
        number
        for number in range(1, count + 1)
        if practice_slug(seed, number) not in existing
    ]
    if missing:
        organisations = ensure_organisations(seed, pool_size(count))
        topics = list(Topic.objects.order_by("slug"))
        populations = list(Population.objects.order_by("slug"))
        today = timezone.localdate()
    for start in range(0, len(missing), batch_size):
        specs = [
            generate_practice(seed, number, topics, populations, today)
            for number in missing[start : start + batch_size]
        ]
        insert_batch(library, seed, specs, organisations)
        if progress:
            progress(start + len(specs), len(missing))
    if missing:
        # API responses are cached against this stamp, and bulk inserts send no signals.
        ContentChange.record()
    return SeedResult(len(missing), count - len(missing), time.monotonic() - started)


def ensure_organisations(seed, size):
    """The seed's organisations 0..size-1 by index, creating the missing ones."""
    prefix = organisation_marker(seed)
    by_index = {
        marker_index(org.website, prefix): org
        for org in Organisation.objects.filter(website__startswith=prefix)
    }
    taken = set(Organisation.objects.values_list("name", flat=True))
    new = []
    for index in range(size):
        if index in by_index:
            continue
        spec = generate_organisation(seed, index)
        name = spec.name
        # Names are unique across the table, other seeds' organisations included.
        for suffix in itertools.count(2):
            if name not in taken:
                break
            name = f"{spec.name} {suffix}"
        taken.add(name)
        new.append(
            Organisation(
                name=name,
                kind=spec.kind,
                location=spec.location,
                website=organisation_marker(seed, index),
            )
        )
    for org in Organisation.objects.bulk_create(new):
        by_index[marker_index(org.website, prefix)] = org
    return by_index


def marker_index(website, prefix):
    return int(website[len(prefix) :].strip("/").split("/")[-1])


def insert_batch(library, seed, specs, organisations):
    requested = [
        (
            f"{document_prefix(seed)}{spec.number:05d}-{order}.{resource.extension}",
            resource.content,
        )
        for spec in specs
        for order, resource in enumerate(spec.resources, start=1)
    ]
    names = store_files(requested)
    try:
        with transaction.atomic():
            # Locked, so that a page added meanwhile cannot take the same path.
            library = Page.objects.select_for_update().get(pk=library.pk)
            documents = insert_documents(specs, iter(names))
            pages = insert_pages(library, specs)
            insert_relations(pages, specs, organisations, iter(documents))
            refresh_numchild([library.path])
            index_objects(PracticePage, [page.pk for page in pages])
            index_objects(get_document_model(), [document.pk for document in documents])
    except BaseException:
        # The rows are rolled back, so the files stored for them must go too.
        delete_files(names)
        raise


def insert_documents(specs, names):
    Document = get_document_model()
    documents = [
        Document(
            title=f"{spec.fields['title']}: {resource.title.lower()}",
            file=next(names),
            file_size=len(resource.content),
            # Wagtail's own duplicate detection uses the SHA-1 of the file.
            file_hash=hashlib.sha1(resource.content).hexdigest(),  # noqa: S324
        )
        for spec in specs
        for resource in spec.resources
    ]
    return Document.objects.bulk_create(documents, batch_size=1000)


def insert_pages(library, specs):
    content_type = ContentType.objects.get_for_model(PracticePage)
    last = (
        children_of(library.path)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    first = decode_step(last[-Page.steplen :]) if last else 0
    pages = [
        PracticePage(
            path=library.path + encode_step(first + offset),
            depth=library.depth + 1,
            numchild=0,
            url_path=f"{library.url_path}{spec.fields['slug']}/",
            content_type=content_type,
            locale_id=library.locale_id,
            live=True,
            has_unpublished_changes=False,
            show_in_menus=False,
            owner=None,
            **spec.fields,
        )
        for offset, spec in enumerate(specs, start=1)
    ]
    # bulk_create refuses multi-table models: insert the Page rows, then only PracticePage's own
    # columns through the InsertQuery bulk_create itself uses, with no save() (and signals) per page.
    rows = Page.objects.bulk_create(
        [
            Page(
                **{
                    f.attname: getattr(page, f.attname)
                    for f in Page._meta.concrete_fields
                }
            )
            for page in pages
        ],
        batch_size=1000,
    )
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.page_ptr_id = row.pk
    for start in range(0, len(pages), 500):
        PracticePage._base_manager._insert(
            pages[start : start + 500], fields=PracticePage._meta.local_concrete_fields
        )
    return pages


def insert_relations(pages, specs, organisations, documents):
    """Topics, populations, organisations, partner agencies and resources, in bulk."""
    relations = {
        PracticePage.topics.through: [],
        PracticePage.populations.through: [],
        PracticePage.organisations.through: [],
        PracticePage.partner_agencies.through: [],
    }
    resources = []
    for page, spec in zip(pages, specs, strict=True):
        relations[PracticePage.topics.through] += [
            PracticePage.topics.through(practicepage_id=page.pk, topic_id=topic.pk)
            for topic in spec.topics
        ]
        relations[PracticePage.populations.through] += [
            PracticePage.populations.through(
                practicepage_id=page.pk, population_id=population.pk
            )
            for population in spec.populations
        ]
        relations[PracticePage.organisations.through].append(
            PracticePage.organisations.through(
                practicepage_id=page.pk,
                organisation_id=organisations[spec.organisation].pk,
            )
        )
        if spec.partner is not None:
            relations[PracticePage.partner_agencies.through].append(
                PracticePage.partner_agencies.through(
                    practicepage_id=page.pk,
                    organisation_id=organisations[spec.partner].pk,
                )
            )
        resources += [
            PracticeResource(
                page_id=page.pk,
                document=next(documents),
                title=resource.title,
                description=resource.description,
                sort_order=order,
            )
            for order, resource in enumerate(spec.resources)
        ]
    for through, rows in relations.items():
        through.objects.bulk_create(rows, batch_size=2000)
    PracticeResource.objects.bulk_create(resources, batch_size=2000)


def index_objects(model, pks, batch_size=500):
    """Add the objects to every search backend in batches, with what they index prefetched."""
    related = [
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, RelatedFields)
    ]
    for start in range(0, len(pks), batch_size):
        objects = list(
            model.get_indexed_objects()
            .filter(pk__in=pks[start : start + batch_size])
            .prefetch_related(*related)
        )
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)


@contextmanager
def quiet_logger(name):
    """Silence a logger's INFO lines, e.g. Wagtail's one "Page deleted" line per page."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass
class DeleteResult:
    practices: int
    documents: int
    organisations: int
    seconds: float


def delete_seed(seed, batch_size=1000):
    """Delete the seed's practices, their resources and documents (files too), and its organisations."""
    started = time.monotonic()
    Document = get_document_model()
    pages = PracticePage.objects.filter(slug__regex=rf"^seed-{seed}-[0-9]+$")
    page_ids = list(pages.values_list("pk", flat=True))
    parents = {path[: -Page.steplen] for path in pages.values_list("path", flat=True)}
    documents = Document.objects.filter(file__startswith=document_prefix(seed))
    file_names = list(documents.values_list("file", flat=True))
    with transaction.atomic(), quiet_logger("wagtail"):
        # They were published without a signal per page; taking them offline in one query likewise
        # spares Wagtail's pre-delete unpublish (and its page_unpublished signal) for each page.
        Page.objects.filter(pk__in=page_ids).update(live=False)
        for start in range(0, len(page_ids), batch_size):
            # treebeard's delete() saves the parent once per page removed; these pages are leaves,
            # so Django's own delete (signals included) is enough, and numchild is fixed once below.
            models.QuerySet.delete(
                Page.objects.filter(pk__in=page_ids[start : start + batch_size])
            )
        refresh_numchild(parents)
        document_count = documents.count()
        documents.delete()
        organisations = Organisation.objects.filter(
            website__startswith=organisation_marker(seed)
        )
        organisation_count = organisations.count()
        organisations.delete()
        if page_ids or document_count or organisation_count:
            ContentChange.record()
    # Wagtail deletes a document's file once the transaction commits; do it now, so it is certain.
    delete_files(file_names)
    return DeleteResult(
        len(page_ids), document_count, organisation_count, time.monotonic() - started
    )
