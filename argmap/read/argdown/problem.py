"""The one record of a problem found while reading Argdown, located by offset. No I/O."""

from __future__ import annotations

from dataclasses import dataclass

from argmap.diagnostics import Severity, Span


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem at an offset of the combined text (includes spliced in).

    It becomes a :class:`argmap.diagnostics.Diagnostic` in one place,
    :meth:`argmap.read.argdown.include.SourceMap.diagnostic`, which maps the offset back
    to a file, line and column. ``span`` is set instead for a place that is not part of the
    combined text (an ``@include(...)`` line, which the included text replaces).
    """

    offset: int
    severity: Severity
    code: str
    message: str
    span: Span | None = None


def error(offset: int, code: str, message: str) -> Problem:
    """An error at an offset."""
    return Problem(offset, Severity.ERROR, code, message)


def warning(offset: int, code: str, message: str) -> Problem:
    """A warning at an offset."""
    return Problem(offset, Severity.WARNING, code, message)


def note(offset: int, code: str, message: str) -> Problem:
    """A note at an offset."""
    return Problem(offset, Severity.INFO, code, message)
