"""Comparing two theses: their reasons, verdicts, shared claims and cruxes. Pure; does no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations
from typing import NamedTuple

from argmap.errors import EvaluationError, UsageError
from argmap.evaluate import (
    DEFAULT_SUPPORT,
    EXTENSION_SEMANTICS,
    GRADUAL_SEMANTICS,
    SUPPORT_READINGS,
    Evaluation,
    Status,
    evaluate_map,
)
from argmap.model import ArgumentMap, Claim, RelationKind
from argmap.structure import Stance, require_thesis, stances
from argmap.validate import reaching

#: A map without declared pairs gets every pair compared when it has this many theses.
AUTO_PAIRS_THESES = range(2, 5)
#: Strength moves smaller than this do not show at two decimals and make no crux.
MIN_SHIFT = 0.005
#: Semantics whose verdict on a claim can depend on parts of the map it has no path to
#: (one odd cycle anywhere can leave no stable extension at all), so every claim is tested.
NON_DIRECTIONAL = frozenset({"stable", "semi-stable"})
#: Claim evaluations the crux search may spend, two map evaluations per tested claim
#: (a fifth of a second or so): every claim connected to the theses is tested on a map of
#: up to 100 claims, the ones nearest the theses on a larger map.
CRUX_BUDGET = 20_000
#: Claims tested as cruxes however large the map.
MIN_CRUX_CANDIDATES = 10
_FIELDS = ("supports", "attacks", "undercuts")


class Action(StrEnum):
    """What is done to a claim to see how much a thesis depends on it."""

    REMOVE = "remove"
    ACCEPT = "accept"


@dataclass(frozen=True)
class ThesisSide:
    """One thesis of a comparison: its direct reasons and its verdict under each semantics.

    Attributes:
        thesis_id: The thesis.
        supporters: Claims that support it directly, by id.
        attackers: Claims that attack or undercut it directly, by id.
        statuses: Its status under each extension semantics, by semantics name.
        standing_supporters: How many direct supporters are accepted, by semantics name.
        standing_attackers: How many direct attackers are accepted, by semantics name.
        strengths: Its strength under each gradual semantics, by semantics name.
        size: How many claims have a relation path to it.
    """

    thesis_id: str
    supporters: tuple[str, ...]
    attackers: tuple[str, ...]
    statuses: Mapping[str, Status]
    standing_supporters: Mapping[str, int]
    standing_attackers: Mapping[str, int]
    strengths: Mapping[str, float]
    size: int


@dataclass(frozen=True)
class SharedClaim:
    """A claim with a relation path to both theses, and its stance toward each."""

    claim_id: str
    stance_a: Stance
    stance_b: Stance


@dataclass(frozen=True)
class Change:
    """How one thesis fares before and after an intervention on a claim."""

    thesis_id: str
    status_before: Status
    status_after: Status
    strength_before: float | None
    strength_after: float | None

    @property
    def status_changed(self) -> bool:
        """Whether the thesis's status differs."""
        return self.status_before is not self.status_after

    @property
    def shift(self) -> float:
        """The absolute change of the thesis's strength (0 without gradual semantics)."""
        if self.strength_before is None or self.strength_after is None:
            return 0.0
        return abs(self.strength_after - self.strength_before)


@dataclass(frozen=True)
class Crux:
    """A claim whose removal or acceptance changes how the theses fare, with the change."""

    claim_id: str
    action: Action
    changes: tuple[Change, Change]

    @property
    def status_changes(self) -> int:
        """How many of the two theses change status."""
        return sum(1 for c in self.changes if c.status_changed)

    @property
    def shift(self) -> float:
        """The larger strength move of the two theses."""
        return max(c.shift for c in self.changes)

    def rank_key(self) -> tuple[int, float, float, str, int]:
        """Sort key: status changes first, then the largest and the total strength move."""
        total = sum(c.shift for c in self.changes)
        order = 0 if self.action is Action.REMOVE else 1
        # Rounding keeps floating-point noise from reordering equal moves.
        return (-self.status_changes, -round(self.shift, 9), -round(total, 9), self.claim_id, order)


