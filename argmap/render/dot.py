"""DOT text for a map, built with the graphviz package. Runs no subprocess."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable

import graphviz

from argmap.errors import RenderError
from argmap.evaluate import Evaluation
from argmap.explain import claim_why, score_phrase
from argmap.model import MODEL_ID_RE, ArgumentMap, Claim, ClaimKind, RelationKind
from argmap.render.text import (
    THESIS_WRAP_WIDTH,
    WRAP_WIDTH,
    anchor,
    clean,
    escape_dot,
    map_title,
    title_namer,
    wrap_html,
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
    ClaimKind.FORECAST: {"shape": "cds", "style": "filled", "fillcolor": "#F4EAF1"},
    ClaimKind.QUESTION: {"shape": "hexagon", "style": "filled", "fillcolor": "#EAF4EF"},
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

#: Node borders by state (a verdict, or a formal status). No state shares a relation's line:
#: relations are green solid, vermillion dashed and purple dotted lines; states differ in
#: colour (blue, orange, dark grey, grey), width and, for what falls, notched corners.
_STANDS = {"color": PALETTE["blue"], "penwidth": "2.6", "border": "solid"}
_FALLS = {"color": "#333333", "penwidth": "1.4", "border": "diagonals"}
_UNSETTLED = {"color": PALETTE["grey"], "penwidth": "1.2", "border": "solid"}
STATE_STYLE: dict[str, dict[str, str]] = {
    "stands": _STANDS,
    "falls": _FALLS,
    "contested": {"color": "#E69F00", "penwidth": "2.6", "border": "solid"},
    "open": _UNSETTLED,
    "not-assessed": {"color": "#9A9A9A", "penwidth": "1.0", "border": "solid"},
    "accepted": _STANDS,
    "rejected": _FALLS,
    "undecided": _UNSETTLED,
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
STATE_MARK = {
    "stands": "✔ stands",
    "falls": "✘ falls",
    "contested": "⇄ contested",
    "open": "? open",
    "not-assessed": "○ not assessed",
    "accepted": "✔ accepted",
    "rejected": "✘ rejected",
    "undecided": "? undecided",
}

FONT = "Helvetica"
#: Largest map whose levels are stacked into rows: beyond it the invisible edges make
#: Graphviz's crossing minimisation slow (minutes at 1,000 claims) for little gain.
STACK_LIMIT = 200


def node_state(evaluation: Evaluation | None, claim_id: str) -> str | None:
    """The state a node is styled by: its verdict, or its formal status."""
    return evaluation.state(claim_id) if evaluation is not None else None


def node_label(claim: Claim, evaluation: Evaluation | None) -> str:
    """A claim's HTML-like label: wrapped title, kind tag and state word."""
    return _label(claim.kind, claim.label or claim.text, node_state(evaluation, claim.id))


# A claim is drawn on the overview and on each thesis map it belongs to: its label and
# tooltip are built once per build.
@functools.lru_cache(maxsize=1 << 16)
def _label(kind: ClaimKind, title: str, state: str | None) -> str:
    width = THESIS_WRAP_WIDTH if kind is ClaimKind.THESIS else WRAP_WIDTH
    body = wrap_html(title, width)
    if kind is ClaimKind.THESIS:
        body = f'<FONT POINT-SIZE="9">THESIS</FONT><BR/><B>{body}</B>'
    elif kind in _TAGGED:
        body = f'<FONT POINT-SIZE="9">{_TAGGED[kind]}</FONT><BR/>{body}'
    if state is not None:
        # Fixed words: nothing to escape.
        body += f'<BR/><FONT POINT-SIZE="9">{STATE_MARK[state]}</FONT>'
    return f"<{body}>"


_TAGGED = {ClaimKind.FORECAST: "FORECAST", ClaimKind.QUESTION: "QUESTION"}


def node_tooltip(amap: ArgumentMap, claim: Claim, evaluation: Evaluation | None) -> str:
    """A claim's tooltip: its full text, its sources and its evaluation, one per line."""
    return _look(amap, claim, evaluation)[2]


def _look(
    amap: ArgumentMap, claim: Claim, evaluation: Evaluation | None
) -> tuple[str | None, str, str]:
    """A claim's state, label and tooltip, its evaluation looked up once."""
    state = verdict = None
    if evaluation is not None:
        state = evaluation.state(claim.id)
        verdict = claim_why(amap, evaluation, claim.id, title_namer(amap))
        score = score_phrase(evaluation, claim.id)
        if score:
            verdict += f" ({score}; not a probability)"
    label = _label(claim.kind, claim.label or claim.text, state)
    return state, label, _tooltip(claim.text, _refs(amap, claim), verdict)


