"""Synthetic practices for benchmarking the library search: the bulk seeder (words in vocabulary.py, specs in specs.py).

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

import hashlib
import itertools
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

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
from practices.models import (
    Organisation,
    Population,
    PracticePage,
    PracticeResource,
    Topic,
)

from .specs import (
    document_prefix,
    generate_organisation,
    generate_practice,
    organisation_marker,
    pool_size,
    practice_slug,
)

# Files


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
