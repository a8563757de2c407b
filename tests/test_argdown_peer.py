"""The Argdown reader against Argdown's own CLI, on the fixtures and peer JSON in cases/argdown.

Two levels are compared, relation by relation:

- Argdown's model: the reader's equivalence classes, arguments and relations (by title,
  relation type and inference) against the ``relations`` of the peer's JSON export.
- The argument map: the claims and relations argmap builds against those derived from
  the peer's JSON by the documented mapping (see :mod:`argmap.read.argdown`).

Untitled statements are matched by their text, untitled arguments by their conclusion.
The one deliberate difference, self-relations that Argdown drops and argmap keeps with a
warning, is checked to be exactly that.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from argmap.model import ArgumentMap, ClaimKind, RelationKind
from argmap.read.argdown import read_argdown
from argmap.read.argdown.build import build_model
from argmap.read.argdown.include import expand_includes
from argmap.read.argdown.model import ArgdownModel, Node
from argmap.read.argdown.parser import parse

CASES = Path(__file__).parent / "cases" / "argdown"
FIXTURES = sorted(p.stem for p in CASES.glob("*.argdown"))

_TAG = re.compile(r"#(?:\([^)]*\)|[^\s#]+)")

Ident = tuple[str, str]
PeerRelation = tuple[Ident, str, Ident, int | None]


def _norm(text: str) -> str:
    return " ".join(_TAG.sub(" ", text).split())


def _peer_text(members: list[dict[str, Any]]) -> str:
    defined = [m for m in members if not m.get("isReference") and m.get("text")]
    canonical = next(
        (m for m in reversed(defined) if (m.get("data") or {}).get("isCanonical")), None
    )
    chosen = canonical or (defined[-1] if defined else None)
    return _norm(chosen["text"]) if chosen else ""


class Peer:
    """The peer's JSON export of one fixture, with identities for its nodes."""

    def __init__(self, name: str) -> None:
        self.data = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
        self.untitled = {
            title
            for title, ec in {**self.data["statements"], **self.data["arguments"]}.items()
            if re.fullmatch(r"Untitled \d+", title)
        }

    def statement(self, title: str) -> Ident:
        if title in self.untitled:
            return ("text", _peer_text(self.data["statements"][title]["members"]))
        return ("statement", title)

    def argument(self, title: str) -> Ident:
        if title in self.untitled:
            conclusion = self.data["arguments"][title]["pcs"][-1]["title"]
            return ("argument for", str(self.statement(conclusion)))
        return ("argument", title)

    def ident(self, title: str, kind: str) -> Ident:
        return self.argument(title) if kind in ("argument", "inference") else self.statement(title)

    def nodes(self) -> set[Ident]:
        return {self.statement(t) for t in self.data["statements"]} | {
            self.argument(t) for t in self.data["arguments"]
        }

    def relations(self) -> set[PeerRelation]:
        return {
            (
                self.ident(r["from"], r["fromType"]),
                r["relationType"],
                self.ident(r["to"], r["toType"]),
                r.get("conclusionIndex"),
            )
            for r in self.data["relations"]
        }

    def map_relations(self) -> set[tuple[Ident, RelationKind, Ident]]:
        """The argmap relations the documented mapping derives from the peer's JSON."""
        kinds = {
            "support": RelationKind.SUPPORTS,
            "entails": RelationKind.SUPPORTS,
            "attack": RelationKind.ATTACKS,
            "undercut": RelationKind.UNDERCUTS,
        }
        out: set[tuple[Ident, RelationKind, Ident]] = set()
        for src, rtype, dst, _index in self.relations():
            if rtype in kinds:
                out.add((src, kinds[rtype], dst))
            else:
                out |= {(src, RelationKind.ATTACKS, dst), (dst, RelationKind.ATTACKS, src)}
        for title, arg in self.data["arguments"].items():
            for stmt in arg["pcs"]:
                if stmt["role"] == "main-conclusion":
                    out.add(
                        (self.argument(title), RelationKind.SUPPORTS, self.statement(stmt["title"]))
                    )
                else:
                    out.add(
                        (self.statement(stmt["title"]), RelationKind.SUPPORTS, self.argument(title))
                    )
        return out


_MAP_KIND = {"support": RelationKind.SUPPORTS, "attack": RelationKind.ATTACKS}


def _model(name: str) -> ArgdownModel:
    path = CASES / f"{name}.argdown"
    text, _smap, _diags = expand_includes(path.read_text(encoding="utf-8"), str(path))
    doc, errors = parse(text)
    assert errors == []
    return build_model(doc)


def _ident(model: ArgdownModel, node: Node) -> Ident:
    if not node.untitled:
        return (node.kind, node.title)
    if node.kind == "argument":
        conclusion = model.nodes[("statement", node.pcs[-1].title)]
        return ("argument for", str(_ident(model, conclusion)))
    member = node.canonical()
    return ("text", _norm(member.text or "") if member else "")


