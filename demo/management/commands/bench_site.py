"""The site's throughput beside nginx serving the very same bytes, and one reader's wait (make bench).

Issue 17's targets, side by side in one table; docs/performance.md, "Throughput: the site beside
nginx", says what each row measures and why.
"""

import gzip
import html
import json
import os
import re
import secrets
import sys
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.models import ContentChange
from demo import seeding
from demo.bench import (
    Nginx,
    Server,
    free_port,
    request,
    stop_on_sigterm,
)
from demo.bench_probes import (
    GZIP,
    Probe,
    Row,
    header_dict,
    limit_row,
    probe_lines,
    share_row,
    table_lines,
    time_probes,
    times_row,
)
from demo.bench_throughput import LoadRuns, fetch_pages
from demo.specs import organisation_marker
from demo.vocabulary import sample_query_words
from practices.models import Organisation, PracticePage

NOTHING_MATCHES = "qqqxqqq"
PLAIN_REDIRECT = "/admin/"


def server_env():
    """What gunicorn needs beyond make bench's environment."""
    return {
        # Anonymous API clients get 300 requests a minute per address: timed ones would meet 429s.
        "API_ANON_RATE_LIMIT": "100000000",
        # cms.settings.bench makes a key per process, and each gunicorn worker imports it anew:
        # a session, CSRF token or API ETag signed by one worker would be refused by the others.
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    }


def superuser():
    """The benchmark's own superuser, with a new random password each run: (username, password)."""
    password = secrets.token_urlsafe(24)
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"email": "bench@example.org"}
    )
    user.is_superuser = user.is_staff = user.is_active = True
    user.set_password(password)
    user.save()
    return user.username, password


def practice_under_test():
    """The first demo practice (real text, parent reviews, resources), the same in every run."""
    live = PracticePage.objects.live().order_by("path")
    practice = live.exclude(slug__startswith="seed-").first() or live.first()
    if practice is None:
        raise CommandError("No live practice: run manage.py load_demo_content first.")
    return practice


