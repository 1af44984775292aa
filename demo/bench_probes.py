"""bench_site's measurements a request at a time, and its table of targets (docs/performance.md)."""

from collections import Counter
from dataclasses import dataclass, field

from demo.bench import admin_cookie, flush_caches, percentile, timed_request

GZIP = "Accept-Encoding: gzip"
MIN_SAMPLES = 10
BUDGET_MS = 20_000


def header_dict(*headers):
    return dict(header.split(": ", 1) for header in headers)


@dataclass
class Probe:
    """One URL timed a request at a time: cold (every cache emptied first) and warm."""

    label: str
    path: str
    headers: tuple = (GZIP,)
    expect: tuple = (200,)
    cold: bool = True
    admin: bool = False
    samples: dict = field(default_factory=lambda: {"cold": [], "warm": []})
    statuses: dict = field(
        default_factory=lambda: {"cold": Counter(), "warm": Counter()}
    )

    def p(self, kind, fraction):
        return percentile(self.samples[kind], fraction) if self.samples[kind] else None

    def seen(self):
        return self.statuses["cold"] + self.statuses["warm"]

    def answered_as_expected(self):
        return bool(self.seen()) and set(self.seen()) <= set(self.expect)

    def status_text(self):
        return ", ".join(f"{status}×{n}" for status, n in sorted(self.seen().items()))


def time_probes(port, probes, rounds, login=None):
    """Cold rounds, then warm ones; interleaved, so a slow moment of the machine touches all alike.

    ``login`` is (username, password) for the probes that need the admin. A probe that has taken
    BUDGET_MS in a phase stops there after MIN_SAMPLES, so one slow page cannot stretch the run.
    """
    cold = [probe for probe in probes if probe.cold]
    for _ in range(rounds if cold else 0):
        for probe in cold:
            if _within_budget(probe, "cold"):
                flush_caches()
                _sample(port, probe, "cold", None)
    # Signed in only now: emptying the cache could have taken a cached session with it.
    cookie = admin_cookie(port, *login) if any(p.admin for p in probes) else None
    for probe in probes:
        _sample(port, probe, None, cookie)  # fills the caches: not counted
    for _ in range(rounds):
        for probe in probes:
            if _within_budget(probe, "warm"):
                _sample(port, probe, "warm", cookie)


def _within_budget(probe, kind):
    samples = probe.samples[kind]
    return len(samples) < MIN_SAMPLES or sum(samples) < BUDGET_MS


def _sample(port, probe, kind, cookie):
    headers = header_dict(*probe.headers)
    if probe.admin:
        headers["Cookie"] = cookie
    status, elapsed = timed_request(port, probe.path, headers)
    if kind:
        probe.samples[kind].append(elapsed)
        probe.statuses[kind][status] += 1


def probe_lines(probes):
    yield (
        f"  {'request':<58}{'cold: n':>8}{'p50':>8}{'p95':>8}{'warm: n':>9}{'p50':>8}{'p95':>8}"
        "   (ms)  answered"
    )
    for probe in probes:
        figures = ""
        for kind, width in (("cold", 8), ("warm", 9)):
            if probe.samples[kind]:
                figures += (
                    f"{len(probe.samples[kind]):>{width}}{probe.p(kind, 0.5):>8.1f}"
                    f"{probe.p(kind, 0.95):>8.1f}"
                )
            else:
                figures += f"{'-':>{width}}{'':>16}"
        flag = "" if probe.answered_as_expected() else "  ! not what was expected"
        yield f"  {probe.label:<58}{figures}   {probe.status_text()}{flag}"


# The table of targets


@dataclass
class Row:
    what: str
    app: str
    other: str
    ratio: str
    target: str
    met: bool


def _rate(load):
    if load is None:
        return "not run"
    if isinstance(load, str):
        return load
    return f"{load.requests_per_second:,.0f}" + ("" if load.clean else " !")


def share_row(what, app, nginx, minimum, status=None):
    """The app's requests a second as a share of nginx's, for the same bytes and clients.

    ``status`` is what a single revalidation answered: wrk counts a 200 as a success too, but a
    revalidation only counts when the app said 304.
    """
    target = f"≥ 1/{1 / minimum:g} of nginx"
    measured = all(
        load is not None and not isinstance(load, str) for load in (app, nginx)
    )
    if not measured:
        return Row(what, _rate(app), _rate(nginx), "-", target, False)
    share = app.requests_per_second / nginx.requests_per_second
    answered = status in (None, 304)
    met = share >= minimum and app.clean and nginx.clean and answered
    app_text = _rate(app) + ("" if answered else f" (answered {status})")
    return Row(what, app_text, _rate(nginx), fraction(share), target, met)


def fraction(share):
    """0.0004 as 1/2,500: the targets are fractions of nginx."""
    return f"{share:.2f}" if share >= 1 or share == 0 else f"1/{1 / share:,.0f}"


def limit_row(what, probe, limit_ms, kind="cold"):
    p95 = probe.p(kind, 0.95)
    if p95 is None:
        return Row(what, "not run", "", "-", f"≤ {limit_ms:g} ms", False)
    met = p95 <= limit_ms and probe.answered_as_expected()
    return Row(what, _ms(probe, kind), "", "-", f"≤ {limit_ms:g} ms", met)


def times_row(what, probe, baseline, maximum, kind="cold", baseline_name=""):
    """``probe``'s p95 over ``baseline``'s, each answering what it should."""
    target = f"≤ {maximum:g} ×"
    if (
        probe is None
        or baseline is None
        or not probe.samples[kind]
        or not baseline.samples[kind]
    ):
        return Row(
            what,
            _ms(probe, kind) if probe else "not run",
            _ms(baseline, kind) if baseline else "not run",
            "-",
            target,
            False,
        )
    ratio = probe.p(kind, 0.95) / baseline.p(kind, 0.95)
    met = (
        ratio <= maximum
        and probe.answered_as_expected()
        and baseline.answered_as_expected()
    )
    other = _ms(baseline, kind) + (f" {baseline_name}" if baseline_name else "")
    return Row(what, _ms(probe, kind), other, f"{ratio:.2f}", target, met)


def _ms(probe, kind):
    p95 = probe.p(kind, 0.95)
    if p95 is None:
        return "not run"
    return f"{p95:.1f}" + (
        "" if probe.answered_as_expected() else f" ({probe.status_text()})"
    )


def table_lines(rows):
    headings = Row("what", "app", "nginx / compared with", "ratio", "target", "")
    widths = [
        max(len(getattr(row, name)) for row in [headings, *rows])
        for name in ("what", "app", "other", "ratio", "target")
    ]
    for row in [headings, *rows]:
        verdict = "" if row is headings else ("met" if row.met else "MISSED")
        cells = [row.what, row.app, row.other, row.ratio, row.target]
        line = "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        yield f"  {line}  {verdict}".rstrip()
