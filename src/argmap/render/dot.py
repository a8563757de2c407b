"""DOT text for a map, built with the graphviz package. Runs no subprocess."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable

import graphviz

from argmap.evaluate import Evaluation, Status
from argmap.model import ArgumentMap, Claim, ClaimKind, RelationKind
from argmap.render.text import (
    THESIS_WRAP_WIDTH,
    WRAP_WIDTH,
    anchor,
    clean,
    escape_dot,
    escape_dot_html,
    map_title,
    wrap,
)

Linker = Callable[[str], str | None]

# Okabe & Ito (2008) colour-blind-safe palette; every colour is paired with a second cue
# (line style, arrowhead, border style or a word) so nothing is told by colour alone.
PALETTE = {
    "blue": "#0072B2",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "sky": "#56B4E9",
    "grey": "#6E6E6E",
}

KIND_STYLE: dict[ClaimKind, dict[str, str]] = {
    ClaimKind.THESIS: {
        "shape": "box",
        "style": "filled",
        "peripheries": "2",
        "fillcolor": "#FBF5C4",
    },
    ClaimKind.CLAIM: {"shape": "box", "style": "rounded,filled", "fillcolor": "#FFFFFF"},
    ClaimKind.EVIDENCE: {"shape": "note", "style": "filled", "fillcolor": "#E6F1FA"},
    ClaimKind.ARGUMENT: {"shape": "component", "style": "filled", "fillcolor": "#F1F1F1"},
}

RELATION_STYLE: dict[RelationKind, dict[str, str]] = {
    RelationKind.SUPPORTS: {
        "color": PALETTE["green"],
        "style": "solid",
        "arrowhead": "normal",
        "penwidth": "1.6",
    },
    RelationKind.ATTACKS: {
        "color": PALETTE["vermillion"],
        "style": "dashed",
        "arrowhead": "tee",
        "penwidth": "1.6",
    },
    RelationKind.UNDERCUTS: {
        "color": PALETTE["purple"],
        "style": "dotted",
        "arrowhead": "teeodot",
        "penwidth": "1.8",
    },
}

STATUS_STYLE: dict[Status, dict[str, str]] = {
    Status.ACCEPTED: {"color": PALETTE["blue"], "penwidth": "2.4", "border": "solid"},
    Status.REJECTED: {"color": PALETTE["vermillion"], "penwidth": "1.6", "border": "dashed"},
    Status.UNDECIDED: {"color": PALETTE["grey"], "penwidth": "1.6", "border": "dotted"},
}
#: Node attributes that come from kind and status, with Graphviz's defaults for the unset.
NODE_STYLE_DEFAULTS = {
    "shape": "box",
    "style": "filled",
    "fillcolor": "#FFFFFF",
    "peripheries": "1",
    "color": "#333333",
    "penwidth": "1",
    "fontcolor": "#000000",
}
STATUS_MARK = {
    Status.ACCEPTED: "✔ accepted",
    Status.REJECTED: "✘ rejected",
    Status.UNDECIDED: "? undecided",
}

FONT = "Helvetica"
#: Largest map whose levels are stacked into rows: beyond it the invisible edges make
#: Graphviz's crossing minimisation slow (minutes at 1,000 claims) for little gain.
STACK_LIMIT = 200


def node_label(claim: Claim, evaluation: Evaluation | None) -> str:
    """A claim's HTML-like label: wrapped title, THESIS tag, status word and strength."""
    status = evaluation.status(claim.id) if evaluation is not None else None
    strength = evaluation.strength(claim.id) if evaluation is not None else None
    return _label(claim.kind, claim.label or claim.text, status, strength)


# A claim is drawn on the overview and on each thesis map it belongs to: its label and
# tooltip are built once per build.
@functools.lru_cache(maxsize=1 << 16)
def _label(kind: ClaimKind, title: str, status: Status | None, strength: float | None) -> str:
    width = THESIS_WRAP_WIDTH if kind is ClaimKind.THESIS else WRAP_WIDTH
    body = "<BR/>".join(escape_dot_html(line) for line in wrap(title, width))
    if kind is ClaimKind.THESIS:
        body = f'<FONT POINT-SIZE="9">THESIS</FONT><BR/><B>{body}</B>'
    if status is not None:
        parts = [STATUS_MARK[status]]
        if strength is not None:
            parts.append(f"{strength:.2f}")
        body += f'<BR/><FONT POINT-SIZE="9">{escape_dot_html(" · ".join(parts))}</FONT>'
    return f"<{body}>"