def decoded(reply):
    if reply.headers.get("Content-Encoding") == "gzip":
        return gzip.decompress(reply.body)
    return reply.body


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn beside nginx serving the same bytes, load both with wrk, "
        "time single requests, and print issue 17's targets."
    )

    def add_arguments(self, parser):
        parser.add_argument("--practices", type=int, default=10_000)
        parser.add_argument("--organisations", type=int, default=500)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--port", type=int, default=0, help="0: a free port")
        parser.add_argument("--clients", default="4,16", help="wrk connections")
        parser.add_argument("--seconds", type=int, default=6, help="each wrk run")
        parser.add_argument("--rounds", type=int, default=30)
        parser.add_argument(
            "--before-seeding",
            action="store_true",
            help="Only time the practice edit view with the organisations there are now, "
            "for a later full run to compare with.",
        )
        parser.add_argument(
            "--baseline",
            type=Path,
            help="Where --before-seeding keeps its figures "
            "(default: MEDIA_ROOT/bench_site_before_seeding.json).",
        )
        parser.add_argument(
            "--strict", action="store_true", help="Exit 1 when a target is missed."
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql" or settings.DEBUG:
            raise CommandError("Run this through make bench: PostgreSQL, DEBUG off.")
        stop_on_sigterm()
        self.options = options
        self.baseline_file = options["baseline"] or (
            Path(settings.MEDIA_ROOT) / "bench_site_before_seeding.json"
        )
        self.practice = practice_under_test()
        self.login = superuser()
        if options["before_seeding"]:
            self.before_seeding()
            return
        self.prepare_data()
        self.clients = [int(n) for n in options["clients"].split(",")]
        with ExitStack() as stack:
            server = Server(
                options["port"] or free_port(), options["workers"], server_env()
            )
            stack.callback(server.stop)
            paths = {
                "practice page": self.practice.get_url_parts()[2],
                "/": "/",
                "/library/": "/library/",
            }
            pages = fetch_pages(server, paths, self.stdout.write)
            nginx = Nginx([page.file for page in pages if page.file])
            stack.callback(nginx.stop)
            runs = LoadRuns(self.stdout.write, options["seconds"], self.clients)
            loads = runs.run(server, nginx, pages)
            nginx.stop()
            probes = self.latency(server)
        rows = self.target_rows(pages, loads, probes)
        self.stdout.write("\nTargets (issue 17)")
        for line in table_lines(rows):
            self.stdout.write(line)
        if options["strict"] and not all(row.met for row in rows):
            sys.exit(1)

    def prepare_data(self):
        seed, wanted = self.options["seed"], self.options["practices"]
        if (
            PracticePage.objects.filter(slug__startswith=f"seed-{seed}-").count()
            < wanted
        ):
            call_command("seed_practices", count=wanted, seed=seed)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        missing = self.options["organisations"] - Organisation.objects.count()
        if missing > 0:
            ours = Organisation.objects.filter(
                website__startswith=organisation_marker(seed)
            )
            seeding.ensure_organisations(seed, ours.count() + missing)
            ContentChange.record()
        self.stdout.write(
            f"\n{PracticePage.objects.live().count():,} live practices, "
            f"{Organisation.objects.count():,} organisations; gunicorn with "
            f"{self.options['workers']} workers, nginx with 2."
        )

    # One request at a time

    def latency(self, server):
        """{role: probe}, each timed cold and warm or warm only."""
        practice, port = self.practice, server.port
        probes = {"sitemaps": self.sitemap_probes(port)}
        word = sample_query_words("common", k=1, seed=self.options["seed"])[0]
        v2_list = "/api/v2/pages/?" + urlencode(
            {"type": "practices.PracticePage", "fields": "*", "limit": 50}
        )
        etag = request(port, v2_list, header_dict(GZIP)).headers.get("ETag")
        resource = (
            practice.resources.select_related("document").order_by("sort_order").first()
        )
        document = resource.document.url if resource else "/documents/0/missing.pdf"
        probes |= {
            "common": Probe(f"/search/?q={word} (a common word)", f"/search/?q={word}"),
            "nothing": Probe(
                f"/search/?q={NOTHING_MATCHES} (nothing matches)",
                f"/search/?q={NOTHING_MATCHES}",
            ),
            "list": Probe("v2 list of 50 practices", v2_list),
            "detail": Probe(
                "v2 detail of the practice", f"/api/v2/pages/{practice.pk}/"
            ),
            "not modified": Probe(
                "v2 list, If-None-Match its ETag",
                v2_list,
                headers=(GZIP, f"If-None-Match: {etag}"),
                expect=(304,),
            )
            if etag
            else None,
            "v3": Probe("v3 detail of the practice", f"/api/v3/pages/{practice.pk}/"),
            "document": Probe(
                "document download (below)",
                document,
                expect=(200, 301, 302),
                cold=False,
            ),
            "redirect": Probe(
                f"plain redirect {PLAIN_REDIRECT} (to the login)",
                PLAIN_REDIRECT,
                expect=(302,),
                cold=False,
            ),
            "slash": Probe(
                "/admin (slash added after a 404)", "/admin", expect=(301,), cold=False
            ),
            "edit": self.edit_probe(),
        }
        ordered = [
            *probes["sitemaps"],
            *(p for k, p in probes.items() if k != "sitemaps" and p),
        ]
        rounds = self.options["rounds"]
        self.stdout.write(
            f"\nOne request at a time: {rounds} cold (every cache emptied before each), "
            f"then {rounds} warm; a page that has taken 20 s stops at 10.\n"
            f"  The document is {document}, a resource of {practice.title}; the plain redirect "
            f"is an anonymous {PLAIN_REDIRECT}, which Wagtail sends to its login page."
        )
        time_probes(port, ordered, rounds, self.login)
        for line in probe_lines(ordered):
            self.stdout.write(line)
        return probes

    def sitemap_probes(self, port):
        """/sitemap.xml, and each page it lists if it is a sitemap index."""
        reply = request(port, "/sitemap.xml", header_dict(GZIP))
        probes = [Probe("/sitemap.xml", "/sitemap.xml")]
        text = decoded(reply).decode("utf-8", "replace")
        if reply.status == 200 and "<sitemapindex" in text:
            probes[0].label = "/sitemap.xml (an index)"
            for loc in re.findall(r"<sitemap>\s*<loc>([^<]+)</loc>", text):
                url = urlsplit(html.unescape(loc.strip()))
                path = url.path + (f"?{url.query}" if url.query else "")
                probes.append(Probe(f"sitemap page {path}", path))
        return probes

    def edit_probe(self):
        return Probe(
            f"practice edit view, {Organisation.objects.count():,} organisations",
            f"/admin/pages/{self.practice.pk}/edit/",
            cold=False,
            admin=True,
        )

    def before_seeding(self):
        """Time the edit view with the few organisations of the demo content, and keep the figures."""
        probe = self.edit_probe()
        with ExitStack() as stack:
            server = Server(
                self.options["port"] or free_port(),
                self.options["workers"],
                server_env(),
            )
            stack.callback(server.stop)
            time_probes(server.port, [probe], self.options["rounds"], self.login)
        self.baseline_file.parent.mkdir(parents=True, exist_ok=True)
        self.baseline_file.write_text(
            json.dumps(
                {
                    "database": connection.settings_dict["NAME"],
                    "page": self.practice.pk,
                    "organisations": Organisation.objects.count(),
                    "samples": probe.samples["warm"],
                    "statuses": probe.statuses["warm"],
                }
            )
        )
        self.stdout.write(
            f"Before seeding: {probe.label}, warm p50 {probe.p('warm', 0.5):.1f} ms, "
            f"p95 {probe.p('warm', 0.95):.1f} ms ({probe.status_text()}); "
            f"kept in {self.baseline_file}"
        )

    def edit_baseline(self):
        """(The edit view as --before-seeding timed it on this database, its organisations), or Nones."""
        try:
            kept = json.loads(self.baseline_file.read_text())
        except FileNotFoundError:
            return None, "?"
        if (
            kept["database"] != connection.settings_dict["NAME"]
            or kept["page"] != self.practice.pk
        ):
            return None, "?"
        probe = Probe("", "", cold=False)
        probe.samples["warm"] = kept["samples"]
        probe.statuses["warm"] = Counter(
            {int(k): v for k, v in kept["statuses"].items()}
        )
        return probe, kept["organisations"]

    # Targets

    def target_rows(self, pages, loads, probes):
        busiest, unmeasured = self.clients[-1], (None, None, None)
        rows = []
        for page in pages:
            app, other, _ = loads.get((page.label, busiest), unmeasured)
            what = f"{page.label}, {busiest} clients (req/s)"
            rows.append(share_row(what, app, other, 1 / 10))
        for page in pages:
            app, other, status = loads.get((page.label, "revalidated"), unmeasured)
            what = f"{page.label}, 304 revalidation, {busiest} clients (req/s)"
            rows.append(share_row(what, app, other, 1 / 5, status))
        for probe in probes["sitemaps"]:
            rows.append(limit_row(f"{probe.label}, p95 cold (ms)", probe, 50))
        baseline, organisations = self.edit_baseline()
        compared = [
            # what, probe, baseline, at most × the baseline, its name, cold or warm
            (
                "search, common word vs nothing matches",
                "common",
                probes["nothing"],
                2,
                f"({NOTHING_MATCHES})",
                "cold",
            ),
            (
                "v2 list of 50 vs a detail",
                "list",
                probes["detail"],
                2,
                "(detail)",
                "cold",
            ),
            (
                "v2 304 vs the list's 200",
                "not modified",
                probes["list"],
                1 / 5,
                "(200)",
                "cold",
            ),
            (
                f"edit view, {Organisation.objects.count()} vs {organisations} organisations",
                "edit",
                baseline,
                1.5,
                f"({organisations})",
                "warm",
            ),
            (
                f"document vs {PLAIN_REDIRECT} redirect",
                "document",
                probes["redirect"],
                1.3,
                f"({PLAIN_REDIRECT})",
                "warm",
            ),
        ]
        for what, key, other, maximum, name, kind in compared:
            if probes[key] is None:
                rows.append(
                    Row(
                        f"{what}, p95 {kind} (ms)",
                        "no ETag",
                        "",
                        "-",
                        f"≤ {maximum:g} ×",
                        False,
                    )
                )
                continue
            rows.append(
                times_row(
                    f"{what}, p95 {kind} (ms)", probes[key], other, maximum, kind, name
                )
            )
        return rows
