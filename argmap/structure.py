"""Structure derived from a map: a thesis's sub-map, each claim's stance, the pro/con outline, and the graph walks they rest on (reach, depth, cycles). Pure."""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Generic, TypeVar

from argmap.errors import UsageError
from argmap.model import ArgumentMap, Claim, ClaimKind, RelationKind

V = TypeVar("V")


class _PerMap(Generic[V]):
    """A small cache of values derived from a map and a thesis id, most recent first.

    Maps are immutable, so a value computed once per map stays right. An entry holds its
    map, so the map's id cannot be reused by another map while the entry lives.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[int, str], tuple[ArgumentMap, V]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, amap: ArgumentMap, key: str) -> V | None:
        with self.lock:
            found = self.entries.get((id(amap), key))
            if found is None or found[0] is not amap:
                return None
            self.entries.move_to_end((id(amap), key))
            return found[1]

    def put(self, amap: ArgumentMap, key: str, value: V) -> None:
        with self.lock:
            self.entries[(id(amap), key)] = (amap, value)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


class Stance(StrEnum):
    """A claim's stance toward a thesis, derived from the relation paths between them."""

    THESIS = "thesis"
    PRO = "pro"
    CON = "con"
    MIXED = "mixed"


_SUB_MAPS: _PerMap[ArgumentMap] = _PerMap()
_STANCES: _PerMap[Mapping[str, Stance]] = _PerMap()


def require_thesis(amap: ArgumentMap, thesis_id: str) -> None:
    """Raise UsageError unless ``thesis_id`` names a thesis of the map (TypeError unless it
    is a string)."""
    if not isinstance(thesis_id, str):
        raise TypeError(f"thesis_id should be a claim id (str), not {type(thesis_id).__name__}")
    claim = amap.by_id.get(thesis_id)
    if claim is None or claim.kind is not ClaimKind.THESIS:
        theses = ", ".join(t.id for t in amap.theses) or "none"
        what = "no claim" if claim is None else "not a thesis"
        raise UsageError(f"{thesis_id!r} is {what}; the map's theses are: {theses}")


def ordered_theses(amap: ArgumentMap) -> tuple[Claim, ...]:
    """The map's theses in the order it lists them (``map: theses:``, headline first), the
    rest after them by id."""
    listed = [amap.by_id[t] for t in dict.fromkeys(amap.meta.theses) if t in amap.by_id]
    listed = [c for c in listed if c.kind is ClaimKind.THESIS]
    named = {c.id for c in listed}
    return (*listed, *(t for t in amap.theses if t.id not in named))


def thesis_map(amap: ArgumentMap, thesis_id: str) -> ArgumentMap:
    """The sub-map of a thesis: the claims with a path to it, and the relations among them.

    Computed once per map and thesis: a build draws and summarises each sub-map.
    """
    require_thesis(amap, thesis_id)
    cached = _SUB_MAPS.get(amap, thesis_id)
    if cached is not None:
        return cached
    keep = reaching(amap, [thesis_id])
    claims = []
    by_id = amap.by_id
    for claim in (by_id[cid] for cid in sorted(keep)):
        if (
            keep.issuperset(claim.supports)
            and keep.issuperset(claim.attacks)
            and keep.issuperset(claim.undercuts)
        ):
            claims.append(claim)  # immutable, so shared with the whole map
            continue
        claims.append(
            claim.model_copy(
                update={
                    "supports": tuple(t for t in claim.supports if t in keep),
                    "attacks": tuple(t for t in claim.attacks if t in keep),
                    "undercuts": tuple(t for t in claim.undercuts if t in keep),
                }
            )
        )
    # The claims are the map's (valid, unique, sorted by id), so nothing is left to check.
    sub = ArgumentMap.model_construct(meta=amap.meta, claims=tuple(claims))
    _SUB_MAPS.put(amap, thesis_id, sub)
    return sub


def stances(amap: ArgumentMap, thesis_id: str) -> Mapping[str, Stance]:
    """Each claim's stance toward a thesis: pro along paths with an even number of attacks.

    A claim reached by paths of both parities is ``mixed``. Linear in claims plus relations;
    computed once per map and thesis (the result is read-only). A thesis's sub-map gives
    the same stances as the whole map, as every path to the thesis lies in its sub-map.
    """
    cached = _STANCES.get(amap, thesis_id)
    if cached is not None:
        return cached
    incoming = amap.incoming
    # Bit 1: reached by a path with an even number of attacks; bit 2: by an odd one.
    parities: dict[str, int] = {thesis_id: 1}
    stack = [(thesis_id, 1)]
    while stack:
        node, bit = stack.pop()
        for rel in incoming.get(node, ()):
            p = bit if rel.kind is RelationKind.SUPPORTS else 3 - bit
            seen = parities.get(rel.source, 0)
            if not seen & p:
                parities[rel.source] = seen | p
                stack.append((rel.source, p))
    by_bits = {1: Stance.PRO, 2: Stance.CON, 3: Stance.MIXED}
    out = {cid: by_bits[parities[cid]] for cid in sorted(parities)}
    out[thesis_id] = Stance.THESIS
    result = MappingProxyType(out)
    _STANCES.put(amap, thesis_id, result)
    return result


