"""What make bench measures with: gunicorn and a throwaway nginx on loopback, wrk, percentiles.

Shared by bench_library (one reader at a time) and bench_site (throughput beside nginx).
"""

import http.client
import http.cookies
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import CommandError

HOST = "127.0.0.1"


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def flush_caches():
    """Every cache the app uses, emptied: with Redis that is the whole database REDIS_URL names."""
    for alias in settings.CACHES:
        caches[alias].clear()


def stop_on_sigterm():
    """Turn SIGTERM into SystemExit, so that `finally` stops the servers a run started."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def request(port, path, headers=None, timeout=60, method="GET", body=None):
    """One request on a fresh connection, as http.client sends it: no cookies, no Accept header."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def timed_request(port, path, headers=None):
    """(status, milliseconds until the whole answer has arrived) for one request."""
    started = time.perf_counter()
    reply = request(port, path, headers)
    return reply.status, (time.perf_counter() - started) * 1000


def admin_cookie(port, username, password):
    """Sign in through Wagtail's login form; the Cookie header of the signed-in browser."""
    jar = http.cookies.SimpleCookie()
    form = request(port, "/admin/login/")
    for header in form.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)
    csrf, session = settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME
    if form.status != 200 or token is None or csrf not in jar:
        raise CommandError(f"/admin/login/ answered {form.status} without a CSRF token")
    fields = {
        "csrfmiddlewaretoken": token[1].decode(),
        "username": username,
        "password": password,
        "next": "/admin/",
    }
    answer = request(
        port,
        "/admin/login/",
        {
            "Cookie": f"{csrf}={jar[csrf].value}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        method="POST",
        body=urlencode(fields),
    )
    for header in answer.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    if answer.status != 302 or session not in jar:
        raise CommandError(f"Signing in to the admin answered {answer.status}")
    return "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())


class Server:
    """gunicorn on loopback, as production runs the app (docs/deployment.md)."""

    def __init__(self, port, workers, env=None):
        self.port = port
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi",
                f"--bind={HOST}:{port}",
                f"--workers={workers}",
                "--log-level=warning",
            ],
            env={**os.environ, **(env or {})},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise CommandError("gunicorn did not answer /healthz within 30 s")

    def request(self, path, headers=None):
        return request(self.port, path, headers)

    def get(self, path):
        reply = self.request(path)
        return reply.status, reply.body

    def timed(self, path):
        started = time.perf_counter()
        status, body = self.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            raise CommandError(f"{path} answered {status}")
        return elapsed, body

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def tool(name):
    """The path of a Debian tool; /usr/sbin is not on every user's PATH."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if found is None:
        raise CommandError(
            f"{name} is not installed: make bench installs it (apt-get install -y nginx wrk)."
        )
    return found


@dataclass
class StaticFile:
    """A response to serve byte for byte at an exact path."""

    path: str
    body: bytes
    content_type: str
    content_encoding: str | None


def nginx_config(folder, port, files, workers="2"):
    """A whole nginx.conf that keeps everything in ``folder`` and serves each file at its path.

    ``try_files`` rather than ``alias``: a path that ends in a slash would go to the index module.
    """
    locations = ""
    for number, file in enumerate(files):
        locations += (
            f"        location = {file.path} {{\n"
            f'            default_type "{file.content_type}";\n'
            f"            try_files /files/{number} =404;\n"
        )
        if file.content_encoding:
            locations += (
                f"            add_header Content-Encoding {file.content_encoding};\n"
            )
        locations += "        }\n"
    temp_paths = "".join(
        f"    {kind}_temp_path {folder}/temp/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"worker_processes {workers};\n"
        "daemon off;\n"
        f"pid {folder}/nginx.pid;\n"
        "error_log stderr warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        "    access_log off;\n"
        "    log_not_found off;\n"
        "    types {}\n"
        "    sendfile on;\n"
        "    tcp_nopush on;\n"
        "    server_tokens off;\n"
        f"{temp_paths}"
        "    server {\n"
        f"        listen {HOST}:{port};\n"
        f"        root {folder};\n"
        f"{locations}"
        "    }\n"
        "}\n"
    )


class Nginx:
    """A throwaway nginx serving ``files`` from a temporary folder, its pid file and logs included."""

    def __init__(self, files, workers="2"):
        self.folder = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        self.port = free_port()
        self.process = None
        # nginx's workers run as nobody when the master is root: they must read the files.
        self.folder.chmod(0o755)
        (self.folder / "files").mkdir(mode=0o755)
        (self.folder / "temp").mkdir(mode=0o755)
        for number, file in enumerate(files):
            path = self.folder / "files" / str(number)
            path.write_bytes(file.body)
            path.chmod(0o644)
        config = self.folder / "nginx.conf"
        config.write_text(nginx_config(self.folder, self.port, files, workers))
        binary = tool("nginx")
        test = subprocess.run(  # noqa: S603 (Debian's nginx, our own config)
            [
                binary,
                "-t",
                "-q",
                "-p",
                str(self.folder),
                "-c",
                str(config),
                "-e",
                "stderr",
            ],
            capture_output=True,
            text=True,
        )
        if test.returncode != 0:
            self.remove()
            raise CommandError(f"nginx refused its config: {test.stderr.strip()}")
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "-p", str(self.folder), "-c", str(config), "-e", "stderr"]
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                request(self.port, files[0].path, timeout=2)
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise CommandError("nginx did not answer within 10 s")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            # SIGTERM is nginx's fast shutdown: the master stops its workers, then itself.
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.remove()

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Load:
    """What one wrk run measured."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    bad_responses: int
    socket_errors: int

    @property
    def clean(self):
        return self.requests > 0 and not self.bad_responses and not self.socket_errors


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _duration_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if match is None:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * _UNITS_MS[match[2]]


def parse_wrk(output):
    """Requests a second, p50 and p99 latency, and what went wrong, from wrk --latency's report."""

    def find(pattern):
        match = re.search(pattern, output, re.MULTILINE)
        if match is None:
            raise ValueError(f"wrk printed no {pattern!r}:\n{output}")
        return match

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Load(
        requests_per_second=float(find(r"^Requests/sec:\s+([\d.]+)")[1]),
        p50_ms=_duration_ms(find(r"^\s+50%\s+(\S+)")[1]),
        p99_ms=_duration_ms(find(r"^\s+99%\s+(\S+)")[1]),
        requests=int(find(r"^\s+(\d+) requests in ")[1]),
        bad_responses=int(bad[1]) if bad else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def wrk(port, path, connections, seconds, headers=()):
    """Load ``path`` with wrk: ``connections`` clients, each sending its next request at once."""
    command = [
        tool("wrk"),
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout=10s",
        "--latency",
    ]
    for header in headers:
        command += ["-H", header]
    command.append(f"http://{HOST}:{port}{path}")
    result = subprocess.run(  # noqa: S603 (Debian's wrk, our own arguments)
        command, capture_output=True, text=True, timeout=seconds + 60
    )
    if result.returncode != 0:
        raise CommandError(f"wrk failed: {result.stderr.strip() or result.stdout}")
    return parse_wrk(result.stdout)
