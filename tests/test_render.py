"""DOT and Markdown rendering: deterministic, permutation-invariant, valid and safe whatever the text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap
from argmap.render.dot import Verdicts, render_dot
from argmap.render.markdown import render_index, render_markdown
from argmap.render.text import anchor
from argmap.render.view import sub_map

from .strategies import maps

FORBIDDEN = re.compile(r"<script|javascript:|vbscript:|data:|\son\w+\s*=", re.IGNORECASE)


def shuffled(amap: ArgumentMap, order: list[int]) -> ArgumentMap:
    claims = [amap.claims[i] for i in order]
    return ArgumentMap.model_construct(meta=amap.meta, claims=tuple(claims))


def markdown_ids_and_links(text: str) -> tuple[set[str], list[str]]:
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    ids: set[str] = set()
    links: list[str] = []

    def walk(toks: list) -> None:  # type: ignore[type-arg]
        for tok in toks:
            if tok.type in ("html_inline", "html_block"):
                ids.update(re.findall(r'id="([^"]+)"', tok.content))
            if tok.type == "link_open":
                links.append(str(tok.attrGet("href")))
            if tok.children:
                walk(tok.children)

    walk(tokens)
    return ids, links


@given(maps(hostile=True, undercuts=True), st.randoms())
def test_dot_and_markdown_are_identical_for_shuffled_claims(amap: ArgumentMap, rnd) -> None:  # type: ignore[no-untyped-def]
    order = list(range(len(amap.claims)))
    rnd.shuffle(order)
    other = ArgumentMap(meta=amap.meta, claims=tuple(amap.claims[i] for i in order))
    evaluation = evaluate_map(amap)
    assert render_dot(amap, evaluation) == render_dot(other, evaluate_map(other))
    thesis = amap.theses[0].id
    assert render_markdown(amap, thesis, evaluation) == render_markdown(
        other, thesis, evaluate_map(other)
    )


@given(maps(hostile=True, undercuts=True))
def test_every_claim_is_rendered_exactly_once_in_dot(amap: ArgumentMap) -> None:
    dot = render_dot(amap, evaluate_map(amap))
    for claim in amap.claims:
        assert dot.count(f'id="argmap-{anchor(claim.id)}"') == 1
    edges = [line for line in dot.splitlines() if " -> " in line and "style=invis" not in line]
    assert len(edges) == len(amap.relations)
    assert not FORBIDDEN.search(dot)
    assert "<script" not in dot.lower()


@given(maps(hostile=True, undercuts=True), st.randoms())
def test_sub_maps_sharing_their_verdicts_draw_as_each_alone(amap: ArgumentMap, rnd) -> None:  # type: ignore[no-untyped-def]
    # A build shares one Verdicts among all the maps it draws of a map: each sub-map
    # must come out as it does drawn on its own, its tooltips naming the whole map's titles.
    evaluation = evaluate_map(amap)
    shared = Verdicts(amap, evaluation)
    ids = [c.id for c in amap.claims]
    for _ in range(3):
        part = sub_map(amap, rnd.sample(ids, rnd.randint(1, len(ids))))
        alone = render_dot(part, evaluation, whole=amap)
        assert render_dot(part, evaluation, whole=amap, verdicts=shared) == alone
    with pytest.raises(ValueError, match="another evaluation"):
        render_dot(amap, evaluate_map(amap), verdicts=shared)


@given(maps(hostile=True, undercuts=True))
def test_markdown_is_valid_safe_and_every_internal_link_resolves(amap: ArgumentMap) -> None:
    evaluation = evaluate_map(amap)
    for thesis in amap.theses:
        text = render_markdown(
            amap, thesis.id, evaluation, map_image="map.svg", index_link="index.md"
        )
        assert not FORBIDDEN.search(text)
        assert text.endswith("\n") and not text.endswith("\n\n")
        assert all(line == line.rstrip() for line in text.splitlines())
        ids, links = markdown_ids_and_links(text)
        for link in links:
            if link.startswith("#"):
                assert link[1:] in ids, link
            else:
                assert link in ("map.svg", "index.md"), link
        html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
        assert "<script" not in html and "<img src=x" not in html
        # Each claim of the thesis's sub-map has exactly one anchor.
        assert len(ids) == len(set(ids))


@given(maps(hostile=True, undercuts=True))
def test_index_lists_every_thesis(amap: ArgumentMap) -> None:
    text = render_index(amap, evaluate_map(amap), overview="overview.svg")
    _, links = markdown_ids_and_links(text)
    for thesis in amap.theses:
        assert f"{thesis.id}.md" in links


def test_the_outline_lists_an_arguments_supports_as_its_premises() -> None:
    from argmap.model import Claim, ClaimKind

    amap = ArgumentMap(
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text="T."),
            Claim(id="a", kind=ClaimKind.ARGUMENT, text="A.", supports=("t",)),
            Claim(id="p", text="P.", supports=("a",)),
            Claim(id="q", text="Q.", supports=("a",)),
            Claim(id="o", text="O.", attacks=("q",)),
            Claim(id="r", text="R.", supports=("t",)),
        )
    )
    page = render_markdown(amap, "t", evaluate_map(amap))
    assert "  - **Premise:** [P.](#claim-p) *(stands)*" in page
    assert "  - **Premise:** [Q.](#claim-q) *(falls)*" in page
    assert "    - **Against:** [O.](#claim-o) *(stands)*" in page
    assert "- **For:** [R.](#claim-r) *(stands)*" in page
    assert "an argument holds only with all its premises" in page
