"""Which statements and arguments Argdown's own map draws by default. No I/O.

It follows the default selection of Argdown 1.7 (``StatementSelectionPlugin`` with
``statementSelectionMode: with-title`` and ``excludeDisconnected: true``, and
``ArgumentSelectionPlugin``): a statement is drawn when it has a title of its own, or when
it is in a relation and used in no premise-conclusion structure, and in either case only
when it is connected (in a relation, or a premise or conclusion of an argument). An
argument is drawn when it is connected: in a relation, undercut, or one of its premises
or its conclusion is in a relation or shared with another argument. ``{isInMap: true}``
draws an element in any case, ``{isInMap: false}`` never (as Argdown's preselection). Whether the other end of a relation is drawn is not asked
(Argdown asks it of the elements selected before; the difference shows only on maps that
exclude elements by hand).
"""

from __future__ import annotations

from collections.abc import Set

from argmap.model import ArgumentMap, ClaimKind, Relation, RelationKind
from argmap.read.argdown.model import SYMMETRIC, ArgdownModel, Node, NodeKey

_PCS_ROLES = frozenset({"premise", "main-conclusion"})


def default_selection(model: ArgdownModel) -> set[NodeKey]:
    """The nodes Argdown's map shows when no selection is configured."""
    related: dict[NodeKey, list[tuple[NodeKey, NodeKey, bool]]] = {}
    for rel in model.relations:
        symmetric = rel.type in SYMMETRIC
        for key in (rel.source, rel.target):
            related.setdefault(key, []).append((rel.source, rel.target, symmetric))
    roles: dict[str, set[str]] = {}
    for node in model.nodes.values():
        for entry in node.pcs:
            roles.setdefault(entry.title, set()).add(entry.role)
    selected: set[NodeKey] = set()
    for key, node in model.nodes.items():
        in_map = node.data().get("isInMap")
        if in_map is not None:
            if in_map is True:
                selected.add(key)
        elif node.kind == "statement":
            used = bool(roles.get(node.title, set()) & _PCS_ROLES)
            with_relations = bool(related.get(key))
            shown = (not used and with_relations) or not node.untitled
            if shown and (used or with_relations):
                selected.add(key)
        elif _argument_connected(node, related, roles):
            selected.add(key)
    return selected


def _argument_connected(
    node: Node,
    related: dict[NodeKey, list[tuple[NodeKey, NodeKey, bool]]],
    roles: dict[str, set[str]],
) -> bool:
    if related.get(node.key):
        return True
    for entry in node.pcs:
        key: NodeKey = ("statement", entry.title)
        if entry.role not in _PCS_ROLES:
            continue
        for source, target, symmetric in related.get(key, []):
            # A premise's own supports and a conclusion's incoming relations are what the
            # structure says already; they do not connect the argument to anything else.
            if symmetric or (entry.role == "premise" and target == key):
                return True
            if entry.role == "main-conclusion" and source == key:
                return True
        other = "main-conclusion" if entry.role == "premise" else "premise"
        if other in roles.get(entry.title, set()):
            return True
    return False


def selected_view(amap: ArgumentMap, details: Set[str]) -> tuple[list[str], list[Relation]]:
    """The claims and edges of a map drawn the way Argdown draws it by default.

    Claims in ``details`` are left out. An edge from a left-out claim is drawn from each
    shown argument it is the conclusion of (the argument supports it), an edge into one to
    each shown argument it is a premise of (it supports the argument), as Argdown draws
    relations of reconstructed arguments; the edges between a left-out claim and those
    arguments are what the argument node stands for, and are not drawn.

    Returns:
        The ids of the claims drawn, sorted, and the edges between them, sorted, each once.
    """
    kinds = {c.id: c.kind for c in amap.claims}
    shown = sorted(c.id for c in amap.claims if c.id not in details)
    keep = set(shown)
    # The shown arguments each left-out claim is the conclusion of, and a premise of.
    concluded: dict[str, list[str]] = {}
    premised: dict[str, list[str]] = {}
    for rel in amap.relations:
        if rel.kind is not RelationKind.SUPPORTS:
            continue
        source, target = rel.source, rel.target
        if target in details and source in keep and kinds[source] is ClaimKind.ARGUMENT:
            concluded.setdefault(target, []).append(source)
        if source in details and target in keep and kinds[target] is ClaimKind.ARGUMENT:
            premised.setdefault(source, []).append(target)

    edges: set[Relation] = set()
    for rel in amap.relations:
        if rel.source in keep and rel.target in keep:
            edges.add(rel)
            continue
        sources = [rel.source] if rel.source in keep else concluded.get(rel.source, [])
        targets = [rel.target] if rel.target in keep else premised.get(rel.target, [])
        for source in sources:
            for target in targets:
                if source != target:
                    edges.add(Relation(source, rel.kind, target))
    return shown, sorted(edges)


def drawn_map(amap: ArgumentMap, details: Set[str]) -> ArgumentMap:
    """The map as its source format draws it: :func:`selected_view` as a map of its own,
    to draw (verdicts still come from the whole map). Theses, and the claims the map
    compares, are always drawn."""
    kept = {t.id for t in amap.theses} | {c for pair in amap.meta.compare for c in pair}
    hidden = set(details) - kept
    if not hidden:
        return amap
    shown, edges = selected_view(amap, hidden)
    lists: dict[tuple[str, RelationKind], list[str]] = {}
    for edge in edges:
        lists.setdefault((edge.source, edge.kind), []).append(edge.target)
    claims = []
    for cid in shown:
        claim = amap.by_id[cid]
        update = {
            kind.value: tuple(lists.get((cid, kind), ()))
            for kind in (RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.UNDERCUTS)
        }
        same = all(getattr(claim, k) == v for k, v in update.items())
        claims.append(claim if same else claim.model_copy(update=update))
    return ArgumentMap(meta=amap.meta, claims=tuple(claims))
