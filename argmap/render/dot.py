"""DOT text for a map, built with ``argmap.render.dotwriter``. Runs no subprocess."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence

from argmap.errors import RenderError
from argmap.evaluate import Evaluation
from argmap.explain import claim_why
from argmap.explain_scores import score_phrase
from argmap.model import MODEL_ID_RE, ArgumentMap, Claim, ClaimKind, RelationKind
from argmap.render.dotwriter import Digraph, attr_list, nohtml
from argmap.render.legend import draw_legend, lowest_node
from argmap.render.style import (
    BACKGROUND,
    INK,
    KIND_STYLE,
    KIND_TAG,
    MORE_EDGE,
    MUTED,
    RELATION_STYLE,
    STATE_STYLE,
)
from argmap.render.text import (
    anchor,
    claim_title,
    clean,
    escape_dot,
    escape_dot_lines,
    escape_fitting,
    escape_html,
    map_title,
    title_namer,
)
from argmap.render.view import More, node_state
from argmap.render.wrap import wrap, wrap_html

Linker = Callable[[str], str | None]

FONT = "Helvetica"
#: Font sizes, in points: node text, and the small lines (kind tag, state, legend). A map
#: legible in an 800 px column keeps the small ones at 9 px or more.
NODE_FONT = "11"
SMALL_FONT = "10"
TITLE_FONT = "12"
#: Characters per line of a node's text, and of a thesis's: narrow boxes keep four of them
#: side by side in an 800 px column. A map's title wraps at TITLE_WIDTH.
WRAP_WIDTH = 24
THESIS_WRAP_WIDTH = 30
TITLE_WIDTH = 80
#: Node attributes that come from kind and state, with Graphviz's defaults for the unset.
NODE_STYLE_DEFAULTS = {
    "shape": "box",
    "style": "filled",
    "fillcolor": "#FFFFFF",
    "peripheries": "1",
    "color": INK,
    "penwidth": "1",
    "fontcolor": "#000000",
    "class": "",
}


def node_label(claim: Claim, evaluation: Evaluation | None) -> str:
    """A claim's HTML-like label: kind tag, wrapped title and state word. The score is
    left to the tooltip, where it is explained: a bare number reads as a probability."""
    state = node_state(evaluation, claim.id)
    return _label(claim.kind, claim.label or claim.text, state)


# A claim is drawn on several maps of a build: its label and tooltip are built once.
@functools.lru_cache(maxsize=1 << 16)
def _label(kind: ClaimKind, title: str, state: str | None) -> str:
    width = THESIS_WRAP_WIDTH if kind is ClaimKind.THESIS else WRAP_WIDTH
    body = wrap_html(title, width)
    if kind is ClaimKind.THESIS:
        body = f"<B>{body}</B>"
    tag = KIND_TAG.get(kind.value)
    if tag is not None:
        body = f'<FONT POINT-SIZE="{SMALL_FONT}">{tag}</FONT><BR/>{body}'
    if state is not None:
        # Fixed words: nothing to escape.
        body += f'<BR/><FONT POINT-SIZE="{SMALL_FONT}">{STATE_STYLE[state].mark}</FONT>'
    return f"<{body}>"


def node_tooltip(amap: ArgumentMap, claim: Claim, evaluation: Evaluation | None) -> str:
    """A claim's tooltip: its full text, its sources and its evaluation, one per line."""
    return _look(amap, claim, evaluation)[2]


class Verdicts:
    """What a node's tooltip says of each claim's evaluation: its verdict in a sentence
    and its score, the claims it rests on named by their titles in ``whole``. A claim is
    drawn on several maps of a build, and its sentence is worked out once for all of them.
    """

    def __init__(self, whole: ArgumentMap, evaluation: Evaluation) -> None:
        self.whole = whole
        self.evaluation = evaluation
        self._name = title_namer(whole)
        self._said: dict[str, str] = {}

    def __call__(self, claim_id: str) -> str:
        said = self._said.get(claim_id)
        if said is None:
            said = claim_why(self.whole, self.evaluation, claim_id, self._name)
            score = score_phrase(self.evaluation, claim_id)
            if score:
                said += " " + score
            self._said[claim_id] = said
        return said


def _look(
    amap: ArgumentMap,
    claim: Claim,
    evaluation: Evaluation | None,
    verdicts: Verdicts | None = None,
) -> tuple[str | None, str, str]:
    """A claim's state, label and tooltip, its evaluation looked up once; ``verdicts``
    says its verdict (by default naming claims by their titles in ``amap``)."""
    state = verdict = None
    if evaluation is not None:
        state = node_state(evaluation, claim.id)
        verdict = (verdicts or Verdicts(amap, evaluation))(claim.id)
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
    return escape_dot_lines(lines)


