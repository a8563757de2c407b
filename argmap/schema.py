"""The JSON Schema of claim files, generated from the pydantic models, and the schema line
that points editors at it. Reads no file but the directory walk that finds the schema."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from argmap.model import CLAIM_ID_PATTERN, MAX_ID_LENGTH, ClaimFile
from argmap.urls import DELIMITERS, INVISIBLE

SCHEMA_ID = "urn:argmap:schema:claim-file:1"
#: Where a project keeps the schema, relative to a folder above its claim files.
SCHEMA_PATH = Path("schema") / "claims.schema.json"
#: How the schema line starts; editors (the YAML language server) read it.
SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="

# argmap reads every YAML scalar as text and then types it, so `id: 123`, `label: true` and
# `weight: '0.5'` are what they say. An editor reads the same file as YAML 1.2 and validates
# typed values: a text field must also take the numbers and booleans it would read as text,
# and a weight the strings that read as a number in [0, 1] (written without '_', which
# check refuses in a weight).
_NUMBER_TEXT = (
    r"^\s*(?:\+?(?:0+(?:\.[0-9]*)?|0*1(?:\.0*)?|0*\.[0-9]+)|-(?:0+(?:\.0*)?|0*\.0+)"
    r"|[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+)\s*$"
)
# model.has_visible_text: a character that is neither a space nor a control or format
# character. The schema leaves out only such characters (its errs toward taking a text
# that check refuses, never the other way).
_VISIBLE = (
    r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    r"\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
# urls.url_problem as a pattern: http(s) without case, a host of ASCII labels (no user
# name) with an optional port, then anything but a space, control or invisible character,
# a delimiter of Markdown or HTML, a '%' without two hex digits or an entity reference.
_HOST_LABEL = r"[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*"  # model.is_plain_host's labels, linear
# Only "[", "]" and "\\" escaped: editors compile patterns in unicode mode, where a
# needless escape is an error.
_URL_DELIMITERS = "".join("\\" + c if c in "[]" else c for c in DELIMITERS) + "\\\\"
_URL_REST = rf"(?:[^{INVISIBLE}{_URL_DELIMITERS}%&]|%[0-9A-Fa-f]{{2}}|&(?!#?[A-Za-z0-9]+;))*"
_SAFE_URL = (
    rf"^[Hh][Tt][Tt][Pp][Ss]?://(?:{_HOST_LABEL}\.)*{_HOST_LABEL}\.?(?::[0-9]{{0,5}})?"
    rf"(?:[/?#]{_URL_REST})?$"
)


def _scalar_text(schema: dict[str, Any]) -> dict[str, Any]:
    """A string schema that also takes the numbers and booleans whose text it would take."""
    pattern = schema.get("pattern")
    others: list[dict[str, Any]] = [{"type": "boolean"}]
    if pattern is None:
        others.append({"type": "number"})
    else:
        # The id-like patterns all take digits and letters: '7', '1e5' and '2e-3' are ids
        # that YAML 1.2 reads as numbers (never negative ones: no id starts with '-').
        others.append({"type": "number", "minimum": 0})
    return {"anyOf": [schema, *others]}


def _widen(node: Any) -> Any:
    """Every string schema under ``node`` widened to the scalars argmap reads as that text."""
    if isinstance(node, list):
        return [_widen(n) for n in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "string" and "enum" not in node and "format" not in node:
        return _scalar_text(node)
    widened = {k: (v if k in ("enum", "required") else _widen(v)) for k, v in node.items()}
    if "anyOf" in widened:
        widened["anyOf"] = [o for a in widened["anyOf"] for o in a.get("anyOf", [a])]
    return widened


def _one_target() -> dict[str, Any]:
    def given(name: str) -> dict[str, Any]:
        return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}

    return {"oneOf": [given("source"), given("url")]}


def claim_file_schema() -> dict[str, Any]:
    """The JSON Schema that claim files are checked against (editors use it too).

    It takes what ``argmap check`` takes: claim ids in claim files follow the strict pattern
    (lowercase letters, digits, '-'), URLs are the plain http(s) URLs that check takes, a
    citation names exactly one of a source or a URL, and scalars are read as the text they
    are written as.
    """
    schema = ClaimFile.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    schema["title"] = "argmap claim file"
    defs = schema["$defs"]
    claim = defs["Claim"]["properties"]
    for node in (claim["id"], *(claim[r]["items"] for r in ("supports", "attacks", "undercuts"))):
        node["pattern"] = CLAIM_ID_PATTERN
        node["maxLength"] = MAX_ID_LENGTH
    for owner in ("SourceRef", "Source"):
        url = defs[owner]["properties"]["url"]
        url["anyOf"][0]["pattern"] = _SAFE_URL
    defs["SourceRef"].update(_one_target())
    label = claim["label"]["anyOf"][0]
    label["minLength"] = 1
    widened: dict[str, Any] = _widen(schema)
    for field in ("text", "label"):  # a text must show something, as check says
        for branch in widened["$defs"]["Claim"]["properties"][field]["anyOf"]:
            if branch.get("type") == "string":
                branch["pattern"] = _VISIBLE
    # `claims:` with nothing under it is a file with no claims yet, as `map:` is no metadata.
    claims = widened["properties"]["claims"]
    listed = {"type": claims.pop("type"), "items": claims.pop("items")}
    claims["anyOf"] = [listed, {"type": "null"}]
    # A file with nothing in it (or only "---", or "~") is a null document: no claims yet.
    widened["type"] = ["object", "null"]
    weight = widened["$defs"]["Claim"]["properties"]["weight"]
    weight["anyOf"].insert(1, {"type": "string", "pattern": _NUMBER_TEXT})
    return widened


def claim_file_schema_json() -> str:
    """The schema as stable, indented JSON text with a final newline."""
    return json.dumps(claim_file_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def find_schema(output: str | os.PathLike[str], limit: int = 16) -> Path | None:
    """The project schema an output file's editors should load: ``schema/claims.schema.json``
    in the output's folder or the nearest folder above it, if any."""
    folder = Path(os.path.abspath(output)).parent
    for _ in range(limit):
        candidate = folder / SCHEMA_PATH
        if candidate.is_file():
            return candidate
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


def schema_line(output: str | os.PathLike[str] | None) -> str | None:
    """The schema line to write at the top of a claim file written to ``output``.

    A path to the project's schema relative to the file (editors resolve it against the
    file), or ``None`` when there is no schema to point at (a URN is no file an editor can
    load, so no line is better than that one).
    """
    if output is None:
        return None
    found = find_schema(output)
    if found is None:
        return None
    relative = os.path.relpath(found, Path(os.path.abspath(output)).parent)
    return SCHEMA_LINE_PREFIX + Path(relative).as_posix()
