"""A thesis comparison as a Markdown page: verdicts side by side, reasons, shared claims, cruxes, what would settle each."""

from __future__ import annotations

from argmap.compare import Comparison, Crux, ThesisSide
from argmap.explain import claim_why, conditionals, counted, plural, state_heading
from argmap.explain_scores import score_note
from argmap.model import ArgumentMap, Claim
from argmap.render.text import anchor, clean, escape_html, escape_md, map_title, mid_sentence
from argmap.structure import Stance

_STANCE_WORD = {Stance.PRO: "for", Stance.CON: "against", Stance.MIXED: "both for and against"}


def _plain(claim: Claim) -> str:
    # A title of control characters alone cleans to nothing; the id still names the claim.
    return clean(claim.title) or claim.id


def _title(claim: Claim) -> str:
    return escape_md(_plain(claim))


def _link(amap: ArgumentMap, claim_id: str) -> str:
    return f"[{_title(amap.claim(claim_id))}](#{anchor(claim_id)})"


def _of(standing: int, count: int, noun: str, formal: bool) -> str:
    """``1 of 2 reasons standing`` (``accepted`` under a formal reading), or ``no reasons``."""
    word = "accepted" if formal else "standing"
    return f"{standing} of {plural(count, noun)} {word}" if count else f"no {noun}s"


def _word(state: str) -> str:
    """A verdict or formal status as the thesis pages and JSON spell it."""
    return state


def _side_by_side(amap: ArgumentMap, comparison: Comparison) -> list[str]:
    a, b = comparison.sides
    evaluation = comparison.evaluation

    def verdict(side: ThesisSide) -> str:
        return f"**{_word(side.state)}**"

    def standing(side: ThesisSide) -> str:
        """As the thesis's page counts them: forecasts and questions aside, until settled
        (a formal reading counts them)."""
        reasons, aside = counted(amap, side.supporters, formal=evaluation.formal)
        objections, aside_con = counted(amap, side.attackers, formal=evaluation.formal)
        aside += aside_con
        return (
            f"{_of(side.standing_supporters, len(reasons), 'reason', evaluation.formal)}, "
            f"{_of(side.standing_attackers, len(objections), 'objection', evaluation.formal)}"
            + (f" ({conditionals(aside)} aside)" if aside else "")
        )

    lines = [
        f"| | {_link(amap, a.thesis_id)} | {_link(amap, b.thesis_id)} |",
        "| --- | --- | --- |",
        f"| {state_heading(evaluation)} | {verdict(a)} | {verdict(b)} |",
        f"| Direct reasons and objections | {standing(a)} | {standing(b)} |",
        f"| Claims bearing on it | {a.size} | {b.size} |",
    ]
    if evaluation.gradual is not None:
        cells = [f"{s.strength:.2f}" if s.strength is not None else "–" for s in (a, b)]
        lines.append(f"| Score | {cells[0]} | {cells[1]} |")
    return lines


def _reasons_table(amap: ArgumentMap, comparison: Comparison, side: ThesisSide) -> list[str]:
    rows = [(s, "for") for s in side.supporters] + [(s, "against") for s in side.attackers]
    if not rows:
        return ["No claim supports or attacks this thesis directly."]
    evaluation = comparison.evaluation
    scores = evaluation.gradual is not None
    lines = [
        f"| Claim | Bears | {state_heading(evaluation)} |" + (" Score |" if scores else ""),
        "| --- | --- | --- |" + (" ---: |" if scores else ""),
    ]
    for cid, bears in rows:
        row = f"| {_link(amap, cid)} | {bears} | {_word(evaluation.state(cid))} |"
        if scores:
            value = evaluation.strength(cid)
            row += f" {value:.2f} |" if value is not None else " – |"
        lines.append(row)
    return lines


def _shared_table(amap: ArgumentMap, comparison: Comparison) -> list[str]:
    if not comparison.shared:
        return ["No claim bears on both theses."]
    a, b = (_title(amap.claim(s.thesis_id)) for s in comparison.sides)
    column = state_heading(comparison.evaluation)
    lines = [f"| Claim | Toward {a} | Toward {b} | {column} |", "| --- | --- | --- | --- |"]
    for item in comparison.shared:
        lines.append(
            f"| {_link(amap, item.claim_id)} | {_STANCE_WORD[item.stance_a]} | "
            f"{_STANCE_WORD[item.stance_b]} | {_word(comparison.evaluation.state(item.claim_id))} |"
        )
    return lines


def _crux_cell(crux: Crux, index: int) -> str:
    change = crux.changes[index]
    if not change.changed:
        return _word(change.before)
    return f"{_word(change.before)} → **{_word(change.after)}**"