@dataclass(frozen=True)
class Comparison:
    """Two theses side by side, as :func:`compare_theses` finds them.

    Attributes:
        thesis_a: The first thesis.
        thesis_b: The second thesis.
        support: The support reading every evaluation used.
        semantics: The extension semantics reported.
        gradual: The gradual semantics reported.
        evaluations: The whole map's evaluation under each of them, by name (a gradual
            semantics's evaluation also holds statuses under ``crux_semantics``).
        baseline: The evaluation the cruxes start from: ``crux_semantics`` with
            ``crux_gradual``.
        shared: The claims with a relation path to both theses, by id.
        a_toward_b: The first thesis's stance toward the second, if it bears on it.
        b_toward_a: The second thesis's stance toward the first, if it bears on it.
        crux_semantics: The extension semantics the crux ranking used.
        crux_gradual: The gradual semantics the crux ranking used, if any.
        tested: How many claims were removed and accepted in turn.
        candidates: How many claims could be cruxes; on a large map only the ``tested``
            nearest the theses are tried (see ``CRUX_BUDGET``).
        cruxes: The strongest changes, ranked.
        notes: What the evaluations reported (convergence of cyclic maps and the like).
    """

    thesis_a: ThesisSide
    thesis_b: ThesisSide
    support: str
    semantics: tuple[str, ...]
    gradual: tuple[str, ...]
    evaluations: Mapping[str, Evaluation]
    baseline: Evaluation
    shared: tuple[SharedClaim, ...]
    a_toward_b: Stance | None
    b_toward_a: Stance | None
    crux_semantics: str
    crux_gradual: str | None
    tested: int
    candidates: int
    cruxes: tuple[Crux, ...]
    notes: tuple[str, ...]

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


def _check_names(names: Sequence[str], allowed: Sequence[str], what: str) -> None:
    for name in names:
        if name not in allowed:
            raise UsageError(f"unknown {what} {name!r}: expected one of {', '.join(allowed)}")


def _standing(evaluation: Evaluation, claim_ids: Sequence[str]) -> int:
    return sum(1 for cid in claim_ids if evaluation.status(cid) is Status.ACCEPTED)


def _side(
    amap: ArgumentMap,
    thesis_id: str,
    comparison_evals: Mapping[str, Evaluation],
    semantics: Sequence[str],
    gradual: Sequence[str],
) -> ThesisSide:
    incoming = [r for r in amap.relations if r.target == thesis_id]
    supporters = tuple(r.source for r in incoming if r.kind is RelationKind.SUPPORTS)
    attackers = tuple(
        dict.fromkeys(r.source for r in incoming if r.kind is not RelationKind.SUPPORTS)
    )
    evs = {name: comparison_evals[name] for name in semantics}
    strengths = {g: comparison_evals[g].strength(thesis_id) for g in gradual}
    return ThesisSide(
        thesis_id=thesis_id,
        supporters=supporters,
        attackers=attackers,
        statuses={name: ev.status(thesis_id) for name, ev in evs.items()},
        standing_supporters={name: _standing(ev, supporters) for name, ev in evs.items()},
        standing_attackers={name: _standing(ev, attackers) for name, ev in evs.items()},
        strengths={g: value for g, value in strengths.items() if value is not None},
        size=len(reaching(amap, [thesis_id])) - 1,
    )


def _component(amap: ArgumentMap, seeds: Sequence[str]) -> dict[str, int]:
    """The claims connected to ``seeds`` by relations in either direction, each with its
    distance from the nearest seed, nearest first (then by id)."""
    neighbours: dict[str, list[str]] = {c.id: [] for c in amap.claims}
    for rel in amap.relations:
        if rel.target in neighbours:
            neighbours[rel.source].append(rel.target)
            neighbours[rel.target].append(rel.source)
    distance = dict.fromkeys(sorted(seeds), 0)
    level = list(distance)
    depth = 0
    while level:
        depth += 1
        below = {o for claim_id in level for o in neighbours[claim_id] if o not in distance}
        level = sorted(below)
        distance.update(dict.fromkeys(level, depth))
    return distance


def _drop_targets(claim: Claim, target: str, fields: Sequence[str]) -> Claim:
    if not any(target in getattr(claim, f) for f in fields):
        return claim
    return claim.model_copy(
        update={f: tuple(t for t in getattr(claim, f) if t != target) for f in fields}
    )


