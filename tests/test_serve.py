"""argmap serve: a real server on 127.0.0.1 shows the pages, signals a reload within a second
or two of a claim file being saved, shows diagnostics for a broken map, and serves nothing else."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from argmap import serve
from argmap.serve import Preview, PreviewServer

from .harbour import CLAIMS

pytestmark = pytest.mark.dot


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "town.yaml").write_text(CLAIMS, encoding="utf-8")
    server = PreviewServer(Preview([claims]), port=0, interval=0.05, wait_seconds=3)
    server.start()
    try:
        yield server, claims / "town.yaml"
    finally:
        server.stop()


def get(
    server: PreviewServer, path: str, host: str | None = None, timeout: float = 10
) -> tuple[int, dict[str, str], str]:
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Host": host} if host is not None else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8")
    finally:
        connection.close()


def test_serves_the_pages_in_a_frame_that_reloads(served: tuple[PreviewServer, Path]) -> None:
    server, _ = served
    assert server.server_address[0] == "127.0.0.1"
    status, headers, _ = get(server, "/")
    assert status == 303 and headers["Location"] == "/view/overview.html"
    status, headers, frame = get(server, "/view/harbour.html")
    assert status == 200 and "script-src 'sha256-" in headers["Content-Security-Policy"]
    title = "The town should build the new harbour."
    assert f'<iframe title="{title}" src="/page/harbour.html">' in frame
    assert f'<a href="/view/harbour.html" aria-current=page>{title}</a>' in frame
    assert '<a href="/view/overview.html">Overview</a>' in frame and "/events?since=" in frame
    status, headers, page = get(server, "/page/harbour.html")
    assert status == 200 and headers["Cache-Control"] == "no-store"
    assert "<svg" in page and "The harbour brings jobs." in page


def test_saving_a_claim_file_signals_a_reload_and_serves_the_new_map(
    served: tuple[PreviewServer, Path],
) -> None:
    server, claims = served
    generation = json.loads(get(server, "/events?since=-1")[2])["generation"]
    started = time.monotonic()
    claims.write_text(CLAIMS.replace("brings jobs", "brings many jobs"), encoding="utf-8")
    answer = json.loads(get(server, f"/events?since={generation}")[2])
    assert answer["generation"] == generation + 1
    assert time.monotonic() - started < 2.5
    assert "The harbour brings many jobs." in get(server, "/page/harbour.html")[2]
    claims.write_text(CLAIMS.replace("supports: [harbour]", "supports: [harbor]"), "utf-8")
    answer = json.loads(get(server, f"/events?since={generation + 1}")[2])
    assert answer["generation"] == generation + 2
    status, _, page = get(server, "/page/harbour.html")
    assert status == 200 and "<svg" not in page
    assert "error: &#39;jobs&#39; supports unknown claim &#39;harbor&#39;" in page
    assert "unknown-claim" in page


class _EditorClock:
    """Stands in for the preview's clock: each wait lets an editor take its next step."""

    def __init__(self, steps: list[Callable[[], object]]) -> None:
        self.steps = steps
        self.monotonic = time.monotonic

    def sleep(self, seconds: float) -> None:
        if self.steps:
            self.steps.pop(0)()


def test_a_save_in_progress_is_not_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    town = tmp_path / "town.yaml"
    town.write_text(CLAIMS, encoding="utf-8")
    preview = Preview([town])
    assert preview.refresh() and b"The harbour brings jobs." in preview.pages["harbour.html"]
    # An editor saves in steps: it empties the file, then writes it in two parts.
    new = CLAIMS.replace("brings jobs", "brings many jobs")
    half = len(new) // 2
    town.write_text("", encoding="utf-8")
    steps: list[Callable[[], object]] = [
        lambda: town.write_text(new[:half], encoding="utf-8"),
        lambda: town.write_text(new, encoding="utf-8"),
    ]
    monkeypatch.setattr(serve, "time", _EditorClock(steps))
    assert preview.refresh() and preview.generation == 2 and not steps
    assert b"The harbour brings many jobs." in preview.pages["harbour.html"]
    assert not preview.refresh()


def test_waiting_for_changes_is_bounded(served: tuple[PreviewServer, Path]) -> None:
    server, _ = served
    generation = json.loads(get(server, "/events?since=-1")[2])["generation"]
    started = time.monotonic()
    assert json.loads(get(server, f"/events?since={generation}")[2]) == {"generation": generation}
    assert 2.5 < time.monotonic() - started < 6


@pytest.mark.parametrize(
    "path",
    [
        "/page/../town.yaml",
        "/page/%2e%2e/claims/town.yaml",
        "/view/../../etc/passwd",
        "/etc/passwd",
        "/page/",
        "/page/town.yaml",
        "/claims/town.yaml",
        "/view/nothing.html",
        "/page//harbour.html",
        "/page/harbour.html/",
    ],
)
def test_serves_only_its_own_pages(served: tuple[PreviewServer, Path], path: str) -> None:
    server, _ = served
    status, _, body = get(server, path)
    assert status == 404 and "claims:" not in body


