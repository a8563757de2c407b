"""argmap: argument maps as code. The library's entry points, imported when first used.

Example:
    >>> from argmap import load_paths, check_paths, evaluate_map, render_markdown
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name -> the module that defines it. Loaded lazily, so that ``import argmap`` (and
#: ``argmap --version``) stays quick.
_EXPORTS = {
    "ArgmapError": "argmap.errors",
    "ArgumentMap": "argmap.model",
    "Claim": "argmap.model",
    "ClaimKind": "argmap.model",
    "Comparison": "argmap.compare",
    "Diagnostic": "argmap.diagnostics",
    "Evaluation": "argmap.evaluate",
    "EvaluationSettings": "argmap.settings",
    "MapMeta": "argmap.model",
    "ProofStandard": "argmap.model",
    "Verdict": "argmap.evaluate",
    "build_paths": "argmap.build",
    "check_paths": "argmap.check",
    "compare_theses": "argmap.compare",
    "convert_paths": "argmap.convert",
    "evaluate_map": "argmap.evaluate",
    "load_paths": "argmap.read",
    "render_dot": "argmap.render.dot",
    "render_html_page": "argmap.render.html",
    "render_markdown": "argmap.render.markdown",
    "render_svg": "argmap.render.svg",
    "validate_map": "argmap.validate",
}

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "Claim",
    "ClaimKind",
    "Comparison",
    "Diagnostic",
    "Evaluation",
    "EvaluationSettings",
    "MapMeta",
    "ProofStandard",
    "Verdict",
    "__version__",
    "build_paths",
    "check_paths",
    "compare_theses",
    "convert_paths",
    "evaluate_map",
    "load_paths",
    "render_dot",
    "render_html_page",
    "render_markdown",
    "render_svg",
    "validate_map",
]

if TYPE_CHECKING:
    from argmap.build import build_paths
    from argmap.check import check_paths
    from argmap.compare import Comparison, compare_theses
    from argmap.convert import convert_paths
    from argmap.diagnostics import Diagnostic
    from argmap.errors import ArgmapError
    from argmap.evaluate import Evaluation, Verdict, evaluate_map
    from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta, ProofStandard
    from argmap.read import load_paths
    from argmap.render.dot import render_dot
    from argmap.render.html import render_html_page
    from argmap.render.markdown import render_markdown
    from argmap.render.svg import render_svg
    from argmap.settings import EvaluationSettings
    from argmap.validate import validate_map


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