def without_claim(amap: ArgumentMap, claim_id: str) -> ArgumentMap:
    """The map with one claim and every relation to or from it taken out."""
    claims = tuple(_drop_targets(c, claim_id, _FIELDS) for c in amap.claims if c.id != claim_id)
    return ArgumentMap(claims=claims)


def with_claim_accepted(amap: ArgumentMap, claim_id: str) -> ArgumentMap | None:
    """The map with one claim made to stand: every attack and undercut on it dropped and its
    base weight set to 1, so gradual semantics give it full strength. ``None`` when that
    changes nothing (the claim is unattacked and already has weight 1)."""
    claim = amap.claim(claim_id)
    attacked = any(
        r.target == claim_id and r.kind is not RelationKind.SUPPORTS for r in amap.relations
    )
    if not attacked and claim.weight == 1.0:
        return None
    drop = ("attacks", "undercuts")
    claims = tuple(
        _drop_targets(c, claim_id, drop).model_copy(update={"weight": 1.0})
        if c.id == claim_id
        else _drop_targets(c, claim_id, drop)
        for c in amap.claims
    )
    return ArgumentMap(claims=claims)


def _changes(
    theses: tuple[str, str], before: Evaluation, after: Evaluation
) -> tuple[Change, Change]:
    a, b = (
        Change(t, before.status(t), after.status(t), before.strength(t), after.strength(t))
        for t in theses
    )
    return (a, b)


class CruxSearch(NamedTuple):
    """What :func:`rank_cruxes` found: the ranked cruxes, how many claims it tested of how
    many could be cruxes, and notes."""

    cruxes: tuple[Crux, ...]
    tested: int
    candidates: int
    notes: tuple[str, ...]