def test_requests_for_another_host_are_refused(served: tuple[PreviewServer, Path]) -> None:
    server, _ = served
    assert get(server, "/page/harbour.html", host="evil.example")[0] == 403
    port = server.server_address[1]
    assert get(server, "/page/harbour.html", host=f"localhost:{port}")[0] == 200


def test_listening_on_every_address_serves_any_name_and_ipv6_names_its_own(
    tmp_path: Path,
) -> None:
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "town.yaml").write_text(CLAIMS, encoding="utf-8")
    server = PreviewServer(Preview([claims]), host="0.0.0.0", port=0, wait_seconds=3)
    server.start()
    try:
        port = server.server_address[1]
        # Reached from elsewhere, by the machine's address: the user asked for it.
        assert get(server, "/page/harbour.html", host=f"192.0.2.2:{port}")[0] == 200
    finally:
        server.stop()
    try:
        server = PreviewServer(Preview([claims]), host="::1", port=0, wait_seconds=3)
    except OSError:  # pragma: no cover - a machine without IPv6
        pytest.skip("no IPv6 loopback here")
    server.start()
    try:
        port = server.server_address[1]
        assert server.url == f"http://[::1]:{port}/"
        connection = http.client.HTTPConnection("::1", port, timeout=10)
        for host, status in ((f"[::1]:{port}", 200), (f"evil.example:{port}", 403)):
            connection.request("GET", "/page/harbour.html", headers={"Host": host})
            response = connection.getresponse()
            response.read()
            assert response.status == status, host
        connection.close()
    finally:
        server.stop()


@pytest.mark.parametrize("since", ["%C2%B2", "9" * 5000, "-1", "x"])
def test_a_strange_generation_is_answered_not_a_dropped_connection(
    served: tuple[PreviewServer, Path], since: str
) -> None:
    server, _ = served
    status, _, body = get(server, f"/events?since={since}", timeout=20)
    assert status == 200 and json.loads(body)["generation"] >= 1


def test_the_command_starts_on_loopback_and_stops_on_interrupt(tmp_path: Path) -> None:
    (tmp_path / "town.yaml").write_text(CLAIMS, encoding="utf-8")
    command = [sys.executable, "-m", "argmap", "serve", "town.yaml", "--port", "0"]
    log = tmp_path / "serve.log"
    with log.open("w") as out, subprocess.Popen(command, cwd=tmp_path, stderr=out) as process:
        try:
            deadline = time.monotonic() + 30
            while "previewing" not in log.read_text("utf-8") and time.monotonic() < deadline:
                time.sleep(0.1)
            assert "at http://127.0.0.1:" in log.read_text("utf-8")
        finally:
            process.send_signal(2)
            assert process.wait(timeout=30) == 0
    assert "argmap: stopped" in log.read_text("utf-8")


def test_a_browser_reloads_the_page_when_a_claim_file_is_saved(
    served: tuple[PreviewServer, Path],
) -> None:
    from .test_html_page import CHROMIUM_FLAGS, _chromium

    executable = _chromium()
    from playwright.sync_api import sync_playwright

    server, claims = served
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            problems: list[str] = []
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.goto(server.url + "view/harbour.html")
            frame = page.frame_locator("iframe")
            assert frame.locator("svg.argmap g.node:not(.argmap-legend)").count() == 2
            before = page.locator("body").get_attribute("data-generation")
            started = time.monotonic()
            claims.write_text(CLAIMS.replace("brings jobs", "brings many jobs"), "utf-8")
            # The page's policy allows only its own script: poll from here, not by eval.
            while page.locator("body").get_attribute("data-generation") == before:
                assert time.monotonic() - started < 2.5, "the page did not reload"
                time.sleep(0.05)
            frame.locator("text=The harbour brings many jobs.").first.wait_for(timeout=5000)
            assert problems == []
        finally:
            browser.close()


def test_the_links_name_the_theses_by_their_titles_escaped(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n"
        "  - {id: a, kind: thesis, label: '<b>Bold</b> & \"quoted\"', text: A.}\n"
        "  - {id: b, kind: thesis, text: 'Second thesis.'}\n",
        encoding="utf-8",
    )
    preview = Preview([claims])
    assert preview.refresh()
    frame = preview.frame("a.html").decode()
    assert ">&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;</a>" in frame
    assert "<b>" not in frame
    assert '<a href="/view/b.html">Second thesis.</a>' in frame
    # A broken save keeps the links' titles while the diagnostics are shown.
    claims.write_text("claims: [\n", encoding="utf-8")
    assert preview.refresh()
    assert b"Second thesis.</a>" in preview.frame("b.html")


def test_theses_named_like_the_builds_own_pages_get_their_own_links(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "map:\n  theses: [overview]\n"
        "claims:\n  - {id: index, kind: thesis, text: Index thesis.}\n"
        "  - {id: overview, kind: thesis, text: Overview thesis.}\n",
        encoding="utf-8",
    )
    preview = Preview([claims])
    assert preview.refresh()
    assert list(preview.pages) == ["overview.html", "overview.thesis.html", "index.thesis.html"]
    nav = preview.frame("index.thesis.html").decode()
    assert '<a href="/view/overview.html">Overview</a>' in nav
    assert '<a href="/view/index.thesis.html" aria-current=page>Index thesis.</a>' in nav
