"""YAML in Argdown: data blocks ``{...}`` and the ``===`` front matter, and problems in them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import yaml

from argmap.read.argdown_lexer import Token

# libyaml's loader when PyYAML was built with it: the same results, much faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Problem:
    """Something the model builder could not take as written."""

    token: Token
    severity: Literal["error", "warning", "info"]
    code: str
    message: str


def merge_data(into: dict[str, Any], new: dict[str, Any]) -> None:
    """Merge ``new`` into ``into``: later keys win, nested mappings merge (as Argdown does)."""
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge_data(into[key], value)
        else:
            into[key] = value


def _load(token: Token, text: str, what: str, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        value = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        detail = getattr(err, "problem", None) or str(err).splitlines()[0]
        where = f" (line {mark.line + 1} of the {what})" if mark is not None else ""
        problems.append(Problem(token, "error", "argdown-data", f"invalid YAML{where}: {detail}"))
        return None
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(Problem(token, "error", "argdown-data", f"the {what} must hold a mapping"))
        return None
    return {str(k): v for k, v in value.items()}


def parse_data(token: Token | None, problems: list[Problem]) -> dict[str, Any] | None:
    """The mapping of a ``{...}`` data block; Argdown's block form when ``{`` ends its line."""
    if token is None:
        return None
    image = token.image
    opening = image[1:].lstrip(" \t")
    if opening.startswith(("\n", "\r")):
        image = opening.lstrip("\r\n").rstrip()[:-1]
    return _load(token, image, "data block", problems)


def parse_front_matter(token: Token, problems: list[Problem]) -> dict[str, Any] | None:
    """The mapping between the ``===`` lines of the front matter."""
    return _load(token, token.image.strip().strip("="), "front matter", problems)
