"""The editor schema and ``argmap check`` agree on each field's edge cases: a table of values,
each checked by argmap and validated, as an editor reads it (YAML 1.2), against the schema."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from argmap.check import check_paths
from argmap.schema import claim_file_schema, schema_line

VALIDATOR = jsonschema.Draft202012Validator(claim_file_schema())


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML with the YAML 1.2 core schema's implicit types, as the YAML language server
    (and so an editor) reads a claim file."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))


def _int12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)


def _bool12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    return str(loader.construct_scalar(node)).lower() == "true"


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _bool12)

HEAD = "claims:\n  - id: t\n    kind: thesis\n    text: T\n"
# Where a value goes: a claim's field, a citation's field, a map source's field.
PLACES = {
    "claim": HEAD + "  - id: c\n    text: C\n    {field}: {value}\n",
    "id": HEAD + "  - text: C\n    supports: [t]\n    id: {value}\n",
    "text": HEAD + "  - id: c\n    supports: [t]\n    text: {value}\n",
    "citation": HEAD + "  - id: c\n    text: C\n    supports: [t]\n    sources:\n      - {value}\n",
    "source": "map:\n  sources:\n    - id: s\n      title: S\n      {field}: {value}\n" + HEAD,
    "map": "map:\n  {field}: {value}\n" + HEAD,
}
# (place, field, value as written, whether argmap accepts it)
TABLE: list[tuple[str, str, str, bool]] = (
    [
        ("claim", "weight", value, ok)
        for value, ok in [
            ("0.5", True),
            ("'0.5'", True),
            ("' 0.5 '", True),
            (".5", True),
            ("'.5'", True),
            ("1", True),
            ("1.0", True),
            ("0", True),
            ("'1'", True),
            ("+0.5", True),
            ("5e-1", True),
            ("'5e-1'", True),
            ("null", True),
            ("~", True),
            ("1.5", False),
            ("'1.5'", False),
            ("-0.1", False),
            ("'-0.1'", False),
            ("true", False),
            ("'abc'", False),
            ("''", False),
            ("'0,5'", False),
            (".inf", False),
            ("[]", False),
            ("{}", False),
            ("'2'", False),
        ]
    ]
    + [
        ("id", "id", value, ok)
        for value, ok in [
            ("c", True),
            ("123", True),
            ("'123'", True),
            ("007", True),
            ("true", True),
            ("c-1", True),
            ("1e3", True),
            ("1e-1", True),  # YAML 1.2 reads it as 0.1
            ("15e-1", True),  # and this as 1.5
            ("null", False),
            ("''", False),
            ("-1", False),
            ("C", False),
            ("'c 1'", False),
            ("[c]", False),
            ("c--1", False),
            ("a" * 200, True),
            ("a" * 201, False),
        ]
    ]
    + [
        ("text", "text", value, ok)
        for value, ok in [
            ("C", True),
            ("123", True),
            ("true", True),
            ("1.5", True),
            ("' . '", True),
            ("''", False),
            ("'   '", False),  # nothing to show: spaces,
            ('"\\u3000\\t"', False),  # an ideographic space and a tab,
            ('"\\u200b\\u00ad"', False),  # format characters only
            ("null", False),
            ("[a]", False),
            ("{a: b}", False),
        ]
    ]
    + [
        ("claim", "label", value, ok)
        for value, ok in [
            ("L", True),
            ("123", True),
            ("false", True),
            ("null", True),
            ("''", False),
            ("[]", False),
            ("x" * 201, False),
            ("x" * 200, True),
        ]
    ]
    + [
        ("claim", "tags", value, ok)
        for value, ok in [
            ("[a]", True),
            ("[123]", True),
            ("[true]", True),
            ("[a_b, A.b]", True),
            ("[1.5]", True),
            ("[null]", False),
            ("['']", False),
            ("[-a]", False),
            ("a", False),
            ("null", False),
        ]
    ]
    + [
        ("claim", "supports", value, ok)
        for value, ok in [
            ("[t]", True),
            ("[]", True),
            ("[T]", False),
            ("t", False),
            ("[null]", False),
        ]
    ]
    + [
        ("claim", "kind", value, ok)
        for value, ok in [
            ("thesis", True),
            ("evidence", True),
            ("Thesis", False),
            ("null", False),
            ("1", False),
        ]
    ]
    + [
        ("citation", "-", value, ok)
        for value, ok in [
            ("{url: 'https://a.b/c'}", True),
            ("{url: 'HTTP://a.b'}", True),
            ("{url: 'https://a.b', source: null}", True),
            ("{url: 'https://a.b', quote: 12}", True),
            ("{}", False),
            ("{url: null}", False),
            ("{url: null, source: null}", False),
            ("{url: 'javascript:alert(1)'}", False),
            ("{url: 'JavaScript:x'}", False),
            ("{url: 'data:text/html,x'}", False),
            ("{url: ' https://a.b'}", False),
            ("{url: '//a.b'}", False),
            ("{url: 'ftp://a.b'}", False),
            ("{locator: p. 3}", False),
            ("{url: 'https://a.b', sauce: x}", False),
        ]
    ]
    + [
        ("source", "url", value, ok)
        for value, ok in [
            ("'https://a.b'", True),
            ("null", True),
            ("'javascript:x'", False),
            ("'mailto:a@b'", False),
        ]
    ]
    + [
        ("source", "year", value, ok)
        for value, ok in [("2024", True), ("'2024'", True), ("[1]", False)]
    ]
    + [
        ("map", "title", value, ok)
        for value, ok in [("A map", True), ("2024", True), ("[x]", False)]
    ]
)


def _check(document: str, tmp_path: Path) -> bool:
    path = tmp_path / "claims.yaml"
    path.write_text(document, encoding="utf-8")
    result = check_paths([path])
    return not [d for d in result.diagnostics if d.severity.value == "error"]


def _schema(document: str) -> bool:
    instance: Any = yaml.load(document, Loader=Yaml12Loader)
    return VALIDATOR.is_valid(instance)


@pytest.mark.parametrize(("place", "field", "value", "accepted"), TABLE)
def test_schema_and_check_agree(
    place: str, field: str, value: str, accepted: bool, tmp_path: Path
) -> None:
    document = PLACES[place].format(field=field, value=value)
    assert _check(document, tmp_path) is accepted, document
    assert _schema(document) is accepted, document


# Spellings whose JSON value loses what argmap reads (an editor sees 1 for '+1', 1000.0 for
# '1E3', true for 'True', 1 for '0x1'): the schema takes them, check refuses them. The
# schema errs this way only, so an editor never flags what check accepts.
LENIENT = [
    ("id", "id", "+1"),
    ("id", "id", "1E3"),
    ("id", "id", "True"),
    ("claim", "weight", "0x1"),
    # '15e-1' is an id that an editor reads as 1.5: the schema cannot tell it from '1.5'.
    ("id", "id", "1.5"),
]


@pytest.mark.parametrize(("place", "field", "value"), LENIENT)
def test_schema_is_lenient_only_where_json_loses_the_spelling(
    place: str, field: str, value: str, tmp_path: Path
) -> None:
    document = PLACES[place].format(field=field, value=value)
    assert _check(document, tmp_path) is False
    assert _schema(document) is True


def test_the_bundled_claims_are_valid_against_the_schema() -> None:
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "claims").rglob("*.yaml")):
        instance = yaml.load(path.read_text("utf-8"), Loader=Yaml12Loader)
        errors = [e.message for e in VALIDATOR.iter_errors(instance)]
        assert errors == [], path


def test_schema_line_points_at_the_nearest_project_schema_or_is_left_out(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "claims.schema.json").write_text("{}", encoding="utf-8")
    deep = tmp_path / "claims" / "sub" / "debate.yaml"
    assert schema_line(deep) == "# yaml-language-server: $schema=../../schema/claims.schema.json"
    assert schema_line(tmp_path / "top.yaml") == (
        "# yaml-language-server: $schema=schema/claims.schema.json"
    )
    assert schema_line(None) is None
    lone = tmp_path.parent / f"{tmp_path.name}-lone" / "debate.yaml"
    assert schema_line(lone) is None or "urn:" not in str(schema_line(lone))


@pytest.mark.parametrize(
    "document",
    ["claims:\n", "claims: ~\n", "map:\nclaims: []\n", "", "# soon\n", "---\n", "~\n", "null\n"],
)
def test_empty_sections_are_no_claims_for_both(document: str, tmp_path: Path) -> None:
    assert _check(document, tmp_path) is True
    assert _schema(document) is True


@pytest.mark.parametrize("document", ["[]\n", "claims\n", "'~'\n", "--- []\n", "0\n"])
def test_a_document_that_is_no_mapping_is_refused_by_both(document: str, tmp_path: Path) -> None:
    assert _check(document, tmp_path) is False
    assert _schema(document) is False


def test_the_schema_takes_exactly_the_urls_check_takes() -> None:
    import random
    import re

    from argmap.schema import claim_file_schema
    from argmap.urls import url_problem

    from .hostile import HOSTILE_URLS

    props = claim_file_schema()["$defs"]["SourceRef"]["properties"]["url"]["anyOf"]
    pattern = re.compile(next(p["pattern"] for p in props if "pattern" in p))
    urls = [*HOSTILE_URLS, "https://a.b/(x)", "https://a.b:/x", "https://a.b:123456/"]
    urls += ["HTTPS://A.B", "https://a..b/", "https://a.b./x?y=1&z=2#f", "https://a.b/&amp;"]
    urls += ["https://u@a.b/", "https://a.b/x@y", "https://a-.b/", "https://a--b.c/é"]
    rnd = random.Random(5)
    alphabet = "ab.-:/?#@%&;()[]<>\"'` \u200bé1F"
    for _ in range(5000):
        urls.append("https://" + "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))))
    disagree = [u for u in urls if (pattern.match(u) is None) != (url_problem(u) is not None)]
    assert disagree == []