def _crux_lines(amap: ArgumentMap, comparison: Comparison) -> list[str]:
    if comparison.evaluation.formal:
        flipped = (
            "The one claim bearing on either thesis was tried"
            if comparison.tested == 1
            else f"Each of the {comparison.tested} claims bearing on either thesis was tried in turn"
        )
        intro = (
            "A crux is a claim whose removal (if it is accepted) or acceptance (if not) would "
            f"change a compared thesis's status. {flipped}"
        )
    else:
        flipped = (
            "The one claim bearing on either thesis was flipped (both ways if open or contested)"
            if comparison.tested == 1
            else f"Each of the {comparison.tested} claims bearing on either thesis was flipped "
            "in turn (an open or contested one both ways)"
        )
        intro = (
            "A crux is a claim whose verdict flipping (stands ↔ falls) would change a compared "
            f"thesis's verdict. {flipped}"
        )
    if comparison.tested < comparison.candidates:
        intro += f", the nearest of {comparison.candidates}"
    intro += "."
    if not comparison.cruxes:
        return [intro + " No single flip changes either thesis's verdict."]
    a, b = (_title(amap.claim(s.thesis_id)) for s in comparison.sides)
    both = sum(crux.moves == 2 for crux in comparison.cruxes)
    if both == len(comparison.cruxes):
        intro += " Each of them moves both theses." if both > 1 else " It moves both theses."
    elif both:
        intro += " Those that move both theses come first."
    out = [
        intro,
        "",
        f"| # | If this claim … | {a} | {b} |",
        "| ---: | --- | --- | --- |",
    ]
    for i, crux in enumerate(comparison.cruxes, 1):
        what = f"{_link(amap, crux.claim_id)} {_word(crux.flipped)} (now {_word(crux.before)})"
        out.append(f"| {i} | {what} | {_crux_cell(crux, 0)} | {_crux_cell(crux, 1)} |")
    if comparison.unlisted:
        out += [
            "",
            f"{plural(comparison.unlisted, 'more crux', 'more cruxes')}, moving as many "
            "theses or fewer, not listed.",
        ]
    return out


def _settle_lines(amap: ArgumentMap, comparison: Comparison) -> list[str]:
    if comparison.evaluation.formal:
        return []
    out = ["## What would settle each", ""]
    for side in comparison.sides:
        settlers = comparison.settlers.get(side.thesis_id, ())
        name = _title(amap.claim(side.thesis_id))
        if not settlers:
            out.append(f"- *{name}*: no forecast in the map would change its verdict on its own.")
            continue
        for s in settlers:
            out.append(
                f"- *{name}*: if {_link(amap, s.forecast_id)} comes true, it would go from "
                f"{_word(s.before)} to **{_word(s.after)}**."
            )
    return [*out, ""]


def _mentioned(comparison: Comparison) -> list[str]:
    ids: set[str] = set()
    for side in comparison.sides:
        ids.update((side.thesis_id, *side.supporters, *side.attackers))
    ids.update(s.claim_id for s in comparison.shared)
    ids.update(c.claim_id for c in comparison.cruxes)
    for settlers in comparison.settlers.values():
        ids.update(s.forecast_id for s in settlers)
    return sorted(ids)


def render_compare_markdown(
    amap: ArgumentMap,
    comparison: Comparison,
    *,
    map_image: str | None = None,
    index_link: str | None = None,
) -> str:
    """The Markdown page of a comparison: verdicts side by side, reasons, shared claims,
    cruxes and what would settle each thesis.

    Args:
        amap: The whole map the comparison was made on.
        comparison: What :func:`argmap.compare.compare_theses` found.
        map_image: Relative path of the side-by-side SVG to embed.
        index_link: Relative path of the index page to link back to.

    Returns:
        CommonMark (with GFM tables); every claim it links to has an anchor on the page.
    """
    a, b = (amap.claim(s.thesis_id) for s in comparison.sides)
    evaluation = comparison.evaluation
    out = [f"[← {escape_md(map_title(amap))}]({index_link})", ""] if index_link else []
    out += [f"# {_title(a)} vs {_title(b)}", ""]
    named: set[str] = set()

    def name(claim_id: str) -> str:
        named.add(claim_id)
        return f"[{escape_md(mid_sentence(_plain(amap.claim(claim_id))))}](#{anchor(claim_id)})"

    for side in comparison.sides:
        why = claim_why(amap, evaluation, side.thesis_id, name)
        out += [f"- *{_title(amap.claim(side.thesis_id))}*: {why}"]
    out.append("")
    if map_image:
        out += [f"[![Side-by-side map: {_title(a)} vs {_title(b)}]({map_image})]({map_image})", ""]
    reading = evaluation.settings.describe()
    out += [f"{escape_md(reading[:1].upper() + reading[1:])}.", ""]
    note = score_note(evaluation.gradual)
    if note:
        out += [note, ""]
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
    out += _settle_lines(amap, comparison)
    if comparison.notes:
        out += ["## Notes", ""] + [f"- {escape_md(n)}" for n in comparison.notes] + [""]
    out += ["## Claims", ""]
    for cid in sorted({*_mentioned(comparison), *named}):
        claim = amap.claim(cid)
        facts = f"(`{escape_html(cid)}`, {claim.kind.value})"
        line = f'- <a id="{anchor(cid)}"></a>**{_title(claim)}** {facts}'
        text = escape_md(claim.text)
        if claim.label is not None and text:
            line += f": {text}"
        out.append(line)
    return "\n".join(out) + "\n"
