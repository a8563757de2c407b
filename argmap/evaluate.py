"""Which claims stand: the bridge from an argument map to the semantics package.

A pure function of the map. Under the default reading, the reader's proof standards
(``argmap.semantics.standards``), every claim gets a verdict with the claims that decide
it; under a formal reading, claims become integer arguments in id order, supports are
flattened into attacks, and each claim gets a status. Gradual strengths always weigh
supports directly. Same map, same Evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from argmap.diagnostics import did_you_mean, quote_id
from argmap.errors import DataError, EvaluationError, UsageError
from argmap.gcpause import paused_gc
from argmap.model import CONDITIONAL_KINDS, ArgumentMap, ClaimKind, ProofStandard, RelationKind
from argmap.semantics import standards as std
from argmap.semantics.bipolar import BipolarGraph, flatten
from argmap.semantics.framework import Framework
from argmap.semantics.gradual import NotConvergedError, strengths
from argmap.settings import (
    DEFAULT_STANDARD,
    DEFAULT_SUPPORT,
    DEFAULT_WEIGHT,
    EXTENSION_SEMANTICS,
    GRADUAL_SEMANTICS,
    MODES,
    SUPPORT_READINGS,
    EvaluationSettings,
    GradualSemantics,
    Semantics,
    check_names,
)

__all__ = [
    "DEFAULT_SUPPORT",
    "DEFAULT_WEIGHT",
    "EXTENSION_SEMANTICS",
    "GRADUAL_SEMANTICS",
    "MODES",
    "SUPPORT_READINGS",
    "Answer",
    "Assessment",
    "Evaluation",
    "EvaluationSettings",
    "Status",
    "Verdict",
    "accepts",
    "attack_framework",
    "bipolar_graph",
    "evaluate_map",
    "extensions_of",
    "gradual_strengths",
]

#: Decimal places kept in reported strengths.
STRENGTH_DIGITS = 6


class Status(StrEnum):
    """Whether a claim stands under a formal extension semantics."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


class Verdict(StrEnum):
    """A claim's verdict under the reader's proof standards."""

    STANDS = "stands"
    FALLS = "falls"
    #: Standing reasons on both sides that its standard does not settle.
    CONTESTED = "contested"
    #: Undecided for any other reason: no standing reason, or a cycle that settles nothing.
    OPEN = "open"
    #: A forecast or a question: conditional, so not weighed.
    NOT_ASSESSED = "not-assessed"


_VERDICT = {
    std.Label.STANDS: Verdict.STANDS,
    std.Label.FALLS: Verdict.FALLS,
    std.Label.CONTESTED: Verdict.CONTESTED,
    std.Label.OPEN: Verdict.OPEN,
    std.Label.UNKNOWN: Verdict.OPEN,
    std.Label.NOT_ASSESSED: Verdict.NOT_ASSESSED,
}
_STANDARD = {
    ProofStandard.SCINTILLA: std.Standard.SCINTILLA,
    ProofStandard.PREPONDERANCE: std.Standard.PREPONDERANCE,
    ProofStandard.CLEAR_AND_CONVINCING: std.Standard.CLEAR_AND_CONVINCING,
    ProofStandard.BEYOND_REASONABLE_DOUBT: std.Standard.BEYOND_REASONABLE_DOUBT,
    ProofStandard.DIALECTICAL: std.Standard.DIALECTICAL,
}


