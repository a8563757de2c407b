"""Markdown summaries (CommonMark/GFM): a thesis, its reasons for and against, every claim with its sources."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

from argmap.evaluate import Evaluation, Status
from argmap.model import ArgumentMap, Claim, RelationKind
from argmap.render.text import (
    anchor,
    clean,
    comparison_stem,
    escape_html,
    escape_md,
    map_title,
    safe_url,
)
from argmap.structure import OutlineNode, Stance, outline, require_thesis, stances, thesis_map
from argmap.validate import reaching

_RELATION_WORD = {
    RelationKind.SUPPORTS: "**For:**",
    RelationKind.ATTACKS: "**Against:**",
    RelationKind.UNDERCUTS: "**Undercuts:**",
}
_STATUS_WORD = {
    Status.ACCEPTED: "accepted",
    Status.REJECTED: "rejected",
    Status.UNDECIDED: "undecided",
}
MAX_OUTLINE_DEPTH = 12


def _link(claim: Claim) -> str:
    return _link_to(claim.label or claim.text, claim.id)


@functools.lru_cache(maxsize=1 << 16)
def _link_to(title: str, claim_id: str) -> str:
    return f"[{escape_md(title)}](#{anchor(claim_id)})"


def _outline_lines(amap: ArgumentMap, node: OutlineNode, depth: int, out: list[str]) -> None:
    for child in node.children:
        claim = amap.claim(child.claim_id)
        assert child.relation is not None
        indent = "  " * depth
        if child.repeated:
            out.append(f"{indent}- {_RELATION_WORD[child.relation]} {_link(claim)} (see above)")
            continue
        text = "" if claim.label is None else f": {escape_md(claim.text)}"
        out.append(f"{indent}- {_RELATION_WORD[child.relation]} {_link(claim)}{text}")
        if depth + 1 < MAX_OUTLINE_DEPTH:
            _outline_lines(amap, child, depth + 1, out)
        elif child.children:
            out.append(f"{indent}  - … {len(child.children)} more reasons, see the claims below")


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
            out.append(f"> {escape_md(ref.quote)}")
            out.append(">")
            out.append(f"> — {cite}")
            out.append("")
        else:
            out.append(f"Source: {cite}")
            out.append("")
    return out


def _verdict(amap: ArgumentMap, thesis: Claim, evaluation: Evaluation) -> str:
    status = evaluation.status(thesis.id)
    supporters = [
        r.source
        for r in amap.relations
        if r.target == thesis.id and r.kind is RelationKind.SUPPORTS
    ]
    attackers = [
        r.source
        for r in amap.relations
        if r.target == thesis.id and r.kind is not RelationKind.SUPPORTS
    ]
    standing_sup = sum(1 for s in supporters if evaluation.status(s) is Status.ACCEPTED)
    standing_att = sum(1 for s in attackers if evaluation.status(s) is Status.ACCEPTED)
    words = {
        Status.ACCEPTED: "stands",
        Status.REJECTED: "does not stand",
        Status.UNDECIDED: "is undecided",
    }
    text = (
        f"Under {evaluation.semantics} semantics (supports read as {evaluation.support}) the thesis "
        f"**{words[status]}**: {standing_sup} of its {len(supporters)} direct supporters and "
        f"{standing_att} of its {len(attackers)} direct attackers are accepted."
    )
    strength = evaluation.strength(thesis.id)
    if strength is not None and evaluation.gradual is not None:
        base = thesis.weight if thesis.weight is not None else 0.5
        move = (
            "raise" if strength > base + 1e-9 else ("lower" if strength < base - 1e-9 else "leave")
        )
        text += (
            f" Its {evaluation.gradual} strength is **{strength:.2f}**: its reasons {move} "
            f"the base weight of {base:.2f}{'' if move != 'leave' else ' unchanged'}."
        )
    return text


class _ClaimText(NamedTuple):
    """The Markdown of one claim that is the same on every summary it appears on."""

    #: Its row of the evaluation table.
    row: str
    #: Its section: heading and text, facts before and after its stance, and sources.
    head: tuple[str, ...]
    facts_before: str
    facts_after: str
    sources: tuple[str, ...]


def _claim_texts(amap: ArgumentMap, evaluation: Evaluation | None) -> dict[str, _ClaimText]:
    """The shared Markdown of the map's claims, filled as summaries ask for it: a claim on
    several theses' summaries is written once per map and evaluation.

    A claim's row and section do not depend on the thesis: a sub-map holds every attacker
    of its claims (an attacker reaches the thesis through the claim it attacks).
    """
    key = ("markdown-claims",)
    cached = amap.memo.get(key)
    if isinstance(cached, tuple) and cached[0] is evaluation:
        texts: dict[str, _ClaimText] = cached[1]
        return texts
    texts = {}
    amap.memo[key] = (evaluation, texts)  # holding the evaluation keeps the check sound
    return texts


def _claim_text(
    amap: ArgumentMap, claim_id: str, evaluation: Evaluation | None, texts: dict[str, _ClaimText]
) -> _ClaimText:
    text = texts.get(claim_id)
    if text is not None:
        return text
    claim = amap.claim(claim_id)
    row = ""
    status_word = ""
    if evaluation is not None:
        status = evaluation.status(claim.id)
        strength = evaluation.strength(claim.id)
        shown = f"{strength:.2f}" if strength is not None else "–"
        attackers = sorted(
            rel
            for rel in amap.incoming.get(claim.id, ())
            if rel.kind is not RelationKind.SUPPORTS
            and evaluation.status(rel.source) is Status.ACCEPTED
        )
        standing = ", ".join(_link(amap.claim(rel.source)) for rel in attackers) or "none"
        row = f"| {_link(claim)} | {_STATUS_WORD[status]} | {shown} | {standing} |"
        status_word = _STATUS_WORD[status] + (f" ({strength:.2f})" if strength is not None else "")
    head = [f'### <a id="{anchor(claim.id)}"></a>{escape_md(claim.label or claim.text)}', ""]
    if claim.label is not None:
        head += [escape_md(claim.text), ""]
    after = []
    if claim.tags:
        after.append("tags: " + ", ".join(f"`{t}`" for t in claim.tags))
    if status_word:
        after.append(status_word)
    text = _ClaimText(
        row=row,
        head=tuple(head),
        facts_before=f"`{escape_html(claim.id)}` · {claim.kind.value}",
        facts_after="".join(f" · {fact}" for fact in after),
        sources=tuple(_sources_lines(amap, claim)),
    )
    texts[claim_id] = text
    return text


_STANCE_FACT = {
    Stance.THESIS: "",
    Stance.PRO: " · for the thesis",
    Stance.CON: " · against the thesis",
    Stance.MIXED: " · both for and against the thesis",
}


def render_markdown(
    amap: ArgumentMap,
    thesis_id: str,
    evaluation: Evaluation | None = None,
    *,
    map_image: str | None = None,
    index_link: str | None = None,
) -> str:
    """The Markdown summary of one thesis.

    Args:
        amap: The whole map.
        thesis_id: The thesis to summarise.
        evaluation: Statuses and strengths (of the whole map) to report, if any.
        map_image: Relative path of the thesis's SVG map to embed.
        index_link: Relative path of the index page to link back to.

    Raises:
        UsageError: ``thesis_id`` is not a thesis of the map.
    """
    require_thesis(amap, thesis_id)
    sub = thesis_map(amap, thesis_id)
    thesis = sub.claim(thesis_id)
    stance = stances(amap, thesis_id)
    out: list[str] = []
    if index_link:
        out += [f"[← {escape_md(map_title(amap))}]({index_link})", ""]
    out += [f'# <a id="{anchor(thesis.id)}"></a>{escape_md(thesis.label or thesis.text)}', ""]
    if thesis.label is not None:
        out += [f"> {escape_md(thesis.text)}", ""]
    if map_image:
        out += [
            f"[![Argument map: {escape_md(thesis.label or thesis.text)}]({map_image})]({map_image})",
            "",
        ]
    if evaluation is not None:
        out += [_verdict(sub, thesis, evaluation), ""]
    out += ["## Reasons for and against", ""]
    lines: list[str] = []
    _outline_lines(sub, outline(amap, thesis_id), 0, lines)
    out += (lines or ["No claim supports or attacks this thesis yet."]) + [""]
    if evaluation is not None:
        gradual = f", strengths by {evaluation.gradual}" if evaluation.gradual else ""
        out += [
            "## Evaluation",
            "",
            f"Statuses under {evaluation.semantics} semantics{gradual}.",
            "",
        ]
    shared = _claim_texts(amap, evaluation)
    texts = [_claim_text(amap, claim.id, evaluation, shared) for claim in sub.claims]
    if evaluation is not None:
        out += ["| Claim | Status | Strength | Standing attackers |", "| --- | --- | ---: | --- |"]
        out += [text.row for text in texts]
        out.append("")
    out += ["## Claims", ""]
    for claim, text in zip(sub.claims, texts, strict=True):
        out += text.head
        out.append(text.facts_before + _STANCE_FACT[stance[claim.id]] + text.facts_after)
        out.append("")
        out += text.sources
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def render_index(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    *,
    overview: str | None = None,
    comparisons: Sequence[tuple[str, str]] = (),
) -> str:
    """The index page of a built map: its theses with their verdicts, the comparisons of
    ``comparisons`` (pairs of thesis ids) and the overview map."""
    out = [f"# {escape_md(map_title(amap))}", ""]
    if amap.meta.description:
        out += [escape_md(amap.meta.description), ""]
    n_rel = len(amap.relations)
    out += [f"{len(amap.claims)} claims, {n_rel} relations, {len(amap.theses)} theses.", ""]
    out += ["## Theses", ""]
    if not amap.theses:
        out += ["The map has no thesis.", ""]
    for thesis in amap.theses:
        sub = thesis_map(amap, thesis.id)
        line = f"- [{escape_md(thesis.label or thesis.text)}]({thesis.id}.md): {len(sub.claims) - 1} claims bear on it"
        if evaluation is not None:
            strength = evaluation.strength(thesis.id)
            line += f"; {_STATUS_WORD[evaluation.status(thesis.id)]}"
            if strength is not None:
                line += f", strength {strength:.2f}"
        out.append(line)
    out.append("")
    if comparisons:
        out += ["## Comparisons", ""]
        for a, b in comparisons:
            first, second = (escape_md(amap.claim(t).label or amap.claim(t).text) for t in (a, b))
            out.append(f"- [{first} vs. {second}]({comparison_stem(a, b)}.md)")
        out.append("")
    if overview:
        out += ["## Overview", "", f"[![Overview of the whole map]({overview})]({overview})", ""]
    connected = reaching(amap, [t.id for t in amap.theses])
    unconnected = [c for c in amap.claims if c.id not in connected]
    if unconnected:
        out += ["## Claims connected to no thesis", ""]
        for claim in unconnected:
            out.append(f'- <a id="{anchor(claim.id)}"></a>{escape_md(claim.label or claim.text)}')
        out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
