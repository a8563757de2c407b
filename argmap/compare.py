"""Comparing theses: their reasons and verdicts, shared claims, cruxes and what would settle each. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from argmap.assess import VERDICT_OF_LABEL
from argmap.errors import UsageError
from argmap.evaluate import (
    NO_SCORES,
    Evaluation,
    EvaluationSettings,
    Verdict,
    evaluate_map,
    evaluate_or_unscored,
    standards_graph,
    unscored_notes,
)
from argmap.model import CONDITIONAL_KINDS, ArgumentMap, Claim, ClaimKind, RelationKind
from argmap.semantics import standards as std
from argmap.structure import (
    Stance,
    reaching,
    require_thesis,
    stances,
    with_claim_accepted,
    without_claim,
)

#: A map without declared pairs gets every pair compared when it has this many theses.
AUTO_PAIRS_THESES = range(2, 5)
#: Claim evaluations a formal reading's crux search may spend (one map evaluation per
#: tested claim): every claim bearing on the theses is tested on a map of up to 200 claims,
#: the ones nearest the theses on a larger map. The proof standards need no budget: a flip
#: re-decides only what the flipped claim reaches.
FORMAL_CRUX_BUDGET = 40_000
#: Claims tested as cruxes under a formal reading however large the map.
MIN_CRUX_CANDIDATES = 10
_FLIPS = {
    Verdict.STANDS: (std.Label.FALLS,),
    Verdict.FALLS: (std.Label.STANDS,),
    Verdict.CONTESTED: (std.Label.STANDS, std.Label.FALLS),
    Verdict.OPEN: (std.Label.STANDS, std.Label.FALLS),
}
_WORD = {std.Label.STANDS: "stands", std.Label.FALLS: "falls"}


@dataclass(frozen=True)
class ThesisSide:
    """One thesis of a comparison: its direct reasons and objections and its verdict.

    Attributes:
        thesis_id: The thesis.
        supporters: Claims that support it directly, by id.
        attackers: Claims that attack or undercut it directly, by id.
        state: Its verdict (or formal status).
        standing_supporters: How many direct supporters stand.
        standing_attackers: How many direct attackers stand.
        strength: Its score under the gradual semantics, if any.
        size: How many claims have a relation path to it.
    """

    thesis_id: str
    supporters: tuple[str, ...]
    attackers: tuple[str, ...]
    state: str
    standing_supporters: int
    standing_attackers: int
    strength: float | None
    size: int


@dataclass(frozen=True)
class SharedClaim:
    """A claim with a relation path to both theses, and its stance toward each."""

    claim_id: str
    stance_a: Stance
    stance_b: Stance


@dataclass(frozen=True)
class Change:
    """A thesis's verdict before and after a change to one claim."""

    thesis_id: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        """Whether the verdict differs."""
        return self.before != self.after


@dataclass(frozen=True)
class Crux:
    """A claim whose verdict flipping changes the verdict of at least one compared thesis.

    Attributes:
        claim_id: The claim.
        before: Its verdict now.
        flipped: The verdict it is flipped to (``stands`` or ``falls``).
        changes: How each compared thesis fares after the flip, in the order compared.
    """

    claim_id: str
    before: str
    flipped: str
    changes: tuple[Change, ...]

    @property
    def moves(self) -> int:
        """How many compared theses change verdict."""
        return sum(1 for c in self.changes if c.changed)


@dataclass(frozen=True)
class Settler:
    """A forecast that, if it came true, would change a thesis's verdict."""

    forecast_id: str
    thesis_id: str
    before: str
    after: str


@dataclass(frozen=True)
class Comparison:
    """Theses side by side, as :func:`compare_theses` finds them.

    Attributes:
        thesis_a: The first thesis.
        thesis_b: The second thesis.
        evaluation: The map's evaluation that every verdict here comes from.
        shared: The claims with a relation path to both theses, by id.
        a_toward_b: The first thesis's stance toward the second, if it bears on it.
        b_toward_a: The second thesis's stance toward the first, if it bears on it.
        tested: How many claims were flipped in turn.
        candidates: How many claims bear on the theses (the ones that could be cruxes).
        cruxes: The cruxes, most theses moved first (at most the number asked for).
        unlisted: How many more cruxes were found than ``cruxes`` lists.
        settlers: For each thesis, the forecasts that would change its verdict.
        notes: What the evaluation reported, and what the crux search left out.
    """

    thesis_a: ThesisSide
    thesis_b: ThesisSide
    evaluation: Evaluation
    shared: tuple[SharedClaim, ...]
    a_toward_b: Stance | None
    b_toward_a: Stance | None
    tested: int
    candidates: int
    cruxes: tuple[Crux, ...]
    settlers: Mapping[str, tuple[Settler, ...]]
    notes: tuple[str, ...]
    unlisted: int = 0

    @property
    def sides(self) -> tuple[ThesisSide, ThesisSide]:
        """Both theses, in the order they were given."""
        return (self.thesis_a, self.thesis_b)


