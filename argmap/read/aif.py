"""Reader for AIF JSON (AIFdb, and the OVA/xAIF wrapper under "AIF"): the argument layer as claims.

Mapping (documented in docs/formats/aif.md):

- I-node: a claim; its id is the nodeID when that is a valid id.
- RA-node: its premise supports each conclusion. An RA with two premises or more (which
  hold only together), or that is attacked (an undercut), supported or attacks, becomes
  a claim of kind ``argument`` with its nodeID: the premises support it, it supports the
  conclusion, and a CA's source undercuts it.
- CA-node: each source attacks each target (undercuts when the target is an RA).
- MA (rephrase) and PA (preference) have no counterpart in the model: reported, left out.
- L, YA, TA (the dialogue layer): skipped and counted in one note.
- ``x-argmap`` objects (written by argmap's AIF writer) carry what AIF has no place for.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Severity, Span, quote_id
from argmap.model import MODEL_ID_RE, Claim, ClaimKind, MapMeta, RelationKind
from argmap.read.aif_names import inference_text
from argmap.read.collect import Collector, failed
from argmap.read.json import JsonDocument, JsonPath, parse_json
from argmap.read.result import LoadResult

__all__ = ["EXTENSION_KEY", "read_aif"]

#: The member under which argmap stores what AIF cannot hold (kind, label, tags, ...).
EXTENSION_KEY = "x-argmap"
_DIALOGUE = frozenset({"L", "YA", "TA"})
_KNOWN = frozenset({"I", "RA", "CA", "MA", "PA"}) | _DIALOGUE
_CLAIM_EXTRAS = frozenset({"kind", "label", "tags", "sources", "weight"})


@dataclass
class _Node:
    nid: str
    type: str
    text: str
    where: JsonPath
    ext: dict[str, Any] | None
    scheme: str | None
    ins: list[tuple[str, JsonPath]] = field(default_factory=list)
    outs: list[tuple[str, JsonPath]] = field(default_factory=list)
    claim: bool = False


def _node_id(value: Any) -> str | None:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _slug(nid: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", nid).strip("-.") or "node"
    return slug if MODEL_ID_RE.match(slug) else f"n{slug}"[:200]


class _Reader(Collector):
    def __init__(self, doc: JsonDocument) -> None:
        super().__init__(doc.path)
        self.doc = doc
        self.nodes: dict[str, _Node] = {}
        self.ids: dict[str, str] = {}
        self.rels: dict[str, dict[RelationKind, list[str]]] = {}

    def fail(self, where: JsonPath, code: str, message: str) -> None:
        self.say(self.doc.span(*where), Severity.ERROR, code, message)

    def warn(self, where: JsonPath, code: str, message: str) -> None:
        self.say(self.doc.span(*where), Severity.WARNING, code, message)

    def note(self, where: JsonPath, code: str, message: str) -> None:
        self.say(self.doc.span(*where), Severity.INFO, code, message)

    def read(self) -> tuple[MapMeta | None, list[Claim]]:
        top = self.doc.value
        base: JsonPath = ()
        if isinstance(top, dict) and isinstance(top.get("AIF"), dict):
            if "nodes" in top:  # two maps in one document: reading one would drop the other
                self.fail(
                    ("nodes",),
                    "aif-invalid",
                    "the document has both top-level 'nodes' and an 'AIF' object: keep one",
                )
                return None, []
            base, top = ("AIF",), top["AIF"]
        if not isinstance(top, dict) or not isinstance(top.get("nodes"), list):
            self.fail(
                base,
                "aif-invalid",
                "an AIF document needs a 'nodes' list (and 'edges'), or an 'AIF' object holding "
                "them",
            )
            return None, []
        edges = top.get("edges", [])
        if not isinstance(edges, list):
            self.fail((*base, "edges"), "aif-invalid", "'edges' must be a list")
            edges = []
        self.read_nodes(top["nodes"], (*base, "nodes"))
        valid = self.read_edges(edges, (*base, "edges"))
        self.classify(valid)
        self.assign_ids()
        for src, dst, where in valid:
            self.relate(src, dst, where)
        self.report_dropped()
        meta = self.read_meta(
            self.doc.value.get(EXTENSION_KEY) if isinstance(self.doc.value, dict) else None
        )
        return meta, self.claims()

    def read_nodes(self, items: list[Any], where: JsonPath) -> None:
        dialogue: Counter[str] = Counter()
        first_dialogue: JsonPath | None = None
        for i, item in enumerate(items):
            at = (*where, i)
            if not isinstance(item, dict):
                self.fail(
                    at,
                    "aif-invalid",
                    "each node must be an object with 'nodeID', 'type' and 'text'",
                )
                continue
            nid, kind, text = _node_id(item.get("nodeID")), item.get("type"), item.get("text", "")
            if nid is None:
                self.fail(at, "aif-invalid", "node has no 'nodeID' (a string or number)")
                continue
            if not isinstance(kind, str):
                self.fail(
                    at,
                    "aif-invalid",
                    f"node {quote_id(nid)} has no 'type' (I, RA, CA, MA, PA, L, YA or TA)",
                )
                continue
            if not isinstance(text, str):
                self.fail(
                    (*at, "text"), "aif-invalid", f"'text' of node {quote_id(nid)} must be a string"
                )
                continue
            if nid in self.nodes:
                first = self.doc.span(*self.nodes[nid].where)
                self.fail(
                    at, "aif-duplicate-node", f"duplicate nodeID {quote_id(nid)} (first at {first})"
                )
                continue
            if kind in _DIALOGUE:
                dialogue[kind] += 1
                first_dialogue = first_dialogue or at
            elif kind not in _KNOWN:
                self.warn(
                    at,
                    "aif-unknown-node",
                    f"node {quote_id(nid)} has type {quote_id(kind)}, which is not part of AIF's "
                    "argument layer; left out",
                )
            ext = item.get(EXTENSION_KEY)
            if ext is not None and not isinstance(ext, dict):
                self.fail(
                    (*at, EXTENSION_KEY), "aif-extension", f"'{EXTENSION_KEY}' must be an object"
                )
                ext = None
            scheme = item.get("scheme")
            self.nodes[nid] = _Node(
                nid, kind, text, at, ext, scheme if isinstance(scheme, str) and scheme else None
            )
        if dialogue:
            counts = ", ".join(f"{k} {n}" for k, n in sorted(dialogue.items()))
            total = sum(dialogue.values())
            self.note(
                first_dialogue or (),
                "aif-dialogue",
                f"skipped {total} dialogue node{'s' * (total != 1)} ({counts}): argmap reads the "
                "argument layer only",
            )

    def read_edges(self, items: list[Any], where: JsonPath) -> list[tuple[_Node, _Node, JsonPath]]:
        valid = []
        for i, item in enumerate(items):
            at = (*where, i)
            if not isinstance(item, dict):
                self.fail(at, "aif-invalid", "each edge must be an object with 'fromID' and 'toID'")
                continue
            ends = [_node_id(item.get(k)) for k in ("fromID", "toID")]
            if ends[0] is None or ends[1] is None:
                self.fail(at, "aif-invalid", "edge needs 'fromID' and 'toID' (strings or numbers)")
                continue
            missing = [e for e in ends if e not in self.nodes]
            if missing:
                unknown = f"edge refers to unknown node {quote_id(missing[0])}"
                self.fail(at, "aif-unknown-edge-end", unknown)
                continue
            src, dst = self.nodes[ends[0]], self.nodes[ends[1]]
            src.outs.append((dst.nid, at))
            dst.ins.append((src.nid, at))
            if src.type in _KNOWN - _DIALOGUE and dst.type in _KNOWN - _DIALOGUE:
                valid.append((src, dst, at))
        return valid

    def classify(self, edges: list[tuple[_Node, _Node, JsonPath]]) -> None:
        for node in self.nodes.values():
            node.claim = node.type == "I" or (node.type == "RA" and node.ext is not None)
        premises = Counter(d.nid for s, d, _ in edges if d.type == "RA" and s.type == "I")
        for src, dst, _ in edges:
            # An RA is a claim when attacked, supported or attacking, or when it infers from
            # two premises or more: they hold only together, as an argument claim's do.
            if dst.type == "RA" and (src.type in ("CA", "RA") or premises[dst.nid] >= 2):
                dst.claim = True
            if src.type == "RA" and dst.type == "CA":
                src.claim = True

    def assign_ids(self) -> None:
        taken = {n.nid for n in self.nodes.values() if n.claim and MODEL_ID_RE.match(n.nid)}
        for node in self.nodes.values():
            if not node.claim:
                continue
            cid = node.nid
            if not MODEL_ID_RE.match(cid):
                base = cid = _slug(node.nid)
                n = 1
                while cid in taken:
                    n += 1
                    cid = f"{base}-{n}"
                taken.add(cid)
                self.note(
                    node.where,
                    "aif-renamed-node",
                    f"nodeID {quote_id(node.nid)} is not a valid claim id; the claim is named "
                    f"{quote_id(cid)}",
                )
            self.ids[node.nid] = cid

    def add(self, src: _Node, kind: RelationKind, dst: _Node, where: JsonPath) -> None:
        sid, tid = self.ids[src.nid], self.ids[dst.nid]
        targets = self.rels.setdefault(sid, {}).setdefault(kind, [])
        self.spans.add(("claim", sid, kind.value, len(targets)), self.doc.span(*where))
        targets.append(tid)

    def claims_after(self, node: _Node) -> list[_Node]:
        return [self.nodes[t] for t, _ in node.outs if self.nodes[t].claim]

    def relate(self, src: _Node, dst: _Node, where: JsonPath) -> None:
        """The relations an edge carries: premise and attacker edges do; the others end them."""
        if src.claim and dst.claim:
            if src.type == "RA" or dst.type == "RA":
                self.add(src, RelationKind.SUPPORTS, dst, where)
            else:
                self.warn(
                    where,
                    "aif-invalid-edge",
                    f"edge from I-node {quote_id(src.nid)} to I-node {quote_id(dst.nid)} goes "
                    "through no scheme node; left out",
                )
        elif src.claim and dst.type == "RA":
            for conclusion in self.claims_after(dst):
                self.add(src, RelationKind.SUPPORTS, conclusion, where)
        elif src.claim and dst.type == "CA":
            forced = (dst.ext or {}).get("relation")
            if forced not in (None, "attacks", "undercuts"):
                self.fail(
                    where,
                    "aif-extension",
                    f"relation of conflict {quote_id(dst.nid)} must be 'attacks' or 'undercuts', "
                    f"not {quote_id(forced)}",
                )
                return
            for target in self.claims_after(dst):
                undercut = target.type == "RA" if forced is None else forced == "undercuts"
                self.add(
                    src, RelationKind.UNDERCUTS if undercut else RelationKind.ATTACKS, target, where
                )
        elif src.type == "CA" and dst.type == "CA":
            self.warn(
                where,
                "aif-invalid-edge",
                f"conflict {quote_id(src.nid)} targets conflict {quote_id(dst.nid)}: argmap has no "
                "attacks on attacks; left out",
            )

    def report_dropped(self) -> None:
        schemes: set[str] = set()
        first_scheme: JsonPath | None = None
        for node in self.nodes.values():
            if node.scheme and node.type in ("RA", "CA", "MA", "PA"):
                schemes.add(node.scheme)
                first_scheme = first_scheme or node.where
            ins = [self.nodes[s] for s, _ in node.ins if self.nodes[s].type in _KNOWN - _DIALOGUE]
            outs = [self.nodes[t] for t, _ in node.outs if self.nodes[t].type in _KNOWN - _DIALOGUE]
            names = ", ".join(quote_id(n.nid) for n in ins) or "nothing"
            to = ", ".join(quote_id(n.nid) for n in outs) or "nothing"
            if node.type == "MA":
                self.warn(
                    node.where,
                    "aif-rephrase",
                    f"rephrase {quote_id(node.nid)} (from {names} to {to}) has no counterpart in "
                    "argmap; left out",
                )
            elif node.type == "PA":
                self.warn(
                    node.where,
                    "aif-preference",
                    f"preference {quote_id(node.nid)} (of {names} over {to}) has no counterpart in "
                    "argmap; left out",
                )
            elif node.type in ("RA", "CA") and not node.claim and (not ins or not outs):
                what = "inference" if node.type == "RA" else "conflict"
                side = "premise" if not ins else "conclusion"
                if node.type == "CA":
                    side = "attacker" if not ins else "target"
                self.warn(
                    node.where,
                    "aif-incomplete-scheme",
                    f"{what} {quote_id(node.nid)} has no {side}; it relates nothing",
                )
        if schemes:
            listed = ", ".join(sorted(schemes))
            self.note(
                first_scheme or (),
                "aif-scheme-name",
                f"scheme names are not kept ({listed}): argmap relations carry no argumentation "
                "scheme",
            )

    def claims(self) -> list[Claim]:
        out = []
        for node in self.nodes.values():
            if not node.claim:
                continue
            cid = self.ids[node.nid]
            self.spans.add(("claim", cid), self.doc.span(*node.where))
            self.spans.add(("claim", cid, "text"), self.doc.span(*node.where, "text"))
            text = node.text
            if node.type == "RA":  # named by its scheme, or else by what it infers from
                premises = [self.nodes[s].text for s, _ in node.ins if self.nodes[s].type == "I"]
                text = inference_text(node.text or node.scheme or "", premises)
            if not text:
                self.fail(
                    node.where, "aif-empty-text", f"I-node {quote_id(node.nid)} has empty text"
                )
                self.broken.add(cid)
                continue
            data: dict[str, Any] = {"id": cid, "text": text}
            if node.type == "RA":
                data["kind"] = ClaimKind.ARGUMENT.value
            extras = dict(node.ext or {})
            unknown = sorted(set(extras) - _CLAIM_EXTRAS)
            if unknown:
                where = (*node.where, EXTENSION_KEY, unknown[0])
                self.fail(
                    where,
                    "aif-extension",
                    f"unknown field {quote_id(unknown[0])} in '{EXTENSION_KEY}' of node "
                    f"{quote_id(node.nid)}",
                )
            data.update({k: v for k, v in extras.items() if k in _CLAIM_EXTRAS})
            data.update({k.value: tuple(v) for k, v in self.rels.get(cid, {}).items()})

            def locate(loc: tuple[int | str, ...], key: bool, node: _Node = node) -> Span:
                inside = loc[:1] != ("text",) and bool(loc) and loc[0] in (node.ext or {})
                where = (*node.where, EXTENSION_KEY, *loc) if inside else (*node.where, "text")
                return self.doc.span(*where)

            claim = self.claim(data, locate, cid)
            if claim is not None:
                out.append(claim)
        return out

    def read_meta(self, value: Any) -> MapMeta | None:
        if value is None:
            return None
        self.spans.add(("map",), self.doc.span(EXTENSION_KEY))
        return self.meta(value, lambda loc, key: self.doc.span(EXTENSION_KEY, *loc))


def read_aif(text: str, path: str) -> LoadResult:
    """Read an AIF JSON document: AIFdb's ``{"nodes", "edges"}`` or OVA/xAIF's ``{"AIF": {...}}``.

    Args:
        text: The document.
        path: The path shown in diagnostics.

    Returns:
        The claims and relations of the argument layer, their spans, and every problem
        found; constructs argmap cannot hold are reported, never dropped silently.
    """
    doc, diags = parse_json(text, path, "aif")
    if doc is None:
        return failed(path, diags)
    reader = _Reader(doc)
    reader.diagnostics += diags
    return reader.result(*reader.read())
