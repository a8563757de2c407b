"""Verdicts and scores in words: one sentence saying why a claim stands, falls or stays open. Pure.

The sentences name claims through a callback, so a Markdown page can link them and a
tooltip can print plain titles. No markup of any kind is written here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from argmap.evaluate import Answer, Assessment, Evaluation, Verdict
from argmap.model import CONDITIONAL_KINDS, ArgumentMap, ClaimKind, ProofStandard, RelationKind
from argmap.semantics import standards as std

Namer = Callable[[str], str]

VERDICT_WORDS = {
    Verdict.STANDS: "Stands",
    Verdict.FALLS: "Falls",
    Verdict.CONTESTED: "Contested",
    Verdict.OPEN: "Open",
    Verdict.NOT_ASSESSED: "Not assessed",
}
#: What each verdict means, for legends and tables.
VERDICT_MEANINGS = {
    Verdict.STANDS: "its reasons carry it, or nothing standing objects to it",
    Verdict.FALLS: "a standing objection outweighs whatever supports it, or undercuts it",
    Verdict.CONTESTED: "standing reasons on both sides that its proof standard does not settle",
    Verdict.OPEN: "no standing reason decides it, or a cycle leaves it undecided",
    Verdict.NOT_ASSESSED: "a forecast or question: it counts only once it comes true or is answered",
}
#: Each standard as a noun phrase: "under ...", "does not meet ...", "which ... does not settle".
STANDARD_NAMES = {
    ProofStandard.SCINTILLA: "the scintilla-of-evidence standard",
    ProofStandard.PREPONDERANCE: "the preponderance standard",
    ProofStandard.CLEAR_AND_CONVINCING: "the clear-and-convincing standard",
    ProofStandard.BEYOND_REASONABLE_DOUBT: "the beyond-reasonable-doubt standard",
    ProofStandard.DIALECTICAL: "the dialectical standard",
}
_LEAD = f"above {std.ALPHA} and ahead of its weightiest standing objection by more than {std.BETA}"
#: What each standard asks for a claim to stand, after "which asks for".
STANDARD_ASKS = {
    ProofStandard.SCINTILLA: "one standing reason",
    ProofStandard.PREPONDERANCE: "a reason weightier than its weightiest standing objection",
    ProofStandard.CLEAR_AND_CONVINCING: f"a reason {_LEAD}",
    ProofStandard.BEYOND_REASONABLE_DOUBT: (
        f"a reason {_LEAD}, and no standing objection of {std.GAMMA} or more"
    ),
    ProofStandard.DIALECTICAL: "a standing reason and no standing objection",
}


def series(words: Sequence[str], limit: int = 3) -> str:
    """``a``, ``a and b``, ``a, b and c``, or ``a, b, c and 2 more``."""
    words = list(words)
    if len(words) > limit:
        return ", ".join(words[:limit]) + f" and {len(words) - limit} more"
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def state_heading(evaluation: Evaluation) -> str:
    """The head of a column of results: verdicts, or a formal reading's statuses."""
    return "Status" if evaluation.formal else "Verdict"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 reason``, ``2 reasons`` (``many``: the plural, where it is not ``word + "s"``)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def direct_tally(amap: ArgumentMap, evaluation: Evaluation, claim_id: str) -> str:
    """How many of a claim's direct reasons and objections stand, in one sentence ("" when
    only forecasts and questions bear on it, which count once settled and are named apart).
    """
    incoming = amap.incoming.get(claim_id, ())
    formal = evaluation.formal
    supporters = [r.source for r in incoming if r.kind is RelationKind.SUPPORTS]
    pro, aside = counted(amap, supporters, formal=formal)
    attackers = [r.source for r in incoming if r.kind is not RelationKind.SUPPORTS]
    con, aside_con = counted(amap, attackers, formal=formal)
    aside += aside_con
    if not pro and not con:
        return ""
    reasons = _tally([evaluation.stands(c) for c in pro], "reason", formal)
    objections = _tally([evaluation.stands(c) for c in con], "objection", formal)
    text = f"It has {reasons}{',' if ',' in reasons else ''} and {objections}"
    if aside:
        they = "they count" if len(aside) > 1 else "it counts"
        text += f" ({conditionals(aside)} aside: {they} only once settled)"
    return text + "."