def comparison_pairs(amap: ArgumentMap) -> list[tuple[str, str]]:
    """The pairs of theses a build compares: those the map declares under ``compare``, or,
    when it declares none, every pair of its theses if it has two to four.

    Pairs of a thesis with itself and repeated pairs are left out.
    """
    declared = amap.meta.compare
    if not declared and len(amap.theses) in AUTO_PAIRS_THESES:
        declared = tuple(combinations([t.id for t in amap.theses], 2))
    return list(dict.fromkeys((a, b) for a, b in declared if a != b))


def _side(amap: ArgumentMap, thesis_id: str, evaluation: Evaluation) -> ThesisSide:
    incoming = amap.incoming.get(thesis_id, ())
    supporters = tuple(r.source for r in incoming if r.kind is RelationKind.SUPPORTS)
    attackers = tuple(
        dict.fromkeys(r.source for r in incoming if r.kind is not RelationKind.SUPPORTS)
    )
    return ThesisSide(
        thesis_id=thesis_id,
        supporters=supporters,
        attackers=attackers,
        state=evaluation.state(thesis_id),
        standing_supporters=sum(1 for s in supporters if evaluation.stands(s)),
        standing_attackers=sum(1 for s in attackers if evaluation.stands(s)),
        strength=evaluation.strength(thesis_id),
        size=len(reaching(amap, [thesis_id])) - 1,
    )


def _bearing(amap: ArgumentMap, theses: Sequence[str]) -> list[str]:
    """The claims with a relation path to any of the theses, nearest first (then by id)."""
    depth: dict[str, int] = {}
    level = sorted(theses)
    incoming = amap.incoming
    d = 0
    seen = set(theses)
    while level:
        d += 1
        below = sorted(
            {r.source for t in level for r in incoming.get(t, ()) if r.source not in seen}
        )
        seen.update(below)
        for cid in below:
            depth[cid] = d
        level = below
    return sorted(depth, key=lambda c: (depth[c], c))


def find_cruxes(
    amap: ArgumentMap, theses: Sequence[str], evaluation: Evaluation
) -> tuple[tuple[Crux, ...], int, int]:
    """Flip each claim bearing on the theses (stands ↔ falls; an open or contested claim
    both ways) and keep the flips that change a thesis's verdict.

    Under the proof standards a flip re-decides only what the flipped claim reaches, so
    every claim is tested whatever the map's size. Under a formal reading a claim that is
    accepted is taken out and any other is made to stand (its attacks dropped), one map
    evaluation each, within :data:`FORMAL_CRUX_BUDGET`.

    Returns:
        The cruxes (most theses moved first, then by id), how many claims were tested, and
        how many could have been.
    """
    pool = [c for c in _bearing(amap, theses) if amap.by_id[c].kind not in CONDITIONAL_KINDS]
    if evaluation.formal:
        return _formal_cruxes(amap, theses, evaluation, pool)
    graph, names = standards_graph(amap, evaluation.settings.standard)
    index = {name: i for i, name in enumerate(names)}
    base = std.solve(graph)
    successors = graph.successors()
    found: list[Crux] = []
    for cid in pool:
        before = evaluation.verdicts[cid]
        for label in _FLIPS.get(before, ()):
            after = std.resolve(graph, base, {index[cid]: label}, successors)
            changes = tuple(
                Change(t, evaluation.state(t), VERDICT_OF_LABEL[after[index[t]]].value)
                for t in theses
            )
            crux = Crux(cid, before.value, _WORD[label], changes)
            if crux.moves:
                found.append(crux)
    found.sort(key=lambda c: (-c.moves, c.claim_id, c.flipped))
    return tuple(found), len(pool), len(pool)


