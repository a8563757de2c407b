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
- a ``linked`` node (an argument: an inference from premises) has its reasons as premises
  that hold together: they count as one reason, as weighty as the weakest of them, and
  only while every one of them stands (Carneades: an argument is applicable only when
  all its premises hold);
- an undercut (an objection that denies a node's inference) that stands strikes the node
  whatever the weights and the standard: in Carneades an undercut argument is not
  applicable, and in ASPIC+ an undercut defeats its target regardless of preferences;
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

from argmap.semantics.weighing import (
    ALPHA,
    BETA,
    EPSILON,
    GAMMA,
    UNDECIDED,
    Label,
    Standard,
    StandardsGraph,
    weigh,
)

__all__ = [
    "ALPHA",
    "BETA",
    "EPSILON",
    "GAMMA",
    "UNDECIDED",
    "Label",
    "Standard",
    "StandardsGraph",
    "resolve",
    "solve",
    "weigh",
]


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


#: The source of a linked node's footing: all of its premises.
ALL = -2


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
            for held in self._held_by(node, source):
                self.dependents.setdefault(held, set()).add(node)
            queue.extend(nxt for nxt in self.successors[node] if nxt in pending)
        for node in pending:
            self.labels[node] = Label.UNKNOWN_OUT
        return sorted(pending)

    def _source_of(self, node: int, pending: set[int]) -> int | None:
        """The weightiest reason the node could stand on (``-1``: it needs none; ``ALL``:
        a linked node's premises, every one of them), or None."""
        graph, labels = self.graph, self.labels
        weights = graph.weights
        if any(labels[u] is Label.STANDS for u in graph.undercuts_of(node)):
            return None
        con = [weights[a] for a in graph.objections[node] if labels[a] is Label.STANDS]
        has, needs = bool(graph.reasons[node]), graph.needs_reason[node]
        if not has and not needs:
            return None if con else -1

        def usable(source: int) -> bool:
            lab = labels[source]
            return lab is Label.STANDS or (
                lab is Label.UNKNOWN
                and source not in pending
                and (source in self.source or source not in self.scope)
            )

        best: int | None = None
        if graph.is_linked(node):
            if not all(usable(s) for s in graph.reasons[node]):
                return None
            pro = [min(weights[s] for s in graph.reasons[node])]
            best = ALL
        else:
            for source in graph.reasons[node]:
                if usable(source) and (best is None or weights[source] > weights[best]):
                    best = source
            if best is None:
                return None
            pro = [weights[best]]
        verdict = weigh(graph.standards[node], pro, con, has_reasons=has, needs_reason=needs)
        return best if verdict is Label.STANDS else None

    def _held_by(self, node: int, source: int) -> Sequence[int]:
        """The nodes a node's footing rests on: its source, or every premise of a linked one."""
        if source == ALL:
            return self.graph.reasons[node]
        return (source,) if source >= 0 else ()

    def _drop(self, node: int) -> None:
        source = self.source.pop(node, None)
        if source is not None:
            for held in self._held_by(node, source):
                self.dependents[held].discard(node)


def _decide(graph: StandardsGraph, labels: Sequence[Label], node: int) -> Label:
    """The node's verdict if its decided inputs already settle it, else ``UNKNOWN``, or
    ``UNKNOWN_OUT`` when it would not stand however its undecided inputs went."""
    if not graph.assessed[node]:
        return Label.NOT_ASSESSED
    if graph.is_linked(node):
        pro_known, pro_maybe = _premises(graph, labels, node)
    else:
        pro_known, pro_maybe, _ = _split(graph, labels, graph.reasons[node])
    con_known, con_maybe, _ = _split(graph, labels, graph.objections[node])
    cut_known, cut_maybe, _ = _split(graph, labels, graph.undercuts_of(node))
    standard = graph.standards[node]
    has = bool(graph.reasons[node])
    needs = graph.needs_reason[node]
    best = weigh(
        standard,
        pro_known + pro_maybe,
        con_known,
        has_reasons=has,
        needs_reason=needs,
        undercut=bool(cut_known),
    )
    if not pro_maybe and not con_maybe:
        return best
    worst = weigh(
        standard,
        pro_known,
        con_known + con_maybe,
        has_reasons=has,
        needs_reason=needs,
        undercut=bool(cut_known or cut_maybe),
    )
    if best is worst:
        return best
    return Label.UNKNOWN if best is Label.STANDS else Label.UNKNOWN_OUT


def _split(
    graph: StandardsGraph, labels: Sequence[Label], sources: Sequence[int]
) -> tuple[list[float], list[float], bool]:
    """The weights of the sources that stand and of those still undecided, and whether
    every source is one or the other."""
    weights = graph.weights
    known: list[float] = []
    maybe: list[float] = []
    for source in sources:
        lab = labels[source]
        if lab is Label.STANDS:
            known.append(weights[source])
        elif lab is Label.UNKNOWN:
            maybe.append(weights[source])
    return known, maybe, len(known) + len(maybe) == len(sources)


def _premises(
    graph: StandardsGraph, labels: Sequence[Label], node: int
) -> tuple[list[float], list[float]]:
    """A linked node's premises as ``_decide`` weighs reasons: one reason, the weakest
    premise's weight, known when every premise stands, possible (``maybe``) while the
    undecided ones could still stand, and none once one of them cannot."""
    standing, undecided, whole = _split(graph, labels, graph.reasons[node])
    if not whole:
        return [], []  # a premise that does not stand: the argument carries nothing
    weakest = min(standing + undecided)
    return ([weakest], []) if not undecided else ([], [weakest])