def _claim_idents(amap: ArgumentMap, model: ArgdownModel) -> dict[str, Ident]:
    """Claim id to peer identity, through labels (titles) and texts."""
    by_label: dict[tuple[bool, str], str] = {}
    by_text: dict[str, str] = {}
    for claim in amap.claims:
        is_arg = claim.kind is ClaimKind.ARGUMENT
        if claim.label is not None:
            by_label[(is_arg, claim.label)] = claim.id
        else:
            by_text[_norm(claim.text)] = claim.id
    out: dict[str, Ident] = {}
    for node in model.nodes.values():
        ident = _ident(model, node)
        data_id = node.data().get("id")
        if data_id in amap.by_id:
            out[data_id] = ident
        elif node.untitled and node.kind == "statement":
            out[by_text[ident[1]]] = ident
        elif node.untitled:
            conclusion = model.nodes[("statement", node.pcs[-1].title)]
            claim_text = _norm(conclusion.canonical().text or "")  # type: ignore[union-attr]
            match = [
                c.id
                for c in amap.claims
                if c.kind is ClaimKind.ARGUMENT and c.label is None and _norm(c.text) == claim_text
            ]
            out[match[0]] = ident
        else:
            out[by_label[(node.kind == "argument", node.title)]] = ident
    return out


def _model_relations(model: ArgdownModel, *, kept: bool) -> set[PeerRelation]:
    """The model's relations by identity: those Argdown keeps too, or those only argmap keeps."""
    return {
        (
            _ident(model, model.nodes[r.source]),
            r.type,
            _ident(model, model.nodes[r.target]),
            r.inference,
        )
        for r in model.relations
        if r.argdown_drops is kept
    }


def agreement(name: str) -> dict[str, int]:
    """Counts of agreeing and differing relations between the reader and the peer."""
    peer = Peer(name)
    model = _model(name)
    mine = _model_relations(model, kept=False)
    only_argmap = _model_relations(model, kept=True)
    assert all(src == dst for src, _type, dst, _i in only_argmap)
    theirs = peer.relations()
    path = CASES / f"{name}.argdown"
    result = read_argdown(path.read_text(encoding="utf-8"), str(path))
    idents = _claim_idents(result.amap, model)
    map_mine = {(idents[r.source], r.kind, idents[r.target]) for r in result.amap.relations}
    map_mine -= {(src, _MAP_KIND[rtype], dst) for src, rtype, dst, _i in only_argmap}
    map_theirs = peer.map_relations()
    return {
        "peer_relations": len(theirs),
        "model_agree": len(mine & theirs),
        "model_missing": len(theirs - mine),
        "model_extra": len(mine - theirs),
        "map_relations": len(map_theirs),
        "map_agree": len(map_mine & map_theirs),
        "map_missing": len(map_theirs - map_mine),
        "map_extra": len(map_mine - map_theirs),
        "kept_self_relations": len(only_argmap),
        "peer_nodes": len(peer.nodes()),
        "claims": len(result.amap.claims),
    }


def test_fixtures_exist() -> None:
    assert len(FIXTURES) >= 6
    for name in FIXTURES:
        assert (CASES / f"{name}.json").is_file(), f"run regenerate.sh for {name}"


@pytest.mark.parametrize("name", FIXTURES)
def test_argdown_nodes_match_peer(name: str) -> None:
    model = _model(name)
    mine = {_ident(model, node) for node in model.nodes.values()}
    assert mine == Peer(name).nodes()


@pytest.mark.parametrize("name", FIXTURES)
def test_argdown_relations_match_peer(name: str) -> None:
    counts = agreement(name)
    assert counts["model_missing"] == 0 and counts["model_extra"] == 0, counts


def test_self_relations_argdown_drops_are_kept_with_a_warning() -> None:
    counts = agreement("quirks")
    assert counts["kept_self_relations"] == 1
    path = CASES / "quirks.argdown"
    result = read_argdown(path.read_text(encoding="utf-8"), str(path))
    assert [d.span.line for d in result.diagnostics if d.code == "argdown-self-relation"] == [14]


@pytest.mark.parametrize("name", FIXTURES)
def test_argdown_map_relations_match_peer(name: str) -> None:
    counts = agreement(name)
    assert counts["map_missing"] == 0 and counts["map_extra"] == 0, counts
    assert counts["claims"] == counts["peer_nodes"]


@pytest.mark.parametrize("name", FIXTURES)
def test_argdown_texts_match_peer(name: str) -> None:
    model = _model(name)
    peer = Peer(name)
    for node in model.nodes.values():
        if node.untitled:
            continue
        members = (peer.data["arguments"] if node.kind == "argument" else peer.data["statements"])[
            node.title
        ]["members"]
        member = node.canonical()
        mine = _norm(member.text or "") if member else ""
        assert mine == _peer_text(members), node.title


def test_relation_kinds_are_all_covered() -> None:
    kinds = {r["relationType"] for name in FIXTURES for r in Peer(name).data["relations"]}
    assert kinds == {"support", "attack", "undercut", "contradictory", "contrary", "entails"}
