"""The rewrites Argdown applies to relations once a document is read, as Argdown 1.7.5 does them.

Relations drawn from a reconstructed argument start from its main conclusion; an undercut
of a reconstructed argument hits its last inference; in strict mode a support between
statements is an entailment and an attack a contrary; an attack on a reconstructed
argument that repeats an attack on one of its premises is dropped. No I/O.
"""

from __future__ import annotations

from argmap.diagnostics import Severity
from argmap.read.argdown.model import SYMMETRIC, ModelRelation, Node, NodeKey
from argmap.read.argdown.problem import Problem


def rewrite_relations(
    nodes: dict[NodeKey, Node], rels: list[ModelRelation], strict: bool, problems: list[Problem]
) -> list[ModelRelation]:
    """The relations after Argdown's rewrites, with warnings for self-relations it drops."""
    rels = _argument_relations(nodes, rels, problems)
    if strict:
        rels = _statement_relations(rels)
    rels = _redundant_attacks_removed(nodes, rels)
    for rel in rels:
        if rel.dropped_by_argdown is not None:
            problems.append(
                Problem(
                    rel.token.offset,
                    Severity.WARNING,
                    "argdown-self-relation",
                    rel.dropped_by_argdown,
                )
            )
    return rels


def _argument_relations(
    nodes: dict[NodeKey, Node], rels: list[ModelRelation], problems: list[Problem]
) -> list[ModelRelation]:
    out: list[ModelRelation] = []
    seen: dict[tuple[str, NodeKey, NodeKey, int | None], ModelRelation] = {}
    for rel in rels:
        source_node = nodes[rel.source]
        if rel.source[0] == "argument" and source_node.pcs:
            rel.source = ("statement", source_node.pcs[-1].title)
            if rel.source == rel.target and rel.inference is None:
                # The argument points at its own conclusion; Argdown drops the relation.
                # A support says what the structure says already; anything else is
                # reported, since it is lost.
                if rel.type != "support":
                    problems.append(
                        Problem(
                            rel.token.offset,
                            Severity.WARNING,
                            "argdown-self-relation",
                            f"<{source_node.title}> {rel.type}s its own conclusion; "
                            "Argdown drops this relation, and so does argmap",
                        )
                    )
                continue
        target_node = nodes[rel.target]
        undercut = rel.type == "undercut" and rel.inference is None
        if undercut and rel.target[0] == "argument" and target_node.pcs:
            rel.inference = len(target_node.pcs) - 1
        key = (rel.type, rel.source, rel.target, rel.inference)
        kept = seen.get(key)
        if kept is not None:
            # The same relation written again: Argdown has it when either one survives.
            if rel.dropped_by_argdown is None:
                kept.dropped_by_argdown = None
            continue
        seen[key] = rel
        out.append(rel)
    return out


def _statement_relations(rels: list[ModelRelation]) -> list[ModelRelation]:
    out: list[ModelRelation] = []
    contraries: set[frozenset[NodeKey]] = set()
    for rel in rels:
        if rel.source[0] == "statement" and rel.target[0] == "statement":
            if rel.type == "support":
                rel.type = "entails"
            elif rel.type == "attack":
                pair = frozenset((rel.source, rel.target))
                if pair in contraries:
                    continue
                contraries.add(pair)
                rel.type = "contrary"
        out.append(rel)
    return out


def _redundant_attacks_removed(
    nodes: dict[NodeKey, Node], rels: list[ModelRelation]
) -> list[ModelRelation]:
    touching: dict[NodeKey, list[ModelRelation]] = {}
    for rel in rels:
        touching.setdefault(rel.source, []).append(rel)
        touching.setdefault(rel.target, []).append(rel)
    out: list[ModelRelation] = []
    for rel in rels:
        target = nodes[rel.target]
        if rel.source[0] == "statement" and rel.type == "attack" and target.pcs:
            premises: set[NodeKey] = {
                ("statement", e.title) for e in target.pcs if e.role == "premise"
            }
            if any(_covers(o, rel.source, premises) for o in touching[rel.source]):
                continue
        out.append(rel)
    return out


def _covers(other: ModelRelation, source: NodeKey, premises: set[NodeKey]) -> bool:
    if other.type == "attack":
        return other.source == source and other.target in premises
    if other.type in SYMMETRIC:
        return (other.source == source and other.target in premises) or (
            other.target == source and other.source in premises
        )
    return False
