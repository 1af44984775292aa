"""The library's search: full text, facets with counts, sorting, and filters kept in the URL.

Filters combine with OR inside a facet (topic A or topic B) and AND across facets (a topic and
a state). Each facet's counts apply the text and every *other* facet, so a count tells the
reader how many practices that choice gives with what they have already chosen elsewhere.
"""

# ruff: noqa: S608 -- SQL here is built from model table names; every value is a parameter.
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q, prefetch_related_objects
from django.utils.functional import cached_property

from core.models import ContentChange
from core.search import promotions_for
from practices.choices import ReviewOutcome, USState
from practices.models.pages import PracticePage
from practices.models.snippets import Organisation, Population, Topic

from .forms import ORDERINGS, SORTS, LibraryForm

PRACTICES_PER_PAGE = 12
# Enough matches for any page a reader pages to, when the backend cannot give them as a subquery.
MAX_MATCHES_FROM_SEARCH_SERVICE = 10_000
ORGANISATIONS_SHOWN = 15
# Counts and result pages are kept until content next changes, or this long at most.
CACHE_SECONDS = 300
# The long texts a card never shows, left unread when listing practices.
NOT_ON_CARDS = ("feedback_summary", "intervention", "why_bright_spot", "steps")
FACET_NAMES = ("topic", "state", "population", "outcome", "organisation")


@dataclass
class Option:
    facet: str
    value: str
    label: str
    count: int
    selected: bool

    # Strings made here, not in the template: a page shows ~100 options, and the template
    # language formats every number it prints, which cost ~5 ms a page.
    @property
    def input_id(self):
        return f"{self.facet}-{self.value}"

    @property
    def count_text(self):
        return str(self.count)

    @property
    def count_noun(self):
        return "practice" if self.count == 1 else "practices"


@dataclass
class Facet:
    name: str
    label: str
    options: list
    hidden_count: int = 0

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


@dataclass
class ActiveFilter:
    label: str
    remove_url: str


