"""The legend, node-state styles, accessible SVG and the dark palette of every map."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from argmap.build import plan_artifacts
from argmap.check import check_paths
from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap, Claim, ClaimKind, RelationKind
from argmap.render.asset import asset_text, stylesheet
from argmap.render.dot import render_dot
from argmap.render.legend import legend_label
from argmap.render.style import (
    KIND_STYLE,
    MUTED,
    RELATION_STYLE,
    STATE_STYLE,
    dark_variables,
    light_variables,
    map_css,
)
from argmap.render.svg import render_svg

from .conftest import CASES

XLINK = "{http://www.w3.org/1999/xlink}"
SVG = "{http://www.w3.org/2000/svg}"
STATES = {
    "stands",
    "falls",
    "contested",
    "open",
    "not-assessed",
    "accepted",
    "rejected",
    "undecided",
}


def small_map() -> ArgumentMap:
    return ArgumentMap(
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text="Tea beats coffee"),
            Claim(id="a", text="Tea has less caffeine", supports=("t",)),
            Claim(id="b", kind=ClaimKind.EVIDENCE, text="A survey says so", supports=("a",)),
        )
    )


def test_node_states_are_keyed_by_verdict_and_label_and_share_no_relation_line() -> None:
    assert set(STATE_STYLE) == STATES
    relation_colours = {look["color"] for look in RELATION_STYLE.values()}
    relation_lines = {(look["color"], look["style"]) for look in RELATION_STYLE.values()}
    for name, look in STATE_STYLE.items():
        assert look.color not in relation_colours, name
        assert (look.color, look.border) not in relation_lines, name
        assert name.replace("-", " ") in look.mark
    # Verdicts that mean different things never look the same.
    looks = {
        (s.color, s.border, s.penwidth)
        for n, s in STATE_STYLE.items()
        if n in STATES - {"accepted", "rejected", "undecided"}
    }
    assert len(looks) == 5


def test_every_kind_has_a_style_including_forecasts_and_questions() -> None:
    assert set(KIND_STYLE) == {k.value for k in ClaimKind} | {"forecast", "question"}


def test_legend_shows_only_what_the_map_uses() -> None:
    amap = small_map()
    dot = render_dot(amap, evaluate_map(amap), graph_id="am-t")
    legend = next(line for line in dot.splitlines() if "argmap-legend" in line)
    assert 'id="am-t-legend"' in legend
    assert "supports" in legend and "attacks" not in legend and "undercuts" not in legend
    assert ">thesis<" in legend and ">claim<" in legend and ">evidence<" in legend
    assert "argument" not in legend
    assert "stands" in legend and "falls" not in legend and "more" not in legend
    assert "argmap-legend" not in render_dot(amap, legend=False)


def test_legend_label_lists_forecasts_questions_and_verdicts() -> None:
    label = legend_label(
        {RelationKind.ATTACKS, RelationKind.UNDERCUTS},
        {"forecast", "question"},
        {"stands", "falls", "not-assessed"},
        more={"more"},
    )
    for word in (
        "attacks",
        "undercuts",
        "forecast",
        "question",
        "stands",
        "falls",
        "not assessed",
        "more",
    ):
        assert word in label
    assert label.startswith("<<TABLE") and label.endswith("</TABLE>>")
    assert "n claims" not in label


def test_legend_explains_each_kind_of_more_node_the_map_draws() -> None:
    """The overview's nodes read "n claims →" and a split map's "n more →": the legend says
    what each opens, in the words the map uses."""
    both = legend_label(set(), {"thesis"}, {"stands"}, more={"claims", "more"})
    assert "n claims →" in both and "n more →" in both
    overview = legend_label(set(), {"thesis"}, {"stands"}, more={"claims"})
    assert "n claims →" in overview and "n more" not in overview
    assert "n " not in legend_label(set(), {"thesis"}, {"stands"})


@pytest.mark.dot
def test_svg_is_an_image_labelled_by_its_title_and_described_in_a_sentence() -> None:
    amap = small_map()
    svg = render_svg(amap, evaluate_map(amap), graph_id="am-t", link=lambda c: f"p.md#{c}")
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.get("id") == root.get("aria-labelledby") == "am-t-title"
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.get("id") == root.get("aria-describedby")
    assert "“Tea beats coffee” (stands)" in (desc.text or "")
    assert "3 claims" in (desc.text or "") and "2 relations (2 supports)" in (desc.text or "")
    # No <title> holds the raw graph id; every link has a readable name, and a tooltip
    # alone (a line's, with no link) no name ARIA would refuse on a bare <a>.
    assert all(t.text != "am-t" for t in root.iter(f"{SVG}title"))
    anchors = list(root.iter(f"{SVG}a"))
    links = [a for a in anchors if a.get(f"{XLINK}href")]
    assert links
    for a in links:
        name = a.get("aria-label") or ""
        assert name and name not in {"t", "a", "b", "am-t"}
        assert name == a.get(f"{XLINK}title")
    tooltips = [a for a in anchors if not a.get(f"{XLINK}href")]
    assert all(a.get("aria-label") is None for a in tooltips)
    edge_tips = [a.get(f"{XLINK}title") for a in tooltips]
    assert "Tea has less caffeine supports Tea beats coffee" in edge_tips
    groups = [g for g in root.iter(f"{SVG}g") if "legend" in (g.get("class") or "")]
    assert len(groups) == 1 and "legend" in (groups[0].get("id") or "")
    assert "<style>" not in svg  # inline SVG: the page's stylesheet sets the palette


@pytest.mark.dot
def test_no_text_run_leans_on_a_space_that_svg_drops() -> None:
    """SVG drops a text element's leading and trailing spaces: a space between two runs of
    one line (a coloured glyph, then its word) is a no-break space, or the words touch."""
    amap = small_map()
    split = ArgumentMap(
        claims=(
            *amap.claims,
            *(Claim(id=f"r{i}", text=f"Reason {i}.", supports=("t",)) for i in range(12)),
        )
    )
    for drawn in (amap, split):
        svg = render_svg(drawn, evaluate_map(drawn), graph_id="am-t")
        texts = [t.text or "" for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]
        assert texts and "supports" in " ".join(texts)
        assert [t for t in texts if t != t.strip(" ")] == []


@pytest.mark.dot
def test_standalone_svg_follows_the_colour_scheme_and_keeps_a_background() -> None:
    amap = small_map()
    svg = render_svg(amap, evaluate_map(amap), graph_id="am-t", standalone=True)
    style = re.search(r"<style>(.*?)</style>", svg, re.DOTALL)
    assert style is not None
    assert "@media (prefers-color-scheme:dark)" in style.group(1)
    assert "filter" not in style.group(1) and "invert" not in style.group(1)
    # A light card of its own, so that a dark page never swallows the title.
    assert re.search(r'<polygon fill="#ffffff" stroke="transparent"', svg)


def test_fence_and_page_stylesheets_carry_the_dark_palette_not_a_filter() -> None:
    for name in ("fence.css", "page.css"):
        css = stylesheet(name)
        assert map_css() in css and dark_variables() in css, name
        assert "invert(" not in css and "hue-rotate" not in css, name
        # The palette is written once, in render/style.py, not copied into the assets.
        assert "#5AAEE8" not in asset_text(name) and "#5AAEE8" in css, name
    fence = stylesheet("fence.css")
    for switch in (
        '[data-md-color-scheme="slate"]',
        '[data-theme="dark"]',
        "prefers-color-scheme: dark",
    ):
        assert switch in fence
    assert light_variables() in fence


def test_build_draws_every_map_with_a_legend_unless_told_not_to() -> None:
    amap = check_paths([str(CASES / "valid_two_theses" / "input")]).amap
    evaluation = evaluate_map(amap)
    maps = [a for a in plan_artifacts(amap, evaluation, dot_only=True) if a.path.endswith(".dot")]
    assert maps and all(b"argmap-legend" in a.make() for a in maps)
    bare = plan_artifacts(amap, evaluation, dot_only=True, legend=False)
    assert not any(b"argmap-legend" in a.make() for a in bare if a.path.endswith(".dot"))


@pytest.mark.dot
def test_the_legend_draws_the_thesis_with_the_double_border_of_its_node() -> None:
    """Two nested rectangles around the thesis sample, as around a thesis; one around the rest."""
    amap = small_map()
    root = ElementTree.fromstring(render_svg(amap, evaluate_map(amap), graph_id="am-t"))
    legend = next(g for g in root.iter(f"{SVG}g") if "legend" in (g.get("id") or ""))

    def frames_around(word: str) -> int:
        """The closed outlines (polygons) whose box holds the word's text anchor."""
        [text] = [t for t in legend.iter(f"{SVG}text") if (t.text or "").strip() == word]
        x, y = float(text.get("x", "0")), float(text.get("y", "0"))
        count = 0
        for shape in legend.iter(f"{SVG}polygon"):
            points = [tuple(map(float, p.split(","))) for p in shape.get("points", "").split()]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if xs and min(xs) < x < max(xs) and min(ys) < y < max(ys) and max(xs) - min(xs) < 200:
                count += 1
        return count

    assert frames_around("thesis") >= 3  # the fill, the inner border and the outer one
    assert frames_around("thesis") > frames_around("evidence")


