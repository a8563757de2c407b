"""Markdown summaries (CommonMark/GFM): a thesis, its verdict and why, its reasons for and against, its claims."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from argmap.compare import what_would_settle
from argmap.evaluate import Evaluation, Verdict
from argmap.explain import (
    BECOME,
    STANDARD_NAMES,
    VERDICT_MEANINGS,
    claim_why,
    direct_tally,
    plural,
    state_heading,
)
from argmap.explain_scores import score_note
from argmap.model import ArgumentMap, Claim, ClaimKind, RelationKind
from argmap.render.text import (
    anchor,
    clean,
    comparison_stem,
    escape_html,
    escape_md,
    map_title,
    mid_sentence,
    safe_url,
    thesis_stem,
)
from argmap.settings import DEFAULT_STANDARD
from argmap.structure import (
    OutlineNode,
    Stance,
    ordered_theses,
    outline,
    reaching,
    require_thesis,
    stances,
    thesis_map,
)

_RELATION_WORD = {
    RelationKind.SUPPORTS: "**For:**",
    RelationKind.ATTACKS: "**Against:**",
    RelationKind.UNDERCUTS: "**Undercut:**",
}
_STANCE_WORD = {
    Stance.THESIS: "thesis",
    Stance.PRO: "for",
    Stance.CON: "against",
    Stance.MIXED: "both",
}
_STANCE_FACT = {
    Stance.THESIS: "",
    Stance.PRO: " · for the thesis",
    Stance.CON: " · against the thesis",
    Stance.MIXED: " · both for and against the thesis",
}
MAX_OUTLINE_DEPTH = 12
#: Longest heading of a claim without a label: its text is in the outline already.
SHORT_TITLE = 72


#: Under a map drawn with Argdown's own selection (see ``LoadResult.drawn``).
ARGDOWN_DRAWING = (
    "Drawn as Argdown draws a map: a premise or conclusion without a title is part of"
    " its argument's box, not a box of its own (`--full-detail` draws each)."
)


def _title(claim: Claim) -> str:
    return clean(claim.label or claim.text) or claim.id


def _link(claim: Claim) -> str:
    return _link_to(_title(claim), claim.id)


@functools.lru_cache(maxsize=1 << 16)
def _link_to(title: str, claim_id: str) -> str:
    return f"[{escape_md(title)}](#{anchor(claim_id)})"


def _short(claim: Claim) -> str:
    title = _title(claim)
    if claim.label is not None or len(title) <= SHORT_TITLE:
        return title
    cut = title[:SHORT_TITLE].rsplit(" ", 1)[0]
    return cut + " …"


def _state(evaluation: Evaluation | None, claim_id: str) -> str:
    return "" if evaluation is None else evaluation.state(claim_id)


def _mark(evaluation: Evaluation | None, claim_id: str) -> str:
    state = _state(evaluation, claim_id)
    return f" *({state})*" if state else ""


def _order(node: OutlineNode, out: dict[str, int]) -> None:
    for child in node.children:
        if not child.repeated:
            out.setdefault(child.claim_id, len(out))
            _order(child, out)


def _outline_lines(
    amap: ArgumentMap,
    node: OutlineNode,
    depth: int,
    out: list[str],
    evaluation: Evaluation | None,
    position: dict[str, int],
    printed: set[str],
) -> None:
    # An argument's supports are its premises, which hold only together.
    premises = amap.claim(node.claim_id).kind is ClaimKind.ARGUMENT
    for child in node.children:
        claim = amap.claim(child.claim_id)
        assert child.relation is not None
        indent = "  " * depth
        word = "**Premise:**" if premises and child.relation is RelationKind.SUPPORTS else None
        head = f"{indent}- {word or _RELATION_WORD[child.relation]} {_link(claim)}"
        head += _mark(evaluation, claim.id)
        if child.repeated:
            where = "above" if claim.id in printed else "below"
            out.append(f"{head} (see {where})")
            continue
        printed.add(claim.id)
        shown = claim.label is not None and claim.text != claim.label
        text = f": {escape_md(claim.text)}" if shown else ""
        out.append(head + text)
        if depth + 1 < MAX_OUTLINE_DEPTH:
            _outline_lines(amap, child, depth + 1, out, evaluation, position, printed)
        elif child.children:
            out.append(
                f"{indent}  - … {plural(len(child.children), 'more reason')}, in the table below"
            )


def _sources_lines(amap: ArgumentMap, claim: Claim) -> list[str]:
    out: list[str] = []
    for ref in claim.sources:
        source = amap.source(ref.source) if ref.source else None
        title = source.title if source else None
        url = safe_url(source.url if source else ref.url)
        if title and url:
            cite = f"[{escape_md(title)}]({url})"
        elif title:
            cite = f"*{escape_md(title)}*"
        elif url:
            cite = f"<{url}>"
        else:
            cite = f"`{clean(ref.url or ref.source or '').replace('`', '')}`"
        if source is not None and (source.author or source.year):
            by = ", ".join(escape_md(x) for x in (source.author, source.year) if x)
            cite += f" ({by})"
        if ref.locator:
            cite += f", {escape_md(ref.locator)}"
        if ref.quote:
            out += [f"> {escape_md(ref.quote)}", ">", f"> — {cite}", ""]
        else:
            out += [f"Source: {cite}", ""]
    return out


def _namer(amap: ArgumentMap) -> functools.partial[str]:
    return functools.partial(_name_link, amap)


def _name_link(amap: ArgumentMap, claim_id: str) -> str:
    claim = amap.by_id.get(claim_id)
    if claim is None:
        return escape_md(claim_id)
    return _link_to(mid_sentence(_title(claim)), claim.id)


def _verdict(amap: ArgumentMap, thesis: Claim, evaluation: Evaluation) -> list[str]:
    why = claim_why(amap, evaluation, thesis.id, _namer(amap))
    if evaluation.formal:
        head, _, rest = why.partition(" ")
        why = f"**{head}** {rest}"
    else:
        head, colon, rest = why.partition(":")
        why = f"**{head}**{colon}{rest}"
    lines = [why, ""]
    tally = direct_tally(amap, evaluation, thesis.id)
    return [*lines, tally, ""] if tally else lines


def _reading(amap: ArgumentMap, evaluation: Evaluation) -> str:
    if evaluation.formal:
        return (
            f"Formal reading: {evaluation.semantics} semantics with supports read as "
            f"{evaluation.support}; accepted, rejected and undecided are its labels."
        )
    default = evaluation.settings.standard or amap.meta.standard or DEFAULT_STANDARD
    return (
        "Reader's verdicts, after Carneades' proof standards: a claim that nothing supports "
        "stands unless a standing objection strikes it; an objection strikes only what it "
        "aims at and no longer counts once answered; where standing reasons and objections "
        f"meet, the claim's proof standard ({STANDARD_NAMES[default]} unless it sets "
        "another) weighs the weightiest of each."
    )


def _settle_lines(amap: ArgumentMap, thesis_id: str, evaluation: Evaluation) -> list[str]:
    forecasts = [c for c in thesis_map(amap, thesis_id).claims if c.kind is ClaimKind.FORECAST]
    if not forecasts or evaluation.formal:
        return []
    found = {s.forecast_id: s for s in what_would_settle(amap, thesis_id, evaluation)}
    out = ["## What would settle it", ""]
    for claim in forecasts:
        settler = found.get(claim.id)
        if settler is None:
            effect = "would not change the verdict on its own"
        else:
            effect = f"would make the thesis **{BECOME[Verdict(settler.after)]}**"
        out.append(f"- If {_link(claim)} comes true, it {effect}.")
    return [*out, ""]


def _table(
    amap: ArgumentMap,
    sub: ArgumentMap,
    order: Sequence[str],
    stance: dict[str, Stance] | object,
    evaluation: Evaluation,
) -> list[str]:
    namer = _namer(amap)
    scores = evaluation.gradual is not None
    head = f"| Claim | Stance | {state_heading(evaluation)} | Why |" + (
        " Score |" if scores else ""
    )
    rule = "| --- | --- | --- | --- |" + (" ---: |" if scores else "")
    out = [head, rule]
    stances_ = stance if isinstance(stance, dict) else {}
    for cid in order:
        claim = sub.claim(cid)
        why = claim_why(amap, evaluation, cid, namer)
        why = why.partition(": ")[2] or why
        row = (
            f"| {_link(claim)} | {_STANCE_WORD[stances_.get(cid, Stance.PRO)]} | "
            f"{evaluation.state(cid)} | {why} |"
        )
        if scores:
            value = evaluation.strength(cid)
            row += f" {value:.2f} |" if value is not None else " – |"
        out.append(row)
    return [*out, ""]


def render_markdown(
    amap: ArgumentMap,
    thesis_id: str,
    evaluation: Evaluation | None = None,
    *,
    map_image: str | None = None,
    index_link: str | None = None,
    drawn_as_argdown: bool = False,
) -> str:
    """The Markdown summary of one thesis.

    Args:
        amap: The whole map.
        thesis_id: The thesis to summarise.
        evaluation: Verdicts and scores (of the whole map) to report, if any.
        map_image: Relative path of the thesis's SVG map to embed.
        index_link: Relative path of the index page to link back to.
        drawn_as_argdown: Whether the map leaves out claims, as Argdown's own map does
            (the page says so under it).

    Raises:
        UsageError: ``thesis_id`` is not a thesis of the map.
    """
    require_thesis(amap, thesis_id)
    sub = thesis_map(amap, thesis_id)
    thesis = sub.claim(thesis_id)
    stance = dict(stances(amap, thesis_id))
    out: list[str] = []
    if index_link:
        out += [f"[← {escape_md(map_title(amap))}]({index_link})", ""]
    # The thesis's anchor is on its entry under "Claims", as every claim's is: one id a page.
    out += [f"# {escape_md(_title(thesis))}", ""]
    if thesis.label is not None and thesis.text != thesis.label:
        out += [f"> {escape_md(thesis.text)}", ""]
    if evaluation is not None:
        out += _verdict(sub, thesis, evaluation)
    if map_image:
        out += [f"[![Argument map: {escape_md(_title(thesis))}]({map_image})]({map_image})", ""]
        if drawn_as_argdown:
            out += [ARGDOWN_DRAWING + " Every claim is listed below.", ""]
    tree = outline(amap, thesis_id)
    order: dict[str, int] = {}
    _order(tree, order)
    out += ["## Reasons for and against", ""]
    lines: list[str] = []
    _outline_lines(sub, tree, 0, lines, evaluation, order, set())
    out += (lines or ["No claim supports or attacks this thesis yet."]) + [""]
    if evaluation is not None:
        out += _settle_lines(amap, thesis_id, evaluation)
        out += ["## Evaluation", "", _reading(amap, evaluation), ""]
        note = score_note(evaluation.gradual)
        if note:
            out += [note, ""]
        out += _table(amap, sub, [thesis_id, *order], stance, evaluation)
    out += ["## Claims", ""]
    for cid in [thesis_id, *order]:
        claim = sub.claim(cid)
        out.append(f'### <a id="{anchor(cid)}"></a>{escape_md(_short(claim))}')
        out.append("")
        facts = f"`{escape_html(cid)}` · {claim.kind.value}{_STANCE_FACT[stance[cid]]}"
        if claim.tags:
            facts += " · tags: " + ", ".join(f"`{t}`" for t in claim.tags)
        if evaluation is not None:
            facts += f" · {evaluation.state(cid)}"
        out += [facts, ""]
        out += _sources_lines(amap, claim)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def render_index(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    *,
    overview: str | None = None,
    comparisons: Sequence[tuple[str, str]] = (),
    drawn_as_argdown: bool = False,
) -> str:
    """The index page of a built map: what it is, its sources, its theses (headline first)
    with their verdicts, the comparisons of ``comparisons`` and a link to the overview
    (saying, with ``drawn_as_argdown``, that the maps leave out claims as Argdown's do)."""
    out = [f"# {escape_md(map_title(amap))}", ""]
    if amap.meta.description:
        out += [escape_md(amap.meta.description), ""]
    n_rel = len(amap.relations)
    out += [
        f"{plural(len(amap.claims), 'claim')}, {plural(n_rel, 'relation')}, "
        f"{len(amap.theses)} {'thesis' if len(amap.theses) == 1 else 'theses'}.",
        "",
    ]
    if amap.meta.sources:
        out += ["## Sources", ""]
        for source in amap.meta.sources:
            url = safe_url(source.url)
            title = escape_md(source.title)
            line = f"- [{title}]({url})" if url else f"- *{title}*"
            by = ", ".join(escape_md(x) for x in (source.author, source.year) if x)
            out.append(line + (f" ({by})" if by else ""))
        out.append("")
    out += ["## Theses", ""]
    if not amap.theses:
        out += ["The map has no thesis.", ""]
    for thesis in ordered_theses(amap):
        sub = thesis_map(amap, thesis.id)
        line = (
            f"- [{escape_md(_title(thesis))}]({thesis_stem(thesis.id)}.md): "
            f"{plural(len(sub.claims) - 1, 'claim')} "
            f"{'bears' if len(sub.claims) == 2 else 'bear'} on it"
        )
        if evaluation is not None:
            line += f"; **{evaluation.state(thesis.id)}**"
            strength = evaluation.strength(thesis.id)
            if strength is not None:
                line += f", score {strength:.2f}"
        out.append(line)
    out.append("")
    if evaluation is not None:
        out += ["## How to read the verdicts", "", _reading(amap, evaluation), ""]
        if not evaluation.formal:
            out += [f"- **{v.value}**: {VERDICT_MEANINGS[v]}" for v in Verdict] + [""]
        note = score_note(evaluation.gradual)
        if note:
            out += [note, ""]
    if comparisons:
        out += ["## Comparisons", ""]
        for a, b in comparisons:
            first, second = (escape_md(_title(amap.claim(t))) for t in (a, b))
            out.append(f"- [{first} vs. {second}]({comparison_stem(a, b)}.md)")
        out.append("")
    if overview:
        out += ["## Overview", "", f"The whole map in one drawing: [{overview}]({overview}).", ""]
        if drawn_as_argdown:
            out += [ARGDOWN_DRAWING + " Every claim is listed on the pages.", ""]
    connected = reaching(amap, [t.id for t in amap.theses])
    unconnected = [c for c in amap.claims if c.id not in connected]
    if unconnected:
        out += ["## Claims connected to no thesis", ""]
        for claim in unconnected:
            out.append(f'- <a id="{anchor(claim.id)}"></a>{escape_md(_title(claim))}')
        out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