class Answer(NamedTuple):
    """A reason or objection that does not stand, and the standing claims that strike it."""

    claim_id: str
    by: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """A claim's verdict under the proof standards, with the claims that decide it.

    Attributes:
        verdict: The verdict.
        standard: The proof standard that weighed its reasons and objections.
        weight: Its own weight.
        reasons: Its standing reasons, weightiest first (then by id).
        objections: Its standing objections, weightiest first (then by id).
        answered: Objections that fall, each with the standing claims that answer it.
        struck: Reasons that fall, each with the standing claims that strike them.
        undecided: Reasons and objections that neither stand nor fall (open or contested).
        conditional: Forecasts and questions bearing on it, which count for nothing.
        supported: Whether anything but a forecast or question supports it at all.
        cycle: Whether it is open because a cycle of relations settles nothing.
        kind: Its kind.
        reason_weight: The weight of its weightiest standing reason (0 without one).
        objection_weight: The weight of its weightiest standing objection (0 without one).
    """

    verdict: Verdict
    standard: ProofStandard
    weight: float
    reasons: tuple[str, ...] = ()
    objections: tuple[str, ...] = ()
    answered: tuple[Answer, ...] = ()
    struck: tuple[Answer, ...] = ()
    undecided: tuple[str, ...] = ()
    conditional: tuple[str, ...] = ()
    supported: bool = False
    cycle: bool = False
    kind: ClaimKind = ClaimKind.CLAIM
    reason_weight: float = 0.0
    objection_weight: float = 0.0

    @property
    def deciding(self) -> tuple[str, ...]:
        """The claims the verdict rests on: standing reasons and objections, then the
        claims that answer objections or strike reasons."""
        seen = dict.fromkeys(self.reasons + self.objections)
        for answer in self.answered + self.struck:
            seen.update(dict.fromkeys(answer.by))
        return tuple(seen)


@dataclass(frozen=True)
class Evaluation:
    """Verdicts (or formal statuses) and strengths of every claim of a map.

    Under the default reading ``verdicts`` and ``assessments`` are filled and ``statuses``
    is empty; under a formal reading it is the other way round.
    """

    settings: EvaluationSettings
    statuses: Mapping[str, Status] = field(default_factory=dict)
    verdicts: Mapping[str, Verdict] = field(default_factory=dict)
    assessments: Mapping[str, Assessment] = field(default_factory=dict)
    strengths: Mapping[str, float] = field(default_factory=dict)
    extensions: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def semantics(self) -> str:
        """The reading's name: ``carneades`` or a formal semantics."""
        return self.settings.semantics.value

    @property
    def support(self) -> str:
        """The support reading of the formal readings."""
        return self.settings.support.value

    @property
    def gradual(self) -> str | None:
        """The gradual semantics of the strengths, if any."""
        return None if self.settings.gradual is None else self.settings.gradual.value

    @property
    def formal(self) -> bool:
        """Whether the statuses come from a formal extension semantics."""
        return self.settings.formal

    def _known(self, claim_id: str) -> None:
        if claim_id not in self.statuses and claim_id not in self.verdicts:
            raise UsageError(_unknown_claim(claim_id, (*self.statuses, *self.verdicts)))

    def state(self, claim_id: str) -> str:
        """The word for a claim's result: a verdict, or a formal status.

        Raises:
            UsageError: when the map has no such claim.
        """
        self._known(claim_id)
        found = self.verdicts.get(claim_id) or self.statuses[claim_id]
        return found.value

    def stands(self, claim_id: str) -> bool:
        """Whether a claim stands (its verdict) or is accepted (its formal status)."""
        self._known(claim_id)
        if self.formal:
            return self.statuses[claim_id] is Status.ACCEPTED
        return self.verdicts[claim_id] is Verdict.STANDS

    def status(self, claim_id: str) -> Status:
        """The formal status of one claim; under the proof standards a claim that stands
        reads as accepted, one that falls as rejected, and any other as undecided.

        Raises:
            UsageError: when the map has no such claim.
        """
        self._known(claim_id)
        if self.formal:
            return self.statuses[claim_id]
        verdict = self.verdicts[claim_id]
        if verdict is Verdict.STANDS:
            return Status.ACCEPTED
        return Status.REJECTED if verdict is Verdict.FALLS else Status.UNDECIDED

    def verdict(self, claim_id: str) -> Verdict | None:
        """A claim's verdict under the proof standards (None under a formal reading)."""
        self._known(claim_id)
        return self.verdicts.get(claim_id)

    def assessment(self, claim_id: str) -> Assessment | None:
        """The verdict with its reasons (None under a formal reading)."""
        self._known(claim_id)
        return self.assessments.get(claim_id)

    def strength(self, claim_id: str) -> float | None:
        """The strength of one claim, or None when none was computed for it."""
        return self.strengths.get(claim_id)