def node_tooltip(amap: ArgumentMap, claim: Claim, evaluation: Evaluation | None) -> str:
    """A claim's tooltip: its full text, its sources and its evaluation, one per line."""
    refs = []
    for ref in claim.sources:
        source = amap.source(ref.source) if ref.source else None
        refs.append(
            (source.title if source else (ref.url or ref.source or ""), ref.locator, ref.quote)
        )
    verdict = None
    if evaluation is not None:
        strength = evaluation.strength(claim.id)
        extra = f", strength {strength:.2f} ({evaluation.gradual})" if strength is not None else ""
        verdict = (
            f"{evaluation.status(claim.id).value} under {evaluation.semantics} semantics{extra}"
        )
    return _tooltip(claim.text, tuple(refs), verdict)


@functools.lru_cache(maxsize=1 << 16)
def _tooltip(
    text: str, refs: tuple[tuple[str, str | None, str | None], ...], verdict: str | None
) -> str:
    lines = [clean(text)]
    for where, locator, quote in refs:
        place = clean(where) + (f", {clean(locator)}" if locator else "")
        lines.append(f"— {place}" + (f': "{clean(quote)}"' if quote else ""))
    if verdict is not None:
        lines.append(verdict)
    # "\n" is DOT's escString line break; each line is escaped on its own.
    return "\\n".join(escape_dot(line) for line in lines)


def node_attrs(
    amap: ArgumentMap,
    claim: Claim,
    evaluation: Evaluation | None,
    graph_id: str,
    link: Linker | None,
) -> dict[str, str]:
    """The DOT attributes of a claim's node, label excepted: shape and fill by kind, border by
    status, id, tooltip and link."""
    attrs = dict(KIND_STYLE[claim.kind])
    if evaluation is not None:
        status = evaluation.status(claim.id)
        look = STATUS_STYLE[status]
        attrs["color"] = look["color"]
        attrs["penwidth"] = look["penwidth"]
        if look["border"] != "solid":
            attrs["style"] += "," + look["border"]
        if status is Status.REJECTED:
            attrs["fontcolor"] = "#555555"
    attrs["id"] = f"{graph_id}-{anchor(claim.id)}"
    attrs["tooltip"] = graphviz.nohtml(node_tooltip(amap, claim, evaluation))
    url = link(claim.id) if link is not None else None
    if url is not None:
        attrs["URL"] = graphviz.nohtml(escape_dot(url))
        attrs["target"] = "_top"
    return attrs


def new_digraph(graph_id: str, caption: str, **graph_attr: str) -> graphviz.Digraph:
    """An empty map: bottom-to-top ranks (theses on top), fonts, a caption, no background."""
    return graphviz.Digraph(
        name=graph_id,
        graph_attr={
            "id": graph_id,
            "rankdir": "BT",
            "nodesep": "0.3",
            "ranksep": "0.5",
            "fontname": FONT,
            "fontsize": "12",
            "label": graphviz.nohtml(escape_dot(caption)),
            "labelloc": "t",
            "tooltip": graphviz.nohtml(escape_dot(caption)),
            "bgcolor": "transparent",
            **graph_attr,
        },
        node_attr={"fontname": FONT, "fontsize": "11", "margin": "0.12,0.06", "color": "#333333"},
        edge_attr={"fontname": FONT, "fontsize": "9", "arrowsize": "0.8"},
    )


