"""Reading maps: one module per format, the collection piece every reader shares
(``collect``), and the loading of files into one map (``load``, whose names this package
exports). They are imported when first used, so that the ICCMA fast path
(``argmap.read.iccma_fast``) reads a framework without loading the claim model."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from argmap.formats import READABLE as FORMATS

__all__ = ["FORMATS", "LoadResult", "claim_files", "detect_format", "load_paths", "load_text"]

if TYPE_CHECKING:
    from argmap.read.load import (
        LoadResult,
        claim_files,
        detect_format,
        load_paths,
        load_text,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("argmap.read.load"), name)
    raise AttributeError(f"module 'argmap.read' has no attribute {name!r}")
