"""Structure derived from a map: a thesis's sub-map, each claim's stance, the pro/con outline. Pure."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from argmap.errors import UsageError
from argmap.model import ArgumentMap, ClaimKind, Relation, RelationKind
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


def thesis_map(amap: ArgumentMap, thesis_id: str) -> ArgumentMap:
    """The sub-map of a thesis: the claims with a path to it, and the relations among them."""
    require_thesis(amap, thesis_id)
    keep = reaching(amap, [thesis_id])
    claims = []
    for claim in amap.claims:
        if claim.id in keep:
            claims.append(
                claim.model_copy(
                    update={
                        "supports": tuple(t for t in claim.supports if t in keep),
                        "attacks": tuple(t for t in claim.attacks if t in keep),
                        "undercuts": tuple(t for t in claim.undercuts if t in keep),
                    }
                )
            )
    return ArgumentMap(meta=amap.meta, claims=tuple(claims))


def stances(amap: ArgumentMap, thesis_id: str) -> dict[str, Stance]:
    """Each claim's stance toward a thesis: pro along paths with an even number of attacks.

    A claim reached by paths of both parities is ``mixed``. Linear in claims plus relations.
    """
    incoming: dict[str, list[Relation]] = defaultdict(list)
    for rel in amap.relations:
        incoming[rel.target].append(rel)
    parities: dict[str, set[int]] = defaultdict(set)
    parities[thesis_id].add(0)
    stack = [(thesis_id, 0)]
    while stack:
        node, parity = stack.pop()
        for rel in incoming.get(node, ()):
            p = parity ^ (0 if rel.kind is RelationKind.SUPPORTS else 1)
            if p not in parities[rel.source]:
                parities[rel.source].add(p)
                stack.append((rel.source, p))
    out: dict[str, Stance] = {}
    for cid, ps in sorted(parities.items()):
        if cid == thesis_id:
            out[cid] = Stance.THESIS
        elif ps == {0}:
            out[cid] = Stance.PRO
        elif ps == {1}:
            out[cid] = Stance.CON
        else:
            out[cid] = Stance.MIXED
    return out


@dataclass
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
    incoming: dict[str, list[Relation]] = defaultdict(list)
    order = {RelationKind.SUPPORTS: 0, RelationKind.ATTACKS: 1, RelationKind.UNDERCUTS: 2}
    for rel in amap.relations:
        incoming[rel.target].append(rel)
    for rels in incoming.values():
        rels.sort(key=lambda r: (order[r.kind], r.source))
    root = OutlineNode(thesis_id, None)
    expanded = {thesis_id}
    # Breadth-first expansion puts each claim under its nearest parent, so the outline
    # shows the shortest line of reasoning to the thesis.
    queue = [root]
    while queue:
        nxt: list[OutlineNode] = []
        for node in queue:
            for rel in incoming.get(node.claim_id, ()):
                child = OutlineNode(rel.source, rel.kind, repeated=rel.source in expanded)
                node.children.append(child)
                if not child.repeated:
                    expanded.add(rel.source)
                    nxt.append(child)
        queue = nxt
    return root