def _formal_cruxes(
    amap: ArgumentMap, theses: Sequence[str], evaluation: Evaluation, pool: list[str]
) -> tuple[tuple[Crux, ...], int, int]:
    room = max(MIN_CRUX_CANDIDATES, FORMAL_CRUX_BUDGET // max(len(amap.claims), 1))
    tested = pool[:room]
    settings = EvaluationSettings(
        semantics=evaluation.settings.semantics, support=evaluation.settings.support, gradual=None
    )
    found: list[Crux] = []
    for cid in tested:
        stands = evaluation.stands(cid)
        changed = without_claim(amap, cid) if stands else with_claim_accepted(amap, cid)
        if changed is None:
            continue
        after = evaluate_map(changed, settings)
        changes = tuple(Change(t, evaluation.state(t), after.state(t)) for t in theses)
        crux = Crux(cid, evaluation.state(cid), "rejected" if stands else "accepted", changes)
        if crux.moves:
            found.append(crux)
    found.sort(key=lambda c: (-c.moves, c.claim_id))
    return tuple(found), len(tested), len(pool)


def what_would_settle(
    amap: ArgumentMap, thesis_id: str, evaluation: Evaluation
) -> tuple[Settler, ...]:
    """The forecasts bearing on a thesis that, if they came true, would change its verdict.

    A forecast that comes true is read as a standing claim whose relations count; only
    what it reaches is re-decided. Empty under a formal reading, where forecasts are
    arguments like any other.
    """
    if evaluation.formal:
        return ()
    forecasts = [c for c in _bearing(amap, [thesis_id]) if amap.by_id[c].kind is ClaimKind.FORECAST]
    if not forecasts:
        return ()
    graph, names = standards_graph(amap, evaluation.settings.standard)
    index = {name: i for i, name in enumerate(names)}
    base = std.solve(graph)
    found: list[Settler] = []
    before = evaluation.state(thesis_id)
    for fid in forecasts:
        true_graph = _with_relations(graph, amap.by_id[fid], index)
        after = std.resolve(
            true_graph, base, {index[fid]: std.Label.STANDS}, true_graph.successors()
        )
        now = VERDICT_OF_LABEL[after[index[thesis_id]]].value
        if now != before:
            found.append(Settler(fid, thesis_id, before, now))
    return tuple(found)


def _with_relations(
    graph: std.StandardsGraph, claim: Claim, index: Mapping[str, int]
) -> std.StandardsGraph:
    """The graph with one conditional claim's relations counted."""
    reasons = list(graph.reasons)
    objections = list(graph.objections)
    undercuts = list(graph.undercuts) or [() for _ in range(graph.n)]
    me = index[claim.id]
    for target in claim.supports:
        reasons[index[target]] = sorted({*reasons[index[target]], me})
    for target in (*claim.attacks, *claim.undercuts):
        objections[index[target]] = sorted({*objections[index[target]], me})
    for target in claim.undercuts:
        undercuts[index[target]] = sorted({*undercuts[index[target]], me})
    return replace(graph, reasons=reasons, objections=objections, undercuts=undercuts)


def compare_theses(
    amap: ArgumentMap,
    thesis_a: str,
    thesis_b: str,
    *,
    evaluation: Evaluation | None = None,
    settings: EvaluationSettings | None = None,
    max_cruxes: int = 10,
) -> Comparison:
    """Put two theses of a map side by side.

    Each thesis gets its direct reasons and objections, how many of them stand, its
    verdict and score. Claims with a relation path to both theses are listed with their
    stance toward each. Cruxes are the claims bearing on either thesis whose verdict
    flipping would change a thesis's verdict (see :func:`find_cruxes`); and for each
    thesis, the forecasts that would change its verdict if they came true.

    Args:
        amap: The whole map.
        thesis_a: The first thesis's id.
        thesis_b: The second thesis's id.
        evaluation: The map's evaluation, when the caller has one already.
        settings: The reading to evaluate under when no evaluation is given.
        max_cruxes: How many cruxes to keep.

    Raises:
        UsageError: A thesis is unknown or not a thesis, or both are the same.
        EvaluationError: The map's scores do not converge (with no evaluation given).
    """
    require_thesis(amap, thesis_a)
    require_thesis(amap, thesis_b)
    if thesis_a == thesis_b:
        raise UsageError(f"cannot compare {thesis_a!r} with itself: name two different theses")
    if max_cruxes < 0:
        raise UsageError(f"max_cruxes must be 0 or more, not {max_cruxes}")
    notes: list[str] = []
    if evaluation is None:
        evaluation = evaluate_or_unscored(amap, settings)
    unscored = unscored_notes(evaluation)
    notes += [f"{note.removeprefix(NO_SCORES)}; scores are left out" for note in unscored]
    theses = (thesis_a, thesis_b)
    cruxes, tested, candidates = find_cruxes(amap, theses, evaluation)
    if tested < candidates:
        notes.append(
            f"the crux search tried the {tested} claims nearest the theses of the "
            f"{candidates} that bear on them"
        )
    toward_a = stances(amap, thesis_a)
    toward_b = stances(amap, thesis_b)
    shared = tuple(
        SharedClaim(cid, toward_a[cid], toward_b[cid])
        for cid in sorted(toward_a.keys() & toward_b.keys())
        if cid not in theses
    )
    return Comparison(
        thesis_a=_side(amap, thesis_a, evaluation),
        thesis_b=_side(amap, thesis_b, evaluation),
        evaluation=evaluation,
        shared=shared,
        a_toward_b=toward_b.get(thesis_a),
        b_toward_a=toward_a.get(thesis_b),
        tested=tested,
        candidates=candidates,
        cruxes=cruxes[:max_cruxes],
        unlisted=max(0, len(cruxes) - max_cruxes),
        settlers={t: what_would_settle(amap, t, evaluation) for t in theses},
        notes=tuple(dict.fromkeys([*notes, *(n for n in evaluation.notes if n not in unscored)])),
    )