def _unknown_claim(claim_id: str, known: Mapping[str, object] | tuple[str, ...]) -> str:
    return f"no claim {quote_id(claim_id)} in the map{did_you_mean(claim_id, known)}"


def bipolar_graph(amap: ArgumentMap, *, conditional: bool = True) -> BipolarGraph:
    """The map as a bipolar graph: claims in id order, undercuts counted as attacks.

    Args:
        amap: The map.
        conditional: Whether the relations of forecasts and questions count.

    Raises:
        DataError: when a relation points at a claim the map does not have.
    """
    names = tuple(c.id for c in amap.claims)
    index = {name: i for i, name in enumerate(names)}
    by_id = amap.by_id
    attacks: list[tuple[int, int]] = []
    supports: list[tuple[int, int]] = []
    for rel in amap.relations:
        target = index.get(rel.target)
        if target is None:
            raise DataError(
                f"claim {quote_id(rel.source)} {rel.kind.value} unknown claim "
                f"{quote_id(rel.target)}{did_you_mean(rel.target, names)}"
            )
        if not conditional and by_id[rel.source].kind in CONDITIONAL_KINDS:
            continue
        edge = (index[rel.source], target)
        (supports if rel.kind is RelationKind.SUPPORTS else attacks).append(edge)
    return BipolarGraph.from_edges(names, attacks, supports)


def attack_framework(amap: ArgumentMap, support: str = DEFAULT_SUPPORT) -> Framework:
    """The flattened attack graph of a map under a support reading.

    Raises:
        UsageError: for an unknown support reading.
    """
    check_names([support], SUPPORT_READINGS, "support reading")
    return flatten(bipolar_graph(amap), support)


def extensions_of(
    amap: ArgumentMap, semantics: str, support: str = DEFAULT_SUPPORT
) -> list[tuple[str, ...]]:
    """Every extension of an extension semantics, as sorted claim ids, sorted.

    Raises:
        UsageError: for an unknown semantics or support reading.
    """
    check_names([semantics], EXTENSION_SEMANTICS, "semantics")
    fw = attack_framework(amap, support)
    from argmap.semantics import extensions as ext  # the SAT solver, only when asked

    return sorted(tuple(fw.names[a] for a in e) for e in ext.iter_extensions(fw, semantics))


def gradual_strengths(amap: ArgumentMap, semantics: str = "dfquad") -> dict[str, float]:
    """Final strengths under a gradual semantics, keyed by claim id; supports always count.

    Raises:
        UsageError: for an unknown semantics.
        EvaluationError: when a cycle does not converge.
    """
    check_names([semantics], GRADUAL_SEMANTICS, "gradual semantics")
    values, _ = _gradual(amap, GradualSemantics(semantics), conditional=True)
    return values


def _gradual(
    amap: ArgumentMap, semantics: GradualSemantics, *, conditional: bool
) -> tuple[dict[str, float], str]:
    graph = bipolar_graph(amap, conditional=conditional)
    weights = [DEFAULT_WEIGHT if c.weight is None else c.weight for c in amap.claims]
    title = semantics.display_name
    try:
        result = strengths(graph, weights, semantics.value)
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
    skip = (
        frozenset()
        if conditional
        else frozenset(c.id for c in amap.claims if c.kind in CONDITIONAL_KINDS)
    )
    values = {
        name: round(value, STRENGTH_DIGITS)
        for name, value in zip(graph.names, result.strengths, strict=True)
        if name not in skip
    }
    return values, note


