"""A live preview of a map's HTML pages: rebuilt when a claim file changes, served on loopback
by the standard library's HTTP server, reloaded in the browser. Serves no file from disk."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from argmap.build import html_artifacts
from argmap.check import check_paths
from argmap.errors import ArgmapError, UsageError
from argmap.evaluate import evaluate_or_unscored
from argmap.read import claim_files
from argmap.render.html import OVERVIEW
from argmap.render.text import claim_title, escape_html, thesis_stem
from argmap.settings import EvaluationSettings
from argmap.structure import ordered_theses

#: The reading the preview shows unless told otherwise: the reader's verdicts.
_DEFAULT = EvaluationSettings()

LOOPBACK = "127.0.0.1"
#: Addresses that mean every address of the machine.
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
#: How long a browser's request for changes waits before it asks again, in seconds.
WAIT_SECONDS = 10.0
#: How long the claim files must stand still before they are read, in seconds: an editor
#: saves in steps (truncate, then write), and a half-saved file is no map to show.
SETTLE_SECONDS = 0.05
#: The longest a rebuild waits for files that keep changing, in seconds.
SETTLE_LIMIT = 1.0
# The frame page's script: wait for a newer generation of the pages, then reload. Fixed
# text, so the page's Content Security Policy allows it by hash.
_RELOAD_JS = (
    "(function(){var gen=document.body.getAttribute('data-generation');"
    "function poll(){fetch('/events?since='+gen,{cache:'no-store'})"
    ".then(function(r){return r.json();}).then(function(d){"
    "if(String(d.generation)!==gen){location.reload();}else{poll();}})"
    ".catch(function(){setTimeout(poll,1000);});}poll();})();"
)
_CSS = (
    "html,body{margin:0;height:100%;font-family:system-ui,sans-serif}"
    "body{display:flex;flex-direction:column}"
    "nav{flex:none;padding:.4em .8em;border-bottom:1px solid #ccc;font-size:.9em;"
    "line-height:1.6}"
    "nav a{margin-right:1em}nav a[aria-current]{font-weight:bold}"
    "iframe{flex:1;border:0;width:100%;min-height:0}"
    "pre{white-space:pre-wrap;padding:1em}h1{font-size:1.2em;padding:0 1em}"
)


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


_FRAME_CSP = (
    f"default-src 'none'; script-src {_hash(_RELOAD_JS)}; style-src {_hash(_CSS)}; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'"
)
_PAGE_CSP = f"default-src 'none'; style-src {_hash(_CSS)}; base-uri 'none'; form-action 'none'"


def diagnostics_page(lines: Sequence[str]) -> bytes:
    """The page shown instead of a map that cannot be drawn: its problems, one a line."""
    body = "\n".join(escape_html(line) for line in lines)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_PAGE_CSP}">'
        f"<title>argmap: the map has errors</title><style>{_CSS}</style></head>"
        f'<body><h1 role="alert">argmap: the map cannot be drawn</h1><pre>{body}</pre>'
        "</body></html>\n"
    ).encode()


class Preview:
    """The pages ``argmap build --html`` makes of ``paths``, kept current.

    ``refresh`` rebuilds them when a claim file was added, removed or saved since the last
    look (by modification time and size); each rebuild raises ``generation`` and wakes
    ``wait``. A map with errors becomes its diagnostics, shown under every page's name.
    """

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        settings: EvaluationSettings | None = _DEFAULT,
        full_detail: bool = False,
    ) -> None:
        self.paths = [os.fspath(p) for p in paths]
        #: Draw every claim of an Argdown map, not only what Argdown draws.
        self.full_detail = full_detail
        #: The reading the pages show; None leaves the map unevaluated.
        self.settings = settings
        self.generation = 0
        self.pages: dict[str, bytes] = {}
        self.names: tuple[str, ...] = (f"{OVERVIEW}.html",)
        #: What the links to the pages say: each thesis's title, and "Overview".
        self.titles: dict[str, str] = {f"{OVERVIEW}.html": "Overview"}
        self._stamp: object = None
        self._changed = threading.Condition()

    def _stamp_now(self) -> object:
        try:
            files = claim_files(self.paths)
        except ArgmapError as exc:
            return str(exc)
        stamps = []
        for name in files:
            try:
                info = os.stat(name)
            except OSError:
                stamps.append((name, -1, -1))
                continue
            stamps.append((name, info.st_mtime_ns, info.st_size))
        return tuple(stamps)

    def refresh(self) -> bool:
        """Rebuild the pages if a claim file changed; whether they were rebuilt.

        Once the files have been built, a change is read only after they have stood still
        for ``SETTLE_SECONDS`` (up to ``SETTLE_LIMIT``), so a save in progress is not shown.
        """
        stamp = self._stamp_now()
        if stamp == self._stamp:
            return False
        if self._stamp is not None:
            stamp = self._settled(stamp)
        pages, titles = self._build()
        with self._changed:
            self._stamp = stamp
            self.pages = pages
            self.names = tuple(pages)
            self.titles = titles or self.titles
            self.generation += 1
            self._changed.notify_all()
        return True

    def _settled(self, stamp: object) -> object:
        deadline = time.monotonic() + SETTLE_LIMIT
        while time.monotonic() < deadline:
            time.sleep(SETTLE_SECONDS)
            again = self._stamp_now()
            if again == stamp:
                break
            stamp = again
        return stamp

    def _build(self) -> tuple[dict[str, bytes], dict[str, str]]:
        """The pages and their links' titles; a map with errors has no titles of its own."""
        try:
            check = check_paths(self.paths)
            if check.failed():
                shown = [d for d in check.diagnostics if d.severity.value in ("error", "warning")]
                problems = [str(d) for d in shown]
            else:
                evaluation = None
                if self.settings is not None:
                    evaluation = evaluate_or_unscored(check.amap, self.settings)
                drawn = check.load.drawn(full_detail=self.full_detail)
                made = {a.path: a.make for a in html_artifacts(check.amap, evaluation, drawn)}
                # The links in the order the index lists the maps: overview, headline first.
                titles = {f"{OVERVIEW}.html": "Overview"}
                for thesis in ordered_theses(check.amap):
                    titles[f"{thesis_stem(thesis.id)}.html"] = claim_title(thesis)
                order = [n for n in titles if n in made] + [n for n in made if n not in titles]
                return {name: made[name]() for name in order}, titles
        except ArgmapError as exc:
            problems = [str(exc)]
        page = diagnostics_page(problems)
        return dict.fromkeys(self.names, page), {}

    def wait(self, since: int, timeout: float = WAIT_SECONDS) -> int:
        """The generation of the pages once it differs from ``since`` (or after ``timeout``)."""
        with self._changed:
            self._changed.wait_for(lambda: self.generation != since, timeout)
            return self.generation

    def frame(self, name: str) -> bytes:
        """The page that shows page ``name`` with links to the others, reloading on changes."""
        shown = self.titles.get(name) or name
        links = "".join(
            f'<a href="/view/{escape_html(n)}"{" aria-current=page" if n == name else ""}>'
            f"{escape_html(self.titles.get(n) or n.removesuffix('.html'))}</a>"
            for n in self.names
        )
        return (
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>argmap preview: {escape_html(shown)}</title><style>{_CSS}</style></head>"
            f'<body data-generation="{self.generation}"><nav>{links}</nav>'
            f'<iframe title="{escape_html(shown)}" src="/page/{escape_html(name)}"></iframe>'
            f"<script>{_RELOAD_JS}</script></body></html>\n"
        ).encode()