def node_attrs(
    amap: ArgumentMap,
    claim: Claim,
    evaluation: Evaluation | None,
    graph_id: str,
    link: Linker | None,
) -> dict[str, str]:
    """The DOT attributes of a claim's node, label excepted: shape and fill by kind, border by
    state, id, tooltip and link."""
    attrs = _style_attrs(claim.kind, node_state(evaluation, claim.id))
    attrs["id"] = f"{graph_id}-{anchor(claim.id)}"
    attrs["tooltip"] = nohtml(node_tooltip(amap, claim, evaluation))
    url = link(claim.id) if link is not None else None
    if url is not None:
        attrs["URL"] = nohtml(escape_dot(url))
        attrs["target"] = "_top"
    return attrs


def new_digraph(graph_id: str, caption: str, description: str = "", **graph_attr: str) -> Digraph:
    """An empty map: bottom-to-top ranks (theses on top), fonts, a caption, a background.

    The map's one-sentence description is the DOT text's first line, a comment, which the
    SVG step turns into the map's ``<desc>``.
    """
    return Digraph(
        name=graph_id,
        # Entities keep any markup in a claim's text out of the DOT text.
        comment=escape_fitting(description, escape_html) or None,
        graph_attr={
            "id": graph_id,
            "rankdir": "BT",
            "nodesep": "0.3",
            "ranksep": "0.5",
            "fontname": FONT,
            "fontsize": TITLE_FONT,
            # "\\n" is DOT's escString line break; each line is escaped on its own.
            "label": nohtml("\\n".join(escape_dot(line) for line in wrap(caption, TITLE_WIDTH, 3))),
            "labelloc": "t",
            "tooltip": nohtml(escape_dot_lines([caption])),
            # A light card even on a dark page that says nothing of its scheme: the
            # map's title and lines never vanish into the page (the dark palette is CSS).
            "bgcolor": BACKGROUND,
            **graph_attr,
        },
        node_attr={
            "fontname": FONT,
            "fontsize": NODE_FONT,
            "margin": "0.12,0.06",
            "color": INK,
        },
        edge_attr={"fontname": FONT, "fontsize": SMALL_FONT, "arrowsize": "0.8"},
    )


def render_dot(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    *,
    link: Linker | None = None,
    graph_id: str = "argmap",
    title: str | None = None,
    legend: bool = True,
    more: Sequence[More] = (),
    description: str = "",
    rankdir: str = "BT",
    whole: ArgumentMap | None = None,
    verdicts: Verdicts | None = None,
) -> str:
    """Build the DOT text of a map.

    Args:
        amap: The map (or a sub-map) to draw, whole.
        evaluation: States and strengths to show on the nodes, if any.
        link: Maps a claim id to the URL its node links to (``None`` for no link).
        graph_id: Prefix of every id in the SVG, so maps on one page never collide.
        title: The map's title; defaults to the map metadata's.
        legend: Draw a legend of the lines, kinds and states the map uses.
        more: "n more →" nodes, each under a claim of ``amap``, linking to another map.
        description: The map in a sentence, for screen readers (the SVG's ``<desc>``).
        rankdir: Graphviz's rank direction: ``BT`` puts the theses on top; the overview,
            an index of theses, is drawn ``LR``.
        whole: The map ``amap`` is part of, whose titles name the claims a tooltip's
            verdict rests on where they are drawn on other maps (default: ``amap``).
        verdicts: The tooltips' verdict sentences, shared by the maps drawn of one map
            under one evaluation (its ``whole`` and ``evaluation`` are this call's).

    Returns:
        DOT text, deterministic for the same input.
    """
    caption = clean(title) if title is not None else map_title(amap)
    graph = new_digraph(graph_id, caption, description, rankdir=rankdir)
    body = graph.body
    # Style attributes go into a `node [...]` default whenever they change from one node to
    # the next: far less DOT text to quote and parse than repeating them on every node.
    # Node and edge statements are written here rather than through the general quoting,
    # which would cost more than everything else in a render: every value is
    # escaped already (escape_dot), a label is HTML-like (``<...>``), and ids cannot hold a
    # quote, a backslash, markup or a space (model.MODEL_ID_PATTERN).
    current: tuple[tuple[str, str], ...] = ()
    if verdicts is None and evaluation is not None:
        verdicts = Verdicts(whole if whole is not None else amap, evaluation)
    elif verdicts is not None and verdicts.evaluation is not evaluation:
        raise ValueError("verdicts were worked out under another evaluation than this map's")
    kinds: set[ClaimKind] = set()
    states: set[str] = set()
    for claim in amap.claims:
        cid = claim.id
        if not MODEL_ID_RE.match(cid):  # only a map built without validation gets here
            raise RenderError(f"claim id {cid[:40]!r} cannot be drawn: it is not a valid id")
        state, label, tooltip = _look(amap, claim, evaluation, verdicts)
        kinds.add(claim.kind)
        if state is not None:
            states.add(state)
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
    used = draw_relations(graph, amap, graph_id)
    if more or legend:
        graph.body.append(plain_node_defaults())
    draw_more(graph, amap, more, graph_id)
    if legend and amap.claims:
        draw_legend(graph, graph_id, used, kinds, states, more, lowest_node(amap, more, graph_id))
    text: str = graph.source
    return text


