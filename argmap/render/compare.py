"""A thesis comparison as DOT: the two sub-maps side by side, the shared claims between them, cruxes marked."""

from __future__ import annotations

import math
from collections import defaultdict

import graphviz

from argmap.compare import Comparison
from argmap.evaluate import Evaluation
from argmap.model import ArgumentMap, Claim
from argmap.render.dot import (
    FONT,
    PALETTE,
    RELATION_STYLE,
    Linker,
    new_digraph,
    node_attrs,
    node_label,
    stack_wide_fans,
)
from argmap.render.text import clean, escape_dot, escape_dot_html
from argmap.validate import reaching


def _plain(claim: Claim) -> str:
    # A title of control characters alone cleans to nothing; the id still names the claim.
    return clean(claim.title) or claim.id


def comparison_title(amap: ArgumentMap, thesis_a: str, thesis_b: str) -> str:
    """A comparison's plain-text title: the two theses' short titles."""
    return f"{_plain(amap.claim(thesis_a))} vs {_plain(amap.claim(thesis_b))}"


def _crux_marks(comparison: Comparison) -> dict[str, int]:
    marks: dict[str, int] = {}
    for i, crux in enumerate(comparison.cruxes, 1):
        marks.setdefault(crux.claim_id, i)
    return marks


def _node(
    graph: graphviz.Digraph,
    amap: ArgumentMap,
    claim: Claim,
    evaluation: Evaluation | None,
    graph_id: str,
    link: Linker | None,
    crux: int | None,
) -> None:
    attrs = node_attrs(amap, claim, evaluation, graph_id, link)
    label = node_label(claim, evaluation)
    if crux is not None:
        # The label is an HTML-like label, <...>: the mark goes inside its closing bracket.
        label = (
            label[:-1]
            + f'<BR/><FONT POINT-SIZE="9"><B>{escape_dot_html(f"crux {crux}")}</B></FONT>>'
        )
    graph.node(claim.id, label=label, **attrs)


def _cluster(graph: graphviz.Digraph, name: str, caption: str, style: str) -> graphviz.Digraph:
    sub = graphviz.Digraph(name=name)
    sub.attr(
        label=graphviz.nohtml(escape_dot(caption)),
        style=style,
        color=PALETTE["grey"],
        fontname=FONT,
        fontsize="11",
        labeljust="c",
        labelloc="b",
    )
    return sub


def render_compare_dot(
    amap: ArgumentMap,
    comparison: Comparison,
    evaluation: Evaluation | None = None,
    *,
    graph_id: str = "argmap-compare",
    link: Linker | None = None,
    title: str | None = None,
) -> str:
    """The DOT text of a comparison: each thesis's sub-map in a cluster, side by side, and
    the claims bearing on both in a cluster between them. Cruxes are marked with their rank.

    Args:
        amap: The whole map the comparison was made on.
        comparison: What :func:`argmap.compare.compare_theses` found; its cruxes are marked.
        evaluation: Statuses and strengths to show on the nodes, if any.
        graph_id: Prefix of every id in the SVG.
        link: Maps a claim id to the URL its node links to.
        title: The drawing's title; defaults to the two theses' titles.

    Returns:
        DOT text, deterministic for the same input.
    """
    a_id, b_id = (s.thesis_id for s in comparison.sides)
    reach_a, reach_b = reaching(amap, [a_id]), reaching(amap, [b_id])
    # Cruxes bear on a thesis (a path to it), so every one is in a cluster of the two.
    shown = reach_a | reach_b
    caption = clean(title) if title is not None else comparison_title(amap, a_id, b_id)
    graph = new_digraph(graph_id, caption, newrank="true")
    marks = _crux_marks(comparison)
    # A thesis that bears on the other stays in its own cluster, never among the shared claims.
    both = (reach_a & reach_b) - {a_id, b_id}
    groups = [
        (
            f"cluster_{graph_id}_a",
            f"Bearing only on: {_plain(amap.claim(a_id))}",
            "rounded",
            (reach_a - reach_b) | {a_id},
        ),
        (f"cluster_{graph_id}_shared", "Bearing on both", "rounded,dashed", both),
        (
            f"cluster_{graph_id}_b",
            f"Bearing only on: {_plain(amap.claim(b_id))}",
            "rounded",
            (reach_b - reach_a) | {b_id},
        ),
    ]
    for name, label, style, members in groups:
        if not members:
            continue
        sub = _cluster(graph, name, label, style)
        for cid in sorted(members):
            _node(sub, amap, amap.claim(cid), evaluation, graph_id, link, marks.get(cid))
        graph.subgraph(sub)
    with graph.subgraph(name=f"{graph_id}_theses") as rank:
        rank.attr(rank="max")
        rank.node(a_id)
        rank.node(b_id)
    incoming: dict[str, list[str]] = defaultdict(list)
    for i, rel in enumerate(amap.relations):
        if rel.source not in shown or rel.target not in shown:
            continue
        attrs = dict(RELATION_STYLE[rel.kind])
        attrs["id"] = f"{graph_id}-e{i}"
        attrs["tooltip"] = graphviz.nohtml(
            escape_dot(f"{rel.source} {rel.kind.value} {rel.target}")
        )
        graph.edge(rel.source, rel.target, **attrs)
        incoming[rel.target].append(rel.source)
    stack_wide_fans(graph, incoming, max(3, math.ceil(math.sqrt(len(shown)) / 2)))
    return str(graph.source)