class _Handler(BaseHTTPRequestHandler):
    """Answers only the preview's own routes; everything else is 404."""

    server: PreviewServer

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the command prints what matters."""

    def do_HEAD(self) -> None:
        """Like GET, without the body."""
        self._answer(body=False)

    def do_GET(self) -> None:
        """The frame pages, the map pages, and the change events."""
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        hosts = self.server.hosts
        if hosts is not None and self.headers.get("Host", "") not in hosts:
            self._send(HTTPStatus.FORBIDDEN, b"unknown host\n", "text/plain", body=body)
            return
        # The request target as sent: no normalising, so '..' or '//' name nothing here.
        path, _, query = self.path.partition("?")
        preview = self.server.preview
        route, _, name = path.removeprefix("/").partition("/")
        if path == "/":
            self.send_response(HTTPStatus.SEE_OTHER)
            self.send_header("Location", f"/view/{OVERVIEW}.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif route == "view" and name in preview.names:
            self._send(HTTPStatus.OK, preview.frame(name), "text/html", _FRAME_CSP, body=body)
        elif route == "page" and name in preview.pages:
            self._send(HTTPStatus.OK, preview.pages[name], "text/html", body=body)
        elif path == "/events":
            since = parse_qs(query).get("since", [""])[0]
            # ASCII digits only ('²' is a digit to isdigit, not to int), and no more than a
            # generation can have (int refuses over 4,300 digits).
            plain = since.isascii() and since.isdigit() and len(since) <= 18
            start = int(since) if plain else -1
            generation = preview.wait(start, self.server.wait_seconds)
            answer = json.dumps({"generation": generation}).encode()
            self._send(HTTPStatus.OK, answer, "application/json", body=body)
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", body=body)

    def _send(
        self, status: HTTPStatus, data: bytes, kind: str, csp: str = "", *, body: bool
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        if body:
            self.wfile.write(data)


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server of a preview, plus the thread that watches its claim files."""

    daemon_threads = True

    def __init__(
        self,
        preview: Preview,
        host: str = LOOPBACK,
        port: int = 8000,
        *,
        interval: float = 0.2,
        wait_seconds: float = WAIT_SECONDS,
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), _Handler)
        self.preview = preview
        self.interval = interval
        self.wait_seconds = wait_seconds
        bound = self.server_address[1]
        named = f"[{host}]" if ":" in host else host
        names = {named, "localhost", "127.0.0.1", "[::1]"}
        # Requests that name another host are refused, so a page elsewhere that points a
        # name of its own at this address (DNS rebinding) reads nothing. Listening on every
        # address serves anyone who can reach the machine, by whatever name they use.
        self.hosts: set[str] | None = (
            None
            if host in WILDCARDS
            else {f"{n}:{bound}" for n in names} | (names if bound == 80 else set())
        )
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="argmap-watch", daemon=True)

    @property
    def url(self) -> str:
        """Where a browser finds the preview."""
        address = self.server_address[0]
        host = address.decode() if isinstance(address, bytes) else address
        shown = host if ":" not in host else f"[{host}]"
        return f"http://{shown}:{self.server_address[1]}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that leaves while it waits for changes is no error; others are printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            self.preview.refresh()

    def start(self) -> None:
        """Build the pages, then watch the claim files and answer requests, in threads."""
        self.preview.refresh()
        self._watcher.start()
        threading.Thread(target=self.serve_forever, name="argmap-serve", daemon=True).start()

    def stop(self) -> None:
        """Stop answering and watching, and close the socket."""
        self._stop.set()
        self.shutdown()
        self.server_close()
        with self.preview._changed:
            self.preview._changed.notify_all()


def serve_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    host: str = LOOPBACK,
    port: int = 8000,
    settings: EvaluationSettings | None = _DEFAULT,
    full_detail: bool = False,
) -> PreviewServer:
    """Start previewing the map of ``paths``; the caller stops the returned server.

    Raises:
        UsageError: The address cannot be bound (in use, or not this machine's).
    """
    preview = Preview(paths, settings=settings, full_detail=full_detail)
    try:
        server = PreviewServer(preview, host, port)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    server.start()
    return server


def run_until_interrupted(server: PreviewServer) -> None:
    """Keep a started server running until Ctrl-C, then stop it."""
    try:
        while True:
            time.sleep(3600)
    finally:
        server.stop()
