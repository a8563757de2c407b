"""Pydantic's validation errors as argmap's diagnostics: one code and one wording per
problem, whatever the format the record was read from."""

from __future__ import annotations

import re
from typing import Any

import pydantic

from argmap.diagnostics import did_you_mean, id_hint, quote_id
from argmap.model import MAX_ID_LENGTH, MapMeta, Source, SourceRef

__all__ = ["validation_problems"]


def _shown(err: Any) -> str:
    value = err.get("input")
    if value is None:
        return "no value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return quote_id(value)


def _entries(err: Any) -> str:
    """How many entries a refused list has, in words."""
    value = err.get("input")
    count = len(value) if isinstance(value, list | tuple) else 0
    return "1 entry" if count == 1 else f"{count} entries"


_QUOTED = re.compile(r"'([^']*)'")

#: What a value of the wrong type should have been, in words (pydantic's error types).
_EXPECTED = {
    "tuple_type": "a list",
    "list_type": "a list",
    "string_type": "a string",
    "float_parsing": "a number",
    "float_type": "a number",
    "finite_number": "a finite number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


#: Bounds a value broke, in words, with the key of the bound in the error's context.
_BOUNDS = {
    "less_than_equal": ("at most", "le"),
    "greater_than_equal": ("at least", "ge"),
    "less_than": ("below", "lt"),
    "greater_than": ("above", "gt"),
}


def _written(err: Any, loc: tuple[int | str, ...], expected: str, citation: bool) -> str:
    """How to write a plain value where a list or a citation was expected, as a hint."""
    value = err.get("input")
    if not isinstance(value, str) or not value.strip() or "\n" in value:
        return ""
    if expected == "a list":
        return f" (write [{value}])"
    if expected == "a mapping" and citation and len(loc) == 2 and loc[0] == "sources":
        key = "url" if "://" in value else "source"
        return f" (write {{{key}: {value}}})"
    return ""


def _in_source(loc: tuple[int | str, ...]) -> bool:
    """Whether an error location points into one of a record's sources (or citations)."""
    return len(loc) >= 3 and loc[0] == "sources"


def _fields_at(model: type[pydantic.BaseModel], loc: tuple[int | str, ...]) -> tuple[str, ...]:
    """The fields allowed where an error location points (for did-you-mean hints)."""
    if _in_source(loc):
        return tuple((Source if model is MapMeta else SourceRef).model_fields)
    return tuple(model.model_fields)


def validation_problems(
    exc: pydantic.ValidationError, what: str, model: type[pydantic.BaseModel]
) -> list[tuple[tuple[int | str, ...], bool, str, str]]:
    """What the model refused, in the words every reader uses.

    Args:
        exc: The model's validation error.
        what: The record named in messages (``claim 'a'``, ``map metadata``).
        model: The model validated (for did-you-mean hints on unknown fields).

    Returns:
        One ``(location in the record, whether its key is meant, code, message)`` per error.
    """
    out: list[tuple[tuple[int | str, ...], bool, str, str]] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        source = "source" if model is MapMeta else "citation"
        field = _field(loc, source)
        # The record, or the part of it (a citation, a source) that holds the field.
        owner = what if len(loc) < 2 else f"{_field(loc[:-1], source)} of {what}"
        last = loc[-1] if loc else field
        etype = err["type"]
        if etype == "extra_forbidden":
            known = _fields_at(model, loc)
            hint = did_you_mean(str(last), known)
            if not hint and len(known) <= 8:
                hint = f" (expected {', '.join(known)})"
            out.append(
                (loc, True, "unknown-field", f"unknown field {quote_id(last)} in {owner}{hint}")
            )
            continue
        if etype == "missing" and isinstance(last, int):  # a pair with fewer entries
            given = err.get("input")
            if isinstance(given, list | tuple) and last != len(given):
                continue  # told once, at its first missing entry
            code, message = (
                "invalid-value",
                f"{owner} should be a pair, [a, b], found {_entries(err)}",
            )
        elif etype == "too_long" and "max_length" in err.get("ctx", {}):
            most = err["ctx"]["max_length"]
            wanted = "a pair, [a, b]" if most == 2 else f"at most {most} entries"
            code, message = (
                "invalid-value",
                f"{field} of {what} should be {wanted}, found {_entries(err)}",
            )
        elif etype == "missing":
            code, message = "missing-field", f"{owner} has no {quote_id(last)}"
        elif last in ("text", "label") and (
            etype in ("string_too_short", "value_error") or err.get("input") is None
        ):
            code, message = "empty-text", f"{what} has an empty {last}"
        elif etype == "enum" and err.get("input") is None:
            expected = err.get("ctx", {}).get("expected", "")
            code, message = "invalid-value", f"{field} of {what} has no value: write {expected}"
        elif etype == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            hint = did_you_mean(str(err.get("input")).lower(), _QUOTED.findall(expected))
            code, message = (
                "invalid-value",
                f"{field} of {what} must be {expected}, not {_shown(err)}{hint}",
            )
        elif etype == "string_pattern_mismatch" and loc[:1] != ("tags",):  # a ClaimId
            rule = f"1 to {MAX_ID_LENGTH} ASCII letters, digits, '_', '.' and '-', not first '.' or '-'"
            hint = id_hint(str(err.get("input")))
            if len(loc) == 1 and last == "id":
                where = ""  # the record's own id
            elif last == "id":
                where = f" for {owner}"
            else:
                where = f" in {field} of {what}"
            code = "malformed-id"
            message = f"malformed id {_shown(err)}{where}: expected {rule}{hint}"
        elif etype == "string_pattern_mismatch":  # a tag
            rule = "1 to 64 ASCII letters, digits, '_', '.' and '-', the first a letter or digit"
            hint = id_hint(str(err.get("input")))
            code = "invalid-value"
            message = f"{field} of {what} should be a tag ({rule}), found {_shown(err)}{hint}"
        elif etype == "value_error":
            msg = str(err["msg"]).removeprefix("Value error, ")
            code, message = "invalid-value", f"{field} of {what}: {msg}"
        elif etype in _EXPECTED:
            expected = _EXPECTED[etype]
            hint = _written(err, loc, expected, citation=model is not MapMeta)
            code = "invalid-type"
            message = f"{field} of {what} should be {expected}, found {_shown(err)}{hint}"
        elif etype in _BOUNDS and str(err.get("input")).strip().lower().lstrip("+-") == "nan":
            code = "invalid-value"
            message = f"{field} of {what} should be a number, found {_shown(err)}"
        elif etype in _BOUNDS and _BOUNDS[etype][1] in err.get("ctx", {}):
            words, key = _BOUNDS[etype]
            bound = err["ctx"][key]
            if isinstance(bound, float) and bound.is_integer():
                bound = int(bound)  # "at most 1", as the field's description says
            code, message = (
                "invalid-value",
                f"{field} of {what} should be {words} {bound}, found {_shown(err)}",
            )
        else:
            code = "invalid-type" if etype.endswith(("_type", "_parsing")) else "invalid-value"
            msg = str(err["msg"]).replace("a valid tuple", "a list")
            message = f"{field} of {what}: {msg[0].lower()}{msg[1:]}, found {_shown(err)}"
        out.append((loc, False, code, message))
    return out


def _field(loc: tuple[int | str, ...], source: str) -> str:
    """Where in a record, in words: ``("attacks", 0)`` is "entry 1 of attacks", and
    ``("sources", 1, "quote")`` is "quote of citation 2" (``source`` names the entry)."""
    head: list[str] = []
    if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
        head, loc = [f"{source} {loc[1] + 1}"], loc[2:]
    words = [f"entry {p + 1}" if isinstance(p, int) else str(p) for p in reversed(loc)]
    return " of ".join(words + head) or "value"