def accepts(
    amap: ArgumentMap, claim_id: str, semantics: str, mode: str, support: str = DEFAULT_SUPPORT
) -> bool:
    """Credulous or skeptical acceptance of one claim under a formal semantics.

    Skeptical acceptance holds vacuously when the semantics has no extension (stable
    semantics on a map without one), as in the ICCMA competition.

    Raises:
        UsageError: for an unknown claim, semantics, mode or support reading.
    """
    check_names([semantics], EXTENSION_SEMANTICS, "semantics")
    check_names([mode], MODES, "mode")
    fw = attack_framework(amap, support)
    if claim_id not in amap.by_id:
        raise UsageError(_unknown_claim(claim_id, fw.names))
    from argmap.semantics import extensions as ext  # the SAT solver, only when asked

    return ext.accepts(fw, fw.names.index(claim_id), semantics, mode)


def evaluate_map(
    amap: ArgumentMap,
    settings: EvaluationSettings | None = None,
    *,
    semantics: str | None = None,
    support: str | None = None,
    gradual: str | None = GradualSemantics.DFQUAD.value,
    standard: str | None = None,
) -> Evaluation:
    """Verdicts (or formal statuses) of every claim, and strengths if asked.

    Under the default reading, the proof standards, see :mod:`argmap.semantics.standards`.
    Under a formal reading a claim is accepted when it belongs to every extension
    (skeptically accepted) and rejected when every extension attacks it; otherwise it is
    undecided. When a semantics has no extension at all (stable semantics on an odd
    cycle) every claim is undecided and a note says why.

    Args:
        amap: The map (checked: relations name claims of the map).
        settings: The reading; when None it is built from the names that follow, with
            :meth:`EvaluationSettings.from_names`.
        semantics: ``carneades`` (the default) or a formal semantics.
        support: The formal readings' support reading.
        gradual: ``dfquad`` (the default), ``qe``, or None for no strengths.
        standard: A proof standard for every claim that sets none.

    Raises:
        UsageError: for an unknown semantics, support reading or standard.
        EvaluationError: when gradual strengths do not converge on a cycle.
    """
    if settings is None:
        settings = EvaluationSettings.from_names(
            semantics,
            support,
            gradual,
            standard,
        )
    # The graphs built here stay alive until the results are read off: collections
    # would only rescan them (and the map) again and again.
    with paused_gc():
        if settings.formal:
            return _evaluate_formal(amap, settings)
        return _evaluate_standards(amap, settings)


def standards_graph(
    amap: ArgumentMap, standard: ProofStandard | None = None
) -> tuple[std.StandardsGraph, tuple[str, ...]]:
    """The map as a graph for the proof standards, and the claim id of each node.

    Relations of forecasts and questions are left out: they are conditional.
    """
    names = tuple(c.id for c in amap.claims)
    index = {name: i for i, name in enumerate(names)}
    reasons: list[list[int]] = [[] for _ in names]
    objections: list[list[int]] = [[] for _ in names]
    by_id = amap.by_id
    for rel in amap.relations:
        target = index.get(rel.target)
        if target is None or by_id[rel.source].kind in CONDITIONAL_KINDS:
            continue
        bucket = reasons if rel.kind is RelationKind.SUPPORTS else objections
        if not bucket[target] or bucket[target][-1] != index[rel.source]:
            bucket[target].append(index[rel.source])
    default = standard or amap.meta.standard or DEFAULT_STANDARD
    graph = std.StandardsGraph(
        reasons=reasons,
        objections=objections,
        weights=[DEFAULT_WEIGHT if c.weight is None else c.weight for c in amap.claims],
        standards=[_STANDARD[standard or c.standard or default] for c in amap.claims],
        needs_reason=[c.kind is ClaimKind.THESIS for c in amap.claims],
        assessed=[c.kind not in CONDITIONAL_KINDS for c in amap.claims],
    )
    return graph, names


def _evaluate_standards(amap: ArgumentMap, settings: EvaluationSettings) -> Evaluation:
    graph, names = standards_graph(amap, settings.standard)
    labels = std.solve(graph)
    assessments = assess(amap, graph, names, labels, settings.standard)
    notes: list[str] = []
    cycles = sum(1 for a in assessments.values() if a.cycle)
    if cycles:
        plural = "s are" if cycles != 1 else " is"
        notes.append(f"{cycles} claim{plural} left open by cycles of relations")
    strengths_: dict[str, float] = {}
    if settings.gradual is not None:
        strengths_, note = _gradual(amap, settings.gradual, conditional=False)
        if note:
            notes.append(note)
    return Evaluation(
        settings=settings,
        verdicts={cid: a.verdict for cid, a in assessments.items()},
        assessments=assessments,
        strengths=strengths_,
        notes=tuple(notes),
    )


