"""The standalone HTML page: self-contained, safe with hostile text, working in Chromium."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from argmap.build import html_artifacts
from argmap.errors import UsageError
from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta, Source, SourceRef
from argmap.render.html import render_html_page

pytestmark = pytest.mark.dot

HARBOUR = ArgumentMap(
    meta=MapMeta(
        title="The harbour question",
        sources=(
            Source(
                id="council",
                title="Council minutes",
                year="2024",
                url="https://example.org/minutes",
            ),
        ),
    ),
    claims=(
        Claim(
            id="harbour",
            kind=ClaimKind.THESIS,
            label="Build the harbour",
            text="The town should build the new harbour.",
        ),
        Claim(
            id="jobs",
            label="It brings jobs",
            text="The harbour brings two hundred jobs to the town within five years.",
            supports=("harbour",),
            sources=(SourceRef(source="council", locator="item 4", quote="two hundred jobs"),),
        ),
        Claim(id="cost", text="It costs more than the town can borrow.", attacks=("harbour",)),
        Claim(
            id="grant",
            kind=ClaimKind.EVIDENCE,
            text="A state grant covers half the cost.",
            attacks=("cost",),
        ),
        Claim(id="ferry", kind=ClaimKind.THESIS, text="The town should keep the ferry instead."),
        Claim(
            id="cheap",
            text="The ferry costs little to run.",
            supports=("ferry",),
            attacks=("harbour",),
        ),
    ),
)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def page_data(page: str) -> dict[str, object]:
    match = re.search(
        r'<script type="application/json" id="argmap-data">(.*?)</script>', page, re.DOTALL
    )
    assert match
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_page_is_self_contained_and_allows_nothing_else() -> None:
    page = render_html_page(HARBOUR, evaluate_map(HARBOUR))
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy and "default-src 'none'" in policy.group(1)
    # The inline style and script are allowed by their hashes, and by nothing else.
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert style and script
    for text in (style.group(1), script.group(1)):
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{digest}'" in policy.group(1)
    assert "unsafe-inline" not in policy.group(1)
    assert "<link" not in page and not re.search(r"\ssrc=", page)
    links = re.findall(r'href="([^"]*)"', page)
    assert links and all(
        link.startswith("#claim-") or link == "https://example.org/minutes" for link in links
    )


def test_page_data_and_claim_list_hold_every_claim_of_the_map() -> None:
    page = render_html_page(HARBOUR, evaluate_map(HARBOUR))
    data = page_data(page)
    claims = data["claims"]
    assert isinstance(claims, dict) and sorted(claims) == sorted(c.id for c in HARBOUR.claims)
    jobs = claims["jobs"]
    assert jobs["text"] == "The harbour brings two hundred jobs to the town within five years."
    assert jobs["sources"] == [
        {
            "by": "2024",
            "locator": "item 4",
            "quote": "two hundred jobs",
            "title": "Council minutes",
            "url": "https://example.org/minutes",
        }
    ]
    assert jobs["supports"] == ["harbour"] and claims["harbour"]["supported_by"] == ["jobs"]
    assert jobs["status"] in ("stands", "falls", "contested", "open", "not-assessed")
    assert jobs["why"]
    for claim in HARBOUR.claims:
        assert f'<dt id="claim-{claim.id}">' in page


def test_thesis_page_draws_only_the_thesis_sub_map() -> None:
    page = render_html_page(HARBOUR, None, "ferry")
    assert sorted(page_data(page)["claims"]) == ["cheap", "ferry"]  # type: ignore[arg-type]
    assert "<title>The harbour question: The town should keep the ferry instead.</title>" in page
    with pytest.raises(UsageError):
        render_html_page(HARBOUR, None, "cost")


def test_hostile_claim_text_cannot_leave_the_data_block() -> None:
    hostile = "</script><script>alert(1)</script><!-- & \u2028"
    amap = ArgumentMap(claims=(Claim(id="t", kind=ClaimKind.THESIS, text=hostile, label=hostile),))
    page = render_html_page(amap, evaluate_map(amap))
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "alert(1)</script>" not in page
    assert page_data(page)["claims"]["t"]["text"] == "</script><script>alert(1)</script><!-- &"  # type: ignore[index]


def test_html_artifacts_are_a_page_per_thesis_and_an_overview() -> None:
    artifacts = html_artifacts(HARBOUR, None)
    assert [a.path for a in artifacts] == ["ferry.html", "harbour.html", "overview.html"]
    assert artifacts[0].make().startswith(b"<!DOCTYPE html>")


def _chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found is None:
        message = "Debian's chromium is not installed: run scripts/install-browser.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def test_page_in_headless_chromium_draws_nodes_and_shows_a_clicked_claim(tmp_path: Path) -> None:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    target = tmp_path / "harbour.html"
    target.write_text(render_html_page(HARBOUR, evaluate_map(HARBOUR), "harbour"), encoding="utf-8")
    with sync_playwright() as play:
        browser = play.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            problems: list[str] = []
            requests: list[str] = []
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.on(
                "console", lambda msg: problems.append(msg.text) if msg.type == "error" else None
            )
            page.on("request", lambda request: requests.append(request.url))
            page.goto(target.as_uri())

            nodes = page.locator("svg.argmap g.node:not(.argmap-legend)")
            assert nodes.count() == 5
            for i in range(nodes.count()):
                box = nodes.nth(i).bounding_box()
                assert box is not None and box["width"] > 20 and box["height"] > 10
            assert page.locator("#argmap-detail").is_hidden()

            page.locator("g.node", has=page.locator("title", has_text="jobs")).click()
            detail = page.locator("#argmap-detail")
            assert detail.is_visible()
            assert detail.locator("h2").inner_text() == "It brings jobs"
            assert (
                "two hundred jobs to the town within five years"
                in detail.locator(".argmap-text").inner_text()
            )
            assert "two hundred jobs" in detail.locator(".argmap-sources").inner_text()
            assert "Council minutes" in detail.locator(".argmap-sources").inner_text()
            assert re.search(
                r"(stands|falls|contested|open|not-assessed) .* — ",
                detail.locator(".argmap-status").inner_text(),
            )
            assert "supports" in detail.locator(".argmap-relations").inner_text()
            assert page.evaluate("location.hash") == "#claim-jobs"
            assert "argmap-selected" in (
                page.locator("#am-harbour-claim-jobs").get_attribute("class") or ""
            )
            page.screenshot(path=str(tmp_path / "harbour.png"))

            # Following a relation in the panel selects the other claim.
            detail.locator(".argmap-relations button").first.click()
            assert detail.locator("h2").inner_text() == "Build the harbour"

            before = page.locator("svg.argmap").get_attribute("viewBox")
            page.locator("[data-zoom=in]").click()
            zoomed = page.locator("svg.argmap").get_attribute("viewBox")
            assert zoomed != before
            page.locator("[data-zoom=fit]").click()
            assert page.locator("svg.argmap").get_attribute("viewBox") == before

            # Dragging pans without selecting what it started on; the wheel zooms.
            page.mouse.move(450, 500)
            page.mouse.down()
            page.mouse.move(350, 420, steps=5)
            page.mouse.up()
            panned = page.locator("svg.argmap").get_attribute("viewBox")
            assert panned != before
            assert detail.locator("h2").inner_text() == "Build the harbour"
            page.mouse.wheel(0, -300)
            assert page.locator("svg.argmap").get_attribute("viewBox") != panned

            assert problems == []
            assert requests == [target.as_uri()]
        finally:
            browser.close()
    assert (tmp_path / "harbour.png").stat().st_size > 10_000


def _wide_map() -> ArgumentMap:
    """Twelve theses side by side, three reasons each: far too wide to read whole."""
    claims = []
    for t in range(12):
        claims.append(Claim(id=f"t{t}", kind=ClaimKind.THESIS, text=f"Thesis number {t}."))
        claims += [
            Claim(id=f"r{t}-{r}", text=f"Reason {r} for thesis {t}.", supports=[f"t{t}"])
            for r in range(3)
        ]
    return ArgumentMap(meta=MapMeta(title="Wide", theses=["t7"]), claims=claims)


def test_a_map_too_wide_to_read_whole_opens_legible_on_its_headline_thesis(
    tmp_path: Path,
) -> None:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    amap = _wide_map()
    overview = tmp_path / "overview.html"
    overview.write_text(render_html_page(amap, evaluate_map(amap), None), encoding="utf-8")
    small = tmp_path / "harbour.html"
    small.write_text(render_html_page(HARBOUR, evaluate_map(HARBOUR), "harbour"), "utf-8")
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(overview.as_uri())
            svg = page.locator("svg.argmap")
            shown = svg.bounding_box()
            assert shown is not None
            _, _, w, h = map(float, (svg.get_attribute("viewBox") or "").split())
            # A unit of the map to a pixel at least: the claims are as large as in the SVG.
            assert min(shown["width"] / w, shown["height"] / h) >= 0.99
            headline = page.locator("#am-overview-claim-t7").bounding_box()
            assert headline is not None
            assert shown["x"] <= headline["x"] and headline["x"] + headline["width"] <= (
                shown["x"] + shown["width"]
            )
            assert shown["y"] <= headline["y"] <= shown["y"] + shown["height"] / 2
            page.locator("[data-zoom=fit]").click()
            whole = (svg.get_attribute("viewBox") or "").split()
            assert float(whole[2]) > 3 * w  # Fit shows the whole map, far smaller
            # A map that can be read whole opens whole.
            page.goto(small.as_uri())
            opened = page.locator("svg.argmap").get_attribute("viewBox")
            page.locator("[data-zoom=fit]").click()
            assert page.locator("svg.argmap").get_attribute("viewBox") == opened
        finally:
            browser.close()
