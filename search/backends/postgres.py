"""PostgreSQL full-text search ranked by field weight, with the cost of ranking capped."""

# ruff: noqa: S608 -- SQL here is built from model table names; every value is a parameter.
import copy

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Expression,
    F,
    FloatField,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast

from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from wagtail.search.models import IndexEntry
from wagtail.search.query import Phrase, PlainText
from wagtail.search.utils import get_descendants_content_types_pks


class EntryMatches(Expression):
    """True of a row whose index entry matches the words, looked up in the GIN index type by type.

    Wagtail asks ``content_type_id IN (…)`` for a model with subclasses (Page: every page type).
    With several types the planner reads every entry of them and tests its text, ~120 ms for a
    common word at 10,000 practices, rather than look the word up in the GIN index of
    practices/0004. ``content_type_id = …``, as for the library's one type, uses it.
    """

    output_field = BooleanField()

    def __init__(self, content_types, search_query, fields=("title", "body")):
        super().__init__()
        self.content_types, self.fields = content_types, fields
        # Compared as text, as Wagtail joins them: object_id is a varchar whatever the key.
        self.entry_id = Cast("pk", CharField(max_length=50))
        self.search_query = search_query

    def get_source_expressions(self):
        return [self.entry_id, self.search_query]

    def set_source_expressions(self, exprs):
        self.entry_id, self.search_query = exprs

    def as_sql(self, compiler, connection):
        # Written out rather than built from querysets: a dozen of those cost ~10 ms of Python.
        entry_id, id_params = compiler.compile(self.entry_id)
        words, word_params = compiler.compile(self.search_query)
        text = " || ".join(f'entry."{field}"' for field in self.fields)
        look_up = (
            f"SELECT entry.object_id FROM {IndexEntry._meta.db_table} entry "
            f"WHERE entry.content_type_id = %s AND ({text}) @@ {words}"
        )
        look_ups = " UNION ALL ".join([look_up] * len(self.content_types))
        # IS TRUE: the matches are hashed once and each row looked up in them (in memory: the
        # default work_mem holds some 250,000). A plain IN would become a join that first
        # de-duplicates the matches: ~4 ms more at 10,000.
        return f"({entry_id} IN ({look_ups})) IS TRUE", [
            *id_params,
            *(value for pk in self.content_types for value in (pk, *word_params)),
        ]


class PracticeSearchQueryCompiler(PostgresSearchQueryCompiler):
    def get_index_vectors(self, search_query, entry="index_entries__"):
        # The weights alone order a match: Wagtail also divides a title's score by the title's
        # length, which let a practice with a long title lose to one naming the word in its summary.
        return [(F(f"{entry}title"), 1.0), (F(f"{entry}body"), 1.0)]

    def ranks_itself(self):
        return self.fields is None and isinstance(self.query, (PlainText, Phrase))

    def matching(self, search_query):
        """(the queryset's matches, a condition true of those with the words in their title)."""
        content_types = get_descendants_content_types_pks(self.queryset.model)
        if len(content_types) == 1:
            # alias, not annotate: the joined text is for matching, never worth sending back.
            text = F("index_entries__title")._combine(
                F("index_entries__body"), "||", False
            )
            matches = self.queryset.alias(_vector_=text).filter(_vector_=search_query)
            return matches, Q(index_entries__title=search_query)
        matches = self.queryset.filter(EntryMatches(content_types, search_query))
        return matches, EntryMatches(content_types, search_query, fields=("title",))

    def first_to_score(self, matches, in_title):
        # Scoring reads a match's whole text, ~20 µs apiece: 200 ms for a word found in 10,000
        # practices. Only the first few hundred are scored, title matches first, then the newest.
        return matches.order_by(
            Case(When(in_title, then=Value(0)), default=Value(1)), F("pk").desc()
        )[: settings.SEARCH_RANKED_MATCHES]

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self.ranks_itself():
            return super().search(config, start, stop, score_field, backend)
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            # Nothing but dashes and spaces: no words to look for.
            return self.queryset.none()
        score = self._build_rank_expression(
            self.get_search_vectors(search_query), config
        )
        matches, in_title = self.matching(search_query)
        if not self.order_by_relevance:
            return self._apply_ordering_and_scoring(
                matches, score, start, stop, score_field
            )
        scored = self.first_to_score(matches, in_title).values("pk")
        if stop is not None and stop <= settings.SEARCH_RANKED_MATCHES:
            # Every result asked for is among the scored matches: read only those.
            queryset = self.queryset.filter(pk__in=scored)
        else:
            queryset = matches
            score = Case(
                When(pk__in=scored, then=score),
                default=Value(0.0),
                output_field=FloatField(),
            )
        return self._apply_ordering_and_scoring(
            queryset, score, start, stop, score_field
        )

    def best(self, config):
        """(how many match, the ids of the scored matches best first) in one statement.

        The order of ``search``: its first SEARCH_RANKED_MATCHES results. The words are looked up
        once, and only the matches picked for scoring have their text read.
        """
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return 0, []
        matches, in_title = self.matching(search_query)
        first = self.first_to_score(
            matches.annotate(_matches=Window(Count("pk"))), in_title
        ).values_list("pk", "_matches")
        score = self._build_rank_expression(
            self.get_index_vectors(search_query, entry=""), config
        )
        entries = (
            IndexEntry.objects.filter(
                content_type_id__in=get_descendants_content_types_pks(
                    self.queryset.model
                )
            )
            .annotate(_score=score)
            .values_list("object_id", "_score")
        )
        try:
            first_sql, first_params = first.query.get_compiler(
                self.queryset.db
            ).as_sql()
        except EmptyResultSet:
            return 0, []
        entries_sql, entries_params = entries.query.get_compiler(
            self.queryset.db
        ).as_sql()
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(
                f"SELECT best.pk, best.matches FROM ({first_sql}) best(pk, matches) "
                f"JOIN ({entries_sql}) entry(object_id, score) "
                "ON entry.object_id = CAST(best.pk AS varchar(50)) "
                "ORDER BY entry.score DESC, best.pk DESC",
                [*first_params, *entries_params],
            )
            rows = cursor.fetchall()
        return (rows[0][1] if rows else 0), [pk for pk, _ in rows]


class PracticeSearchResults(PostgresSearchResults):
    def _do_count(self):
        # Counting needs no scores: count the matches alone.
        compiler = copy.copy(self.query_compiler)
        compiler.order_by_relevance = False
        return compiler.search(compiler.get_config(self.backend), None, None).count()

    def best(self):
        """(how many match, the ids of the first SEARCH_RANKED_MATCHES results in order), or None
        when the query is of a kind ranked by Wagtail's own code."""
        compiler = self.query_compiler
        if not (compiler.ranks_itself() and compiler.order_by_relevance):
            return None
        return compiler.best(compiler.get_config(self.backend))


class PracticeSearchBackend(PostgresSearchBackend):
    query_compiler_class = PracticeSearchQueryCompiler
    results_class = PracticeSearchResults