def assess(
    amap: ArgumentMap,
    graph: std.StandardsGraph,
    names: tuple[str, ...],
    labels: list[std.Label],
    standard: ProofStandard | None = None,
) -> dict[str, Assessment]:
    """Each claim's verdict with the claims that decide it, from solved labels."""
    weights = graph.weights
    objections_of = graph.objections
    incoming = amap.incoming
    by_id = amap.by_id
    default = standard or amap.meta.standard or DEFAULT_STANDARD

    def ranked(nodes: list[int]) -> tuple[str, ...]:
        return tuple(names[i] for i in sorted(nodes, key=lambda i: (-weights[i], names[i])))

    def strikers(node: int) -> tuple[str, ...]:
        return ranked([a for a in objections_of[node] if labels[a] is std.Label.STANDS])

    out: dict[str, Assessment] = {}
    for i, name in enumerate(names):
        claim = by_id[name]
        label = labels[i]
        conditional = tuple(
            sorted(
                {
                    r.source
                    for r in incoming.get(name, ())
                    if by_id[r.source].kind in CONDITIONAL_KINDS
                }
            )
        )
        if label is std.Label.NOT_ASSESSED:
            out[name] = Assessment(
                Verdict.NOT_ASSESSED,
                default,
                weights[i],
                conditional=conditional,
                kind=claim.kind,
            )
            continue
        pro = graph.reasons[i]
        con = objections_of[i]
        decided = (std.Label.STANDS, std.Label.FALLS)
        standing_pro = [weights[s] for s in pro if labels[s] is std.Label.STANDS]
        standing_con = [weights[a] for a in con if labels[a] is std.Label.STANDS]
        out[name] = Assessment(
            verdict=_VERDICT[label],
            standard=standard or claim.standard or default,
            weight=weights[i],
            reasons=ranked([s for s in pro if labels[s] is std.Label.STANDS]),
            objections=ranked([a for a in con if labels[a] is std.Label.STANDS]),
            answered=tuple(
                Answer(names[a], strikers(a))
                for a in sorted(con, key=lambda a: names[a])
                if labels[a] is std.Label.FALLS
            ),
            struck=tuple(
                Answer(names[s], strikers(s))
                for s in sorted(pro, key=lambda s: names[s])
                if labels[s] is std.Label.FALLS
            ),
            undecided=tuple(sorted(names[x] for x in (*pro, *con) if labels[x] not in decided)),
            conditional=conditional,
            supported=bool(pro),
            cycle=label is std.Label.UNKNOWN,
            kind=claim.kind,
            reason_weight=max(standing_pro, default=0.0),
            objection_weight=max(standing_con, default=0.0),
        )
    return out


def _evaluate_formal(amap: ArgumentMap, settings: EvaluationSettings) -> Evaluation:
    # The formal readings need the SAT solver; the default reading does not load it.
    from argmap.semantics import extensions as ext
    from argmap.semantics.sat import IN, OUT

    semantics = settings.semantics.value
    support = settings.support.value
    graph = bipolar_graph(amap)
    fw = flatten(graph, support)
    notes: list[str] = []
    added = sum(map(len, fw.targets)) - sum(map(len, graph.attacks))
    if added > 0:
        plural = "s" if added != 1 else ""
        notes.append(f"supports read as {support}: {added} derived attack{plural} added")
    if settings.semantics is Semantics.GROUNDED:
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
    if settings.gradual is not None:
        strengths_, note = _gradual(amap, settings.gradual, conditional=True)
        if note:
            notes.append(note)
    return Evaluation(
        settings=settings,
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
