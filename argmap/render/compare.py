"""A thesis comparison as DOT: the two sub-maps side by side, the shared claims between them, cruxes marked."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.compare import Comparison
from argmap.evaluate import Evaluation
from argmap.explain import plural
from argmap.model import ArgumentMap, Claim
from argmap.render.dot import (
    FONT,
    SMALL_FONT,
    Linker,
    draw_more,
    draw_relations,
    new_digraph,
    node_attrs,
    node_label,
    plain_node_defaults,
)
from argmap.render.dotwriter import Digraph, nohtml
from argmap.render.legend import draw_legend, lowest_node
from argmap.render.style import PALETTE
from argmap.render.text import clean, escape_dot, escape_dot_html
from argmap.render.view import More, node_state, sub_map
from argmap.render.wrap import wrap
from argmap.structure import reaching


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
    graph: Digraph,
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
            + f'<BR/><FONT POINT-SIZE="{SMALL_FONT}"><B>{escape_dot_html(f"crux {crux}")}</B></FONT>>'
        )
    graph.node(claim.id, label=label, **attrs)


def _cluster(graph: Digraph, name: str, caption: str, style: str) -> Digraph:
    sub = Digraph(name=name)
    sub.attr(
        # A cluster is as wide as its caption: long titles wrap.
        label=nohtml("\\n".join(escape_dot(line) for line in wrap(caption, 32, 3))),
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
    shown: frozenset[str] | None = None,
    more: Sequence[More] = (),
    legend: bool = True,
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
        shown: The claims to draw (see :func:`argmap.render.view.top_view`); all that
            bear on either thesis by default.
        more: "n more →" nodes under claims drawn, linking to the maps of the rest.
        legend: Draw a legend of the lines, kinds and states the drawing uses.

    Returns:
        DOT text, deterministic for the same input.
    """
    a_id, b_id = (s.thesis_id for s in comparison.sides)
    reach_a, reach_b = reaching(amap, [a_id]), reaching(amap, [b_id])
    # Under a deductive reading a claim can bear on a thesis without a path to it (by
    # attacking what the thesis supports); such cruxes get a cluster of their own.
    elsewhere = {c.claim_id for c in comparison.cruxes} - reach_a - reach_b
    if shown is None:
        shown = frozenset(reach_a | reach_b | elsewhere)
    reach_a, reach_b, elsewhere = reach_a & shown, reach_b & shown, elsewhere & shown
    caption = clean(title) if title is not None else comparison_title(amap, a_id, b_id)
    description = (
        f"Comparison of “{_plain(amap.claim(a_id))}” and “{_plain(amap.claim(b_id))}”: "
        f"{plural(len(shown), 'claim')} drawn, {plural(len(comparison.cruxes), 'crux', 'cruxes')}."
    )
    graph = new_digraph(graph_id, caption, description, newrank="true")
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
        (
            f"cluster_{graph_id}_elsewhere",
            "Cruxes elsewhere in the map",
            "rounded,dotted",
            elsewhere,
        ),
    ]
    for name, label, style, members in groups:
        if not members:
            continue
        sub = _cluster(graph, name, label, style)
        for cid in sorted(members):
            _node(sub, amap, amap.claim(cid), evaluation, graph_id, link, marks.get(cid))
        if any(m.parent in members for m in more):
            # A "more" node sits in its claim's cluster, not beside the clusters.
            sub.body.append(plain_node_defaults())
            draw_more(sub, amap, more, graph_id, only=members)
        graph.add_subgraph(sub)
    with graph.subgraph(name=f"{graph_id}_theses") as rank:
        rank.attr(rank="max")
        rank.node(a_id)
        rank.node(b_id)
    used = draw_relations(graph, amap, graph_id, shown)
    if legend:
        graph.body.append(plain_node_defaults())
        drawn = [amap.claim(cid) for cid in sorted(shown)]
        states = {s for c in drawn if (s := node_state(evaluation, c.id)) is not None}
        kinds = {c.kind for c in drawn}
        low = lowest_node(sub_map(amap, shown), more, graph_id)
        draw_legend(graph, graph_id, used, kinds, states, more, low)
    return str(graph.source)
