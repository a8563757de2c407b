"""How maps look: palettes (light and dark), kind shapes, relation lines, node-state borders, the map stylesheet. Pure data."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from argmap.model import RelationKind

# Okabe & Ito (2008) colour-blind-safe palette; every colour is paired with a second cue
# (line style, arrowhead, border style or a word) so nothing is told by colour alone.
PALETTE = {
    "blue": "#0072B2",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "grey": "#6E6E6E",
}
INK = "#333333"
MUTED = "#555555"
BACKGROUND = "#FFFFFF"

#: Keyed by kind name (``ClaimKind`` values), so that a kind the model adds needs a line
#: here and nothing else.
KIND_STYLE: dict[str, dict[str, str]] = {
    "thesis": {
        "shape": "box",
        "style": "filled",
        "peripheries": "2",
        "fillcolor": "#FBF5C4",
    },
    "claim": {"shape": "box", "style": "rounded,filled", "fillcolor": "#FFFFFF"},
    "evidence": {"shape": "note", "style": "filled", "fillcolor": "#E6F1FA"},
    "argument": {"shape": "component", "style": "filled", "fillcolor": "#F1F1F1"},
    "forecast": {"shape": "box", "style": "filled,diagonals", "fillcolor": "#EAF4EC"},
    "question": {"shape": "box", "style": "rounded,filled", "fillcolor": "#F6ECF2"},
}
#: Kinds whose name is printed above the text, as their shape alone would not tell them.
KIND_TAG = {
    "thesis": "THESIS",
    "forecast": "FORECAST",
    "question": "QUESTION",
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
#: The arrowhead of each relation as a glyph, for the legend.
RELATION_GLYPH = {
    RelationKind.SUPPORTS: "▶",
    RelationKind.ATTACKS: "┤",
    RelationKind.UNDERCUTS: "┤○",
}
#: The thin grey line from a claim to its "n more →" node: no relation looks like it.
MORE_EDGE = {"color": PALETTE["grey"], "style": "solid", "arrowhead": "none", "penwidth": "0.8"}


@dataclass(frozen=True)
class StateStyle:
    """How a node state shows: border colour, line style and width, and a word with a symbol."""

    color: str
    border: str
    penwidth: str
    mark: str
    muted: bool = False


# No state uses a relation's colour (green, vermillion, purple) or line (dashed, dotted),
# so no border can be taken for a supporting, attacking or undercutting line. No state
# changes a node's shape either (Graphviz draws notched corners in place of a rounded
# box, a note's fold or a component's tabs, and a forecast is notched): what falls is
# greyed, words and border, and says so.
_STANDS = (PALETTE["blue"], "solid", "2.6")
_FALLS = (PALETTE["grey"], "solid", "1.4")
_OPEN = (PALETTE["grey"], "solid", "1.2")
STATE_STYLE: dict[str, StateStyle] = {
    "stands": StateStyle(*_STANDS, "✔ stands"),
    "falls": StateStyle(*_FALLS, "✘ falls", muted=True),
    "contested": StateStyle(PALETTE["orange"], "solid", "2.6", "⇄ contested"),
    "open": StateStyle(*_OPEN, "? open"),
    "not-assessed": StateStyle(PALETTE["sky"], "solid", "1.4", "○ not assessed"),
    "accepted": StateStyle(*_STANDS, "✔ accepted"),
    "rejected": StateStyle(*_FALLS, "✘ rejected", muted=True),
    "undecided": StateStyle(*_OPEN, "? undecided"),
}

#: The dark palette: each colour a light map uses, and the one it takes on a dark page. Hues
#: stay those of the light palette, lightened for contrast on the dark background (not an
#: inversion, which would turn the colour-blind-safe hues into others).
BACKGROUND_DARK = "#1C1C21"
DARK = {
    "#FFFFFF": "#2A2A30",
    "#000000": "#E8E8E8",
    INK: "#C8C8C8",
    MUTED: "#A8A8A8",
    PALETTE["blue"]: "#5AAEE8",
    PALETTE["green"]: "#2FCB9C",
    PALETTE["vermillion"]: "#FF7F3A",
    PALETTE["purple"]: "#E8A2CB",
    PALETTE["orange"]: "#F5B83D",
    PALETTE["sky"]: "#9BD5F7",
    PALETTE["grey"]: "#A0A0A0",
    "#FBF5C4": "#3D3820",
    "#E6F1FA": "#1D2C39",
    "#F1F1F1": "#2E2E33",
    "#EAF4EC": "#1F3326",
    "#F6ECF2": "#36263A",
}


def _var(colour: str) -> str:
    return "--am-" + colour.lstrip("#").lower()


@functools.cache
def map_css() -> str:
    """Rules that take a map's colours from CSS variables, each falling back to the light colour.

    Graphviz writes colours as attributes; the rules key on them (lowercase, as Graphviz
    writes them), so a page switches a map to the dark palette by setting the variables
    (:func:`dark_variables`) on ``svg.argmap`` or an ancestor, and back by setting them to
    ``initial``.
    """
    rules = [
        f"svg.argmap>g>polygon:first-of-type{{fill:var(--am-bg,{BACKGROUND.lower()})}}",
        f"svg.argmap text:not([fill]){{fill:var({_var('#000000')},#000000)}}",
    ]
    for light in DARK:
        low, name = light.lower(), _var(light)
        rules.append(f'svg.argmap [fill="{low}"]{{fill:var({name},{low})}}')
        rules.append(f'svg.argmap [stroke="{low}"]{{stroke:var({name},{low})}}')
    return "\n".join(rules)


@functools.cache
def dark_variables() -> str:
    """The declarations that turn a map dark, for a rule block of a page's dark scheme."""
    values = [f"--am-bg:{BACKGROUND_DARK}"]
    values += [f"{_var(light)}:{dark}" for light, dark in DARK.items()]
    return ";".join(values)


@functools.cache
def light_variables() -> str:
    """The declarations that turn a map back to its light colours."""
    names = ["--am-bg"] + [_var(light) for light in DARK]
    return ";".join(f"{name}:initial" for name in names)


@functools.cache
def standalone_css() -> str:
    """The stylesheet a standalone SVG carries: the map rules, dark when the reader's system is."""
    return map_css() + f"\n@media (prefers-color-scheme:dark){{svg.argmap{{{dark_variables()}}}}}"
