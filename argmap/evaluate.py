"""Which claims stand: the bridge from an argument map to the semantics package.

A pure function of the map: claims become integer arguments in id order, attacks and
undercuts become attacks, supports are flattened or weighed as chosen, and the results come
back keyed by claim id. Same map, same Evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from argmap.diagnostics import did_you_mean, quote_id
from argmap.errors import DataError, EvaluationError, UsageError
from argmap.gcpause import paused_gc
from argmap.model import ArgumentMap, RelationKind
from argmap.semantics import extensions as ext
from argmap.semantics.bipolar import BipolarGraph, flatten
from argmap.semantics.framework import Framework
from argmap.semantics.gradual import NotConvergedError, strengths
from argmap.semantics.sat import IN, OUT


class Status(StrEnum):
    """Whether a claim stands under an extension semantics."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


EXTENSION_SEMANTICS = ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")
GRADUAL_SEMANTICS = ("dfquad", "qe")
SUPPORT_READINGS = ("deductive", "necessary", "none")
#: The reading used unless another is asked for. Under the deductive reading a supported
#: claim stands when its reasons do, and an attack on it falls back on them; the necessary
#: reading instead makes every reason a precondition, so one defeated reason defeats the
#: claim it supports, which is too strict for maps with several independent reasons.
DEFAULT_SUPPORT = "deductive"
MODES = ("credulous", "skeptical")
#: Base weight of a claim that states none.
DEFAULT_WEIGHT = 0.5
#: Decimal places kept in reported strengths.
STRENGTH_DIGITS = 6

_GRADUAL_TITLES = {"dfquad": "DF-QuAD", "qe": "quadratic energy"}


@dataclass(frozen=True)
class Evaluation:
    """Statuses (and strengths) of every claim of a map under the chosen semantics."""

    semantics: str
    support: str
    gradual: str | None
    statuses: Mapping[str, Status]
    strengths: Mapping[str, float] = field(default_factory=dict)
    extensions: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()

    def status(self, claim_id: str) -> Status:
        """The status of one claim.

        Raises:
            UsageError: when the map has no such claim.
        """
        if claim_id not in self.statuses:
            raise UsageError(_unknown_claim(claim_id, self.statuses))
        return self.statuses[claim_id]

    def strength(self, claim_id: str) -> float | None:
        """The strength of one claim, or None when no gradual semantics was applied."""
        return self.strengths.get(claim_id)


def _unknown_claim(claim_id: str, known: Mapping[str, object] | tuple[str, ...]) -> str:
    return f"no claim {quote_id(claim_id)} in the map{did_you_mean(claim_id, known)}"


