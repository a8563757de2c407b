"""The bridge to the proof standards: a map as their graph, solved labels as assessments. Pure."""

from __future__ import annotations

from argmap.evaluation import Answer, Assessment, Verdict
from argmap.model import CONDITIONAL_KINDS, ArgumentMap, ClaimKind, ProofStandard, RelationKind
from argmap.semantics import standards as std
from argmap.settings import DEFAULT_STANDARD, DEFAULT_WEIGHT
from argmap.structure import in_cycles, strongly_connected

#: The verdict of each label of the proof-standards solver.
VERDICT_OF_LABEL = {
    std.Label.STANDS: Verdict.STANDS,
    std.Label.FALLS: Verdict.FALLS,
    std.Label.CONTESTED: Verdict.CONTESTED,
    std.Label.OPEN: Verdict.OPEN,
    std.Label.UNKNOWN: Verdict.OPEN,
    std.Label.UNKNOWN_OUT: Verdict.OPEN,
    std.Label.NOT_ASSESSED: Verdict.NOT_ASSESSED,
}
_STANDARD = {
    ProofStandard.SCINTILLA: std.Standard.SCINTILLA,
    ProofStandard.PREPONDERANCE: std.Standard.PREPONDERANCE,
    ProofStandard.CLEAR_AND_CONVINCING: std.Standard.CLEAR_AND_CONVINCING,
    ProofStandard.BEYOND_REASONABLE_DOUBT: std.Standard.BEYOND_REASONABLE_DOUBT,
    ProofStandard.DIALECTICAL: std.Standard.DIALECTICAL,
}


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
    undercuts: list[list[int]] = [[] for _ in names]
    by_id = amap.by_id
    for rel in amap.relations:
        target = index.get(rel.target)
        if target is None or by_id[rel.source].kind in CONDITIONAL_KINDS:
            continue
        bucket = reasons if rel.kind is RelationKind.SUPPORTS else objections
        source = index[rel.source]
        if not bucket[target] or bucket[target][-1] != source:
            bucket[target].append(source)
        if rel.kind is RelationKind.UNDERCUTS and source not in undercuts[target]:
            undercuts[target].append(source)
    default = standard or amap.meta.standard or DEFAULT_STANDARD
    graph = std.StandardsGraph(
        reasons=reasons,
        objections=objections,
        weights=[DEFAULT_WEIGHT if c.weight is None else c.weight for c in amap.claims],
        standards=[_STANDARD[c.standard or default] for c in amap.claims],
        needs_reason=[c.kind is ClaimKind.THESIS for c in amap.claims],
        assessed=[c.kind not in CONDITIONAL_KINDS for c in amap.claims],
        # An argument's supports are its premises, which hold only together.
        linked=[c.kind is ClaimKind.ARGUMENT for c in amap.claims],
        # An undercut denies an inference: one that stands strikes whatever the weights.
        undercuts=undercuts if any(undercuts) else (),
    )
    return graph, names


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

    def strikers(node: int, of: int) -> tuple[str, ...]:
        """The standing claims that strike ``node``; ``of`` itself only when it alone does."""
        found = [a for a in objections_of[node] if labels[a] is std.Label.STANDS]
        others = [a for a in found if a != of]
        return ranked(others or found)

    circular = _circular(graph, labels)
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
        questions = tuple(c for c in conditional if by_id[c].kind is ClaimKind.QUESTION)
        if label is std.Label.NOT_ASSESSED:
            out[name] = Assessment(
                Verdict.NOT_ASSESSED,
                default,
                weights[i],
                conditional=conditional,
                questions=questions,
                kind=claim.kind,
                claim_id=name,
            )
            continue
        pro = graph.reasons[i]
        con = objections_of[i]
        decided = (std.Label.STANDS, std.Label.FALLS)
        standing = [s for s in pro if labels[s] is std.Label.STANDS]
        linked = graph.is_linked(i)
        if linked and len(standing) < len(pro):
            standing = []  # premises count only together
        standing_pro = [weights[s] for s in standing]
        if linked and standing_pro:
            standing_pro = [min(standing_pro)]
        standing_con = [weights[a] for a in con if labels[a] is std.Label.STANDS]
        out[name] = Assessment(
            verdict=VERDICT_OF_LABEL[label],
            standard=claim.standard or default,
            weight=weights[i],
            reasons=ranked(standing),
            objections=ranked([a for a in con if labels[a] is std.Label.STANDS]),
            answered=tuple(
                Answer(names[a], strikers(a, i))
                for a in sorted(con, key=lambda a: names[a])
                if labels[a] is std.Label.FALLS
            ),
            struck=tuple(
                Answer(names[s], strikers(s, i))
                for s in sorted(pro, key=lambda s: names[s])
                if labels[s] is std.Label.FALLS
            ),
            undecided=tuple(sorted(names[x] for x in (*pro, *con) if labels[x] not in decided)),
            contested=tuple(
                sorted(names[x] for x in (*pro, *con) if labels[x] is std.Label.CONTESTED)
            ),
            cyclic=tuple(sorted(names[x] for x in (*pro, *con) if labels[x] in std.UNDECIDED)),
            open_objections=tuple(sorted(names[x] for x in con if labels[x] not in decided)),
            circular=tuple(sorted(names[s] for s in circular.get(i, ()))),
            conditional=conditional,
            questions=questions,
            supported=bool(pro),
            cycle=label in std.UNDECIDED,
            kind=claim.kind,
            reason_weight=max(standing_pro, default=0.0),
            objection_weight=max(standing_con, default=0.0),
            claim_id=name,
            linked=linked,
            undercut_by=ranked([u for u in graph.undercuts_of(i) if labels[u] is std.Label.STANDS]),
        )
    return out


def _circular(graph: std.StandardsGraph, labels: list[std.Label]) -> dict[int, list[int]]:
    """For each open node, its open reasons in the same cycle of open reasons as itself:
    the reasons that rest, in the end, on the claim they are meant to support."""
    open_ = std.Label.OPEN
    reasons_of = {
        str(i): [str(s) for s in graph.reasons[i] if labels[s] is open_]
        for i, label in enumerate(labels)
        if label is open_
    }
    cyclic = in_cycles({node: succ for node, succ in reasons_of.items() if succ})
    if not cyclic:
        return {}
    out: dict[int, list[int]] = {}
    for component in strongly_connected(cyclic, reasons_of):
        members = set(component)
        for node in component:
            inside = [int(s) for s in reasons_of[node] if s in members]
            if inside:
                out[int(node)] = inside
    return out
