"""argmap JSON: the whole model round-trips exactly, output is stable, bad input has positions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.diagnostics import Severity
from argmap.errors import EvaluationError
from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta, Source, SourceRef
from argmap.read.json import parse_json, read_json, sniff_json
from argmap.write.json import evaluation_document, plain, render_json

MODEL_IDS = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,6}", fullmatch=True) | st.sampled_from(
    ["1", "1.0", "true", "null", "no", "0x1F", "2024-01-01", "1e3", "_", "a.b-c"]
)


def visible(text: str) -> bool:
    """Whether a text has something to show (the model refuses blank and control-only text)."""
    return bool("".join(ch for ch in text if ch.isprintable()).strip())


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(visible)
WORDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
# Long texts (with odd spacing and characters) so that folded block scalars get exercised.
LONG = (
    st.lists(
        WORDS | st.sampled_from(["#", "-", ":", "  ", "'", '"', "a: b"]), min_size=12, max_size=30
    )
    .map(" ".join)
    .filter(visible)
)
TAGS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,8}", fullmatch=True)
URLS = st.sampled_from(["https://example.org/a", "http://x.test/p?q=1#f"])
REFS = st.one_of(
    st.builds(SourceRef, source=MODEL_IDS, locator=st.none() | TEXT, quote=st.none() | TEXT | LONG),
    st.builds(SourceRef, url=URLS, locator=st.none() | TEXT, quote=st.none() | TEXT),
)
SOURCES = st.builds(
    Source,
    id=MODEL_IDS,
    title=TEXT,
    author=st.none() | TEXT,
    year=st.none() | st.sampled_from(["2022", "1999", "n.d."]),
    url=st.none() | URLS,
    text=st.none() | st.just("sources/a.txt"),
)


@st.composite
def full_maps(draw: st.DrawFn, ids: st.SearchStrategy[str] = MODEL_IDS) -> ArgumentMap:
    """Maps using every field of the model: kinds, undercuts, tags, sources, weights, metadata."""
    names = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    targets = st.lists(st.sampled_from(names), max_size=3).map(tuple)
    claims = [
        Claim(
            id=cid,
            kind=draw(st.sampled_from(ClaimKind)),
            text=draw(LONG if draw(st.integers(0, 3)) == 0 else TEXT),
            label=draw(st.none() | TEXT),
            tags=tuple(draw(st.lists(TAGS, max_size=2))),
            sources=tuple(draw(st.lists(REFS, max_size=1))),
            weight=draw(st.none() | st.floats(0, 1)),
            supports=draw(targets),
            attacks=draw(targets),
            undercuts=draw(targets),
        )
        for cid in names
    ]
    meta = MapMeta(
        title=draw(st.none() | TEXT),
        description=draw(st.none() | TEXT | LONG),
        sources=tuple(draw(st.lists(SOURCES, max_size=2))),
        compare=tuple(
            draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=2))
        ),
    )
    return ArgumentMap(meta=meta, claims=tuple(claims))


@given(full_maps())
def test_json_round_trip_is_exact(amap: ArgumentMap) -> None:
    text = render_json(amap)
    result = read_json(text, "map.json")
    assert result.diagnostics == []
    assert result.amap == amap
    assert render_json(result.amap) == text


@given(full_maps())
def test_json_output_is_sorted_and_ends_with_one_newline(amap: ArgumentMap) -> None:
    text = render_json(amap)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    doc = json.loads(text)
    assert doc["argmap"] == "1"
    assert [c["id"] for c in doc["claims"]] == sorted(c.id for c in amap.claims)
    assert text == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_json_writes_every_field_of_every_claim() -> None:
    amap = ArgumentMap(claims=(Claim(id="a", text="A"),))
    doc = json.loads(render_json(amap))
    assert doc["claims"] == [
        {
            "attacks": [],
            "id": "a",
            "kind": "claim",
            "label": None,
            "sources": [],
            "standard": None,
            "supports": [],
            "tags": [],
            "text": "A",
            "undercuts": [],
            "weight": None,
        }
    ]
    assert doc["map"] == {
        "compare": [],
        "description": None,
        "sources": [],
        "standard": None,
        "theses": [],
        "title": None,
    }


def test_json_writes_an_evaluation_with_each_claims_verdict_and_reasons() -> None:
    amap = ArgumentMap(
        claims=(
            Claim(id="b", text="B", attacks=("a",)),
            Claim(id="a", text="A", supports=("t",)),
            Claim(id="c", text="C", supports=("t",)),
            Claim(id="t", text="T", kind=ClaimKind.THESIS),
        )
    )
    doc = json.loads(render_json(amap, evaluate_map(amap, gradual=None)))
    evaluation = doc["evaluation"]
    assert (evaluation["reading"], evaluation["formal"], evaluation["gradual"]) == (
        "carneades",
        False,
        None,
    )
    claims = {c["id"]: c for c in evaluation["claims"]}
    assert [c["id"] for c in evaluation["claims"]] == ["a", "b", "c", "t"]
    assert claims["a"]["verdict"] == "falls" and claims["a"]["objections"] == ["b"]
    assert claims["t"]["verdict"] == "stands"
    assert claims["t"]["reasons"] == ["c"]
    assert claims["t"]["struck"] == [{"claim": "a", "by": ["b"]}]
    assert claims["t"]["why"] == "Stands: its reason “C” stands, and nothing standing objects."
    # The evaluation is derived data: reading the document back gives the same map.
    assert read_json(render_json(amap, evaluate_map(amap)), "m.json").amap == amap


def test_json_writes_a_formal_evaluation_with_statuses_and_extensions() -> None:
    amap = ArgumentMap(claims=(Claim(id="b", text="B", attacks=("a",)), Claim(id="a", text="A")))
    doc = json.loads(render_json(amap, evaluate_map(amap, semantics="grounded")))
    assert doc["evaluation"]["claims"] == [
        {
            "id": "a",
            "status": "rejected",
            "strength": 0.25,
            "attackers": ["b"],
            "why": "Rejected under grounded semantics (a formal reading): an accepted claim "
            "attacks it: “B”.",
        },
        {
            "id": "b",
            "status": "accepted",
            "strength": 0.5,
            "attackers": [],
            "why": "Accepted under grounded semantics (a formal reading): nothing attacks it.",
        },
    ]
    assert doc["evaluation"]["extensions"] == [["b"]]


def test_json_refuses_numbers_that_json_cannot_hold() -> None:
    with pytest.raises(EvaluationError, match="nan"):
        plain({"a": float("nan")})


def test_json_syntax_error_has_line_and_column() -> None:
    result = read_json('{"argmap": "1",\n "claims": [\n  {"id": "a" "text": "A"}]}\n', "m.json")
    assert [str(d) for d in result.diagnostics] == [
        "m.json:3:14: error: expecting ',' delimiter [json-syntax]"
    ]


def test_json_field_errors_point_at_the_field() -> None:
    text = (
        '{\n  "argmap": "1",\n  "claims": [\n    {"id": "a", "text": "A", "weight": 2},\n'
        '    {"id": "b", "txet": "B"}\n  ]\n}\n'
    )
    result = read_json(text, "m.json")
    shown = [str(d) for d in result.diagnostics]
    assert shown[0].startswith(
        "m.json:4:30: error: weight of claim 'a' should be at most 1, found '2'"
    )
    hint = "(did you mean 'text'?)"
    assert f"m.json:5:17: error: unknown field 'txet' in claim 'b' {hint} [unknown-field]" in shown
    assert "m.json:5:5: error: claim 'b' has no 'text' [missing-field]" in shown
    assert result.broken_ids == {"a", "b"}


def test_json_reports_duplicate_ids_keys_and_unknown_top_level_fields() -> None:
    claims = '[{"id": "a", "text": "A"}, {"id": "a", "text": "B", "text": "C"}]'
    text = '{"argmap": "1", "claim": [], "claims": ' + claims + "}"
    codes = sorted(d.code for d in read_json(text, "m.json").diagnostics)
    assert codes == ["duplicate-id", "json-duplicate-key", "unknown-field"]


def test_json_refuses_other_versions_and_non_objects() -> None:
    assert [d.code for d in read_json('{"argmap": "2", "claims": []}', "m.json").diagnostics] == [
        "json-version"
    ]
    assert [d.code for d in read_json("[1, 2]", "m.json").diagnostics] == ["invalid-type"]
    assert [d.code for d in read_json('{"claims": {}}', "m.json").diagnostics] == ["invalid-type"]


def test_json_reports_unpaired_surrogates_instead_of_crashing_later() -> None:
    result = read_json('{"claims": [{"id": "a", "text": "\\ud800"}]}', "m.json")
    assert [(d.code, d.severity) for d in result.diagnostics] == [("json-syntax", Severity.ERROR)]


def test_json_positions_survive_deep_nesting_without_recursion() -> None:
    text = "[" * 5000 + "]" * 5000
    doc, diags = parse_json(text, "deep.json", "json")
    # Nesting beyond the limit is refused where it first goes too deep, before parsing.
    assert doc is None
    assert [(d.code, d.span.line, d.span.col) for d in diags] == [("too-deep", 1, 65)]
    doc, diags = parse_json("[" * 64 + "]" * 64, "deep.json", "json")
    assert doc is not None and diags == []
    assert doc.span(*([0] * 63)).col == 64


def test_sniff_tells_aif_from_argmap_json() -> None:
    assert sniff_json('{"argmap": "1", "claims": []}') == "argmap-json"
    assert sniff_json('{"claims": []}') == "argmap-json"
    assert sniff_json('{"nodes": [], "edges": []}') == "aif"
    assert sniff_json('{"AIF": {"nodes": []}, "OVA": {}}') == "aif"
    assert sniff_json("not json") == "argmap-json"
    assert sniff_json('{"nodes": [{"nodeID": 1,}]}') == "aif"
    assert sniff_json('{"argmap": "1", "claims": [,]}') == "argmap-json"
    assert sniff_json("[]") == "argmap-json"


DOC = Path(__file__).resolve().parents[1] / "docs" / "formats" / "argmap-json.md"


@pytest.mark.parametrize("model", [Claim, SourceRef, MapMeta, Source])
def test_the_schema_document_lists_every_field(model: type) -> None:
    doc = DOC.read_text("utf-8")
    missing = [name for name in model.model_fields if f"| `{name}` |" not in doc]
    assert missing == []


@pytest.mark.parametrize("semantics", ["carneades", "grounded"])
def test_the_schema_document_lists_every_field_of_an_evaluation(semantics: str) -> None:
    doc = DOC.read_text("utf-8")
    amap = ArgumentMap(claims=(Claim(id="b", text="B", attacks=("a",)), Claim(id="a", text="A")))
    written = evaluation_document(amap, evaluate_map(amap, semantics=semantics))
    names = set(written) | {key for claim in written["claims"] for key in claim}
    missing = [n for n in sorted(names) if f"`{n}`" not in doc]
    assert missing == []


def test_the_schema_document_example_reads_as_written() -> None:
    example = DOC.read_text("utf-8").split("```json\n")[1].split("```")[0]
    result = read_json(example, "example.json")
    assert result.diagnostics == []
    assert json.loads(render_json(result.amap)) == json.loads(example)


@given(
    st.recursive(
        st.none() | st.booleans() | st.floats(allow_nan=False) | st.text(max_size=4),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    ["argmap", "map", "claims", "id", "text", "weight", "sources", "url"]
                ),
                inner,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
def test_json_reader_never_raises_on_arbitrary_json(value: object) -> None:
    result = read_json(json.dumps(value), "x.json")
    assert all(d.span.line >= 1 and d.span.col >= 1 for d in result.diagnostics)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ('"bär"', "malformed-id"),
        ('""', "malformed-id"),
        ("null", "invalid-type"),
        ("[1]", "invalid-type"),
    ],
)
def test_a_bad_id_in_json_gets_one_diagnostic_naming_the_model_rule(value: str, code: str) -> None:
    text = (
        '{"claims": [{"id": "t", "kind": "thesis", "text": "T"}, {"id": '
        + value
        + ', "text": "x"}]}'
    )
    (problem,) = read_json(text, "m.json").diagnostics
    assert problem.code == code and problem.span.col == text.rindex('"id"') + 1
    assert "'None'" not in problem.message
    if code == "malformed-id":
        assert "1 to 200 ASCII letters" in problem.message and " in claim" not in problem.message
