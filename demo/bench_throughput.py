"""bench_site's load runs: each page from gunicorn, then from nginx serving its bytes, under wrk."""

from dataclasses import dataclass

from demo.bench import StaticFile, request, wrk
from demo.bench_probes import GZIP, fraction, header_dict


@dataclass
class Page:
    """A page loaded with wrk, and the bytes nginx serves in its place (None if not a 200)."""

    label: str
    path: str
    status: int
    file: StaticFile | None
    etag: str | None


def fetch_pages(server, paths, write):
    """Each of ``paths`` ({label: path}) as an anonymous browser gets it: no cookies, gzip accepted."""
    pages = []
    write("\nWhat the app answered an anonymous browser; nginx serves these bytes")
    for label, path in paths.items():
        reply = server.request(path, header_dict(GZIP))
        headers = reply.headers
        write(
            f"  {label:<14}{path:<34}{reply.status}{len(reply.body):>8,} bytes, "
            f"{headers.get('Content-Type', 'no type')}, encoding "
            f"{headers.get('Content-Encoding', 'none')}, ETag {headers.get('ETag', 'none')}, "
            f"Set-Cookie {'yes' if headers.get('Set-Cookie') else 'none'}, "
            f"Cache-Control {headers.get('Cache-Control', 'none')}"
        )
        file = StaticFile(
            path,
            reply.body,
            headers.get("Content-Type", "application/octet-stream"),
            headers.get("Content-Encoding"),
        )
        ok = reply.status == 200
        pages.append(
            Page(label, path, reply.status, file if ok else None, headers.get("ETag"))
        )
    return pages


class LoadRuns:
    """wrk against the app and against nginx, page by page, at each number of clients."""

    def __init__(self, write, seconds, clients):
        self.write, self.seconds, self.clients = write, seconds, clients

    def load(self, port, path, clients, headers, expect):
        """wrk's figures, once a single request answered one of ``expect``; else what it answered."""
        status = request(port, path, header_dict(*headers)).status
        if status not in expect:
            return f"answered {status}"
        return wrk(port, path, clients, self.seconds, headers)

    def run(self, server, nginx, pages):
        """{(page label, clients or "revalidated"): (app, nginx, the app's single answer)}."""
        busiest = self.clients[-1]
        loads = {}
        self.write(
            f"\nThroughput: wrk, {self.seconds} s a run, Accept-Encoding: gzip\n"
            f"  {'page':<28}{'clients':>8}{'app req/s':>12}{'p50':>8}{'p99':>8}"
            f"{'nginx req/s':>14}{'p50':>8}{'p99':>8}{'app/nginx':>11}   (ms)"
        )
        for page in pages:
            if page.file is None:
                self.write(
                    f"  {page.label:<28}not loaded: the app answered {page.status}"
                )
                continue
            for n in self.clients:
                app = self.load(server.port, page.path, n, [GZIP], (200,))
                other = self.load(nginx.port, page.path, n, [GZIP], (200,))
                loads[page.label, n] = (app, other, None)
                self.line(page.label, n, app, other)
            # A browser or CDN that holds the page asks whether it changed.
            nginx_etag = request(nginx.port, page.path).headers["ETag"]
            other = self.load(
                nginx.port,
                page.path,
                busiest,
                [GZIP, f"If-None-Match: {nginx_etag}"],
                (304,),
            )
            status = None
            if page.etag is None:
                app = "no ETag"
            else:
                headers = [GZIP, f"If-None-Match: {page.etag}"]
                status = request(server.port, page.path, header_dict(*headers)).status
                app = self.load(server.port, page.path, busiest, headers, (200, 304))
            loads[page.label, "revalidated"] = (app, other, status)
            self.line(f"{page.label}, revalidated", busiest, app, other, status)
        return loads

    def line(self, label, clients, app, other, status=None):
        def figures(load):
            if isinstance(load, str):
                return f"{load:>28}"
            flag = " " if load.clean else "!"
            return f"{load.requests_per_second:>11,.0f}{flag}{load.p50_ms:>8.1f}{load.p99_ms:>8.1f}"

        measured = not isinstance(app, str) and not isinstance(other, str)
        ratio = (
            app.requests_per_second / other.requests_per_second if measured else None
        )
        note = f"   app answered {status}" if status not in (None, 304) else ""
        self.write(
            f"  {label:<28}{clients:>8}{figures(app)}  {figures(other)}"
            + f"{fraction(ratio) if ratio is not None else '-':>11}"
            + note
        )
        for name, load in (("app", app), ("nginx", other)):
            if not isinstance(load, str) and not load.clean:
                self.write(
                    f"    ! {name}: {load.bad_responses} answers not 2xx/3xx and "
                    f"{load.socket_errors} socket errors in {load.requests:,} requests"
                )
