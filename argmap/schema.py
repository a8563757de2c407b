"""The JSON Schema of claim files, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from argmap.model import CLAIM_ID_PATTERN, ClaimFile

SCHEMA_ID = "urn:argmap:schema:claim-file:1"


def claim_file_schema() -> dict[str, Any]:
    """The JSON Schema that claim files are checked against (editors use it too).

    Claim ids in claim files follow the strict pattern (lowercase letters, digits, '-');
    the model itself also accepts ids imported from other formats.
    """
    schema = ClaimFile.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    schema["title"] = "argmap claim file"
    claim = schema["$defs"]["Claim"]["properties"]
    claim["id"]["pattern"] = CLAIM_ID_PATTERN
    for relation in ("supports", "attacks", "undercuts"):
        claim[relation]["items"]["pattern"] = CLAIM_ID_PATTERN
    return schema


def claim_file_schema_json() -> str:
    """The schema as stable, indented JSON text with a final newline."""
    return json.dumps(claim_file_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