def rank_cruxes(
    amap: ArgumentMap,
    theses: tuple[str, str],
    *,
    support: str,
    semantics: str,
    gradual: str | None,
    baseline: Evaluation,
    limit: int,
) -> CruxSearch:
    """Remove each candidate claim, then accept it, re-evaluate once each, and rank the effects.

    Candidates are the claims connected to either thesis: under directional semantics
    (grounded, complete, preferred, ideal and the gradual ones) no other claim can change
    a thesis's verdict. Under stable and semi-stable semantics every claim is a candidate.
    A change under which gradual strengths do not converge is ranked by status alone, and
    a note says so.

    Returns:
        The ``limit`` strongest cruxes, ranked, the number of claims tested, and notes.
    """
    directional = semantics not in NON_DIRECTIONAL
    nearest = _component(amap, theses)
    if directional:
        # Claims outside the theses' component cannot change them: evaluate without them.
        amap = ArgumentMap(meta=amap.meta, claims=tuple(amap.by_id[c] for c in sorted(nearest)))
    else:
        nearest.update({c.id: len(amap.claims) for c in amap.claims if c.id not in nearest})
    pool = [cid for cid in nearest if cid not in theses]
    # Two evaluations of the map per candidate: on a large map only the claims nearest the
    # theses are tested, within a budget of claim evaluations, so the search stays linear.
    room = max(MIN_CRUX_CANDIDATES, CRUX_BUDGET // (2 * max(len(amap.claims), 1)))
    candidates = sorted(pool[:room])
    found: list[Crux] = []
    notes: list[str] = []
    for cid in candidates:
        for action, changed in (
            (Action.REMOVE, without_claim(amap, cid)),
            (Action.ACCEPT, with_claim_accepted(amap, cid)),
        ):
            if changed is None:
                continue
            try:
                after = evaluate_map(changed, semantics=semantics, support=support, gradual=gradual)
            except EvaluationError:
                after = evaluate_map(changed, semantics=semantics, support=support, gradual=None)
                done = "removed" if action is Action.REMOVE else "accepted"
                notes.append(
                    f"with {cid!r} {done}, {gradual} strengths do not converge: "
                    "that change is ranked by status alone"
                )
            crux = Crux(cid, action, _changes(theses, baseline, after))
            if crux.status_changes or crux.shift >= MIN_SHIFT:
                found.append(crux)
    found.sort(key=Crux.rank_key)
    return CruxSearch(tuple(found[:limit]), len(candidates), len(pool), tuple(notes))


def compare_theses(
    amap: ArgumentMap,
    thesis_a: str,
    thesis_b: str,
    *,
    support: str = DEFAULT_SUPPORT,
    semantics: Sequence[str] = EXTENSION_SEMANTICS,
    gradual: Sequence[str] = GRADUAL_SEMANTICS,
    crux_semantics: str = "grounded",
    max_cruxes: int = 10,
) -> Comparison:
    """Put two theses of a map side by side.

    Each thesis gets its direct supporters and attackers, how many of them stand and its
    own status under each extension semantics, and its strength under each gradual
    semantics. Claims with a relation path to both theses are listed with their stance
    toward each. Cruxes are found by removing each claim connected to either thesis, and
    by making it stand (see :func:`with_claim_accepted`), re-evaluating under
    ``crux_semantics`` and the first of ``gradual`` once per change, and ranking the
    changes: a changed status first, then the largest strength move.

    Args:
        amap: The whole map.
        thesis_a: The first thesis's id.
        thesis_b: The second thesis's id.
        support: How supports turn into derived attacks (deductive, necessary or none).
        semantics: The extension semantics to report statuses under.
        gradual: The gradual semantics to report strengths under.
        crux_semantics: The extension semantics the crux ranking uses; grounded is
            linear, the others cost a solver call per tested change.
        max_cruxes: How many cruxes to keep.

    Raises:
        UsageError: A thesis is unknown or not a thesis, both are the same, or a
            semantics or support reading is unknown.
    """
    require_thesis(amap, thesis_a)
    require_thesis(amap, thesis_b)
    if thesis_a == thesis_b:
        raise UsageError(f"cannot compare {thesis_a!r} with itself: name two different theses")
    _check_names([support], SUPPORT_READINGS, "support reading")
    _check_names([*semantics, crux_semantics], EXTENSION_SEMANTICS, "extension semantics")
    _check_names(gradual, GRADUAL_SEMANTICS, "gradual semantics")
    if max_cruxes < 0:
        raise UsageError(f"max_cruxes must be 0 or more, not {max_cruxes}")
    semantics = tuple(dict.fromkeys(semantics))
    gradual = tuple(dict.fromkeys(gradual))
    evals: dict[str, Evaluation] = {}
    notes: list[str] = []
    for name in semantics:
        evals[name] = evaluate_map(amap, semantics=name, support=support, gradual=None)
    for name in gradual:
        try:
            evals[name] = evaluate_map(
                amap, semantics=crux_semantics, support=support, gradual=name
            )
        except EvaluationError as exc:
            # One gradual semantics failing on a cycle leaves the rest of the comparison useful.
            notes.append(f"{exc}; its strengths are left out")
    gradual = tuple(g for g in gradual if g in evals)
    crux_gradual = gradual[0] if gradual else None
    baseline = (
        evals[crux_gradual]
        if crux_gradual is not None
        else evals.get(crux_semantics)
        or evaluate_map(amap, semantics=crux_semantics, support=support, gradual=None)
    )
    theses = (thesis_a, thesis_b)
    search = rank_cruxes(
        amap,
        theses,
        support=support,
        semantics=crux_semantics,
        gradual=crux_gradual,
        baseline=baseline,
        limit=max_cruxes,
    )
    toward_a = stances(amap, thesis_a)
    toward_b = stances(amap, thesis_b)
    shared = tuple(
        SharedClaim(cid, toward_a[cid], toward_b[cid])
        for cid in sorted(toward_a.keys() & toward_b.keys())
        if cid not in theses
    )
    notes += [note for ev in evals.values() for note in ev.notes]
    notes += search.notes
    return Comparison(
        thesis_a=_side(amap, thesis_a, evals, semantics, gradual),
        thesis_b=_side(amap, thesis_b, evals, semantics, gradual),
        support=support,
        semantics=semantics,
        gradual=gradual,
        evaluations=evals,
        baseline=baseline,
        shared=shared,
        a_toward_b=toward_b.get(thesis_a),
        b_toward_a=toward_a.get(thesis_b),
        crux_semantics=crux_semantics,
        crux_gradual=crux_gradual,
        tested=search.tested,
        candidates=search.candidates,
        cruxes=search.cruxes,
        notes=tuple(dict.fromkeys(notes)),
    )