def _check_name(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        hint = did_you_mean(value, allowed)
        raise UsageError(
            f"unknown {what} {quote_id(value)}{hint}; expected one of {', '.join(allowed)}"
        )


def bipolar_graph(amap: ArgumentMap) -> BipolarGraph:
    """The map as a bipolar graph: claims in id order, undercuts counted as attacks.

    Raises:
        DataError: when a relation points at a claim the map does not have.
    """
    names = tuple(c.id for c in amap.claims)
    index = {name: i for i, name in enumerate(names)}
    attacks: list[tuple[int, int]] = []
    supports: list[tuple[int, int]] = []
    for rel in amap.relations:
        target = index.get(rel.target)
        if target is None:
            raise DataError(
                f"claim {quote_id(rel.source)} {rel.kind.value} unknown claim "
                f"{quote_id(rel.target)}{did_you_mean(rel.target, names)}"
            )
        edge = (index[rel.source], target)
        (supports if rel.kind is RelationKind.SUPPORTS else attacks).append(edge)
    return BipolarGraph.from_edges(names, attacks, supports)


def attack_framework(amap: ArgumentMap, support: str = DEFAULT_SUPPORT) -> Framework:
    """The flattened attack graph of a map under a support reading.

    Raises:
        UsageError: for an unknown support reading.
    """
    _check_name(support, SUPPORT_READINGS, "support reading")
    return flatten(bipolar_graph(amap), support)


def extensions_of(
    amap: ArgumentMap, semantics: str, support: str = DEFAULT_SUPPORT
) -> list[tuple[str, ...]]:
    """Every extension of an extension semantics, as sorted claim ids, sorted.

    Raises:
        UsageError: for an unknown semantics or support reading.
    """
    _check_name(semantics, EXTENSION_SEMANTICS, "semantics")
    fw = attack_framework(amap, support)
    return sorted(tuple(fw.names[a] for a in e) for e in ext.iter_extensions(fw, semantics))


def gradual_strengths(
    amap: ArgumentMap, semantics: str = "dfquad", support: str = DEFAULT_SUPPORT
) -> dict[str, float]:
    """Final strengths under a gradual semantics, keyed by claim id.

    Gradual semantics weigh supports directly, so the deductive and necessary readings give
    the same strengths; ``none`` drops the supports.

    Raises:
        UsageError: for an unknown semantics or support reading.
        EvaluationError: when a cycle does not converge.
    """
    values, _ = _gradual(amap, semantics, support)
    return values


def _gradual(amap: ArgumentMap, semantics: str, support: str) -> tuple[dict[str, float], str]:
    _check_name(semantics, GRADUAL_SEMANTICS, "gradual semantics")
    _check_name(support, SUPPORT_READINGS, "support reading")
    graph = bipolar_graph(amap)
    if support == "none":
        graph = BipolarGraph(graph.names, graph.attacks, [[] for _ in graph.names])
    weights = [DEFAULT_WEIGHT if c.weight is None else c.weight for c in amap.claims]
    title = _GRADUAL_TITLES[semantics]
    try:
        result = strengths(graph, weights, semantics)
    except NotConvergedError as exc:
        ids = ", ".join(quote_id(graph.names[a]) for a in exc.members[:5])
        more = f" and {len(exc.members) - 5} more" if len(exc.members) > 5 else ""
        raise EvaluationError(
            f"{title} strengths did not converge within {exc.iterations} iterations, even with "
            f"damped updates, on the cycle through {ids}{more}; try the other gradual semantics"
        ) from None
    note = ""
    if result.cycles:
        damped = f" with damped steps of {result.step:g}" if result.step < 1.0 else ""
        note = (
            f"the map has cycles: {title} converged after {result.iterations} "
            f"iteration{'s' if result.iterations != 1 else ''}{damped}"
        )
    values = {
        name: round(value, STRENGTH_DIGITS)
        for name, value in zip(graph.names, result.strengths, strict=True)
    }
    return values, note


def accepts(
    amap: ArgumentMap, claim_id: str, semantics: str, mode: str, support: str = DEFAULT_SUPPORT
) -> bool:
    """Credulous or skeptical acceptance of one claim.

    Skeptical acceptance holds vacuously when the semantics has no extension (stable
    semantics on a map without one), as in the ICCMA competition.

    Raises:
        UsageError: for an unknown claim, semantics, mode or support reading.
    """
    _check_name(semantics, EXTENSION_SEMANTICS, "semantics")
    _check_name(mode, MODES, "mode")
    fw = attack_framework(amap, support)
    if claim_id not in amap.by_id:
        raise UsageError(_unknown_claim(claim_id, fw.names))
    return ext.accepts(fw, fw.names.index(claim_id), semantics, mode)


def evaluate_map(
    amap: ArgumentMap,
    *,
    semantics: str = "grounded",
    support: str = DEFAULT_SUPPORT,
    gradual: str | None = "dfquad",
) -> Evaluation:
    """Statuses of every claim under an extension semantics, and strengths if asked.

    A claim is accepted when it belongs to every extension (skeptically accepted) and
    rejected when every extension attacks it; otherwise it is undecided. Under grounded
    semantics this is the grounded labelling. When a semantics has no extension at all
    (stable semantics on an odd cycle) every claim is undecided and a note says why.

    Raises:
        UsageError: for an unknown semantics or support reading.
        EvaluationError: when gradual strengths do not converge on a cycle.
    """
    _check_name(semantics, EXTENSION_SEMANTICS, "semantics")
    if gradual is not None:
        _check_name(gradual, GRADUAL_SEMANTICS, "gradual semantics")
    _check_name(support, SUPPORT_READINGS, "support reading")
    # The frameworks built here stay alive until the statuses are read off: collections
    # would only rescan them (and the map) again and again.
    with paused_gc():
        return _evaluate(amap, semantics, support, gradual)


def _evaluate(amap: ArgumentMap, semantics: str, support: str, gradual: str | None) -> Evaluation:
    graph = bipolar_graph(amap)
    fw = flatten(graph, support)
    notes: list[str] = []
    added = sum(map(len, fw.targets)) - sum(map(len, graph.attacks))
    if added > 0:
        plural = "s" if added != 1 else ""
        notes.append(f"supports read as {support}: {added} derived attack{plural} added")
    if semantics == "grounded":
        labels = ext.grounded_labels(fw)
        found = [tuple(a for a in range(fw.n) if labels[a] == IN)]
        statuses = {
            name: Status.ACCEPTED
            if lab == IN
            else Status.REJECTED
            if lab == OUT
            else Status.UNDECIDED
            for name, lab in zip(fw.names, labels, strict=True)
        }
    else:
        found = list(ext.iter_extensions(fw, semantics))
        statuses = _statuses(fw, found)
        if not found:
            notes.append(f"the map has no {semantics} extension: every claim is undecided")
    strengths_: dict[str, float] = {}
    if gradual is not None:
        strengths_, note = _gradual(amap, gradual, support)
        if note:
            notes.append(note)
    return Evaluation(
        semantics=semantics,
        support=support,
        gradual=gradual,
        statuses=statuses,
        strengths=strengths_,
        extensions=tuple(sorted(tuple(fw.names[a] for a in e) for e in found)),
        notes=tuple(notes),
    )


def _statuses(fw: Framework, found: list[tuple[int, ...]]) -> dict[str, Status]:
    if not found:
        return dict.fromkeys(fw.names, Status.UNDECIDED)
    in_all = set(found[0])
    attacked_by_all: set[int] | None = None
    for members in found:
        in_all.intersection_update(members)
        attacked = {t for a in members for t in fw.targets[a]}
        attacked_by_all = attacked if attacked_by_all is None else attacked_by_all & attacked
    beaten = attacked_by_all or set()
    return {
        name: Status.ACCEPTED
        if a in in_all
        else Status.REJECTED
        if a in beaten
        else Status.UNDECIDED
        for a, name in enumerate(fw.names)
    }