def render_dot(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    *,
    link: Linker | None = None,
    graph_id: str = "argmap",
    title: str | None = None,
    fan: int = 0,
) -> str:
    """Build the DOT text of a map.

    Args:
        amap: The map (or a thesis's sub-map) to draw.
        evaluation: Statuses and strengths to show on the nodes, if any.
        link: Maps a claim id to the URL its node links to (``None`` for no link).
        graph_id: Prefix of every id in the SVG, so maps on one page never collide.
        title: The map's title; defaults to the map metadata's.
        fan: Most claims placed side by side on one level; more are stacked in rows
            (0: the square root of the number of claims, at least 3).

    Returns:
        DOT text, deterministic for the same input.
    """
    caption = clean(title) if title is not None else map_title(amap)
    graph = new_digraph(graph_id, caption)
    sources_of = {rel.source for rel in amap.relations}
    # Style attributes go into a `node [...]` default whenever they change from one node to
    # the next: far less DOT text to quote and parse than repeating them on every node.
    current: dict[str, str] = {}
    for claim in amap.claims:
        attrs = node_attrs(amap, claim, evaluation, graph_id, link)
        style = {key: attrs.pop(key, NODE_STYLE_DEFAULTS[key]) for key in NODE_STYLE_DEFAULTS}
        if style != current:
            graph.attr("node", **style)
            current = style
        graph.body.append(
            _statement(f'"{claim.id}"', {"label": node_label(claim, evaluation), **attrs})
        )
    top = [c.id for c in amap.theses if c.id not in sources_of]
    if top:
        with graph.subgraph(name=f"{graph_id}_theses") as rank:
            rank.attr(rank="sink")
            for tid in top:
                rank.node(tid)
    incoming: dict[str, list[str]] = defaultdict(list)
    numbered = [(i, rel) for i, rel in enumerate(amap.relations) if rel.target in amap.by_id]
    for kind in RelationKind:
        # One `edge [...]` default per relation kind, then the edges of that kind.
        of_kind = [(i, rel) for i, rel in numbered if rel.kind is kind]
        if of_kind:
            graph.attr("edge", **RELATION_STYLE[kind])
        for i, rel in of_kind:
            tip = escape_dot(f"{rel.source} {rel.kind.value} {rel.target}")
            edge = f'"{rel.source}" -> "{rel.target}"'
            graph.body.append(_statement(edge, {"id": f"{graph_id}-e{i}", "tooltip": tip}))
    for rel in amap.relations:
        if rel.target in amap.by_id:
            incoming[rel.target].append(rel.source)
    if len(amap.claims) <= STACK_LIMIT:
        stack_wide_fans(graph, incoming, fan or max(3, math.ceil(math.sqrt(len(amap.claims)) / 2)))
    source: str = graph.source
    return source


def _statement(subject: str, attrs: dict[str, str]) -> str:
    """One node or edge statement. Node and edge statements are written here rather than
    through the graphviz package's quoting, which costs more than everything else in a
    render; every value is already escaped (escape_dot), an HTML-like label is ``<...>``,
    and claim ids cannot hold a quote or a backslash (model.MODEL_ID_PATTERN)."""
    parts = [
        f"{key}={value}" if value.startswith("<") and value.endswith(">") else f'{key}="{value}"'
        for key, value in attrs.items()
    ]
    return f"\t{subject} [{' '.join(parts)}]\n"


def stack_wide_fans(graph: graphviz.Digraph, incoming: dict[str, list[str]], fan: int) -> None:
    """Keep the map compact: at most ``fan`` claims side by side per level below the theses.

    Claims are taken level by level from the top (each claim at the level where it is first
    reached, siblings together); a level wider than ``fan`` is split into rows, and an
    invisible edge puts each claim one rank below the claim ``fan`` places before it, so a
    claim with many reasons gives a block, not one long strip (like Graphviz's
    ``unflatten``, but for every claim, not only leaves).
    """
    has_parent = {s for sources in incoming.values() for s in sources}
    level = sorted(t for t in incoming if t not in has_parent)
    seen = set(level)
    while level:
        below: list[str] = []
        for target in level:
            for source in dict.fromkeys(incoming.get(target, ())):
                if source not in seen:
                    seen.add(source)
                    below.append(source)
        for j in range(fan, len(below)):
            graph.edge(below[j], below[j - fan], style="invis")
        level = below