def _refs(amap: ArgumentMap, claim: Claim) -> tuple[tuple[str, str | None, str | None], ...]:
    """What a tooltip shows of each citation: the work's title (or URL), locator, quote."""
    if not claim.sources:
        return ()
    refs = []
    for ref in claim.sources:
        source = amap.source(ref.source) if ref.source else None
        refs.append(
            (source.title if source else (ref.url or ref.source or ""), ref.locator, ref.quote)
        )
    return tuple(refs)


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
    attrs = _style_attrs(claim.kind, node_state(evaluation, claim.id))
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
    body = graph.body
    # Style attributes go into a `node [...]` default whenever they change from one node to
    # the next: far less DOT text to quote and parse than repeating them on every node.
    # Node and edge statements are written here rather than through the graphviz package's
    # quoting, which would cost more than everything else in a render: every value is
    # escaped already (escape_dot), a label is HTML-like (``<...>``), and ids cannot hold a
    # quote, a backslash, markup or a space (model.MODEL_ID_PATTERN).
    current: tuple[tuple[str, str], ...] = ()
    for claim in amap.claims:
        cid = claim.id
        if not MODEL_ID_RE.match(cid):  # only a map built without validation gets here
            raise RenderError(f"claim id {cid[:40]!r} cannot be drawn: it is not a valid id")
        state, label, tooltip = _look(amap, claim, evaluation)
        style = _node_style(claim.kind, state)
        if style is not current:
            body.append(_defaults("node", style))
            current = style
        url = link(cid) if link is not None else None
        tail = f' URL="{escape_dot(url)}" target="_top"' if url is not None else ""
        body.append(
            f'\t"{cid}" [label={label} id="{graph_id}-{anchor(cid)}" tooltip="{tooltip}"{tail}]\n'
        )
    sources_of = {rel.source for rel in amap.relations}
    top = [c.id for c in amap.theses if c.id not in sources_of]
    if top:
        with graph.subgraph(name=f"{graph_id}_theses") as rank:
            rank.attr(rank="sink")
            for tid in top:
                rank.node(tid)
    by_kind: dict[RelationKind, list[str]] = {kind: [] for kind in RelationKind}
    known = amap.by_id
    for i, (source, kind, target) in enumerate(amap.relations):
        if target in known:
            by_kind[kind].append(
                f'\t"{source}" -> "{target}" [id="{graph_id}-e{i}" '
                f'tooltip="{source} {kind} {target}"]\n'
            )
    for kind, edges in by_kind.items():
        # One `edge [...]` default per relation kind, then the edges of that kind.
        if edges:
            body.append(_defaults("edge", tuple(RELATION_STYLE[kind].items())))
            body.extend(edges)
    if len(amap.claims) <= STACK_LIMIT:
        incoming: dict[str, list[str]] = defaultdict(list)
        for rel in amap.relations:
            if rel.target in known:
                incoming[rel.target].append(rel.source)
        stack_wide_fans(graph, incoming, fan or max(3, math.ceil(math.sqrt(len(amap.claims)) / 2)))
    text: str = graph.source
    return text


def _style_attrs(kind: ClaimKind, state: str | None) -> dict[str, str]:
    """The style attributes a node's kind and state set: shape and fill by kind, border
    colour, width and corners by state."""
    attrs = dict(KIND_STYLE[kind])
    if state is not None:
        look = STATE_STYLE[state]
        attrs["color"] = look["color"]
        attrs["penwidth"] = look["penwidth"]
        if look["border"] != "solid":
            attrs["style"] += "," + look["border"]
        if look is _FALLS:
            attrs["fontcolor"] = "#555555"
    return attrs


@functools.lru_cache(maxsize=64)
def _node_style(kind: ClaimKind, state: str | None) -> tuple[tuple[str, str], ...]:
    """Every style attribute of a node of this kind and state, in NODE_STYLE_DEFAULTS
    order, Graphviz's defaults for the unset: one shared tuple per style."""
    attrs = _style_attrs(kind, state)
    return tuple((key, attrs.get(key, default)) for key, default in NODE_STYLE_DEFAULTS.items())


@functools.lru_cache(maxsize=256)
def _defaults(keyword: str, attrs: tuple[tuple[str, str], ...]) -> str:
    """A ``node [...]`` or ``edge [...]`` defaults statement, quoted by the graphviz package
    once per distinct style (a map has a handful) instead of once per claim."""
    scratch = graphviz.Digraph()
    scratch.attr(keyword, **dict(attrs))
    line: str = scratch.body[0]
    return line


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
            graph.body.append(f'\t"{below[j]}" -> "{below[j - fan]}" [style=invis]\n')
        level = below
