"""AIF JSON: the argument layer read as claims and relations, written back, samples counted."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.diagnostics import Severity, sort_diagnostics
from argmap.errors import DataError
from argmap.model import ArgumentMap, Claim, ClaimKind, RelationKind
from argmap.read import load_text
from argmap.read.aif import read_aif
from argmap.write.aif import render_aif
from argmap.write.yaml import render_yaml

from .conftest import Golden
from .test_json import full_maps

CASES = Path(__file__).resolve().parent / "cases"
ARAUCARIA = Path(__file__).resolve().parents[2] / "shared" / "data" / "aif" / "araucaria"
AIF_CASES = sorted(p.name for p in CASES.iterdir() if p.name.startswith("aif_"))


@pytest.mark.parametrize("case", AIF_CASES)
def test_aif_case_reads_to_its_golden_claims_and_diagnostics(case: str, golden: Golden) -> None:
    folder = CASES / case
    result = read_aif((folder / "input.json").read_text("utf-8"), "input.json")
    diags = "".join(f"{d}\n" for d in sort_diagnostics(result.diagnostics))
    golden.check(folder / "expected" / "diagnostics.txt", diags)
    golden.check(folder / "expected" / "claims.yaml", render_yaml(result.amap))
    has_errors = any(d.severity is Severity.ERROR for d in result.diagnostics)
    assert has_errors == ("invalid" in case)


def _read(nodes: list[dict[str, object]], edges: list[tuple[str, str]]) -> ArgumentMap:
    doc = {
        "nodes": nodes,
        "edges": [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate(edges)],
    }
    result = read_aif(json.dumps(doc), "t.json")
    assert not [d for d in result.diagnostics if d.severity is not Severity.INFO], (
        result.diagnostics
    )
    return result.amap


def _i(nid: str) -> dict[str, object]:
    return {"nodeID": nid, "text": f"Claim {nid}", "type": "I"}


def test_linked_premises_become_an_argument_and_convergent_ones_direct_supports() -> None:
    # One inference from two premises: they hold only together, as an argument claim's do.
    amap = _read(
        [_i("p"), _i("q"), _i("c"), {"nodeID": "r", "text": "RA", "type": "RA"}],
        [("p", "r"), ("q", "r"), ("r", "c")],
    )
    assert [(r.source, r.kind, r.target) for r in amap.relations] == [
        ("p", RelationKind.SUPPORTS, "r"),
        ("q", RelationKind.SUPPORTS, "r"),
        ("r", RelationKind.SUPPORTS, "c"),
    ]
    assert amap.by_id["r"].kind is ClaimKind.ARGUMENT
    assert [c.id for c in amap.claims] == ["c", "p", "q", "r"]
    # Two inferences of one premise each converge: each premise supports the conclusion.
    amap = _read(
        [_i("p"), _i("q"), _i("c"), *({"nodeID": n, "text": "RA", "type": "RA"} for n in "rs")],
        [("p", "r"), ("q", "s"), ("r", "c"), ("s", "c")],
    )
    assert [(r.source, r.kind, r.target) for r in amap.relations] == [
        ("p", RelationKind.SUPPORTS, "c"),
        ("q", RelationKind.SUPPORTS, "c"),
    ]


def test_a_conflict_on_an_inference_is_an_undercut_of_an_argument_claim() -> None:
    nodes = [
        _i("p"),
        _i("c"),
        _i("u"),
        {"nodeID": "r", "text": "Expert opinion", "type": "RA"},
        {"nodeID": "k", "text": "CA", "type": "CA"},
    ]
    amap = _read(nodes, [("p", "r"), ("r", "c"), ("u", "k"), ("k", "r")])
    assert amap.claim("r").kind is ClaimKind.ARGUMENT
    assert amap.claim("r").text == "Expert opinion"
    assert {(r.source, r.kind.value, r.target) for r in amap.relations} == {
        ("p", "supports", "r"),
        ("r", "supports", "c"),
        ("u", "undercuts", "r"),
    }


def test_dialogue_nodes_are_counted_in_one_note() -> None:
    nodes = [
        _i("1"),
        {"nodeID": "2", "text": "Bob : hi", "type": "L"},
        {"nodeID": "3", "text": "Asserting", "type": "YA"},
    ]
    result = read_aif(
        json.dumps(
            {
                "AIF": {
                    "nodes": nodes,
                    "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
                }
            }
        ),
        "x.json",
    )
    [note] = result.diagnostics
    assert (note.severity, note.code) == (Severity.INFO, "aif-dialogue")
    assert "2 dialogue nodes (L 1, YA 1)" in note.message
    assert [c.id for c in result.amap.claims] == ["1"]


def test_numeric_node_ids_of_xaif_become_claim_ids() -> None:
    doc = {"AIF": {"nodes": [{"nodeID": 7, "text": "T", "type": "I"}], "edges": []}}
    assert [c.id for c in read_aif(json.dumps(doc), "x.json").amap.claims] == ["7"]


def test_the_loader_routes_aif_json_to_the_aif_reader() -> None:
    doc = {"nodes": [_i("a")], "edges": []}
    assert [c.id for c in load_text(json.dumps(doc), "x.json").amap.claims] == ["a"]


@given(full_maps())
def test_aif_round_trip_keeps_claims_and_relations(amap: ArgumentMap) -> None:
    text = render_aif(amap)
    result = read_aif(text, "map.json")
    assert result.diagnostics == []
    assert result.amap == amap
    assert render_aif(result.amap) == text


def test_aif_writer_uses_claim_ids_and_reified_inferences() -> None:
    amap = ArgumentMap(
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text="T"),
            Claim(id="p", text="P", supports=("arg",)),
            Claim(id="arg", kind=ClaimKind.ARGUMENT, text="Inference", supports=("t",)),
            Claim(id="u", text="U", undercuts=("arg",), attacks=("p",)),
        )
    )
    doc = json.loads(render_aif(amap))
    types = {n["nodeID"]: n["type"] for n in doc["nodes"]}
    assert types == {"arg": "RA", "p": "I", "t": "I", "u": "I", "CA#1": "CA", "CA#2": "CA"}
    pairs = [(e["fromID"], e["toID"]) for e in doc["edges"]]
    assert ("p", "arg") in pairs and ("arg", "t") in pairs
    assert ("u", "CA#2") in pairs and ("CA#2", "arg") in pairs
    assert "timestamp" not in json.dumps(doc)


def test_aif_writer_refuses_relations_to_missing_claims() -> None:
    with pytest.raises(DataError, match="'a' supports unknown claim 'zz'"):
        render_aif(ArgumentMap(claims=(Claim(id="a", text="A", supports=("zz",)),)))


def _expected_counts(doc: dict[str, list[dict[str, str]]]) -> tuple[int, Counter[str]]:
    """Claims and relations counted from an AIFdb file: I-nodes, premise and attacker edges,
    and an argument claim for each inference from two premises or more, which supports its
    conclusions."""
    types = {n["nodeID"]: n["type"] for n in doc["nodes"]}
    undercut = {
        e["toID"] for e in doc["edges"] if types[e["fromID"]] == "CA" and types[e["toID"]] == "RA"
    }
    premises = Counter(
        e["toID"] for e in doc["edges"] if types[e["fromID"]] == "I" and types[e["toID"]] == "RA"
    )
    linked = {ra for ra, count in premises.items() if count >= 2}
    rels: Counter[str] = Counter()
    for e in doc["edges"]:
        src, dst = types[e["fromID"]], types[e["toID"]]
        if src == "I" and dst == "RA":
            rels["supports"] += 1
        elif src == "I" and dst == "CA":
            rels["attacks"] += 1
        elif e["fromID"] in linked and dst == "I":
            rels["supports"] += 1
    return sum(t == "I" for t in types.values()) + len(undercut | linked), rels


@pytest.mark.skipif(
    not ARAUCARIA.is_dir(), reason="the AraucariaDB samples are not next to the repository"
)
@pytest.mark.parametrize(
    "name", sorted(p.name for p in ARAUCARIA.glob("*.json")) if ARAUCARIA.is_dir() else []
)
def test_araucaria_samples_load_with_matching_counts(name: str) -> None:
    text = (ARAUCARIA / name).read_text("utf-8")
    result = read_aif(text, name)
    assert all(d.severity is Severity.INFO for d in result.diagnostics), result.diagnostics
    claims, rels = _expected_counts(json.loads(text))
    assert len(result.amap.claims) == claims
    assert Counter(r.kind.value for r in result.amap.relations) == rels
    assert read_aif(render_aif(result.amap), name).amap == result.amap


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-2, 9)
    | st.sampled_from(["I", "RA", "CA", "MA", "PA", "L", "x", "", "1", "2"])
)
KEYS = st.sampled_from(
    [
        "nodes",
        "edges",
        "AIF",
        "nodeID",
        "type",
        "text",
        "fromID",
        "toID",
        "x-argmap",
        "kind",
        "relation",
        "scheme",
    ]
)
JSON_VALUES = st.recursive(
    SCALARS | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=30,
)


@given(JSON_VALUES)
def test_aif_reader_never_raises_on_arbitrary_json(value: object) -> None:
    result = read_aif(json.dumps(value), "x.json")
    assert all(d.span.line >= 1 and d.span.col >= 1 for d in result.diagnostics)


def test_a_document_with_two_maps_is_refused_not_read_by_half() -> None:
    text = (
        '{"nodes": [{"nodeID": "1", "text": "outer", "type": "I"}], "edges": [], '
        '"AIF": {"nodes": [{"nodeID": "2", "text": "inner", "type": "I"}], "edges": []}}'
    )
    result = read_aif(text, "both.json")
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [
        ("aif-invalid", 1, 2)
    ]
    assert "both top-level 'nodes' and an 'AIF' object" in result.diagnostics[0].message


def test_an_inference_that_names_no_scheme_is_named_by_what_it_infers_from() -> None:
    from argmap.read.aif_names import inference_text

    assert inference_text("Expert Opinion", ["p"]) == "Expert Opinion"
    assert inference_text("RA", ["Taxes fund the schools.", "Q"]) == (
        "Inference from Taxes fund the schools. and 1 more premise"
    )
    long = "word " * 30
    assert inference_text("Default Inference", [long, "b", "c"]) == (
        "Inference from " + " ".join(["word"] * 8) + "… and 2 more premises"
    )
    assert inference_text("", []) == "Default Inference"
