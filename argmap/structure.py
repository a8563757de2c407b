"""Structure derived from a map: a thesis's sub-map, each claim's stance, the pro/con outline. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from argmap.errors import UsageError
from argmap.model import ArgumentMap, Claim, ClaimKind, RelationKind
from argmap.validate import reaching


class Stance(StrEnum):
    """A claim's stance toward a thesis, derived from the relation paths between them."""

    THESIS = "thesis"
    PRO = "pro"
    CON = "con"
    MIXED = "mixed"


def require_thesis(amap: ArgumentMap, thesis_id: str) -> None:
    """Raise UsageError unless ``thesis_id`` names a thesis of the map."""
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
    key = ("thesis_map", thesis_id)
    cached = amap.memo.get(key)
    if isinstance(cached, ArgumentMap):
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
    amap.memo[key] = sub
    return sub


def stances(amap: ArgumentMap, thesis_id: str) -> Mapping[str, Stance]:
    """Each claim's stance toward a thesis: pro along paths with an even number of attacks.

    A claim reached by paths of both parities is ``mixed``. Linear in claims plus relations;
    computed once per map and thesis (the result is read-only). A thesis's sub-map gives
    the same stances as the whole map, as every path to the thesis lies in its sub-map.
    """
    key = ("stances", thesis_id)
    cached = amap.memo.get(key)
    if isinstance(cached, MappingProxyType):
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
    amap.memo[key] = result
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
