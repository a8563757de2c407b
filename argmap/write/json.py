"""Writer for argmap JSON: the whole model (and an evaluation when given) as stable, sorted JSON."""

from __future__ import annotations

import dataclasses
import enum
import json
import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from argmap.errors import EvaluationError
from argmap.evaluate import Evaluation
from argmap.model import ArgumentMap
from argmap.read.json import FORMAT_VERSION

__all__ = ["map_document", "plain", "render_json"]


def plain(value: object) -> Any:
    """A value as JSON data: enums by value, tuples and sets as lists, mappings by sorted key.

    Raises:
        EvaluationError: A number is not finite (JSON has no NaN or infinity).
    """
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, BaseModel):
        return plain(value.model_dump(mode="json"))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {
            str(plain(k)): plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))
        }
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        raise EvaluationError(f"cannot write the number {value} as JSON")
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def map_document(amap: ArgumentMap, evaluation: Evaluation | None = None) -> dict[str, Any]:
    """The argmap JSON document as data: marker, map metadata, claims by id, evaluation."""
    doc: dict[str, Any] = {
        "argmap": FORMAT_VERSION,
        "map": amap.meta.model_dump(mode="json"),
        "claims": [c.model_dump(mode="json") for c in amap.claims],
    }
    if evaluation is not None:
        doc["evaluation"] = plain(evaluation)
    return doc


def render_json(amap: ArgumentMap, evaluation: Evaluation | None = None) -> str:
    """The map as argmap JSON (schema: docs/formats/argmap-json.md).

    Every field of every claim is written, defaults included; object keys are sorted,
    claims come by id, indent is two spaces and the text ends with a newline, so the same
    map always gives the same bytes.

    Args:
        amap: The map.
        evaluation: An evaluation of the map, written under ``"evaluation"`` when given.
    """
    doc = map_document(amap, evaluation)
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