def counted(
    amap: ArgumentMap, ids: Sequence[str], *, formal: bool = False
) -> tuple[list[str], list[ClaimKind]]:
    """Those of ``ids`` that count in a verdict, and the kinds of the rest: the forecasts
    and questions, which count only once settled. A formal reading counts every claim."""
    if formal:
        return list(ids), []
    kinds = [amap.claim(c).kind for c in ids]
    kept = [c for c, kind in zip(ids, kinds, strict=True) if kind not in CONDITIONAL_KINDS]
    return kept, [kind for kind in kinds if kind in CONDITIONAL_KINDS]


def conditionals(kinds: Sequence[ClaimKind]) -> str:
    """``1 forecast``, ``2 questions``, ``3 forecasts or questions``."""
    names = sorted({"forecast" if k is ClaimKind.FORECAST else "question" for k in kinds})
    what = " or ".join(f"{n}s" for n in names) if len(kinds) > 1 else names[0]
    return f"{len(kinds)} {what}"


def _tally(standing: Sequence[bool], noun: str, formal: bool = False) -> str:
    """``2 direct reasons, of which 1 stands``, in words that agree with the numbers (a
    formal reading's: ``is accepted``)."""
    one, many = ("is accepted", "are accepted") if formal else ("stands", "stand")
    not_one = "is not accepted" if formal else "does not stand"
    count, up = len(standing), sum(standing)
    if count == 0:
        return f"no direct {noun}s"
    if count == 1:
        return f"1 direct {noun}, which " + (one if up else not_one)
    if up == 0:
        return f"{count} direct {noun}s, none of which {one}"
    if up == count:
        return f"{count} direct {noun}s, all of which {many}"
    return f"{count} direct {noun}s, of which {up} " + (one if up == 1 else many)


def why(assessment: Assessment, name: Namer) -> str:
    """Why a claim has its verdict, in one or two sentences (claims named by ``name``)."""
    a = assessment
    verdict = a.verdict
    head = VERDICT_WORDS[verdict]
    if verdict is Verdict.NOT_ASSESSED:
        what = "a forecast counts" if a.kind is ClaimKind.FORECAST else "a question counts"
        return f"{head}: {what} for nothing until it is settled."
    standard = STANDARD_NAMES[a.standard]
    text = _main(a, name, standard, head)
    if a.answered and verdict is not Verdict.FALLS:
        text += " " + _answered(a, name)
    forecasts = [c for c in a.conditional if c not in a.questions]
    if forecasts:
        text += (
            f" {series([name(c) for c in forecasts])} would bear on it only if "
            f"{'it' if len(forecasts) == 1 else 'they'} came true"
        )
    if a.questions:
        text += ", and " if forecasts else " "
        answered = f"once {'it is' if len(a.questions) == 1 else 'they are'} answered"
        text += f"{series([name(c) for c in a.questions])} would bear on it only {answered}"
    return text + "." if a.conditional else text


