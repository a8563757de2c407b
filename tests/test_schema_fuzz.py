"""The editor schema and ``argmap check`` agree on random claim files, not only on a table.

Claim files are drawn field by field from awkward values (every type, empty and blank
text, format characters, long ids, numbers spelled many ways, hostile URLs, citations of
every shape). Check and schema must agree, except in the two ways a schema cannot help:
it cannot see across claims (a relation to an unknown claim, a duplicate id), and it sees
the value YAML 1.2 types, not its spelling (``+1``, ``0x1``, or an id like ``15e-1`` that
reads as the number 1.5). In those cases only the schema may be the lenient one, so that an
editor never flags what check accepts.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.check import check_paths

from .test_schema_agreement import Yaml12Loader, _schema

SCALARS = [
    "x", "'x'", "''", "'  '", "'\u3000'", "'\u200b'", '"\\t"', "' . '", "|\n      two\n      lines",
    "1", "0", "-0", "-1", "0.5", "'0.5'", "'0.5 '", ".5", "1.", "1.5", "'1.5'", "-0.1", "1e-1",
    "15e-1", "1E3", "+1", "0x1", "0o7", "'0o7'", "1_0", "nan", ".inf", "'.inf'", "null", "~",
    "true", "True", "[]", "{}", "{a: 1}", "[x]", "[1]", "[1.5]", "[true]", "[null]", "['']",
    "[x, x]", "[[x]]", "[{a: 1}]", "[t]", "[t, t]", "[c0]", "[zz]", "[A]", "[a_b]", "['x y']",
    "A", "a_b", "a--b", "-a", "a" * 200, "a" * 201, "thesis", "Thesis", "claim", "evidence",
    "argument", "forecast", "question", "preponderance", "PREPONDERANCE", "scintilla",
    "dialectical", "'javascript:x'", "'https://a.b'", "'HTTPS://A.B'", "'#x'", "2024", "'2024'",
    "[{source: s}]", "[{url: 'https://a.b'}]", "[{}]", "[{quote: q}]", "[{source: nope}]",
    "[{source: s, quote: q, locator: §1}]", "[{url: 'javascript:x'}]", "[{url: 'https://a.b/(x)'}]",
    "[{source: s, url: 'https://a.b'}]", "[{source: s, quote: ''}]", "[{source: s, locator: ''}]",
]  # fmt: skip
CLAIM_FIELDS = ["id", "kind", "text", "label", "tags", "sources", "weight", "standard"]
CLAIM_FIELDS += ["supports", "attacks", "undercuts", "bogus"]
MAP_FIELDS = ["title", "description", "compare", "theses", "standard", "bogus"]
MAP_SOURCES = [
    "[{id: s, title: S}]", "[{id: s}]", "[{title: S}]", "[{id: s, title: S, year: 2024}]",
    "[{id: s, title: S, url: 'javascript:x'}]", "[{id: s, title: S, author: [a]}]", "[]", "x",
]  # fmt: skip
#: Fields that hold claim ids.
IDS = {"id", "supports", "attacks", "undercuts", "compare", "theses"}
#: Errors about claims in relation to each other, which no schema of one value can see.
ACROSS = {
    "duplicate-id", "unknown-claim", "self-relation", "support-and-attack", "unknown-source",
    "not-a-thesis", "duplicate-target", "duplicate-map-metadata",
}  # fmt: skip


@st.composite
def claim_files(draw: st.DrawFn) -> str:
    lines = ["map:", f"  sources: {draw(st.sampled_from(MAP_SOURCES))}"]
    for name in draw(st.lists(st.sampled_from(MAP_FIELDS), unique=True, max_size=3)):
        lines.append(f"  {name}: {draw(st.sampled_from(SCALARS))}")
    lines += ["claims:", "  - id: t", "    kind: thesis", "    text: T"]
    for i in range(draw(st.integers(1, 3))):
        fields: dict[str, str] = {"id": f"c{i}", "text": "C", "supports": "[t]"}
        for name in draw(st.lists(st.sampled_from(CLAIM_FIELDS), unique=True, max_size=4)):
            fields[name] = draw(st.sampled_from(SCALARS))
        if draw(st.integers(0, 5)) == 0:
            del fields[draw(st.sampled_from(["id", "text"]))]
        for k, (name, value) in enumerate(fields.items()):
            lines.append(("  - " if k == 0 else "    ") + f"{name}: {value}")
    return "\n".join(lines) + "\n"


def _errors(document: str) -> set[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.yaml"
        path.write_text(document, encoding="utf-8")
        result = check_paths([path])
    return {d.code for d in result.diagnostics if d.severity.value == "error"}


def _typed_away(document: str) -> bool:
    """Whether YAML 1.2 types a value into something that is no longer its spelling: a
    number or boolean written otherwise (``+1``, ``True``), or an id read as a number."""
    data: Any = yaml.load(document, Loader=Yaml12Loader)
    pending: list[tuple[str, Any]] = [("", data)]
    while pending:
        key, node = pending.pop()
        if isinstance(node, dict):
            pending += [(str(k), v) for k, v in node.items()]
        elif isinstance(node, list):
            pending += [(key, v) for v in node]
        elif isinstance(node, bool | int | float):
            if key in IDS and isinstance(node, float):
                return True
            spelling = json.dumps(node)
            if not any(f"{a}{spelling}{b}" in document for a in (": ", "[", ", ") for b in "\n],}"):
                return True
    return False


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_files())
def test_schema_and_check_agree_on_random_claim_files(document: str) -> None:
    errors = _errors(document)
    valid = _schema(document)
    if valid and errors and (errors <= ACROSS or _typed_away(document)):
        return  # the schema cannot tell; it is the lenient one
    assert valid is not bool(errors), (document, sorted(errors))
