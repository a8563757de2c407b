"""Writer for AIF JSON (AIFdb form): claims as I-nodes, supports through RA, attacks through CA.

Deterministic: I-node ids are the claim ids, scheme nodes and edges are numbered in the
order of the claims (by id) and of each claim's relations, and no timestamps are written.
What AIF has no place for (kind, label, tags, sources, weight, map metadata) travels in
``x-argmap`` objects, so argmap -> AIF -> argmap gives back the same map.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.diagnostics import quote_id
from argmap.errors import DataError
from argmap.model import ArgumentMap, Claim, ClaimKind, RelationKind
from argmap.read.aif import EXTENSION_KEY

__all__ = ["render_aif"]

_EXTRAS = {"kind", "label", "tags", "sources", "weight"}


def _as_inference(claim: Claim) -> bool:
    """Whether an argument claim is written as the RA node it stands for (one conclusion)."""
    return claim.kind is ClaimKind.ARGUMENT and len(claim.supports) == 1


class _Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.inference = {c.id for c in amap.claims if _as_inference(c)}
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.count = 0

    def edge(self, src: str, dst: str) -> None:
        self.edges.append(
            {"edgeID": f"E#{len(self.edges) + 1}", "fromID": src, "formEdgeID": None, "toID": dst}
        )

    def scheme(self, kind: str, text: str, ext: dict[str, Any] | None = None) -> str:
        self.count += 1
        nid = f"{kind}#{self.count}"
        node: dict[str, Any] = {"nodeID": nid, "text": text, "type": kind}
        if ext:
            node[EXTENSION_KEY] = ext
        self.nodes.append(node)
        return nid

    def claim_node(self, claim: Claim) -> dict[str, Any]:
        ext = claim.model_dump(mode="json", include=_EXTRAS, exclude_defaults=True)
        inference = claim.id in self.inference
        if inference:
            ext["kind"] = ClaimKind.ARGUMENT.value
        node: dict[str, Any] = {
            "nodeID": claim.id,
            "text": claim.text,
            "type": "RA" if inference else "I",
        }
        if ext:
            node[EXTENSION_KEY] = ext
        return node

    def relation(self, src: str, kind: RelationKind, dst: str) -> None:
        if dst not in self.amap.by_id:
            raise DataError(
                f"claim {quote_id(src)} {kind.value} unknown claim {quote_id(dst)}; nothing was "
                "written"
            )
        if kind is RelationKind.SUPPORTS:
            if src in self.inference or dst in self.inference:
                # An argument written as its RA node: premises and conclusion link to it directly.
                self.edge(src, dst)
                return
            ra = self.scheme("RA", "Default Inference")
            self.edge(src, ra)
            self.edge(ra, dst)
            return
        # A CA on an RA reads as an undercut, on an I-node as an attack; say so when they differ.
        undercut = kind is RelationKind.UNDERCUTS
        ext = {"relation": kind.value} if undercut != (dst in self.inference) else None
        ca = self.scheme("CA", "Default Conflict", ext)
        self.edge(src, ca)
        self.edge(ca, dst)

    def write(self) -> dict[str, Any]:
        self.nodes = [self.claim_node(c) for c in self.amap.claims]
        for claim in self.amap.claims:
            for kind in RelationKind:
                for target in claim.targets(kind):
                    self.relation(claim.id, kind, target)
        doc: dict[str, Any] = {"nodes": self.nodes, "edges": self.edges, "locutions": []}
        meta = self.amap.meta.model_dump(mode="json", exclude_defaults=True)
        if meta:
            doc[EXTENSION_KEY] = meta
        return doc


def render_aif(amap: ArgumentMap) -> str:
    """The map as AIF JSON in the AIFdb form (``nodes``, ``edges``, ``locutions``).

    An ``argument`` claim with exactly one conclusion is written as an RA node (so that
    undercuts become a CA on that RA, as AIF has it); every other claim is an I-node.

    Raises:
        DataError: A relation points at a claim that is not in the map.
    """
    doc = _Writer(amap).write()
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
