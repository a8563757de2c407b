"""Writer for argmap JSON: the whole model (and an evaluation when given) as stable, sorted JSON."""

from __future__ import annotations

import dataclasses
import enum
import json
import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from argmap.compare import Comparison
from argmap.errors import EvaluationError
from argmap.evaluate import Evaluation
from argmap.explain import claim_why
from argmap.model import ArgumentMap
from argmap.read.json import FORMAT_VERSION
from argmap.render.text import title_namer

__all__ = ["evaluation_document", "map_document", "plain", "render_json"]


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
        doc["evaluation"] = evaluation_document(amap, evaluation)
    return doc


def evaluation_document(amap: ArgumentMap, evaluation: Evaluation) -> dict[str, Any]:
    """An evaluation as data: the reading, then each claim (by id) with its verdict (or
    formal status), its score and the claims that decide it, and the notes.

    Under the reader's proof standards each claim has ``verdict``, ``standard``,
    ``reasons`` and ``objections`` (the standing ones, weightiest first), ``answered``
    (objections that fall, with the claims that answer them), ``struck`` (reasons that
    fall, with what strikes them), ``undecided``, ``conditional`` (forecasts and
    questions bearing on it) and ``why`` (a sentence). Under a formal reading each has
    ``status``, ``attackers`` (in the attack graph read, derived attacks included) and
    ``why``, and the extensions are listed.
    """
    settings = evaluation.settings
    claims: list[dict[str, Any]] = []
    for claim in amap.claims:
        cid = claim.id
        entry: dict[str, Any] = {"id": cid, "strength": evaluation.strength(cid)}
        assessment = evaluation.assessment(cid)
        if assessment is None:
            entry["status"] = evaluation.state(cid)
            if settings.formal:
                entry["attackers"] = list(evaluation.attackers.get(cid, ()))
                entry["why"] = claim_why(amap, evaluation, cid, title_namer(amap))
        else:
            entry.update(
                verdict=assessment.verdict.value,
                standard=assessment.standard.value,
                weight=assessment.weight,
                reasons=list(assessment.reasons),
                objections=list(assessment.objections),
                undercut_by=list(assessment.undercut_by),
                answered=[{"claim": a.claim_id, "by": list(a.by)} for a in assessment.answered],
                struck=[{"claim": a.claim_id, "by": list(a.by)} for a in assessment.struck],
                undecided=list(assessment.undecided),
                conditional=list(assessment.conditional),
                why=claim_why(amap, evaluation, cid, title_namer(amap)),
            )
        claims.append(entry)
    return {
        "reading": settings.semantics.value,
        "formal": settings.formal,
        "support": settings.support.value if settings.formal else None,
        "standard": None if settings.standard is None else settings.standard.value,
        "gradual": None if settings.gradual is None else settings.gradual.value,
        "claims": claims,
        "extensions": [list(e) for e in evaluation.extensions],
        "notes": list(evaluation.notes),
    }


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    """A comparison as data: each thesis with its verdict (or formal status), its direct
    reasons and objections and what would settle it; the claims bearing on both; the
    cruxes, each with how every compared thesis would fare if it flipped."""
    evaluation = comparison.evaluation
    settings = evaluation.settings
    word = "status" if settings.formal else "verdict"

    def change(c: Any) -> dict[str, Any]:
        return {"thesis": c.thesis_id, "from": c.before, "to": c.after}

    theses = [
        {
            "id": side.thesis_id,
            word: side.state,
            "strength": side.strength,
            "size": side.size,
            "supporters": list(side.supporters),
            "attackers": list(side.attackers),
            "standing_supporters": side.standing_supporters,
            "standing_attackers": side.standing_attackers,
            # Its stance toward the other thesis, when it bears on it.
            "toward_other": None if toward is None else toward.value,
            "settled_by": [
                {"forecast": s.forecast_id, "from": s.before, "to": s.after}
                for s in comparison.settlers.get(side.thesis_id, ())
            ],
        }
        for side, toward in zip(
            comparison.sides, (comparison.a_toward_b, comparison.b_toward_a), strict=True
        )
    ]
    a, b = (side.thesis_id for side in comparison.sides)
    return {
        "reading": settings.semantics.value,
        "formal": settings.formal,
        "theses": theses,
        "shared": [
            {
                "claim": s.claim_id,
                word: evaluation.state(s.claim_id),
                "stances": {a: s.stance_a.value, b: s.stance_b.value},
            }
            for s in comparison.shared
        ],
        "cruxes": [
            {
                "claim": crux.claim_id,
                word: crux.before,
                "flipped": crux.flipped,
                "moves": crux.moves,
                "changes": [change(c) for c in crux.changes],
            }
            for crux in comparison.cruxes
        ],
        "tested": comparison.tested,
        "candidates": comparison.candidates,
        "unlisted": comparison.unlisted,
        "notes": list(comparison.notes),
    }


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