@dataclass(slots=True)
class OutlineNode:
    """One entry of the pro/con outline: a claim, how it bears on its parent, its own reasons."""

    claim_id: str
    relation: RelationKind | None
    children: list[OutlineNode] = field(default_factory=list)
    repeated: bool = False


def outline(amap: ArgumentMap, thesis_id: str) -> OutlineNode:
    """The outline of reasons for and against a thesis, depth first.

    Each claim is expanded once, where it first appears (supports before attacks, then by
    id); later appearances are marked ``repeated`` so cycles and shared claims stay finite.
    """
    require_thesis(amap, thesis_id)
    incoming = amap.incoming  # supports before attacks, then by id
    root = OutlineNode(thesis_id, None)
    expanded = {thesis_id}
    # Breadth-first expansion puts each claim under its nearest parent, so the outline
    # shows the shortest line of reasoning to the thesis.
    queue = [root]
    while queue:
        nxt: list[OutlineNode] = []
        for node in queue:
            children = node.children
            for source, kind, _ in incoming.get(node.claim_id, ()):
                repeated = source in expanded
                child = OutlineNode(source, kind, [], repeated)
                children.append(child)
                if not repeated:
                    expanded.add(source)
                    nxt.append(child)
        queue = nxt
    return root


_FIELDS = ("supports", "attacks", "undercuts")


def _drop_targets(claim: Claim, target: str, fields: Sequence[str]) -> Claim:
    if not any(target in getattr(claim, f) for f in fields):
        return claim
    return claim.model_copy(
        update={f: tuple(t for t in getattr(claim, f) if t != target) for f in fields}
    )


def without_claim(amap: ArgumentMap, claim_id: str) -> ArgumentMap:
    """The map with one claim and every relation to or from it taken out."""
    claims = tuple(_drop_targets(c, claim_id, _FIELDS) for c in amap.claims if c.id != claim_id)
    return ArgumentMap(meta=amap.meta, claims=claims)


def with_claim_accepted(amap: ArgumentMap, claim_id: str) -> ArgumentMap | None:
    """The map with one claim made to stand: every attack and undercut on it dropped.
    ``None`` when nothing attacks it."""
    attacked = any(r.kind is not RelationKind.SUPPORTS for r in amap.incoming.get(claim_id, ()))
    if not attacked:
        return None
    drop = ("attacks", "undercuts")
    claims = tuple(_drop_targets(c, claim_id, drop) for c in amap.claims)
    return ArgumentMap(meta=amap.meta, claims=claims)


# Graph walks over the relations of a map.


def reaching(amap: ArgumentMap, targets: Sequence[str]) -> set[str]:
    """Ids of the claims with a path of relations to any of ``targets`` (targets included)."""
    incoming = amap.incoming
    seen = set(targets)
    stack = list(targets)
    while stack:
        for rel in incoming.get(stack.pop(), ()):
            if rel.source not in seen:
                seen.add(rel.source)
                stack.append(rel.source)
    return seen


def limit_depth(amap: ArgumentMap, roots: list[str], depth: int) -> ArgumentMap:
    """The claims at most ``depth`` relation steps from ``roots`` (following relations
    backwards, from a target to the claims that bear on it), and the relations among them."""
    incoming: dict[str, list[str]] = defaultdict(list)
    for rel in amap.relations:
        incoming[rel.target].append(rel.source)
    keep = set(roots)
    level = list(roots)
    for _ in range(depth):
        level = [s for t in level for s in incoming.get(t, ()) if s not in keep]
        keep.update(level)
    claims = tuple(
        c.model_copy(
            update={
                k: tuple(t for t in getattr(c, k) if t in keep)
                for k in ("supports", "attacks", "undercuts")
            }
        )
        for c in amap.claims
        if c.id in keep
    )
    return ArgumentMap(meta=amap.meta, claims=claims)


def in_cycles(graph: dict[str, list[str]]) -> list[str]:
    """The nodes left once every node that leads to no cycle is trimmed (repeatedly dropping
    those with no successor left): a superset of the nodes on cycles, in a few passes of
    plain counting, where a map without support cycles leaves none for Tarjan's walk."""
    out_degree = {node: len(succ) for node, succ in graph.items()}
    predecessors: dict[str, list[str]] = defaultdict(list)
    for node, succ in graph.items():
        for nxt in succ:
            predecessors[nxt].append(node)
    sinks = [node for node in predecessors if node not in out_degree]
    while sinks:
        for pred in predecessors.get(sinks.pop(), ()):
            out_degree[pred] -= 1
            if not out_degree[pred]:
                sinks.append(pred)
    return sorted(node for node, degree in out_degree.items() if degree)


def strongly_connected(nodes: Sequence[str], graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan 1972), iterative so deep chains cannot overflow."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            succ = graph.get(node, [])
            if pos < len(succ):
                work.append((node, pos + 1))
                nxt = succ[pos]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components
