"""Argdown ``@include(path)``: included files spliced into the text, and positions mapped back.

Argdown replaces each ``@include(path)`` with the text of the file, resolved relative to the
including file, and includes every file at most once (against include loops). The
combined text keeps a map from its offsets to the file, line and column they came from,
so that diagnostics point into the included file. Reads the included files: only regular
files inside the map's root (by default the directory of the including file), each within
the size limit.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity, Span
from argmap.read.argdown.problem import Problem
from argmap.read.collect import FileReadError, decode_utf8, read_bytes

_INCLUDE_RE = re.compile(r"@include\(([^)]+)\)")
_LINE_BREAK_RE = re.compile(r"\r\n|\n|\r")


@dataclass
class _Piece:
    start: int  # offset in the combined text
    path: str
    text: str
    offset: int  # offset of the piece in its file


@dataclass
class SourceMap:
    """Offsets of the combined text mapped to positions in the original files."""

    path: str
    pieces: list[_Piece] = field(default_factory=list)
    _line_starts: dict[str, list[int]] = field(default_factory=dict)
    #: Where each piece starts in the combined text, in order.
    _starts: list[int] = field(default_factory=list)

    def register(self, path: str, text: str) -> None:
        """Know the lines of a file."""
        if path not in self._line_starts:
            self._line_starts[path] = [0] + [m.end() for m in _LINE_BREAK_RE.finditer(text)]

    def add(self, start: int, path: str, text: str, offset: int) -> None:
        """Record that the combined text from ``start`` on is ``text`` from ``offset`` on."""
        self.register(path, text)
        self.pieces.append(_Piece(start, path, text, offset))
        self._starts.append(start)

    def span(self, offset: int) -> Span:
        """The file, line and column of an offset of the combined text."""
        if not self.pieces:
            return Span(self.path)
        piece = self.pieces[max(0, bisect.bisect_right(self._starts, offset) - 1)]
        file_offset = min(piece.offset + offset - piece.start, len(piece.text))
        lines = self._line_starts[piece.path]
        index = bisect.bisect_right(lines, file_offset) - 1
        return Span(piece.path, index + 1, file_offset - lines[index] + 1)

    def diagnostic(self, problem: Problem) -> Diagnostic:
        """A problem as a diagnostic, at the file, line and column its offset came from."""
        span = problem.span or self.span(problem.offset)
        return Diagnostic(span, problem.severity, problem.code, problem.message)

    def files(self) -> list[str]:
        """Every file that went into the text, in order of first use."""
        return list(self._line_starts)


def _inside(path: str, root: str) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([real, top]) == top
    except ValueError:  # on different drives
        return False


def expand_includes(
    text: str, path: str, root: str | None = None
) -> tuple[str, SourceMap, list[Problem]]:
    """Splice included files into ``text``.

    Args:
        text: The document.
        path: Its path; includes are resolved relative to it.
        root: The directory included files must lie in (symlinks resolved); by default
            the directory of ``path``.

    Returns:
        The combined text, its source map, and problems for files that are missing,
        unreadable, outside the root, or included a second time.
    """
    parts: list[str] = []
    smap = SourceMap(path)
    problems: list[Problem] = []
    seen: set[str] = set()
    length = 0
    top = root if root is not None else (os.path.dirname(path) or ".")

    def emit(file_path: str, file_text: str, start: int, end: int) -> None:
        nonlocal length
        if end > start:
            smap.add(length, file_path, file_text, start)
            parts.append(file_text[start:end])
            length += end - start

    def problem(where: Span, severity: Severity, message: str) -> None:
        problems.append(Problem(length, severity, "argdown-include", message, where))

    def load(target: str, name: str, where: Span) -> str | None:
        if not _inside(target, top):
            problem(
                where,
                Severity.ERROR,
                f"included file '{name}' is outside the map's root '{top}'; name a wider root "
                "to include it",
            )
            return None
        try:
            data = read_bytes(target)
        except FileReadError as err:
            missing = not os.path.lexists(target)
            reason = "not found" if missing else err.reason
            problem(where, Severity.ERROR, f"included file '{name}': {reason}")
            return None
        included, bad = decode_utf8(data, target)
        if included is None:
            problem(where, Severity.ERROR, f"included file '{name}': {bad[0].message}")
        return included

    def walk(file_path: str, file_text: str) -> None:
        last = 0
        smap.register(file_path, file_text)
        for m in _INCLUDE_RE.finditer(file_text):
            emit(file_path, file_text, last, m.start())
            last = m.end()
            name = m.group(1).strip()
            target = os.path.normpath(Path(file_path).parent / name)
            line = file_text.count("\n", 0, m.start()) + 1
            col = m.start() - (file_text.rfind("\n", 0, m.start()) + 1) + 1
            where = Span(file_path, line, col)
            if "\0" in name:
                problem(where, Severity.ERROR, "an included path cannot hold a NUL character")
                continue
            key = os.path.realpath(target)
            if key in seen:
                problem(
                    where,
                    Severity.WARNING,
                    f"'{m.group(1)}' is already included; Argdown includes each file once",
                )
                continue
            seen.add(key)
            included = load(target, name, where)
            if included is not None:
                walk(target, included)
        emit(file_path, file_text, last, len(file_text))

    seen.add(os.path.realpath(path))
    walk(path, text)
    return "".join(parts), smap, problems
