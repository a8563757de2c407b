"""Abstract argumentation frameworks on integer indices: adjacency lists and graph helpers.

Arguments are the integers ``0..n-1``; names live beside them only for output. Nothing here
knows about claims or files, and every routine is iterative (no recursion), so graphs with
millions of arguments do not hit Python's recursion limit.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import chain

from argmap.arrays import ARRAYS_FROM, Csr
from argmap.gcpause import paused_gc
from argmap.numbered import NumberedNames


class Framework:
    """An attack graph (Dung 1995) over the arguments ``0..n-1``.

    ``targets[a]`` lists the arguments that ``a`` attacks. A framework is held as those
    lists, or (from ``ARRAYS_FROM`` arguments on) as arrays (``arrays``), the lists then
    made only when a routine asks for them: the grounded labelling needs none.
    ``attackers`` is derived on first use. An attack may be listed twice; every routine
    tolerates that. Frameworks compare by identity.
    """

    __slots__ = ("__dict__", "_arrays", "_targets", "names")

    def __init__(
        self,
        names: Sequence[str],
        targets: list[list[int]] | None = None,
        *,
        arrays: Csr | None = None,
    ) -> None:
        """Hold the lists, the arrays, or both (the same graph).

        Raises:
            ValueError: when neither is given, or the arrays' size is not the names'.
        """
        if targets is None and arrays is None:
            raise ValueError("a framework needs its attack lists or its arrays")
        if arrays is not None and arrays.n != len(names):
            raise ValueError(f"{arrays.n} arguments in the arrays but {len(names)} names")
        self.names = names
        self._targets = targets
        self._arrays = arrays

    def __repr__(self) -> str:
        return f"Framework(n={self.n})"

    @property
    def targets(self) -> list[list[int]]:
        """For each argument, the arguments it attacks."""
        if self._targets is None:
            assert self._arrays is not None  # the constructor holds one or the other
            with paused_gc():
                self._targets = self._arrays.lists()
        return self._targets

    @property
    def arrays(self) -> Csr:
        """The attacks as compressed sparse rows (numpy), made from the lists on first use."""
        if self._arrays is None:
            self._arrays = Csr.from_lists(self.targets)
        return self._arrays

    @cached_property
    def attackers(self) -> list[list[int]]:
        """For each argument, the arguments attacking it."""
        sources = [a for a, dsts in enumerate(self.targets) for _ in dsts]
        return _adjacency(len(self.names), list(chain.from_iterable(self.targets)), sources)

    @property
    def n(self) -> int:
        """The number of arguments."""
        return len(self.names)

    @classmethod
    def from_edges(cls, names: Sequence[str], edges: Iterable[tuple[int, int]]) -> Framework:
        """Build a framework from names and ``(attacker, target)`` index pairs."""
        pairs = list(edges)
        sources = [a for a, _ in pairs]
        dests = [b for _, b in pairs]
        return cls._build(tuple(names), sources, dests)

    @classmethod
    def from_arrays(cls, n: int, sources: Sequence[int], dests: Sequence[int]) -> Framework:
        """Build a framework on arguments named ``"0".."n-1"`` from parallel edge arrays.

        Raises:
            ValueError: when the arrays differ in length.
        """
        if len(sources) != len(dests):
            raise ValueError(f"{len(sources)} attackers but {len(dests)} targets")
        return cls._build(NumberedNames(0, n), sources, dests)

    @classmethod
    def from_named_arrays(
        cls, names: Sequence[str], sources: Sequence[int], dests: Sequence[int]
    ) -> Framework:
        """Build a framework on named arguments from parallel edge arrays of indices.

        Raises:
            ValueError: when the arrays differ in length.
        """
        if len(sources) != len(dests):
            raise ValueError(f"{len(sources)} attackers but {len(dests)} targets")
        return cls._build(tuple(names), sources, dests)

    @classmethod
    def _build(
        cls, names: Sequence[str], sources: Sequence[int], dests: Sequence[int]
    ) -> Framework:
        # Only the targets: the grounded labelling needs no more, and building the
        # attackers as well would cost a second pass of random writes.
        if len(names) >= ARRAYS_FROM:
            return cls(names, arrays=Csr.from_edges(len(names), sources, dests))
        return cls(names, _adjacency(len(names), sources, dests))

    def induced(self, nodes: Sequence[int]) -> Framework:
        """The sub-framework on ``nodes`` (sorted), renumbered ``0..k-1`` in their order.

        It holds the attacks among them and their names; only their own rows are read,
        so a framework held as arrays makes no lists for the rest.
        """
        local = {a: i for i, a in enumerate(nodes)}
        rows: Iterable[Sequence[int]] = ()
        if nodes and self._targets is None:
            import numpy as np

            assert self._arrays is not None  # the constructor holds one or the other
            picked = np.asarray(nodes, dtype=np.int64)
            indptr = self._arrays.indptr
            bounds = np.cumsum(indptr[picked + 1] - indptr[picked]).tolist()
            flat: list[int] = self._arrays.rows(picked).tolist()
            rows = map(flat.__getitem__, map(slice, [0, *bounds[:-1]], bounds))
        elif nodes:
            rows = map(self.targets.__getitem__, nodes)
        targets = [[local[b] for b in row if b in local] for row in rows]
        return Framework([self.names[a] for a in nodes], targets)

    def edges(self) -> list[tuple[int, int]]:
        """Every distinct attack as ``(attacker, target)``, sorted."""
        return sorted({(a, b) for a, dsts in enumerate(self.targets) for b in dsts})

    def self_attacking(self, a: int) -> bool:
        """Whether argument ``a`` attacks itself."""
        return a in self.targets[a]


def _adjacency(n: int, keys: Sequence[int], values: Sequence[int]) -> list[list[int]]:
    """``lists[k]`` holds every ``values[i]`` whose ``keys[i]`` is ``k``, in order.

    ``map(list.append, ...)`` drained by a zero-length deque runs the append loop in C,
    about twice as fast as the same loop in Python on a million edges.
    """
    # Millions of small lists of ints, no cycles: collections would only rescan them.
    with paused_gc():
        lists: list[list[int]] = [[] for _ in range(n)]
        deque(map(list.append, map(lists.__getitem__, keys), values), maxlen=0)
    return lists


def strongly_connected(fw: Framework, nodes: Sequence[int]) -> list[list[int]]:
    """The strongly connected components of the sub-graph on ``nodes``, attackers first.

    Tarjan's algorithm (1972), run with an explicit stack. Components come out in a
    topological order of the condensation: no component is attacked from a later one.
    A few nodes of a large framework are numbered afresh first, so that the search costs
    what they and their attacks do, not the framework's size (it runs once for each of
    the many small parts of a framework).
    """
    targets = fw.targets
    if _small(fw, nodes):
        k = len(nodes)
        found = _tarjan(k, _local_rows(targets, nodes), range(k), bytearray(b"\x01") * k)
        return [[nodes[i] for i in comp] for comp in found]
    inside = bytearray(fw.n)
    for a in nodes:
        inside[a] = 1
    return _tarjan(fw.n, targets, nodes, inside)


def _small(fw: Framework, nodes: Sequence[int]) -> bool:
    """Whether ``nodes`` are few enough, beside the framework, to be numbered afresh."""
    return 8 * len(nodes) < fw.n


def _local_rows(targets: Sequence[Sequence[int]], nodes: Sequence[int]) -> list[list[int]]:
    """The attacks among ``nodes``, each node numbered by its place in ``nodes``."""
    local = {a: i for i, a in enumerate(nodes)}
    return [[local[b] for b in targets[a] if b in local] for a in nodes]


def _tarjan(
    n: int, targets: Sequence[Sequence[int]], nodes: Iterable[int], inside: bytearray
) -> list[list[int]]:
    """The strongly connected components among the arguments ``inside`` marks (of
    ``0..n-1``), searched from ``nodes`` in order, attackers first."""
    index = [-1] * n
    low = [0] * n
    on_stack = bytearray(n)
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in nodes:
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = 1
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            succ = targets[v]
            pushed = False
            while i < len(succ):
                w = succ[i]
                i += 1
                if not inside[w]:
                    continue
                if index[w] == -1:
                    work[-1] = (v, i)
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = 1
                    work.append((w, 0))
                    pushed = True
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            if pushed:
                continue
            work.pop()
            if work and low[v] < low[work[-1][0]]:
                low[work[-1][0]] = low[v]
            if low[v] == index[v]:
                comp: list[int] = []
                while True:
                    w = stack.pop()
                    on_stack[w] = 0
                    comp.append(w)
                    if w == v:
                        break
                components.append(comp)
    # Tarjan emits sinks first; attackers-first order is the reverse.
    components.reverse()
    return components


def weak_components(fw: Framework, nodes: Sequence[int]) -> list[list[int]]:
    """The weakly connected components of the sub-graph on ``nodes``, each sorted.

    An attack between two of the nodes is listed among its attacker's targets, so the
    nodes' own targets give every edge: no attackers are derived, and only the nodes'
    attacks are looked at.
    """
    if not nodes:
        return []  # and a framework held as arrays needs no lists
    targets = fw.targets
    if _small(fw, nodes):
        # Numbered afresh, as for strongly_connected: the search costs what the nodes
        # and their attacks do, however large the framework (it runs for many pieces).
        k = len(nodes)
        found = _weak(k, _local_rows(targets, nodes), range(k), bytearray(b"\x01") * k)
        return [sorted(nodes[i] for i in part) for part in found]
    inside = bytearray(fw.n)
    for a in nodes:
        inside[a] = 1
    return _weak(fw.n, targets, nodes, inside)


def _weak(
    n: int, targets: Sequence[Sequence[int]], nodes: Sequence[int], inside: bytearray
) -> list[list[int]]:
    """The weakly connected components among the arguments ``inside`` marks (of
    ``0..n-1``), each sorted, in the order of their first node in ``nodes``."""
    neighbours: dict[int, list[int]] = {a: [] for a in nodes}
    for a in nodes:
        for b in targets[a]:
            if inside[b]:
                neighbours[a].append(b)
                neighbours[b].append(a)
    seen = bytearray(n)
    parts: list[list[int]] = []
    for root in nodes:
        if seen[root]:
            continue
        seen[root] = 1
        part = [root]
        frontier = [root]
        while frontier:
            v = frontier.pop()
            for w in neighbours[v]:
                if not seen[w]:
                    seen[w] = 1
                    part.append(w)
                    frontier.append(w)
        part.sort()
        parts.append(part)
    return parts
