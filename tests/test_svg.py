"""SVG output, checked by structure (never by bytes): titles, ids, edges, no active content."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings

from argmap.errors import RenderError
from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap
from argmap.render.svg import check_svg, render_svg
from argmap.render.text import anchor

from .strategies import maps

SVG = "{http://www.w3.org/2000/svg}"
pytestmark = pytest.mark.dot


def structure(svg: str) -> tuple[list[str], int, list[str]]:
    root = ElementTree.fromstring(svg)
    nodes = [g.find(f"{SVG}title") for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    ids = [el.get("id", "") for el in root.iter() if el.get("id")]
    return [n.text or "" for n in nodes if n is not None], len(edges), ids


@settings(max_examples=25)
@given(maps(hostile=True, max_claims=8))
def test_svg_has_a_node_per_claim_an_edge_per_relation_and_no_active_content(
    amap: ArgumentMap,
) -> None:
    svg = render_svg(amap, evaluate_map(amap), link=lambda c: f"#{anchor(c)}", graph_id="am-test")
    titles, n_edges, ids = structure(svg)
    assert sorted(titles) == sorted(c.id for c in amap.claims)
    assert n_edges == len(amap.relations)
    assert all(i.startswith("am-test") for i in ids)
    assert len(ids) == len(set(ids))
    assert not svg.startswith("<?xml") and "<!DOCTYPE" not in svg and "<!--" not in svg
    assert re.match(r"<svg [^>]*>\n<title>", svg)
    lowered = svg.lower()
    for bad in ("<script", "javascript:", "data:", "onerror=", "onload=", "<foreignobject"):
        assert bad not in lowered


def test_check_svg_refuses_active_content() -> None:
    ok = '<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><text>onload=1 javascript:</text></a></svg>'
    check_svg(ok)
    for bad in (
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:alert(1)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,xx"/></svg>',
    ):
        with pytest.raises(RenderError):
            check_svg(bad)


def test_two_maps_on_one_page_share_no_id(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from argmap.model import Claim, ClaimKind

    amap = ArgumentMap(
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text="T"),
            Claim(id="a", text="A", supports=("t",)),
        )
    )
    _, _, first = structure(render_svg(amap, graph_id="am-one"))
    _, _, second = structure(render_svg(amap, graph_id="am-two"))
    assert not set(first) & set(second)
