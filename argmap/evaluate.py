"""Which claims stand: the bridge from an argument map to the semantics package.

A pure function of the map. Under the default reading, the reader's proof standards
(``argmap.semantics.standards``), every claim gets a verdict with the claims that decide
it; under a formal reading, claims become integer arguments in id order, supports are
flattened into attacks, and each claim gets a status. Gradual strengths always weigh
supports directly. Same map, same Evaluation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from argmap.assess import assess, standards_graph
from argmap.diagnostics import did_you_mean, quote_id
from argmap.errors import DataError, EvaluationError, UsageError
from argmap.evaluation import (
    STRENGTH_DIGITS,
    Answer,
    Assessment,
    Evaluation,
    Status,
    Verdict,
    _unknown_claim,
)
from argmap.gcpause import paused_gc
from argmap.model import CONDITIONAL_KINDS, ArgumentMap, RelationKind
from argmap.semantics import standards as std
from argmap.semantics.bipolar import BipolarGraph, flatten
from argmap.semantics.framework import Framework
from argmap.semantics.gradual import NotConvergedError, strengths
from argmap.semantics.gradual_notes import cycles_note, not_converged
from argmap.settings import (
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
    "assess",
    "attack_framework",
    "bipolar_graph",
    "evaluate_map",
    "evaluate_or_unscored",
    "extensions_of",
    "gradual_strengths",
    "scores",
    "standards_graph",
    "unscored_notes",
]


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


def scores(amap: ArgumentMap, semantics: str = "dfquad") -> tuple[dict[str, float], str]:
    """The scores the pages show, keyed by claim id: forecasts and questions get none and
    their relations count for nothing until they are settled; and the note on the map's
    cycles (empty when it has none).

    Raises:
        UsageError: for an unknown semantics.
        EvaluationError: when a cycle does not converge.
    """
    check_names([semantics], GRADUAL_SEMANTICS, "gradual semantics")
    return _gradual(amap, GradualSemantics(semantics), conditional=False)


def _gradual(
    amap: ArgumentMap, semantics: GradualSemantics, *, conditional: bool
) -> tuple[dict[str, float], str]:
    graph = bipolar_graph(amap, conditional=conditional)
    weights = [DEFAULT_WEIGHT if c.weight is None else c.weight for c in amap.claims]
    title = semantics.display_name
    try:
        result = strengths(graph, weights, semantics.value)
    except NotConvergedError as exc:
        raise EvaluationError(not_converged(exc, graph.names, title)) from None
    note = cycles_note(result, title, "map")
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
        raise UsageError(_unknown_claim(claim_id, tuple(fw.names)))
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


#: How the note of an evaluation whose scores were left out begins.
NO_SCORES = "no scores: "


def evaluate_or_unscored(
    amap: ArgumentMap, settings: EvaluationSettings | None = None
) -> Evaluation:
    """:func:`evaluate_map`, but where the gradual strengths do not converge, the verdicts
    without scores and a note (starting :data:`NO_SCORES`) saying why: the scores are a
    second measure, and a page of verdicts is worth more than no page.

    Raises:
        UsageError: As :func:`evaluate_map`.
    """
    settings = settings or EvaluationSettings()
    try:
        return evaluate_map(amap, settings)
    except EvaluationError as exc:
        if settings.gradual is None:
            raise
        plain = evaluate_map(amap, replace(settings, gradual=None))
        return replace(plain, notes=(*plain.notes, f"{NO_SCORES}{exc}"))


def unscored_notes(evaluation: Evaluation) -> tuple[str, ...]:
    """The notes of :func:`evaluate_or_unscored` that say why the scores were left out."""
    return tuple(note for note in evaluation.notes if note.startswith(NO_SCORES))


def _evaluate_standards(amap: ArgumentMap, settings: EvaluationSettings) -> Evaluation:
    graph, names = standards_graph(amap, settings.standard)
    labels = std.solve(graph)
    assessments = assess(amap, graph, names, labels, settings.standard)
    notes: list[str] = []
    cycles = sum(1 for a in assessments.values() if a.cycle or a.circular)
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


#: The most extensions a formal reading lists, and the most members they may hold in all:
#: a map of n independent two-claim cycles has 2**n of them.
MAX_EXTENSIONS = 10_000
MAX_EXTENSION_MEMBERS = 2_000_000


def _listed_extensions(found: Iterable[tuple[int, ...]], semantics: str) -> list[tuple[int, ...]]:
    """Every extension, or an error once there are more than a reader could use."""
    listed: list[tuple[int, ...]] = []
    members = 0
    for extension in found:
        listed.append(extension)
        members += len(extension)
        if len(listed) > MAX_EXTENSIONS or members > MAX_EXTENSION_MEMBERS:
            raise EvaluationError(
                f"the map has more than {len(listed) - 1:,} {semantics} extensions, too many to "
                "list: ask about one claim (argmap eval --accept ID), take one extension "
                "(--first), or read it under grounded semantics"
            )
    return listed


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
    else:
        found = _listed_extensions(ext.iter_extensions(fw, semantics), semantics)
        labels = ext.overall_labels(fw, found)
        if not found:
            notes.append(f"the map has no {semantics} extension: every claim is undecided")
    status = {IN: Status.ACCEPTED, OUT: Status.REJECTED}
    statuses = {
        name: status.get(lab, Status.UNDECIDED) for name, lab in zip(fw.names, labels, strict=True)
    }
    strengths_: dict[str, float] = {}
    if settings.gradual is not None:
        strengths_, note = _gradual(amap, settings.gradual, conditional=True)
        if note:
            notes.append(note)
    names = fw.names
    attackers = {
        names[b]: tuple(sorted({names[a] for a in row}))
        for b, row in enumerate(fw.attackers)
        if row
    }
    return Evaluation(
        settings=settings,
        statuses=statuses,
        strengths=strengths_,
        extensions=tuple(sorted(tuple(names[a] for a in e) for e in found)),
        notes=tuple(notes),
        attackers=attackers,
    )
