"""Proof standards over a support and attack graph: which claims stand, fall, stay contested or open.

After Carneades (Gordon, Prakken & Walton 2007, "The Carneades model of argument and burden
of proof", AIJ 171; Gordon & Walton 2009, "Proof burdens and standards", in Argumentation
in Artificial Intelligence). Supports are independent reasons and attacks are objections:

- a node with no reason (no support that counts) stands unless a standing node attacks it;
- an attack strikes only the node it aims at; nothing travels from a conclusion back to
  its reasons, and an objection that does not stand no longer counts (reinstatement);
- where standing reasons and standing objections meet, the node's proof standard weighs
  the weightiest of each (weights do not add up: Carneades has no accrual);
- a node marked ``needs_reason`` (a thesis) with no standing reason and no standing
  objection is open, not standing;
- what a cycle leaves undecided is open: the verdicts are the least fixpoint of the rules
  in a three-valued reading (a node is decided only when every way its undecided inputs
  could still go gives the same verdict), so no node stands on its own bootstraps;
- an undecided node that could not stand whichever way its inputs went counts as not
  standing, and so does a node that could stand only on reasons that could stand only on
  it in turn (a cycle of supports with no footing outside it: an unfounded set, as in the
  well-founded semantics of Van Gelder, Ross & Schlipf 1991). Neither strikes anything.

Knows nothing of claims or files; works on integer nodes ``0..n-1``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

#: Carneades' thresholds for the two strongest standards (Gordon & Walton 2009 leave them
#: as parameters): clear and convincing needs the weightiest reason above ALPHA and ahead
#: of the weightiest objection by more than BETA; beyond reasonable doubt also needs the
#: weightiest objection below GAMMA.
ALPHA = 0.4
BETA = 0.3
GAMMA = 0.2
#: Two weights, or a lead and BETA, closer than this count as equal: weights are written as
#: decimals, and 0.8 - 0.5 is 0.30000000000000004 in binary floating point.
EPSILON = 1e-9


class Standard(IntEnum):
    """Proof standards, weakest first."""

    SCINTILLA = 0
    PREPONDERANCE = 1
    CLEAR_AND_CONVINCING = 2
    BEYOND_REASONABLE_DOUBT = 3
    DIALECTICAL = 4


class Label(IntEnum):
    """A node's verdict. ``UNKNOWN`` is what the rules leave undecided (a cycle that settles
    nothing): it reads as open, and is kept apart so that a later :func:`resolve` can
    still decide it. ``UNKNOWN_OUT`` is undecided too, but known not to stand: however its
    undecided inputs went it would not, or it could only on its own bootstraps."""

    STANDS = 0
    FALLS = 1
    CONTESTED = 2
    OPEN = 3
    NOT_ASSESSED = 4
    UNKNOWN = 5
    UNKNOWN_OUT = 6


#: The labels of nodes the rules have not decided.
UNDECIDED = (Label.UNKNOWN, Label.UNKNOWN_OUT)


@dataclass(frozen=True, eq=False)
class StandardsGraph:
    """Nodes with their incoming reasons and objections and what each node needs.

    Attributes:
        reasons: For each node, the nodes that support it (conditional ones left out).
        objections: For each node, the nodes that attack it (conditional ones left out).
        weights: Each node's weight in [0, 1].
        standards: Each node's proof standard.
        needs_reason: Whether a node with no standing reason or objection is open
            (a thesis) rather than standing.
        assessed: Whether each node is assessed at all (forecasts and questions are not).
    """

    reasons: Sequence[Sequence[int]]
    objections: Sequence[Sequence[int]]
    weights: Sequence[float]
    standards: Sequence[Standard]
    needs_reason: Sequence[bool]
    assessed: Sequence[bool]

    @property
    def n(self) -> int:
        """How many nodes the graph has."""
        return len(self.weights)

    def successors(self) -> list[list[int]]:
        """For each node, the nodes it is a reason or an objection for."""
        out: list[list[int]] = [[] for _ in range(self.n)]
        for target in range(self.n):
            for source in self.reasons[target]:
                out[source].append(target)
            for source in self.objections[target]:
                out[source].append(target)
        return out


def weigh(
    standard: Standard,
    reasons: Iterable[float],
    objections: Iterable[float],
    *,
    has_reasons: bool,
    needs_reason: bool,
) -> Label:
    """The verdict a standard gives from the weights of the standing reasons and objections.

    Args:
        standard: The node's proof standard.
        reasons: Weights of its standing reasons.
        objections: Weights of its standing objections.
        has_reasons: Whether anything supports the node at all (standing or not): a node
            that nothing supports stands unless a standing objection strikes it.
        needs_reason: Whether the node stays open without a standing reason (a thesis).
    """
    pro = list(reasons)
    con = list(objections)
    if not has_reasons and not needs_reason:
        return Label.FALLS if con else Label.STANDS
    if not pro:
        return Label.FALLS if con else Label.OPEN
    best_pro = max(pro)
    best_con = max(con) if con else 0.0
    if _met(standard, best_pro, best_con, bool(con)):
        return Label.STANDS
    if con and best_con > best_pro:
        return Label.FALLS
    return Label.CONTESTED if con else Label.OPEN


def _met(standard: Standard, pro: float, con: float, any_con: bool) -> bool:
    if standard is Standard.SCINTILLA:
        return True
    if standard is Standard.PREPONDERANCE:
        return pro > con
    if standard is Standard.DIALECTICAL:
        return not any_con
    clear = pro > ALPHA and pro - con - BETA > EPSILON
    if standard is Standard.CLEAR_AND_CONVINCING:
        return clear
    return clear and con < GAMMA


def solve(graph: StandardsGraph, fixed: Mapping[int, Label] | None = None) -> list[Label]:
    """Every node's verdict: the least fixpoint of the proof-standard rules.

    Args:
        graph: The nodes and their reasons and objections.
        fixed: Nodes whose verdict is given (to ask "what if this claim fell?").

    Returns:
        One label per node; ``UNKNOWN`` or ``UNKNOWN_OUT`` where the rules decide nothing
        (read either as open).
    """
    labels = [Label.UNKNOWN] * graph.n
    return _settle(graph, labels, range(graph.n), graph.successors(), fixed or {})


def resolve(
    graph: StandardsGraph,
    base: Sequence[Label],
    fixed: Mapping[int, Label],
    successors: Sequence[Sequence[int]],
) -> list[Label]:
    """The verdicts once some nodes are fixed, recomputing only what the fixed nodes reach.

    Args:
        graph: The graph ``base`` was solved on.
        base: Its verdicts, as :func:`solve` gave them (undecided labels kept).
        fixed: Nodes whose verdict is now given.
        successors: ``graph.successors()``, computed once by the caller.
    """
    reach: set[int] = set()
    stack = list(fixed)
    while stack:
        node = stack.pop()
        for nxt in successors[node]:
            if nxt not in reach and nxt not in fixed:
                reach.add(nxt)
                stack.append(nxt)
    labels = list(base)
    for node in reach:
        labels[node] = Label.UNKNOWN
    return _settle(graph, labels, sorted(reach | set(fixed)), successors, fixed)


def _settle(
    graph: StandardsGraph,
    labels: list[Label],
    todo: Iterable[int],
    successors: Sequence[Sequence[int]],
    fixed: Mapping[int, Label],
) -> list[Label]:
    """Decide what the rules decide among ``todo``, every other node's label being final.

    Propagate what the decided inputs settle (a worklist); give every node still undecided
    a footing, a reason it could stand on that does not stand or fall with it; mark those
    without one as not standing, propagate that, and re-found only what lost its footing,
    until nothing changes.
    """
    for node, label in fixed.items():
        labels[node] = label
    scope = {node for node in todo if labels[node] in UNDECIDED}
    queue = sorted(scope)
    for node in fixed:
        queue.extend(nxt for nxt in successors[node] if labels[nxt] in UNDECIDED)
    _propagate(graph, labels, queue, successors)
    footing = _Footing(graph, labels, scope, successors)
    fresh = footing.start()
    while fresh:
        queue = [nxt for node in fresh for nxt in successors[node] if labels[nxt] in UNDECIDED]
        fresh = footing.update(_propagate(graph, labels, queue, successors))
    return labels


def _propagate(
    graph: StandardsGraph,
    labels: list[Label],
    queue: list[int],
    successors: Sequence[Sequence[int]],
) -> list[int]:
    """Re-decide the queued nodes and what each change reaches; return the nodes changed."""
    queued = set(queue)
    changed: list[int] = []
    while queue:
        node = queue.pop()
        queued.discard(node)
        if labels[node] not in UNDECIDED:
            continue
        label = _decide(graph, labels, node)
        if label is labels[node] or (label is Label.UNKNOWN and labels[node] is Label.UNKNOWN_OUT):
            continue  # what is known not to stand stays so
        labels[node] = label
        changed.append(node)
        for nxt in successors[node]:
            if labels[nxt] in UNDECIDED and nxt not in queued:
                queued.add(nxt)
                queue.append(nxt)
    return changed


class _Footing:
    """For each undecided node that could stand, the reason it could stand on (its source,
    ``-1`` when it needs none), with no cycle among the sources; nodes without one are
    unfounded and marked ``UNKNOWN_OUT``. As labels change, only the nodes whose source
    chain a change breaks look for a new one (source pointers, as ASP solvers keep them),
    so a map pays for each change once, not for a whole recount."""

    def __init__(
        self,
        graph: StandardsGraph,
        labels: list[Label],
        scope: set[int],
        successors: Sequence[Sequence[int]],
    ) -> None:
        self.graph = graph
        self.labels = labels
        self.scope = scope
        self.successors = successors
        self.source: dict[int, int] = {}
        self.dependents: dict[int, set[int]] = {}

    def start(self) -> list[int]:
        """Found every undecided node of the scope that can be; return those marked out."""
        return self._found({node for node in self.scope if self.labels[node] is Label.UNKNOWN})

    def update(self, changed: Iterable[int]) -> list[int]:
        """Re-found what the label changes of ``changed`` left without a footing; return
        the nodes newly marked out."""
        labels = self.labels
        lost: list[int] = []
        for node in changed:
            if labels[node] is not Label.UNKNOWN:
                self._drop(node)
            if labels[node] is Label.STANDS:  # a new standing objection may outweigh a source
                lost.extend(n for n in self.successors[node] if n in self.source)
            else:
                lost.extend(self.dependents.get(node, ()))
        closure: set[int] = set()
        while lost:
            node = lost.pop()
            if node in closure or labels[node] is not Label.UNKNOWN:
                continue
            closure.add(node)
            lost.extend(self.dependents.get(node, ()))
            self._drop(node)
        return self._found(closure)

    def _found(self, pending: set[int]) -> list[int]:
        """Give each node of ``pending`` a source outside ``pending`` where one exists, one
        node at a time (a least fixpoint); mark the rest out and return them."""
        queue = sorted(pending)
        while queue:
            node = queue.pop()
            if node not in pending:
                continue
            source = self._source_of(node, pending)
            if source is None:
                continue
            pending.discard(node)
            self.source[node] = source
            if source >= 0:
                self.dependents.setdefault(source, set()).add(node)
            queue.extend(nxt for nxt in self.successors[node] if nxt in pending)
        for node in pending:
            self.labels[node] = Label.UNKNOWN_OUT
        return sorted(pending)

    def _source_of(self, node: int, pending: set[int]) -> int | None:
        """The weightiest reason the node could stand on (``-1``: it needs none), or None."""
        graph, labels = self.graph, self.labels
        weights = graph.weights
        con = [weights[a] for a in graph.objections[node] if labels[a] is Label.STANDS]
        has, needs = bool(graph.reasons[node]), graph.needs_reason[node]
        if not has and not needs:
            return None if con else -1
        best: int | None = None
        for source in graph.reasons[node]:
            lab = labels[source]
            usable = lab is Label.STANDS or (
                lab is Label.UNKNOWN
                and source not in pending
                and (source in self.source or source not in self.scope)
            )
            if usable and (best is None or weights[source] > weights[best]):
                best = source
        if best is None:
            return None
        verdict = weigh(
            graph.standards[node], [weights[best]], con, has_reasons=has, needs_reason=needs
        )
        return best if verdict is Label.STANDS else None

    def _drop(self, node: int) -> None:
        source = self.source.pop(node, None)
        if source is not None and source >= 0:
            self.dependents[source].discard(node)


def _decide(graph: StandardsGraph, labels: Sequence[Label], node: int) -> Label:
    """The node's verdict if its decided inputs already settle it, else ``UNKNOWN``, or
    ``UNKNOWN_OUT`` when it would not stand however its undecided inputs went."""
    if not graph.assessed[node]:
        return Label.NOT_ASSESSED
    weights = graph.weights
    pro_known: list[float] = []
    pro_maybe: list[float] = []
    for source in graph.reasons[node]:
        lab = labels[source]
        if lab is Label.STANDS:
            pro_known.append(weights[source])
        elif lab is Label.UNKNOWN:
            pro_maybe.append(weights[source])
    con_known: list[float] = []
    con_maybe: list[float] = []
    for source in graph.objections[node]:
        lab = labels[source]
        if lab is Label.STANDS:
            con_known.append(weights[source])
        elif lab is Label.UNKNOWN:
            con_maybe.append(weights[source])
    standard = graph.standards[node]
    has = bool(graph.reasons[node])
    needs = graph.needs_reason[node]
    best = weigh(standard, pro_known + pro_maybe, con_known, has_reasons=has, needs_reason=needs)
    if not pro_maybe and not con_maybe:
        return best
    worst = weigh(standard, pro_known, con_known + con_maybe, has_reasons=has, needs_reason=needs)
    if best is worst:
        return best
    return Label.UNKNOWN if best is Label.STANDS else Label.UNKNOWN_OUT
