"""YAML in Argdown: data blocks ``{...}`` and the ``===`` front matter, and problems in them."""

from __future__ import annotations

import re
from typing import Any

import yaml

from argmap.read.argdown.problem import Problem, error
from argmap.read.argdown.tokens import Token

# libyaml's loader when PyYAML was built with it: the same results, much faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BLOCK_START = re.compile(r"\{[ \t]*(?:\r\n|\n|\r)")
# A one-line flow mapping of plain keys and simple values ('{id: "c1", kind: thesis}', as
# exported maps hold on every claim), read without the YAML loader: a plain word, a
# double-quoted string without escapes, or a decimal integer without leading zeros.
_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
# Only characters the YAML reader takes as they are between the quotes (no escapes, no
# line breaks, no control or other non-printable characters, no byte order mark).
_QUOTED = r'"[ !#-\[\]-~\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]*"'
_VALUE = rf"{_QUOTED}|[A-Za-z][A-Za-z0-9_]*|-?(?:0|[1-9][0-9]{{0,17}})"
_ITEM = rf"(?:{_KEY}):[ ](?:{_VALUE})"
_SIMPLE_FLOW = re.compile(rf"\{{[ ]?(?:{_ITEM}(?:,[ ]{_ITEM})*)?[ ]?\}}")
_SIMPLE_ITEM = re.compile(rf"({_KEY}):[ ]({_VALUE})")
#: Plain words YAML 1.1 reads as booleans or null rather than text (PyYAML's resolver).
_NOT_TEXT = frozenset(
    {
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
        "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    }
)  # fmt: skip
_FRONT_START = re.compile(r"\s*=+")


def merge_data(into: dict[str, Any], new: dict[str, Any]) -> None:
    """Merge ``new`` into ``into``: later keys win, nested mappings merge (as Argdown does)."""
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge_data(into[key], value)
        else:
            into[key] = value


def _simple_flow(text: str) -> dict[str, Any] | None:
    """The mapping of a simple one-line flow mapping, as the YAML loader reads it; else None."""
    if not _SIMPLE_FLOW.fullmatch(text):
        return None
    found: dict[str, Any] = {}
    for key, value in _SIMPLE_ITEM.findall(text):
        if key in _NOT_TEXT:
            return None  # a key YAML reads as a boolean or null
        if value[0] == '"':
            found[key] = value[1:-1]
        elif value[0].isalpha():
            if value in _NOT_TEXT:
                return None
            found[key] = value
        else:
            found[key] = int(value)
    return found


def _load(
    token: Token, text: str, base: int, what: str, problems: list[Problem]
) -> dict[str, Any] | None:
    simple = _simple_flow(text)
    if simple is not None:
        return simple
    try:
        value = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        detail = getattr(err, "problem", None) or str(err).splitlines()[0]
        offset = None
        if mark is not None:
            starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
            line_start = starts[min(mark.line, len(starts) - 1)]
            offset = token.offset + base + min(line_start + mark.column, len(text))
        message = f"invalid YAML in the {what}: {detail}"
        problems.append(error(token.offset if offset is None else offset, "argdown-data", message))
        return None
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(error(token.offset, "argdown-data", f"the {what} must hold a mapping"))
        return None
    return {str(k): v for k, v in value.items()}


def parse_data(token: Token | None, problems: list[Problem]) -> dict[str, Any] | None:
    """The mapping of a ``{...}`` data block; Argdown's block form when ``{`` ends its line."""
    if token is None:
        return None
    image = token.image
    block = _BLOCK_START.match(image)
    if block is None:
        return _load(token, image, 0, "data block", problems)
    body = image[block.end() :].rstrip()[:-1]
    return _load(token, body, block.end(), "data block", problems)


def parse_front_matter(token: Token, problems: list[Problem]) -> dict[str, Any] | None:
    """The mapping between the ``===`` lines of the front matter."""
    start = _FRONT_START.match(token.image)
    base = start.end() if start else 0
    body = token.image[base:].rstrip().rstrip("=")
    return _load(token, body, base, "front matter", problems)
