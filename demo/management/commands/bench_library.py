"""Time the library page over real HTTP at 1,000 and 10,000 practices (make bench, docs/performance.md).

Written by hand rather than with a load tool: it seeds, serves and measures in one run, and prints
the figures issue 6 sets targets for, side by side.
"""

import sys
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.bench import Server, percentile
from demo.vocabulary import QUERY_BANDS, sample_query_words
from practices.models import Topic

TARGET_SEARCH_P95_MS = 50
TARGET_SEARCH_OVER_TOPIC = 2.0
TARGET_GROWTH = 1.5


class Command(BaseCommand):
    help = "Seed the library to 1,000 then 10,000 practices, serve it with gunicorn, and time searches."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="1000,10000")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--rounds", type=int, default=15)
        parser.add_argument("--words", type=int, default=6, help="queries per band")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, **options):
        if connection.vendor != "postgresql" or settings.DEBUG:
            raise CommandError("Run this through make bench: PostgreSQL, DEBUG off.")
        sizes = [int(size) for size in options["sizes"].split(",")]
        queries = {
            band: sample_query_words(band, k=options["words"], seed=options["seed"])
            for band in QUERY_BANDS
        }
        topics = list(Topic.objects.order_by("slug").values_list("slug", flat=True))
        if not topics:
            raise CommandError("No topics: run manage.py load_demo_content first.")

        server = Server(options["port"], options["workers"])
        results = {}
        try:
            for size in sizes:
                call_command("seed_practices", count=size, seed=options["seed"])
                with connection.cursor() as cursor:
                    # What autovacuum would have done on a live site by now.
                    cursor.execute("VACUUM ANALYZE")
                results[size] = self.measure(server, queries, topics, options["rounds"])
                self.report(size, results[size])
        finally:
            server.stop()
        if not self.verdict(sizes, results):
            sys.exit(1)

    def measure(self, server, queries, topics, rounds):
        searches = [
            (band, f"/library/?{urlencode({'q': word})}")
            for band, words in queries.items()
            for word in words
        ]
        filtered = [("topic", f"/library/?{urlencode({'topic': t})}") for t in topics]
        nothing = [
            ("no match", "/library/?q=qqqxqqq"),
            ("no match", "/library/?q=zzzqzzz"),
        ]
        everything = searches + filtered + nothing
        timings = {"cold": {}, "warm": {}}
        # Cold: the first reader after content changed, with nothing kept from before.
        for _ in range(max(1, rounds // 5)):
            for band, path in everything:
                cache.clear()
                elapsed, _body = server.timed(path)
                timings["cold"].setdefault(band, []).append(elapsed)
        # Warm: every later reader of the same view, until content changes again.
        for _band, path in everything:
            server.timed(path)
        for _ in range(rounds):
            # Interleaved, so a slow moment of the machine touches every kind alike.
            for band, path in everything:
                elapsed, _body = server.timed(path)
                timings["warm"].setdefault(band, []).append(elapsed)
        for kind in timings.values():
            kind["search"] = [t for band in queries for t in kind[band]]
        return timings

    def report(self, size, timings):
        self.stdout.write(f"\n{size:,} practices")
        self.stdout.write(
            f"  {'page':<30}{'cold: n':>8}{'p50':>7}{'p95':>7}{'warm: n':>10}{'p50':>7}{'p95':>7}   (ms)"
        )
        rows = [
            ("search, all bands", "search"),
            ("  common words", "common"),
            ("  medium words", "medium"),
            ("  rare words", "rare"),
            ("  words nothing contains", "no match"),
            ("topic filter, no words", "topic"),
        ]
        for label, key in rows:
            cold, warm = timings["cold"][key], timings["warm"][key]
            self.stdout.write(
                f"  {label:<30}{len(cold):>8}{percentile(cold, 0.5):>7.1f}{percentile(cold, 0.95):>7.1f}"
                f"{len(warm):>10}{percentile(warm, 0.5):>7.1f}{percentile(warm, 0.95):>7.1f}"
            )

    def verdict(self, sizes, results):
        largest, smallest = max(sizes), min(sizes)
        met = True
        for kind in ("warm", "cold"):
            search = percentile(results[largest][kind]["search"], 0.95)
            topic = percentile(results[largest][kind]["topic"], 0.95)
            growth = search / percentile(results[smallest][kind]["search"], 0.95)
            checks = [
                (
                    f"search p95 at {largest:,} ≤ {TARGET_SEARCH_P95_MS} ms",
                    f"{search:.1f} ms",
                    search <= TARGET_SEARCH_P95_MS,
                ),
                (
                    f"search p95 ≤ {TARGET_SEARCH_OVER_TOPIC:g} × topic-filter p95",
                    f"{search / topic:.2f} ×",
                    search / topic <= TARGET_SEARCH_OVER_TOPIC,
                ),
                (
                    f"search p95 at {largest:,} ≤ {TARGET_GROWTH:g} × at {smallest:,}",
                    f"{growth:.2f} ×",
                    growth <= TARGET_GROWTH,
                ),
            ]
            self.stdout.write(f"\nTargets, {kind}")
            for label, value, ok in checks:
                self.stdout.write(
                    f"  {label:<44}{value:>10}   {'met' if ok else 'MISSED'}"
                )
                met = met and ok
        return met
