"""Hostile text and URLs in every field stay plain text or one http(s) link, in CommonMark and Python-Markdown."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from argmap.check import check_paths
from argmap.render.text import clean, safe_url
from argmap.validate import url_problem

from .hostile import (
    HOSTILE_TEXTS,
    HOSTILE_URLS,
    Fields,
    external_links,
    fuzz_strings,
    hostile_map,
    link_targets,
    page_text,
    problems,
    summaries,
    to_html,
)

TEXT_FIELDS = [
    "title",
    "description",
    "thesis_text",
    "thesis_label",
    "text",
    "label",
    "rival_text",
    "locator",
    "quote",
    "source_title",
    "author",
    "year",
]
RELATIVE = {"index.md", "t.svg", "c.svg", "overview.svg", "compare-t-u.md", "t.md", "u.md"}


def allowed_links(fields: Fields) -> set[str]:
    anchors = {f"#claim-{cid}" for cid in ("t", "u", "a", "b")}
    urls = {safe_url(u) for u in (fields.source_url, fields.ref_url)} - {None}
    return RELATIVE | anchors | {u for u in urls if u is not None}


def assert_inert(fields: Fields, *kept: str) -> None:
    """No page has active content or an unexpected link, the thesis's summary has exactly
    one link per citation with a safe URL, and each field named in ``kept`` reads on it
    exactly as it was (cleaned)."""
    amap = hostile_map(fields)
    allowed = allowed_links(fields)
    pages = summaries(amap)
    for name, text in pages.items():
        for renderer, rendered in to_html(text).items():
            found = problems(rendered, allowed)
            assert found == [], f"{renderer} on {name}: {found}\n{text}"
            if name != "t.md":
                continue
            assert link_targets(rendered) == external_links(amap), renderer
            shown = page_text(rendered)
            for field in kept:
                value = getattr(fields, field)
                assert clean(value) in shown, f"{renderer}: {field}={value!r} reads as\n{shown}"


#: The fields shown on the thesis's summary, whose text must read as it was.
SHOWN = ("text", "label", "thesis_text", "locator", "quote", "source_title", "title", "author")


@pytest.mark.parametrize("value", HOSTILE_TEXTS, ids=range(len(HOSTILE_TEXTS)))
def test_hostile_text_in_every_field_stays_plain_text(value: str) -> None:
    assert_inert(Fields(**dict.fromkeys(TEXT_FIELDS, value)), *SHOWN)


@pytest.mark.parametrize("name", TEXT_FIELDS)
def test_each_field_alone_stays_plain_text(name: str) -> None:
    for value in HOSTILE_TEXTS[::7]:
        fields = dataclasses.replace(Fields(), **{name: value})
        assert_inert(fields, *([name] if name in SHOWN else []))


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=range(len(HOSTILE_URLS)))
@pytest.mark.parametrize("where", ["source_url", "ref_url"])
def test_hostile_url_is_one_http_link_or_plain_text(url: str, where: str) -> None:
    fields = dataclasses.replace(Fields(), **{where: url})
    assert_inert(fields)


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=range(len(HOSTILE_URLS)))
def test_linked_url_points_where_the_url_pointed(url: str) -> None:
    linked = safe_url(url)
    if linked is None:
        return
    assert linked.lower().startswith(("http://", "https://"))
    assert not set(linked) & set(" \t\n<>\"'`()[]\\")
    if url_problem(url) is None:
        # A URL check accepts is linked with at most its case of scheme and non-ASCII changed.
        assert linked.split("://", 1)[1].split("/", 1)[0] == url.split("://", 1)[1].split("/", 1)[0]


@pytest.mark.parametrize(
    "url",
    [
        "https://a.b/)[x](javascript:alert(1)",
        "https://a.b/)![x](javascript:alert(1))",
        "https://a.b/](x)",
        "https://a.b/(x)",
        "https://a.b/[x]",
        "https://a.b/ x",
        "https://a.b/\tx",
        "https://a.b/\x00",
        "https://a.b/\x7f",
        "https://a.b/\u200b",
        "https://a.b/\u202e",
        "https://a.b/\\x",
        "https:\\\\a.b",
        "https://a.b/%",
        "https://a.b/%g1",
        "https://a.b/%1",
        "https://user@a.b/",
        "https://a.b@evil.example/",
        "https://",
        "https:///x",
        "https://a..b/",
        "https://-a.b/",
        "https://a.b:x/",
        "https://a.b:123456/",
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "ftp://a.b/",
        "//a.b/",
        " https://a.b/",
        "https://a.b/ ",
    ],
)
def test_url_check_refuses_what_could_break_out(url: str) -> None:
    assert url_problem(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://a.b/",
        "http://a.b",
        "HTTPS://A.B/x",
        "https://a.b:8080/x?y=1&z=2#frag",
        "https://en.wikipedia.org/wiki/Argument_%28disambiguation%29",
        "https://a.b/é",
        "https://a.b/a;b=c,d*e+f!g$h~i",
        "https://a.b./",
    ],
)
def test_url_check_accepts_plain_urls(url: str) -> None:
    assert url_problem(url) is None
    assert safe_url(url) is not None


@pytest.mark.parametrize("seed", range(6))
def test_seeded_fuzz_of_every_field_stays_inert(seed: int) -> None:
    values = list(fuzz_strings(seed, 2 * len(TEXT_FIELDS) + 2))
    fields = Fields(**dict(zip(TEXT_FIELDS, values, strict=False)))
    fields = dataclasses.replace(fields, source_url=values[-2], ref_url=values[-1])
    assert_inert(fields, "text", "source_title")


@pytest.mark.parametrize("url", [u for u in HOSTILE_URLS if url_problem(u) is not None])
def test_check_reports_each_unsafe_url_where_it_is_written(tmp_path: Path, url: str) -> None:
    claims = tmp_path / "claims"
    claims.mkdir()
    quoted = json.dumps(url)
    (claims / "map.yaml").write_text(
        f"map:\n  sources:\n    - id: s\n      title: W\n      url: {quoted}\n"
        f"claims:\n  - id: t\n    kind: thesis\n    text: T.\n    sources:\n"
        f"      - url: {quoted}\n",
        encoding="utf-8",
    )
    found = [d for d in check_paths([claims]).diagnostics if d.code == "unsafe-url"]
    assert [d.span.line for d in found] == [3, 11]  # the source, the citation


def test_a_dollar_in_a_linked_url_is_no_math_on_a_docs_site() -> None:
    from .hostile import problems, to_html

    url = "https://example.org/a$x$b?c=$d$"
    linked = safe_url(url)
    assert linked == "https://example.org/a%24x%24b?c=%24d%24" and url_problem(url) is None
    for renderer, html in to_html(f"[T]({linked}) <{linked}>").items():
        assert problems(html, {linked}) == [], renderer
        assert html.count(f'href="{linked}"') == 2, renderer
