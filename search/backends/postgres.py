"""PostgreSQL full-text search ranked by field weight, with the cost of ranking capped."""

import copy

from django.conf import settings
from django.db.models import Case, F, FloatField, Value, When

from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from wagtail.search.query import Phrase, PlainText


class PracticeSearchQueryCompiler(PostgresSearchQueryCompiler):
    def get_index_vectors(self, search_query):
        # The weights alone order a match: Wagtail also divides a title's score by the title's
        # length, which let a practice with a long title lose to one naming the word in its summary.
        return [(F("index_entries__title"), 1.0), (F("index_entries__body"), 1.0)]

    def search(self, config, start, stop, score_field=None, backend=None):
        if not (
            self.order_by_relevance
            and self.fields is None
            and isinstance(self.query, (PlainText, Phrase))
        ):
            return super().search(config, start, stop, score_field, backend)
        search_query = self.build_tsquery(self.query, config=config)
        score = self._build_rank_expression(
            self.get_search_vectors(search_query), config
        )
        # alias, not annotate: the joined text is for matching, never worth sending back.
        matches = self.queryset.alias(
            _vector_=F("index_entries__title")._combine(
                F("index_entries__body"), "||", False
            )
        ).filter(_vector_=search_query)
        # Scoring reads a match's whole text, ~20 µs apiece: 200 ms for a word found in 10,000
        # practices. Only the first few hundred are scored, title matches first, then the newest.
        limit = settings.SEARCH_RANKED_MATCHES
        scored = matches.order_by(
            Case(
                When(index_entries__title=search_query, then=Value(0)),
                default=Value(1),
            ),
            F("pk").desc(),
        ).values("pk")[:limit]
        if stop is not None and stop <= limit:
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


class PracticeSearchResults(PostgresSearchResults):
    def _do_count(self):
        # Counting needs no scores: count the matches alone.
        compiler = copy.copy(self.query_compiler)
        compiler.order_by_relevance = False
        return compiler.search(compiler.get_config(self.backend), None, None).count()


class PracticeSearchBackend(PostgresSearchBackend):
    query_compiler_class = PracticeSearchQueryCompiler
    results_class = PracticeSearchResults
