"""A thesis comparison as Markdown (tables, crux list) and DOT (the two sub-maps side by side)."""

from __future__ import annotations

from collections.abc import Sequence

import graphviz

from argmap.compare import Action, Change, Comparison, ThesisSide
from argmap.evaluate import Evaluation, Status
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
from argmap.render.legend import draw_legend, lowest_node
from argmap.render.style import PALETTE
from argmap.render.text import (
    anchor,
    clean,
    escape_dot,
    escape_dot_html,
    escape_html,
    escape_md,
    map_title,
    wrap,
)
from argmap.render.view import More, node_state, sub_map
from argmap.structure import Stance
from argmap.validate import reaching

GRADUAL_NAMES = {"dfquad": "DF-QuAD", "qe": "quadratic energy"}
_STANCE_WORD = {Stance.PRO: "for", Stance.CON: "against", Stance.MIXED: "both for and against"}
_ACTION_WORD = {Action.REMOVE: "Removing", Action.ACCEPT: "Accepting"}


def _plain(claim: Claim) -> str:
    # A title of control characters alone cleans to nothing; the id still names the claim.
    return clean(claim.title) or claim.id


def _title(claim: Claim) -> str:
    return escape_md(_plain(claim))


def _link(amap: ArgumentMap, claim_id: str) -> str:
    return f"[{_title(amap.claim(claim_id))}](#{anchor(claim_id)})"


def _gradual_name(name: str) -> str:
    return GRADUAL_NAMES.get(name, name)


def _heading(name: str) -> str:
    return name[:1].upper() + name[1:]