def plain_node_defaults() -> str:
    """The node defaults of what is not a claim ("more" nodes, the legend): no border, no fill."""
    return (
        f'\tnode [shape=plaintext style="" peripheries=0 penwidth=1 color="{INK}" '
        f'fillcolor="{BACKGROUND}" fontcolor="#000000" class=""]\n'
    )


def draw_relations(
    graph: Digraph,
    amap: ArgumentMap,
    graph_id: str,
    shown: frozenset[str] | set[str] | None = None,
) -> set[RelationKind]:
    """Write the edges among the claims drawn (``shown``, or all of ``amap``), one ``edge``
    default per relation kind; return the kinds drawn."""
    by_kind: dict[RelationKind, list[str]] = {kind: [] for kind in RelationKind}
    known = amap.by_id if shown is None else shown
    for i, (source, kind, target) in enumerate(amap.relations):
        if target in known and source in known:
            # A link's name for screen readers: the two claims' short titles, not ids.
            name = escape_dot_lines(
                [
                    f"{claim_title(amap.by_id[source])} {kind.value} {claim_title(amap.by_id[target])}"
                ]
            )
            by_kind[kind].append(
                f'\t"{source}" -> "{target}" [id="{graph_id}-e{i}" tooltip="{name}"]\n'
            )
    for kind, edges in by_kind.items():
        if edges:
            style = {**RELATION_STYLE[kind], "class": f"am-rel-{kind.value}"}
            graph.body.append(_defaults("edge", tuple(style.items())))
            graph.body.extend(edges)
    return {kind for kind, edges in by_kind.items() if edges}


def draw_more(
    graph: Digraph,
    amap: ArgumentMap,
    more: Sequence[More],
    graph_id: str,
    only: Collection[str] | None = None,
) -> None:
    """Write each "n more →" node below its claim (of those in ``only``, if given), linking
    to the map of the rest."""
    for i, item in enumerate(more):
        if only is not None and item.parent not in only:
            continue
        said = "claim" if item.words == "claims" and item.count == 1 else item.words
        words = f"{item.count} {said} →"
        parent = claim_title(amap.by_id[item.parent])
        name = escape_dot_lines([f"{item.count} {said}: open the map of what bears on {parent}"])
        graph.body.append(
            f'\t"{graph_id}-more-{i}" [label="{escape_dot(words)}" '
            f'fontsize={SMALL_FONT} fontcolor="{MUTED}" class="am-more" '
            f'id="{graph_id}-more-{i}" URL="{escape_dot(item.href)}" target="_top" '
            f'tooltip="{name}"]\n'
        )
        style = " ".join(f'{k}="{v}"' for k, v in MORE_EDGE.items())
        graph.body.append(f'\t"{graph_id}-more-{i}" -> "{item.parent}" [{style}]\n')


def _style_attrs(kind: ClaimKind, state: str | None) -> dict[str, str]:
    """The style attributes a node's kind and state set: shape and fill by kind, border
    colour, width and line style by state, and CSS classes naming both."""
    attrs = dict(KIND_STYLE[kind.value])
    classes = [f"am-kind-{kind.value}"]
    if state is not None:
        look = STATE_STYLE[state]
        attrs["color"] = look.color
        attrs["penwidth"] = look.penwidth
        if look.border != "solid":
            attrs["style"] += "," + look.border
        if look.muted:
            attrs["fontcolor"] = MUTED
        classes.append(f"am-state-{state}")
    attrs["class"] = " ".join(classes)
    return attrs


@functools.lru_cache(maxsize=64)
def _node_style(kind: ClaimKind, state: str | None) -> tuple[tuple[str, str], ...]:
    """Every style attribute of a node of this kind and state, in NODE_STYLE_DEFAULTS
    order, Graphviz's defaults for the unset: one shared tuple per style."""
    attrs = _style_attrs(kind, state)
    return tuple((key, attrs.get(key, default)) for key, default in NODE_STYLE_DEFAULTS.items())


@functools.lru_cache(maxsize=256)
def _defaults(keyword: str, attrs: tuple[tuple[str, str], ...]) -> str:
    """A ``node [...]`` or ``edge [...]`` defaults statement, quoted once per distinct
    style (a map has a handful) instead of once per claim."""
    return f"\t{keyword}{attr_list(None, dict(attrs))}\n"
