"""Diagnostics for programs: JSON for tools and editors, and GitHub Actions' workflow
commands, which show each problem on the line of the pull request it is about. Pure."""

from __future__ import annotations

import json
from collections.abc import Sequence

from argmap.diagnostics import Diagnostic, Severity, printable

__all__ = ["diagnostics_json", "github_annotations"]

#: GitHub's annotation levels for argmap's severities.
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def diagnostics_json(diags: Sequence[Diagnostic]) -> str:
    """The diagnostics as one JSON document: each with its path, 1-based line and column,
    severity, code and message (in the order given), and the count of each severity."""
    document = {
        "diagnostics": [
            {
                "path": d.span.path,
                "line": d.span.line,
                "col": d.span.col,
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message,
            }
            for d in diags
        ],
        "errors": sum(d.severity is Severity.ERROR for d in diags),
        "warnings": sum(d.severity is Severity.WARNING for d in diags),
        "notes": sum(d.severity is Severity.INFO for d in diags),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub reads it back (and a control
    character as a message shows it, so that none reaches the log)."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (a path, a title), escaped."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(diags: Sequence[Diagnostic]) -> str:
    """One ``::error file=…,line=…,col=…,title=…::message`` command a diagnostic, for a step
    of a GitHub Actions workflow (notes become ``::notice``)."""
    lines = []
    for d in diags:
        where = f"file={_property(d.span.path)},line={d.span.line},col={d.span.col}"
        title = _property(f"argmap {d.code}")
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {where},title={title}::{_data(d.message)}")
    return "".join(line + "\n" for line in lines)
