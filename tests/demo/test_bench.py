"""make bench's tools read wrk right, serve the app's bytes through nginx as sent, and judge honestly."""

import gzip
from collections import Counter

import pytest

from demo.bench import (
    Load,
    Nginx,
    StaticFile,
    nginx_config,
    parse_wrk,
    percentile,
    request,
)
from demo.bench_probes import Probe, fraction, share_row, times_row

WRK_OUTPUT = """\
Running 6s test @ http://127.0.0.1:41000/library/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   520.31ms  110.20ms   1.20s    70.00%
    Req/Sec    15.10      6.20    30.00     60.00%
  Latency Distribution
     50%  505.50ms
     75%  580.00ms
     90%  650.00ms
     99%    1.01s
  180 requests in 6.01s, 9.80MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:     29.95
Transfer/sec:      1.63MB
"""


def test_wrk_figures_are_read_in_milliseconds_whatever_unit_wrk_chose():
    load = parse_wrk(WRK_OUTPUT)
    assert load.requests_per_second == 29.95
    assert load.p50_ms == 505.5
    assert load.p99_ms == 1010.0
    assert load.requests == 180
    assert (load.bad_responses, load.socket_errors) == (4, 3)
    assert not load.clean


def test_a_wrk_run_without_errors_is_clean_and_microseconds_are_read_too():
    output = (
        WRK_OUTPUT.replace(
            "  Socket errors: connect 0, read 2, write 0, timeout 1\n", ""
        )
        .replace("  Non-2xx or 3xx responses: 4\n", "")
        .replace("505.50ms", "291.00us")
    )
    load = parse_wrk(output)
    assert load.clean
    assert load.p50_ms == pytest.approx(0.291)


def test_output_that_is_not_wrk_report_is_an_error_not_a_zero():
    with pytest.raises(ValueError):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def test_percentiles_are_nearest_rank():
    samples = list(range(1, 101))
    assert percentile(samples, 0.5) == 51
    assert percentile(samples, 0.95) == 95
    assert percentile([7], 0.95) == 7


def test_nginx_config_names_the_encoding_only_of_files_that_have_one():
    files = [
        StaticFile("/", b"<p>home</p>", "text/html; charset=utf-8", None),
        StaticFile("/library/", b"...", "text/html; charset=utf-8", "gzip"),
    ]
    config = nginx_config("/srv/bench-x", 4321, files)
    assert "listen 127.0.0.1:4321;" in config
    assert "daemon off;" in config
    assert "access_log off;" in config
    assert "pid /srv/bench-x/nginx.pid;" in config
    assert config.count("add_header Content-Encoding gzip;") == 1
    assert config.index("location = /library/") < config.index(
        "add_header Content-Encoding"
    )


def test_nginx_serves_the_same_bytes_with_the_same_headers_and_revalidates():
    page = gzip.compress(b"<html>a practice</html>" * 50)
    files = [
        StaticFile("/library/a-practice/", page, "text/html; charset=utf-8", "gzip"),
        StaticFile("/", b"<html>home</html>", "text/html; charset=utf-8", None),
    ]
    nginx = Nginx(files)
    try:
        reply = request(nginx.port, "/library/a-practice/", {"Accept-Encoding": "gzip"})
        assert reply.status == 200
        assert reply.body == page
        assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
        assert reply.headers["Content-Encoding"] == "gzip"
        home = request(nginx.port, "/")
        assert (home.status, home.body) == (200, b"<html>home</html>")
        assert "Content-Encoding" not in home.headers
        etag = reply.headers["ETag"]
        assert (
            request(nginx.port, "/library/a-practice/", {"If-None-Match": etag}).status
            == 304
        )
        assert request(nginx.port, "/elsewhere/").status == 404
    finally:
        nginx.stop()
    assert not nginx.folder.exists()


def load(rate, bad=0):
    return Load(rate, 1.0, 2.0, 1000, bad, 0)


def test_a_share_of_nginx_is_met_only_when_both_runs_answered_well():
    assert share_row("page", load(2000), load(10_000), 1 / 10).met
    assert not share_row("page", load(500), load(10_000), 1 / 10).met
    assert not share_row("page", load(2000, bad=1000), load(10_000), 1 / 10).met
    assert not share_row("page", "answered 404", load(10_000), 1 / 10).met


def test_a_revalidation_that_answered_200_is_missed_however_fast():
    row = share_row("page", load(9000), load(10_000), 1 / 5, status=200)
    assert not row.met
    assert "answered 200" in row.app
    assert share_row("page", load(9000), load(10_000), 1 / 5, status=304).met
    assert not share_row("page", "no ETag", load(10_000), 1 / 5).met


def probe(samples, statuses, expect=(200,)):
    timed = Probe("x", "/x", expect=expect)
    timed.samples["cold"] = samples
    timed.statuses["cold"] = Counter(statuses)
    return timed


def test_a_fast_request_that_answered_the_wrong_status_misses_its_target():
    detail = probe([10.0] * 10, {200: 10})
    assert times_row("list vs detail", probe([15.0] * 10, {200: 10}), detail, 2).met
    assert not times_row("list vs detail", probe([1.0] * 10, {404: 10}), detail, 2).met
    assert not times_row("list vs detail", probe([30.0] * 10, {200: 10}), detail, 2).met
    assert not times_row("edit view", detail, None, 1.5).met


def test_shares_of_nginx_read_as_fractions():
    assert fraction(0.0004) == "1/2,500"
    assert fraction(0.25) == "1/4"
    assert fraction(1.5) == "1.50"
