"""A map's legend: one HTML-like table node, below the drawing, with the relation lines, kinds and node states the map uses."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from argmap.model import ArgumentMap, ClaimKind, RelationKind
from argmap.render.dotwriter import Digraph
from argmap.render.style import (
    KIND_STYLE,
    MORE_EDGE,
    MUTED,
    RELATION_GLYPH,
    RELATION_STYLE,
    STATE_STYLE,
)
from argmap.render.view import More

#: Items per row of the legend: it stays narrower than the narrowest map worth a legend.
PER_ROW = 3
LEGEND_FONT = "10"
#: What each kind of "n more →" node opens.
_MORE_MEANINGS = {"more": "opens the map of the rest", "claims": "opens the map of all of them"}
#: Graphviz's HTML-like table cells know these border styles (a cell has no "dashed,rounded").
_CELL_STYLE = {"solid": "solid", "dashed": "dashed", "dotted": "dotted"}


def _rows(name: str, cells: list[str]) -> list[str]:
    rows = []
    for start in range(0, len(cells), PER_ROW):
        head = f'<FONT COLOR="{MUTED}">{name}</FONT>' if start == 0 else ""
        line = "".join(cells[start : start + PER_ROW])
        rows.append(f'<TR><TD ALIGN="RIGHT">{head}</TD>{line}</TR>')
    return rows


def _relation(kind: RelationKind) -> str:
    look = RELATION_STYLE[kind]
    line = (
        f'<TD WIDTH="26" HEIGHT="8" FIXEDSIZE="TRUE" SIDES="B" BORDER="2" '
        f'COLOR="{look["color"]}" STYLE="{_CELL_STYLE[look["style"]]}"></TD>'
    )
    glyph = f'<FONT COLOR="{look["color"]}">{RELATION_GLYPH[kind]}</FONT>'
    glyph_width = 12 * len(RELATION_GLYPH[kind])  # "┤○" is two glyphs wide
    # The word in a cell of its own, after a glyph cell wider than Graphviz measures the
    # glyph: where a reader's font draws it wider, it cannot run into the word.
    return (
        f'<TD><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{line}'
        f'<TD WIDTH="{glyph_width}" ALIGN="LEFT">{glyph}</TD>'
        f'<TD ALIGN="LEFT">&#160;{kind.value}</TD>'
        "</TR></TABLE></TD>"
    )


def _kind(kind: str) -> str:
    look = KIND_STYLE[kind]
    style = ' STYLE="rounded"' if "rounded" in look["style"] else ""
    cell = f'<TD BORDER="1" BGCOLOR="{look["fillcolor"]}"{style}>{kind}</TD>'
    if look.get("peripheries") != "2":
        return cell
    # A double border, as the node has: the cell inside a bordered table, a gap between.
    return (
        f'<TD CELLPADDING="0"><TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" '
        f'CELLPADDING="2"><TR>{cell}</TR></TABLE></TD>'
    )


def _state(name: str) -> str:
    look = STATE_STYLE[name]
    width = max(1, round(float(look.penwidth)))
    # Muted as the node's words are (what falls is greyed): a cue beside the word.
    mark = f'<FONT COLOR="{MUTED}">{look.mark}</FONT>' if look.muted else look.mark
    return (
        f'<TD BORDER="{width}" COLOR="{look.color}" STYLE="{_CELL_STYLE[look.border]}">{mark}</TD>'
    )


def legend_label(
    relations: Collection[RelationKind],
    kinds: Collection[ClaimKind | str],
    states: Iterable[str],
    *,
    more: Collection[str] = (),
) -> str:
    """The HTML-like label of a legend for what a map uses, in the order of the style tables.

    Fixed words and colours only: nothing in it comes from the map's text. ``more`` holds
    the words of the map's "n more →" nodes ("more", "claims"), each explained on a row.
    """
    rows = _rows("lines", [_relation(k) for k in RELATION_STYLE if k in relations])
    names = {getattr(k, "value", k) for k in kinds}
    rows += _rows("kinds", [_kind(k) for k in KIND_STYLE if k in names])
    used = set(states)
    rows += _rows("states", [_state(s) for s in STATE_STYLE if s in used])
    for words in sorted(set(more) & _MORE_MEANINGS.keys()):
        note = (
            f'<TD ALIGN="LEFT"><FONT COLOR="{MORE_EDGE["color"]}">n {words} →</FONT></TD>'
            f'<TD COLSPAN="{PER_ROW - 1}" ALIGN="LEFT">{_MORE_MEANINGS[words]}</TD>'
        )
        rows.append(f"<TR><TD></TD>{note}</TR>")
    body = "".join(rows)
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
        f'<TR><TD></TD><TD COLSPAN="{PER_ROW}" ALIGN="LEFT"><B>Legend</B></TD></TR>{body}</TABLE>>'
    )


def lowest_node(amap: ArgumentMap, more: Sequence[More], graph_id: str) -> str | None:
    """The node a legend hangs under: one on the lowest level of the drawing (a "more"
    node, else a claim farthest below the top), so the legend adds one short edge."""
    incoming = amap.incoming
    sources_of = {rel.source for rel in amap.relations}
    level = sorted(c.id for c in amap.claims if c.id not in sources_of)
    depth: dict[str, int] = dict.fromkeys(level, 0)
    while level:
        below = []
        for target in level:
            for rel in incoming.get(target, ()):
                if rel.source not in depth:
                    depth[rel.source] = depth[target] + 1
                    below.append(rel.source)
        level = below
    if not depth:
        return amap.claims[0].id if amap.claims else None
    deepest = max(depth.values())
    for i, item in enumerate(more):
        if depth.get(item.parent, -1) == deepest:
            return f"{graph_id}-more-{i}"
    return min(c for c, d in depth.items() if d == deepest)


def draw_legend(
    graph: Digraph,
    graph_id: str,
    relations: Collection[RelationKind],
    kinds: Collection[ClaimKind | str],
    states: Iterable[str],
    more: Sequence[More],
    anchor_node: str | None,
) -> None:
    """Write the legend node, below the drawing, in a group named ``legend``."""
    label = legend_label(relations, kinds, states, more={item.words for item in more})
    node = f"{graph_id}-legend"
    graph.body.append(
        f'\t"{node}" [label={label} shape=plain id="{node}" class="argmap-legend" '
        f'fontsize={LEGEND_FONT} tooltip="Legend"]\n'
    )
    # One edge to a node of the lowest level puts the legend alone below the drawing (a
    # rank=source constraint instead drags leaves down to it).
    if anchor_node is not None:
        graph.body.append(f'\t"{node}" -> "{anchor_node}" [style=invis]\n')