def _series(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def comparison_title(amap: ArgumentMap, thesis_a: str, thesis_b: str) -> str:
    """A comparison's plain-text title: the two theses' short titles."""
    return f"{_plain(amap.claim(thesis_a))} vs {_plain(amap.claim(thesis_b))}"


def _verdict_cell(side: ThesisSide, name: str) -> str:
    return (
        f"**{side.statuses[name].value}**: {side.standing_supporters[name]} of "
        f"{len(side.supporters)} supporters and {side.standing_attackers[name]} of "
        f"{len(side.attackers)} attackers stand"
    )


def _side_by_side(amap: ArgumentMap, comparison: Comparison) -> list[str]:
    a, b = comparison.sides
    lines = [
        f"| | {_link(amap, a.thesis_id)} | {_link(amap, b.thesis_id)} |",
        "| --- | --- | --- |",
        f"| Claims bearing on it | {a.size} | {b.size} |",
        f"| Direct supporters | {len(a.supporters)} | {len(b.supporters)} |",
        f"| Direct attackers | {len(a.attackers)} | {len(b.attackers)} |",
    ]
    for name in comparison.semantics:
        lines.append(f"| {_heading(name)} | {_verdict_cell(a, name)} | {_verdict_cell(b, name)} |")
    for name in comparison.gradual:
        cells = [
            f"{s.strengths[name]:.2f}" if name in s.strengths else "–" for s in comparison.sides
        ]
        lines.append(f"| {_heading(_gradual_name(name))} strength | {cells[0]} | {cells[1]} |")
    return lines


def _accepted_under(comparison: Comparison, claim_id: str) -> str:
    names = [
        n
        for n in comparison.semantics
        if comparison.evaluations[n].status(claim_id) is Status.ACCEPTED
    ]
    if len(names) == len(comparison.semantics) > 1:
        return f"all {len(names)} semantics"
    return ", ".join(names) or "none"


def _reasons_table(amap: ArgumentMap, comparison: Comparison, side: ThesisSide) -> list[str]:
    rows = [(s, "for") for s in side.supporters] + [(s, "against") for s in side.attackers]
    if not rows:
        return ["No claim supports or attacks this thesis directly."]
    head = ["Claim", "Bears", "Accepted under"] + [
        _heading(_gradual_name(g)) for g in comparison.gradual
    ]
    lines = [
        "| " + " | ".join(head) + " |",
        "| " + " | ".join(["---"] * 3 + ["---:"] * len(comparison.gradual)) + " |",
    ]
    for cid, bears in rows:
        cells = [_link(amap, cid), bears, _accepted_under(comparison, cid)]
        for name in comparison.gradual:
            value = comparison.evaluations[name].strength(cid)
            cells.append(f"{value:.2f}" if value is not None else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _shared_table(amap: ArgumentMap, comparison: Comparison) -> list[str]:
    if not comparison.shared:
        return ["No claim bears on both theses."]
    a, b = (_title(amap.claim(s.thesis_id)) for s in comparison.sides)
    head = ["Claim", f"Toward {a}", f"Toward {b}", "Accepted under"]
    head += [_heading(_gradual_name(g)) for g in comparison.gradual]
    lines = [
        "| " + " | ".join(head) + " |",
        "| " + " | ".join(["---"] * 4 + ["---:"] * len(comparison.gradual)) + " |",
    ]
    for item in comparison.shared:
        cells = [
            _link(amap, item.claim_id),
            _STANCE_WORD[item.stance_a],
            _STANCE_WORD[item.stance_b],
        ]
        cells.append(_accepted_under(comparison, item.claim_id))
        for name in comparison.gradual:
            value = comparison.evaluations[name].strength(item.claim_id)
            cells.append(f"{value:.2f}" if value is not None else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _change_cell(change: Change) -> str:
    before, after = change.status_before.value, change.status_after.value
    text = f"{before} → **{after}**" if change.status_changed else before
    if change.strength_before is not None:
        old = f"{change.strength_before:.2f}"
        # No strength after: the gradual semantics did not converge (the notes say so).
        new = f"{change.strength_after:.2f}" if change.strength_after is not None else "–"
        text += f", {old} → {new}" if old != new else f", {old}"
    return text


def _crux_lines(amap: ArgumentMap, comparison: Comparison) -> list[str]:
    how = f"{comparison.crux_semantics} semantics"
    if comparison.crux_gradual is not None:
        how += f" and {_gradual_name(comparison.crux_gradual)}"
    which = f"Each of the {comparison.tested} claims connected to either thesis"
    if comparison.tested < comparison.candidates:
        which = (
            f"Of the {comparison.candidates} claims connected to either thesis, each of the "
            f"{comparison.tested} nearest to them (testing all would take too long on a map "
            "this large)"
        )
    intro = (
        f"{which} was removed, then accepted (the attacks on it dropped and its base weight "
        f"set to 1), and the map re-evaluated each time under {how}."
    )
    if not comparison.cruxes:
        return [intro + " No single change alters either thesis's status or moves its strength."]
    a, b = (_title(amap.claim(s.thesis_id)) for s in comparison.sides)
    out = [
        intro + " The changes that matter most come first: a changed status, then the largest "
        "strength move. Each cell gives the thesis's status and strength, before → after.",
        "",
        f"| # | Change | {a} | {b} |",
        "| ---: | --- | --- | --- |",
    ]
    for i, crux in enumerate(comparison.cruxes, 1):
        cells = " | ".join(_change_cell(c) for c in crux.changes)
        out.append(f"| {i} | {_ACTION_WORD[crux.action]} {_link(amap, crux.claim_id)} | {cells} |")
    return out


def _mentioned(amap: ArgumentMap, comparison: Comparison) -> list[str]:
    ids: set[str] = set()
    for side in comparison.sides:
        ids.update((side.thesis_id, *side.supporters, *side.attackers))
    ids.update(s.claim_id for s in comparison.shared)
    ids.update(c.claim_id for c in comparison.cruxes)
    return sorted(ids)


def render_compare_markdown(
    amap: ArgumentMap,
    comparison: Comparison,
    *,
    map_image: str | None = None,
    index_link: str | None = None,
) -> str:
    """The Markdown page of a comparison: tables side by side, shared claims and the cruxes.

    Args:
        amap: The whole map the comparison was made on.
        comparison: What :func:`argmap.compare.compare_theses` found.
        map_image: Relative path of the side-by-side SVG to embed.
        index_link: Relative path of the index page to link back to.

    Returns:
        CommonMark (with GFM tables); every claim it links to has an anchor on the page.
    """
    a, b = (amap.claim(s.thesis_id) for s in comparison.sides)
    out = [f"[← {escape_md(map_title(amap))}]({index_link})", ""] if index_link else []
    out += [f"# {_title(a)} vs {_title(b)}", ""]
    if map_image:
        out += [f"[![Side-by-side map: {_title(a)} vs {_title(b)}]({map_image})]({map_image})", ""]
    scope = f"Supports are read as **{comparison.support}**."
    if comparison.semantics:
        scope += f" Statuses under {_series(list(comparison.semantics))} semantics"
        scope += "." if not comparison.gradual else ""
    if comparison.gradual:
        names = _series([_gradual_name(g) for g in comparison.gradual])
        scope += (", strengths" if comparison.semantics else " Strengths") + f" under {names}."
    out += [scope, ""]
    out += ["## Side by side", "", *_side_by_side(amap, comparison), ""]
    for first, second, stance in ((a, b, comparison.a_toward_b), (b, a, comparison.b_toward_a)):
        if stance is not None:
            out += [
                f"*{_title(first)}* bears on *{_title(second)}*: {_STANCE_WORD[stance]} it.",
                "",
            ]
    for side in comparison.sides:
        out += [f"## Reasons for and against: {_title(amap.claim(side.thesis_id))}", ""]
        out += [*_reasons_table(amap, comparison, side), ""]
    out += ["## Claims bearing on both", "", *_shared_table(amap, comparison), ""]
    out += ["## Cruxes", "", *_crux_lines(amap, comparison), ""]
    if comparison.notes:
        out += ["## Notes", ""] + [f"- {escape_md(n)}" for n in comparison.notes] + [""]
    out += ["## Claims", ""]
    for cid in _mentioned(amap, comparison):
        claim = amap.claim(cid)
        facts = f"(`{escape_html(cid)}`, {claim.kind.value})"
        line = f'- <a id="{anchor(cid)}"></a>**{_title(claim)}** {facts}'
        text = escape_md(claim.text)
        if claim.label is not None and text:
            line += f": {text}"
        out.append(line)
    return "\n".join(out) + "\n"


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
            + f'<BR/><FONT POINT-SIZE="{SMALL_FONT}"><B>{escape_dot_html(f"crux {crux}")}</B></FONT>>'
        )
    graph.node(claim.id, label=label, **attrs)


def _cluster(graph: graphviz.Digraph, name: str, caption: str, style: str) -> graphviz.Digraph:
    sub = graphviz.Digraph(name=name)
    sub.attr(
        # A cluster is as wide as its caption: long titles wrap.
        label=graphviz.nohtml("\\n".join(escape_dot(line) for line in wrap(caption, 32, 3))),
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
        f"{len(shown)} claims drawn, {len(comparison.cruxes)} cruxes."
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
        graph.subgraph(sub)
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