def _main(a: Assessment, name: Namer, standard: str, head: str) -> str:
    verdict = a.verdict
    pro = [name(r) for r in a.reasons]
    con = [name(o) for o in a.objections]
    wr, wo = weights(a.reason_weight, a.objection_weight)
    # The reason that is weighed: the weightiest, or an argument's premises together.
    lead = f"its weightiest reason, {pro[0]} ({wr})," if pro else ""
    if verdict is Verdict.FALLS and a.undercut_by:  # decisive, whatever the weights
        cut = [name(u) for u in a.undercut_by]
        says = _verb(cut, "undercut {} stands", "undercuts {} stand").format(series(cut))
        if not a.supported:
            return f"{head}: the {says} unanswered."
        deny = _verb(cut, "it denies", "they deny")
        what = "its premises carry its conclusion" if a.linked else "its reasons carry it"
        return f"{head}: the {says}: {deny} that {what}, whatever the weights."
    if a.linked:
        premises = _premises(a, name, head, con)
        if premises:
            return premises
        lead = f"its premises together, {series(pro)} ({wr}, the weight of the weakest),"
    plural_lead = a.linked  # "its premises together outweigh", "its weightiest reason outweighs"
    if verdict is Verdict.STANDS:
        pending = _aside(a, a.open_objections, name)
        if not a.supported:
            if a.answered or a.undecided:
                return f"{head}: no objection to it stands{pending}."
            return f"{head}: nothing objects to it."
        if not a.objections:
            if len(pro) == 1:
                return f"{head}: its reason {pro[0]} stands, and nothing standing objects{pending}."
            carry = f"{head}: {len(pro)} standing reasons carry it ({series(pro)})"
            return carry + (f", and nothing standing objects{pending}." if pending else ".")
        if a.standard is ProofStandard.SCINTILLA:
            object_ = _verb(con, "objects", "object")
            carried = "all its premises stand" if a.linked else f"{pro[0]} stands"
            return (
                f"{head}: under {standard} one standing reason is enough, and {carried}, "
                f"though {series(con)} {object_}."
            )
        if a.standard is ProofStandard.PREPONDERANCE:
            return (
                f"{head}: under {standard} {lead} {'outweigh' if plural_lead else 'outweighs'} "
                f"its weightiest objection, {con[0]} ({wo})."
            )
        doubt = a.standard is ProofStandard.BEYOND_REASONABLE_DOUBT
        below = f", which is below {std.GAMMA}" if doubt else ""
        return (
            f"{head}: under {standard} {lead} {'are' if plural_lead else 'is'} above "
            f"{std.ALPHA} and ahead of its weightiest objection, {con[0]} ({wo}{below}), by "
            f"more than {std.BETA}."
        )
    if verdict is Verdict.FALLS:
        objection = "the objection" if len(con) == 1 else "the objections"
        stand = _verb(con, "stands", "stand")
        if not a.supported:
            return f"{head}: {objection} {series(con)} {stand} unanswered."
        if not a.reasons:
            reasons = [r for r in a.undecided if r not in a.open_objections]
            pending = _aside(a, reasons, name)
            return (
                f"{head}: {objection} {series(con)} {stand}, and none of its reasons does{pending}."
            )
        return (
            f"{head}: under {standard} its weightiest objection, {con[0]} ({wo}), "
            f"outweighs {lead.rstrip(',')}."
        )
    if verdict is Verdict.CONTESTED:
        balance = (
            f"of equal weight ({wr})"
            if abs(a.reason_weight - a.objection_weight) < std.EPSILON
            else f"weighing {wr} against {wo}"
        )
        asks = ""
        if a.standard is not ProofStandard.PREPONDERANCE:  # which settles all but a tie
            asks = f" (it asks for {STANDARD_ASKS[a.standard]})"
        side = "its premises together" if a.linked else plural(len(pro), "standing reason")
        return (
            f"{head}: {side} for, {len(con)} against, "
            f"{balance}, which {standard} does not settle{asks}; the weightiest objection is "
            f"{con[0]}."
        )
    if a.cycle:
        hangs = [name(u) for u in a.cyclic if u not in a.contested]
        others = _others(a, name)
        if hangs:
            cycle = (
                f"{head}: it hangs on {series(hangs)}, which a cycle of relations leaves undecided"
            )
            return cycle + (f", and on {others}." if others else ".")
        also = f"; it also hangs on {others}" if others else ""
        return f"{head}: a cycle of relations leaves it undecided{also}."
    if pro:
        asks = STANDARD_ASKS[a.standard]
        if len(pro) == 1:
            return f"{head}: its reason {pro[0]} ({wr}) does not meet {standard}, which asks for {asks}."
        return f"{head}: its reasons ({series(pro)}) do not meet {standard}, which asks for {asks}."
    if a.struck or a.undecided:
        if not a.supported:
            return f"{head}: nothing supports it, and {_its_objections(a, name)}."
        reasons = [r for r in a.undecided if r not in a.open_objections and r not in a.circular]
        parts = _pending(a, reasons, name)
        if a.circular:
            rest = _verb(a.circular, "rests", "rest")
            parts.append(
                f"{series([name(c) for c in a.circular])} {rest} in turn on this claim: "
                "circular reasoning"
            )
        if a.struck:
            fallen = [s.claim_id for s in a.struck]
            parts.insert(0, f"{series([name(c) for c in fallen])} {_verb(fallen, 'falls', 'fall')}")
        text = f"{head}: none of its reasons stands ({'; '.join(parts)})"
        return text + (f", and {_its_objections(a, name)}." if a.open_objections else ".")
    return f"{head}: no standing reason or objection bears on it."