@dataclass
class LibrarySearch:
    """One reader's view of the library: what they asked for and what matches it."""

    library: object
    params: object  # request.GET
    form: LibraryForm = field(init=False)

    def __post_init__(self):
        self.topics = list(Topic.objects.order_by("name"))
        self.populations = list(Population.objects.order_by("name"))
        wanted = [v for v in self.params.getlist("organisation") if v.isdigit()]
        self.form = LibraryForm(
            self.params,
            topics=self.topics,
            populations=self.populations,
            organisation_ids=Organisation.objects.filter(
                pk__in=[int(v) for v in wanted if len(v) <= 18]
            ).values_list("pk", flat=True),
        )
        self.query = self.form.value("q").strip()
        sort = self.form.value("sort") or ""
        default_sort = "relevance" if self.query else "newest"
        self.sort = (
            sort if sort and (sort != "relevance" or self.query) else default_sort
        )

    @property
    def has_errors(self):
        return bool(self.form.errors)

    # -- Which practices match ------------------------------------------------------------

    @cached_property
    def published(self):
        return PracticePage.objects.live().public().child_of(self.library)

    @cached_property
    def filters(self):
        """Each chosen facet as a condition on practices, keyed by its parameter name."""
        value = self.form.value
        topic_ids = [t.pk for t in self.topics if t.slug in value("topic")]
        population_ids = [
            p.pk for p in self.populations if p.slug in value("population")
        ]
        organisations = value("organisation")
        conditions = {
            "topic": topic_ids and Q(topics__in=topic_ids),
            "state": value("state") and Q(state__in=value("state")),
            "population": population_ids and Q(populations__in=population_ids),
            "outcome": value("outcome") and Q(review_outcome__in=value("outcome")),
            "organisation": organisations
            and (
                Q(organisations__in=organisations)
                | Q(partner_agencies__in=organisations)
            ),
        }
        return {name: condition for name, condition in conditions.items() if condition}

    def filtered(self):
        """The published practices that pass every chosen facet."""
        queryset = self.published
        for condition in self.filters.values():
            # A subquery on pk, so the search backend accepts the filter and joins do not repeat rows.
            queryset = queryset.filter(
                pk__in=PracticePage.objects.filter(condition).values("pk")
            )
        return queryset

    @cached_property
    def text_matched(self):
        """The published practices the words match."""
        results = self.published.search(
            self.query, operator="and", order_by_relevance=False
        )
        if hasattr(results, "get_queryset"):
            # Wagtail's database backends: one SQL query, never a list of ids in Python.
            return results.get_queryset()
        ids = [page.pk for page in results[:MAX_MATCHES_FROM_SEARCH_SERVICE]]
        return self.published.filter(pk__in=ids)

    @cached_property
    def results(self):
        practices = self.filtered().defer(*NOT_ON_CARDS)
        if not self.query:
            return practices.order_by(*ORDERINGS[self.sort])
        if self.sort == "relevance":
            return practices.search(self.query, operator="and")
        return practices.order_by(*ORDERINGS[self.sort]).search(
            self.query, operator="and", order_by_relevance=False
        )

    def page(self, number):
        """One page of results; which practices are on it is kept until content changes."""
        # The total comes with the facet counts, so the paginator pages a range, not a query.
        page = Paginator(range(self.counts["total"]), PRACTICES_PER_PAGE).get_page(
            number
        )
        key = self.cache_key("page", page.number)
        ids = cache.get(key)
        if ids is None:
            bottom = (page.number - 1) * PRACTICES_PER_PAGE
            practices = list(self.results[bottom : bottom + PRACTICES_PER_PAGE])
            cache.set(key, [practice.pk for practice in practices], CACHE_SECONDS)
        else:
            found = PracticePage.objects.defer(*NOT_ON_CARDS).in_bulk(ids)
            practices = [found[pk] for pk in ids if pk in found]
        # One query for every card's topics, however many cards.
        prefetch_related_objects(practices, "topics")
        page.object_list = practices
        return page

    # -- Facet counts ---------------------------------------------------------------------

    def cache_key(self, *parts):
        """Answers stay valid until published content next changes (core.ContentChange)."""
        described = repr(
            (
                self.library.pk,
                self.query,
                self.sort,
                sorted(
                    (name, sorted(map(str, self.form.value(name))))
                    for name in FACET_NAMES
                ),
                parts,
                self.content_version,
            )
        )
        return "library:" + hashlib.sha256(described.encode()).hexdigest()

    @cached_property
    def content_version(self):
        return ContentChange.last().isoformat()

    @cached_property
    def counts(self):
        """{"total": n, facet: {value: n}}: the facet counts and the number of results."""
        key = self.cache_key("counts")
        counts = cache.get(key)
        if counts is None:
            counts = self.count_everything()
            cache.set(key, counts, CACHE_SECONDS)
        return counts

    def count_everything(self):
        """Every facet's counts and the total in one SQL statement.

        Raw SQL because the ORM has no common table expressions: the words are matched once, then
        each facet is counted over the practices that pass the other facets.
        """
        ctes, params = [], []

        def add(name, queryset, *columns):
            sql, sql_params = (
                queryset.order_by().values("pk", *columns).query.sql_with_params()
            )
            names = ", ".join(["pk", *columns])
            ctes.append(f"{name}({names}) AS MATERIALIZED ({sql})")
            params.extend(sql_params)

        # What the words match (or every published practice), with the columns that are facets.
        base = self.text_matched if self.query else self.published
        add("base", base, "state", "review_outcome")
        for name, condition in self.filters.items():
            add(f"chosen_{name}", PracticePage.objects.filter(condition))

        def matching(leave_out=None):
            kept = [
                f"pk IN (SELECT pk FROM chosen_{name})"
                for name in self.filters
                if name != leave_out
            ]
            return "SELECT * FROM base" + (
                f" WHERE {' AND '.join(kept)}" if kept else ""
            )

        ctes.append(f"matching AS MATERIALIZED ({matching()})")
        for name in self.filters:
            ctes.append(f"matching_{name} AS MATERIALIZED ({matching(name)})")

        def of(facet):
            return f"matching_{facet}" if facet in self.filters else "matching"

        def linked(relation, column, facet):
            # A join, not IN (…): the planner then knows how many practices there are.
            table = getattr(PracticePage, relation).through._meta.db_table
            return (
                f"SELECT l.{column}, l.practicepage_id FROM {table} l "
                f"JOIN {of(facet)} m ON m.pk = l.practicepage_id"
            )

        runs_or_partners = " UNION ALL ".join(
            linked(relation, "organisation_id", "organisation")
            for relation in ("organisations", "partner_agencies")
        )
        counts = [
            "SELECT 'total', '', COUNT(*) FROM matching",
            f"SELECT 'topic', CAST(topic_id AS TEXT), COUNT(*) FROM ({linked('topics', 'topic_id', 'topic')}) l GROUP BY topic_id",
            f"SELECT 'population', CAST(population_id AS TEXT), COUNT(*) FROM ({linked('populations', 'population_id', 'population')}) l GROUP BY population_id",
            f"SELECT 'state', state, COUNT(*) FROM {of('state')} GROUP BY state",
            f"SELECT 'outcome', review_outcome, COUNT(*) FROM {of('outcome')} GROUP BY review_outcome",
            # An organisation that both runs and partners a practice counts it once.
            f"SELECT 'organisation', CAST(organisation_id AS TEXT), COUNT(DISTINCT practicepage_id) "
            f"FROM ({runs_or_partners}) l GROUP BY organisation_id",
        ]
        statement = f"WITH {', '.join(ctes)} {' UNION ALL '.join(counts)}"
        result = {"total": 0, **{facet: {} for facet in FACET_NAMES}}
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            for facet, value, count in cursor.fetchall():
                if facet == "total":
                    result["total"] = count
                elif facet in ("topic", "population", "organisation"):
                    result[facet][int(value)] = count
                else:
                    result[facet][value] = count
        return result

    @cached_property
    def facets(self):
        value, counts = self.form.value, self.counts
        chosen_organisations = [str(pk) for pk in value("organisation")]
        by_count = sorted(
            counts["organisation"], key=lambda pk: -counts["organisation"][pk]
        )
        shown = set(by_count[:ORGANISATIONS_SHOWN]) | set(value("organisation"))
        # (parameter, label, [(value in the URL, label, key of its count)], chosen values)
        specs = [
            (
                "topic",
                "Topic",
                [(t.slug, t.name, t.pk) for t in self.topics],
                value("topic"),
            ),
            (
                "state",
                "State",
                [(k, label, k) for k, label in USState.choices],
                value("state"),
            ),
            (
                "population",
                "Families served",
                [(p.slug, p.name, p.pk) for p in self.populations],
                value("population"),
            ),
            (
                "outcome",
                "Parent review",
                [(k, label, k) for k, label in ReviewOutcome.choices],
                value("outcome"),
            ),
            (
                "organisation",
                "Organization",
                [
                    (str(o.pk), o.name, o.pk)
                    for o in Organisation.objects.filter(pk__in=shown).order_by("name")
                ],
                chosen_organisations,
            ),
        ]
        facets = []
        for name, label, choices, selected in specs:
            options = [
                Option(name, key, text, counts[name].get(count_key, 0), key in selected)
                for key, text, count_key in choices
            ]
            # A reader sees the choices that would show something, and those already ticked.
            options = [option for option in options if option.count or option.selected]
            facets.append(Facet(name, label, options))
        facets[-1].hidden_count = len(set(counts["organisation"]) - shown)
        return facets

    # -- What the page shows around the results -------------------------------------------

    @cached_property
    def promotions(self):
        """Editors' picks for these words that pass the reader's filters."""
        return promotions_for(self.query, self.filtered())

    def url(self, **changes):
        """This view's query string with some parameters changed; None removes one."""
        params = {
            name: [value for value in self.params.getlist(name) if value]
            for name in ("q", *FACET_NAMES, "sort")
        }
        for name, values in changes.items():
            if values is None:
                params.pop(name, None)
            else:
                params[name] = values
        query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
        return f"?{query}" if query else "?"

    @cached_property
    def active_filters(self):
        """Each chosen facet value, with a link that removes just that one."""
        chosen = []
        for facet in self.facets:
            for option in facet.selected:
                rest = [v for v in self.params.getlist(facet.name) if v != option.value]
                chosen.append(
                    ActiveFilter(
                        f"{facet.label}: {option.label}",
                        self.url(**{facet.name: rest or None}),
                    )
                )
        return chosen

    @property
    def clear_filters_url(self):
        return self.url(**dict.fromkeys(FACET_NAMES))

    @property
    def sort_choices(self):
        """(value, label, selected) for the sort menu.

        Its first choice is the empty value, "the usual order": best match when searching, newest
        otherwise. So a search typed into a list sorted by default is ranked by best match.
        """
        default = "relevance" if self.query else "newest"
        return [
            ("" if key == default else key, label, key == self.sort)
            for key, label in SORTS.items()
            if key != "relevance" or self.query
        ]

    @property
    def pagination_prefix(self):
        return self.url()[1:]