def test_the_legend_mutes_the_words_of_a_state_as_its_nodes_are() -> None:
    """A fallen claim's words are grey on the map, and so is the legend's sample."""
    amap = ArgumentMap(
        claims=[
            Claim(id="t", kind=ClaimKind.THESIS, text="T."),
            Claim(id="a", text="A.", supports=["t"]),
            Claim(id="b", text="B.", attacks=["a"]),
        ]
    )
    evaluation = evaluate_map(amap)
    assert evaluation.state("a") == "falls"
    root = ElementTree.fromstring(render_svg(amap, evaluation, graph_id="am-t"))
    legend = next(g for g in root.iter(f"{SVG}g") if "legend" in (g.get("id") or ""))
    fills = {(t.text or "").strip(): t.get("fill") for t in legend.iter(f"{SVG}text")}
    assert fills["✘ falls"] == MUTED.lower()
    assert fills["✔ stands"] != MUTED.lower()
    node = next(g for g in root.iter(f"{SVG}g") if "am-state-falls" in (g.get("class") or ""))
    assert {t.get("fill") for t in node.iter(f"{SVG}text")} == {MUTED.lower()}


def test_no_state_changes_the_shape_of_a_kind() -> None:
    """A fallen piece of evidence still has its fold, a fallen claim its rounded corners:
    states colour and weigh borders, and only a forecast is notched."""
    from argmap.render.dot import _style_attrs

    for kind in ClaimKind:
        plain = KIND_STYLE[kind.value]
        for state in STATE_STYLE:
            attrs = _style_attrs(kind, state)
            assert attrs["shape"] == plain["shape"], (kind, state)
            assert attrs["style"] == plain["style"], (kind, state)