def _premises(a: Assessment, name: Namer, head: str, con: list[str]) -> str:
    """An argument's verdict when its premises decide it (all stand, unopposed; or not all
    stand), else empty."""
    if a.reasons and not a.objections and a.verdict is Verdict.STANDS:
        pending = _aside(a, a.open_objections, name)
        return (
            f"{head}: all its premises stand ({series([name(r) for r in a.reasons])}), "
            f"and nothing standing objects{pending}."
        )
    if a.reasons or a.cycle:
        return ""
    parts = [f"{name(s.claim_id)} falls" for s in a.struck]
    parts += _pending(a, [u for u in a.undecided if u not in a.open_objections], name)
    shortfall = "; ".join(parts) or "not all of them stand"
    if a.verdict is Verdict.FALLS:
        objection = "the objection" if len(con) == 1 else "the objections"
        stand = _verb(con, "stands", "stand")
        return (
            f"{head}: {objection} {series(con)} {stand}, and not all its premises do ({shortfall})."
        )
    tail = f", and {_its_objections(a, name)}" if a.open_objections else ""
    return f"{head}: an argument holds only with all its premises, and {shortfall}{tail}."


def weights(*values: float) -> list[str]:
    """Weights in two decimals, or as many more as it takes to tell different ones apart."""
    for places in range(2, 10):
        shown = [f"{v:.{places}f}" for v in values]
        if all(
            shown[i] != shown[j]
            for i in range(len(values))
            for j in range(i)
            if abs(values[i] - values[j]) >= std.EPSILON
        ):
            return shown
    return [f"{v:.9f}" for v in values]


def _answered(a: Assessment, name: Namer) -> str:
    """``The objection X is answered by Y.``, or each of several with what answers it."""

    def by(answer: Answer) -> str:
        if answer.by == (a.claim_id,):
            return " by this claim itself"
        return f" by {series([name(b) for b in answer.by])}" if answer.by else ""

    if len(a.answered) == 1:
        answer = a.answered[0]
        return f"The objection {name(answer.claim_id)} is answered{by(answer)}."
    parts = [f"{name(x.claim_id)}{by(x)}" for x in a.answered[:3]]
    more = f"; and {plural(len(a.answered) - 3, 'more objection')}" if len(a.answered) > 3 else ""
    return f"Its objections are answered: {'; '.join(parts)}{more}."


def _verb(ids: Sequence[str], one: str, many: str) -> str:
    return one if len(ids) == 1 else many


def _pending(a: Assessment, ids: Sequence[str], name: Namer) -> list[str]:
    """``ids`` (reasons or objections that neither stand nor fall) said as undecided (by a
    cycle), contested or open."""
    parts = []
    for state, group in _states(a, ids):
        parts.append(f"{series([name(c) for c in group])} {_verb(group, 'is', 'are')} {state}")
    return parts


def _states(a: Assessment, ids: Sequence[str]) -> list[tuple[str, list[str]]]:
    groups = (
        ("undecided", [c for c in ids if c in a.cyclic and c not in a.contested]),
        ("contested", [c for c in ids if c in a.contested]),
        ("open", [c for c in ids if c not in a.cyclic and c not in a.contested]),
    )
    return [(state, group) for state, group in groups if group]


def _aside(a: Assessment, ids: Sequence[str], name: Namer) -> str:
    """`` (X is open)``: inputs that neither stand nor fall, and so do not count ("" if none)."""
    return f" ({'; '.join(_pending(a, ids, name))})" if ids else ""


def _its_objections(a: Assessment, name: Namer) -> str:
    """``its objection X is contested``: the objections that neither stand nor fall."""
    noun = "objection" if len(a.open_objections) == 1 else "objections"
    return f"its {noun} " + "; ".join(_pending(a, a.open_objections, name))


def _others(a: Assessment, name: Namer) -> str:
    """The undecided inputs that no cycle leaves so, each with its verdict ("" when none)."""
    rest = [c for c in a.undecided if c not in a.cyclic or c in a.contested]
    return "; ".join(
        f"{series([name(c) for c in group])}, which {_verb(group, 'is', 'are')} {state}"
        for state, group in _states(a, rest)
    )


def claim_why(amap: ArgumentMap, evaluation: Evaluation, claim_id: str, name: Namer) -> str:
    """The sentence for a claim under the proof standards, or its formal status in words."""
    assessment = evaluation.assessment(claim_id)
    if assessment is not None:
        return why(assessment, name)
    # Imported here: that module builds on this one's words.
    from argmap.explain_formal import formal_why

    return formal_why(amap, evaluation, claim_id, name)


#: What a thesis would become, as a verb phrase: "would make the thesis stand".
BECOME = {
    Verdict.STANDS: "stand",
    Verdict.FALLS: "fall",
    Verdict.CONTESTED: "contested",
    Verdict.OPEN: "open",
    Verdict.NOT_ASSESSED: "not assessed",
}
