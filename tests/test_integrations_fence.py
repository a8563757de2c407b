"""The shared fence renderer: options, figures, page-unique ids, the cache and error boxes."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap.integrations import fence as fence_module
from argmap.integrations.fence import FenceCache, fence_css, render_fence
from argmap.integrations.options import FenceError, parse_fence, parse_options
from argmap.model import ArgumentMap, Claim, ClaimKind
from argmap.render.text import clean
from argmap.structure import limit_depth
from argmap.write.yaml import render_yaml

from .strategies import maps

SVG = "{http://www.w3.org/2000/svg}"
SMALL = """\
claims:
  - id: harbour
    kind: thesis
    label: Build the harbour
    text: The town should build the new harbour.
  - id: jobs
    text: The harbour brings jobs.
    supports: [harbour]
  - id: cost
    text: It costs more than the town can borrow.
    attacks: [harbour]
  - id: grant
    text: A state grant covers half the cost.
    attacks: [cost]
"""


def svg_of(html: str) -> ElementTree.Element:
    match = re.search(r"<svg\b.*?</svg>", html, re.DOTALL)
    assert match, html[:200]
    return ElementTree.fromstring(match.group(0))


def node_titles(html: str) -> list[str]:
    root = svg_of(html)
    # Claims' nodes carry their kind's class; the legend's node does not.
    claims = [g for g in root.iter(f"{SVG}g") if "am-kind-" in (g.get("class") or "")]
    titles = [g.find(f"{SVG}title") for g in claims]
    return sorted(t.text or "" for t in titles if t is not None)


def test_parse_fence_reads_info_words_myst_option_lines_and_inline_yaml() -> None:
    spec = parse_fence(
        "depth=2 caption='The harbour'", ":thesis: harbour\n:direction: lr\n" + SMALL
    )
    assert spec.options.thesis == "harbour"
    assert spec.options.depth == 2
    assert spec.options.caption == "The harbour"
    assert spec.options.direction == "LR"
    assert spec.paths == ()
    assert spec.yaml.startswith("claims:")
    assert spec.yaml_line == 3
    assert spec.option_lines["thesis"] == 1


def test_parse_fence_takes_bare_words_and_path_lines_as_claim_paths() -> None:
    assert parse_fence("claims/a.yaml", "").paths == ("claims/a.yaml",)
    assert parse_fence("", ":path: claims more\n").paths == ("claims", "more")
    assert parse_fence("", "claims/\n../other.yaml\n").paths == ("claims/", "../other.yaml")


@pytest.mark.parametrize(
    ("info", "body", "message", "line"),
    [
        ("", ":thesys: x\n" + SMALL, "unknown option 'thesys' (did you mean 'thesis'?)", 1),
        ("semantics=groundd", SMALL, "option 'semantics' must be one of", 0),
        ("", ":depth: two\n" + SMALL, "option 'depth' must be", 1),
        ("", ":details: maybe\n" + SMALL, "option 'details' must be yes or no", 1),
        ("", ":link: #{nope}\n" + SMALL, "option 'link' must be", 1),
        ("claims", SMALL, "either claim paths or inline claim YAML", 1),
        ("", "", "the fence is empty", 0),
        ("caption='open", SMALL, "cannot read the fence's options", 0),
    ],
)
def test_parse_fence_reports_bad_fences_with_their_line(
    info: str, body: str, message: str, line: int
) -> None:
    with pytest.raises(FenceError) as caught:
        parse_fence(info, body)
    assert message in str(caught.value)
    assert caught.value.line == line


@settings(max_examples=60)
@given(st.dictionaries(st.text(min_size=1, max_size=12), st.text(max_size=12), max_size=4))
def test_parse_options_raises_only_fence_errors(raw: dict[str, str]) -> None:
    try:
        parse_options(raw)
    except FenceError as exc:
        assert str(exc)


def test_limit_depth_keeps_claims_within_the_given_steps() -> None:
    amap = ArgumentMap(
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text="T."),
            Claim(id="a", text="A.", supports=("t",)),
            Claim(id="b", text="B.", attacks=("a",)),
            Claim(id="c", text="C.", supports=("b", "t")),
        )
    )
    assert [c.id for c in limit_depth(amap, ["t"], 0).claims] == ["t"]
    one = limit_depth(amap, ["t"], 1)
    assert [c.id for c in one.claims] == ["a", "c", "t"]
    assert one.claim("c").supports == ("t",)
    assert [c.id for c in limit_depth(amap, ["t"], 2).claims] == ["a", "b", "c", "t"]


@pytest.mark.dot
def test_inline_fence_renders_a_figure_with_a_node_per_claim_and_a_claim_list() -> None:
    result = render_fence("", SMALL, page="page.md", line=3, cache=None)
    assert not result.failed and result.problems == ()
    assert node_titles(result.html) == ["cost", "grant", "harbour", "jobs"]
    assert result.html.startswith('<figure class="argmap-figure argmap-theme-auto"')
    gid = result.graph_id
    assert gid is not None and gid.startswith("am-map-")
    ids = [el.get("id") for el in svg_of(result.html).iter() if el.get("id")]
    assert ids and all(i is not None and i.startswith(gid) for i in ids)
    # Nodes link to the claim list under the map, which holds each claim's full text.
    assert f'href="#{gid}-claim-cost-text"' in result.html
    assert f'<dt id="{gid}-claim-cost-text">' in result.html
    assert "It costs more than the town can borrow." in result.html
    assert "\n\n" not in result.html
    assert f"<style>{fence_css()}</style>" in result.html
    assert "/*" not in fence_css() and "prefers-color-scheme" in fence_css()


@pytest.mark.dot
def test_fence_options_choose_thesis_depth_caption_theme_and_links() -> None:
    body = ":thesis: harbour\n:depth: 1\n:caption: The harbour <debate>\n:theme: dark\n"
    body += ":details: no\n:link: https://example.org/claims#{id}\n" + SMALL
    result = render_fence("", body, cache=None)
    assert not result.failed, result.problems
    assert node_titles(result.html) == ["cost", "harbour", "jobs"]
    assert "argmap-theme-dark" in result.html
    assert "<figcaption>The harbour &lt;debate&gt;</figcaption>" in result.html
    assert 'href="https://example.org/claims#jobs"' in result.html
    assert "<details" not in result.html


def _drawn_text(html: str) -> list[str]:
    """The words drawn on the map outside its nodes and edges (its title, if any)."""
    root = svg_of(html)
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    parts = [c for c in graph if c.tag == f"{SVG}g" and not c.get("class")]
    return [t.text or "" for part in parts for t in part.iter(f"{SVG}text")]


@pytest.mark.dot
def test_an_untitled_fenced_map_draws_no_filler_title_but_is_named_by_its_caption() -> None:
    captioned = render_fence("", ":caption: The harbour debate\n" + SMALL, cache=None)
    assert _drawn_text(captioned.html) == []
    title = svg_of(captioned.html).find(f"{SVG}title")
    assert title is not None and title.text == "The harbour debate"
    bare = svg_of(render_fence("", SMALL, cache=None).html).find(f"{SVG}title")
    assert bare is not None and bare.text == "Argument map"  # still named for screen readers
    titled = render_fence("", "map:\n  title: Harbour plans\n" + SMALL, cache=None)
    assert _drawn_text(titled.html) == ["Harbour plans"]


@pytest.mark.dot
def test_direction_option_changes_the_rank_direction(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = fence_module.svg_from_dot

    def spy(dot: str, gid: str, title: str) -> str:
        seen.append(dot)
        return real(dot, gid, title)

    monkeypatch.setattr(fence_module, "svg_from_dot", spy)
    render_fence("direction=LR", SMALL, cache=None)
    render_fence("", SMALL, cache=None)
    assert "rankdir=LR" in seen[0] and "rankdir=BT" not in seen[0]
    assert "rankdir=BT" in seen[1]


@pytest.mark.dot
def test_two_maps_on_one_page_never_share_an_id() -> None:
    used: set[str] = set()
    first = render_fence("", SMALL, used_ids=used)
    second = render_fence("", SMALL, used_ids=used)
    third = render_fence("thesis=harbour depth=1", SMALL, used_ids=used)
    ids: list[str] = []
    for result in (first, second, third):
        ids += [el.get("id") or "" for el in svg_of(result.html).iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert len(used) == 3


@pytest.mark.dot
def test_cache_serves_unchanged_maps_without_drawing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = FenceCache(tmp_path / "cache")
    first = render_fence("", SMALL, cache=cache)
    assert (cache.hits, cache.misses) == (0, 1)

    def refuse(*args: object) -> str:
        raise AssertionError("Graphviz ran for a cached map")

    monkeypatch.setattr(fence_module, "svg_from_dot", refuse)
    assert render_fence("", SMALL, cache=cache).html == first.html
    # A new process finds it on disk.
    fresh = FenceCache(tmp_path / "cache")
    assert render_fence("", SMALL, cache=fresh).html == first.html
    assert fresh.hits == 1
    # Any change to the content or the options is a new key.
    monkeypatch.setattr(fence_module, "svg_from_dot", lambda *a: "<svg/>")
    changed = render_fence("", SMALL.replace("brings jobs", "brings work"), cache=cache)
    assert changed.html != first.html
    assert cache.misses == 2


def test_broken_fence_becomes_an_error_box_with_page_positions() -> None:
    body = ":thesis: harbour\n" + SMALL + "  - id: stray\n    text: S.\n    attacks: [nowhere]\n"
    result = render_fence("", body, page="docs/page.md", line=10, cache=None)
    assert result.failed
    assert result.html.startswith('<div class="argmap-error" role="alert">')
    # The fence opens on line 10 and its option takes line 11, so YAML line 17 is page line 28.
    assert result.problems == (
        "docs/page.md:26:5: warning: claim 'stray' is connected to no thesis "
        "(it supports or attacks nothing that leads to one) [unconnected-claim]",
        "docs/page.md:28:15: error: 'stray' attacks unknown claim 'nowhere' [unknown-claim]",
    )
    assert "docs/page.md:28:15: error: &#39;stray&#39; attacks unknown claim" in result.html


def test_fence_problems_point_at_the_option_line() -> None:
    result = render_fence(
        "", ":semantics: grounded\n:thesis: harbur\n" + SMALL, page="p.md", line=4, cache=None
    )
    assert result.failed
    assert result.problems[0].startswith("p.md:6:1: error: 'harbur' is no claim")
    unknown = render_fence("", ":colour: red\n" + SMALL, page="p.md", line=4, cache=None)
    assert unknown.problems[0].startswith("p.md:5:1: error: unknown option 'colour'")
    assert unknown.problems[0].endswith("[argmap-fence]")


def test_missing_claim_path_is_an_error_box(tmp_path: Path) -> None:
    result = render_fence(
        "", ":path: nowhere/\n", base_dir=tmp_path, page="p.md", line=1, cache=None
    )
    assert result.failed
    assert "no such file or directory" in result.problems[0]


@pytest.mark.dot
def test_fence_reads_claim_files_relative_to_the_base_dir_and_lists_them(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "harbour.yaml").write_text(SMALL, encoding="utf-8")
    result = render_fence("claims", "", base_dir=tmp_path, cache=None)
    assert not result.failed, result.problems
    assert [Path(f).name for f in result.files] == ["harbour.yaml"]
    assert node_titles(result.html) == ["cost", "grant", "harbour", "jobs"]


def test_warnings_are_reported_and_the_map_still_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fence_module, "svg_from_dot", lambda dot, gid, title: f'<svg id="{gid}"/>')
    body = SMALL + "  - id: lonely\n    text: Nobody listens to me.\n"
    result = render_fence("", body, page="p.md", line=1, cache=None)
    assert not result.failed
    assert len(result.problems) == 1 and "[unconnected-claim]" in result.problems[0]
    assert result.html.startswith("<figure")


@settings(max_examples=40)
@given(st.text(max_size=200))
def test_any_fence_body_gives_html_never_an_exception(body: str) -> None:
    nowhere = Path("/nonexistent-argmap-claims")
    result = render_fence("", body, page="p.md", line=1, cache=None, resolve=lambda p: nowhere / p)
    if result.failed:
        assert result.html.startswith('<div class="argmap-error"')
        assert "<script" not in result.html.lower()


@pytest.mark.dot
@settings(max_examples=15)
@given(maps(hostile=True, max_claims=6))
def test_hostile_claim_text_never_reaches_the_figure_as_markup(amap: ArgumentMap) -> None:
    # A title of control characters only is a separate problem of the DOT renderer.
    assume(all(clean(c.title) for c in amap.claims))
    result = render_fence("semantics=none", render_yaml(amap), cache=None)
    assert node_titles(result.html) == sorted(c.id for c in amap.claims), result.problems
    lowered = result.html.lower()
    for bad in ("<script", "javascript:", "onerror=", "<img"):
        assert bad not in lowered
