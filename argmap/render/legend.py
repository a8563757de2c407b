"""A map's legend: one HTML-like table node with the relation lines, kinds and node states the map uses."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from argmap.model import ClaimKind, RelationKind
from argmap.render.style import (
    KIND_STYLE,
    MORE_EDGE,
    MUTED,
    RELATION_GLYPH,
    RELATION_STYLE,
    STATE_STYLE,
)

#: Items per row of the legend: it stays narrower than the narrowest map worth a legend.
PER_ROW = 3
LEGEND_FONT = "10"
_KIND_WORD = {kind: kind.value for kind in ClaimKind}
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
    return (
        f'<TD><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{line}'
        f'<TD ALIGN="LEFT">{glyph} {kind.value}</TD></TR></TABLE></TD>'
    )


def _kind(kind: ClaimKind) -> str:
    look = KIND_STYLE[kind]
    style = ' STYLE="rounded"' if "rounded" in look["style"] else ""
    border = "2" if look.get("peripheries") == "2" else "1"
    return f'<TD BORDER="{border}" BGCOLOR="{look["fillcolor"]}"{style}>{_KIND_WORD[kind]}</TD>'


def _state(name: str) -> str:
    look = STATE_STYLE[name]
    width = max(1, round(float(look.penwidth)))
    return (
        f'<TD BORDER="{width}" COLOR="{look.color}" STYLE="{_CELL_STYLE[look.border]}">'
        f"{look.mark}</TD>"
    )


def legend_label(
    relations: Collection[RelationKind],
    kinds: Collection[ClaimKind],
    states: Iterable[str],
    *,
    more: bool = False,
) -> str:
    """The HTML-like label of a legend for what a map uses, in the order of the style tables.

    Fixed words and colours only: nothing in it comes from the map's text.
    """
    rows = _rows("lines", [_relation(k) for k in RELATION_STYLE if k in relations])
    rows += _rows("kinds", [_kind(k) for k in KIND_STYLE if k in kinds])
    used = set(states)
    rows += _rows("states", [_state(s) for s in STATE_STYLE if s in used])
    if more:
        note = (
            f'<TD COLSPAN="{PER_ROW}" ALIGN="LEFT"><FONT COLOR="{MORE_EDGE["color"]}">'
            "n more →</FONT> opens the map of the rest</TD>"
        )
        rows.append(f"<TR><TD></TD>{note}</TR>")
    body = "".join(rows)
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
        f'<TR><TD></TD><TD COLSPAN="{PER_ROW}" ALIGN="LEFT"><B>Legend</B></TD></TR>{body}</TABLE>>'
    )
