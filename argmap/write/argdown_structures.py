"""Which parts of a map the Argdown writer expresses with Argdown's own structures:
premise-conclusion structures, contradictions, and statements written without a title."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from argmap.model import ArgumentMap, ClaimKind


@dataclass
class Structures:
    """What the writer expresses with Argdown's own structures instead of plain relations.

    ``premises`` maps an argument to the premises of its premise-conclusion structure (its
    one support target is the conclusion); ``contradictions`` holds (source, target) pairs
    written as ``><``; ``implied`` the (source, kind, target) relations these carry, which
    are not written again. ``inline`` names the statements written in a structure without
    a title of their own, as Argdown writes a premise or conclusion used nowhere else (and
    as its map leaves out): claims without a label that stand in one structure and in no
    other relation.
    """

    premises: dict[str, list[str]] = field(default_factory=dict)
    contradictions: set[tuple[str, str]] = field(default_factory=set)
    implied: set[tuple[str, str, str]] = field(default_factory=set)
    inline: set[str] = field(default_factory=set)


def plan_structures(amap: ArgumentMap) -> Structures:
    """Premise-conclusion structures and contradictions that read back as the same map.

    The reader adds the relations of a structure after all written ones, and the second
    half of a contradiction to the end of its target's list, so each is used only where
    that keeps the order of every relation list (claims compare equal only then).
    """
    plan = Structures()
    by_id = amap.by_id

    def statement(cid: str) -> bool:
        claim = by_id.get(cid)
        return claim is not None and claim.kind is not ClaimKind.ARGUMENT

    for claim in amap.claims:
        if not statement(claim.id):
            continue
        tail: list[str] = []
        for target in reversed(claim.attacks):
            mutual = statement(target) and claim.id in by_id[target].attacks
            if not mutual or target <= claim.id or (tail and target >= tail[0]):
                break
            tail.insert(0, target)
        for target in tail:
            plan.implied.add((claim.id, "attacks", target))
            plan.contradictions.add((target, claim.id))
    # Arguments that may be written as a structure: one conclusion, a statement, and no
    # relation of their own besides it. Their order is the order they are written in.
    rank = {
        arg.id: i
        for i, arg in enumerate(amap.claims)
        if arg.kind is ClaimKind.ARGUMENT
        and len(arg.supports) == 1
        and not arg.attacks
        and not arg.undercuts
        and statement(arg.supports[0])
    }
    chosen = set(rank)
    while True:
        premises = _premises(amap, chosen, rank, statement)
        # Argdown drops an attack on an argument that repeats an attack on a premise.
        dropped = {
            arg
            for arg in chosen
            if not premises.get(arg)
            or any(
                p in c.attacks or c.id in by_id[p].attacks
                for c in amap.claims
                if arg in c.attacks
                for p in premises[arg]
            )
        }
        if not dropped:
            break
        chosen -= dropped
    for arg_id in sorted(chosen, key=rank.__getitem__):
        plan.premises[arg_id] = premises[arg_id]
        plan.implied.add((arg_id, "supports", by_id[arg_id].supports[0]))
        plan.implied.update((p, "supports", arg_id) for p in premises[arg_id])
    plan.inline = _inline(amap, plan)
    return plan


def _premises(
    amap: ArgumentMap, chosen: set[str], rank: dict[str, int], statement: Callable[[str], bool]
) -> dict[str, list[str]]:
    """Each chosen argument's premises: the statements whose supports end with it.

    The reader adds a structure's relations after a claim's written ones, structures in the
    order they are written, so a statement is a premise of the arguments in the tail of
    its supports that are chosen and in written order; the rest it supports in writing.
    """
    premises: dict[str, list[str]] = {}
    for claim in amap.claims:
        if not statement(claim.id):
            continue
        tail: list[str] = []
        for target in reversed(claim.supports):
            ok = target in chosen and amap.by_id[target].supports[0] != claim.id
            if not ok or (tail and rank[target] >= rank[tail[-1]]):
                break
            tail.append(target)
        for target in tail:
            premises.setdefault(target, []).append(claim.id)
    return premises


def _inline(amap: ArgumentMap, plan: Structures) -> set[str]:
    """The statements of ``plan``'s structures written without a title (see Structures)."""
    incoming: dict[str, list[str]] = {}
    for rel in amap.relations:
        incoming.setdefault(rel.target, []).append(rel.source)
    named = {c for pair in amap.meta.compare for c in pair} | set(amap.meta.theses)
    carried: dict[str, int] = {}  # how many relations of its own structures carry
    for source, _, _ in plan.implied:
        carried[source] = carried.get(source, 0) + 1
    inline: set[str] = set()
    for arg_id, premises in plan.premises.items():
        conclusion = amap.by_id[arg_id].supports[0]
        # A premise in this structure only, a conclusion of it only; either may have
        # relations of its own (written under it), but no other claim may point at it.
        for cid, own, into in [(p, 1, []) for p in premises] + [(conclusion, 0, [arg_id])]:
            claim = amap.by_id[cid]
            if (
                claim.label is None
                and claim.kind not in (ClaimKind.THESIS, ClaimKind.ARGUMENT)
                and cid not in named
                and carried.get(cid, 0) == own
                and incoming.get(cid, []) == into
                and not any((cid, t) in plan.contradictions for t in claim.attacks)
            ):
                inline.add(cid)
    return inline
