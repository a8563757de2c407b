"""Argdown ``@include(path)``: included files spliced into the text, and positions mapped back.

Argdown replaces each ``@include(path)`` with the text of the file, resolved relative to the
including file, and includes every file at most once (against include loops). The
combined text keeps a map from its offsets to the file, line and column they came from,
so that diagnostics point into the included file. Reads the included files.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity, Span

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

    def register(self, path: str, text: str) -> None:
        """Know the lines of a file."""
        if path not in self._line_starts:
            self._line_starts[path] = [0] + [m.end() for m in _LINE_BREAK_RE.finditer(text)]

    def add(self, start: int, path: str, text: str, offset: int) -> None:
        """Record that the combined text from ``start`` on is ``text`` from ``offset`` on."""
        self.register(path, text)
        self.pieces.append(_Piece(start, path, text, offset))

    def span(self, offset: int) -> Span:
        """The file, line and column of an offset of the combined text."""
        if not self.pieces:
            return Span(self.path)
        starts = [p.start for p in self.pieces]
        piece = self.pieces[max(0, bisect.bisect_right(starts, offset) - 1)]
        file_offset = min(piece.offset + offset - piece.start, len(piece.text))
        lines = self._line_starts[piece.path]
        index = bisect.bisect_right(lines, file_offset) - 1
        return Span(piece.path, index + 1, file_offset - lines[index] + 1)

    def files(self) -> list[str]:
        """Every file that went into the text, in order of first use."""
        return list(self._line_starts)


def expand_includes(text: str, path: str) -> tuple[str, SourceMap, list[Diagnostic]]:
    """Splice included files into ``text``.

    Returns:
        The combined text, its source map, and diagnostics for files that are missing,
        unreadable or included a second time.
    """
    parts: list[str] = []
    smap = SourceMap(path)
    diags: list[Diagnostic] = []
    seen: set[str] = set()
    length = 0

    def emit(file_path: str, file_text: str, start: int, end: int) -> None:
        nonlocal length
        if end > start:
            smap.add(length, file_path, file_text, start)
            parts.append(file_text[start:end])
            length += end - start

    def walk(file_path: str, file_text: str) -> None:
        last = 0
        smap.register(file_path, file_text)
        for m in _INCLUDE_RE.finditer(file_text):
            emit(file_path, file_text, last, m.start())
            last = m.end()
            target = os.path.normpath(Path(file_path).parent / m.group(1).strip())
            line = file_text.count("\n", 0, m.start()) + 1
            col = m.start() - (file_text.rfind("\n", 0, m.start()) + 1) + 1
            where = Span(file_path, line, col)
            key = os.path.realpath(target)
            if key in seen:
                diags.append(
                    Diagnostic(
                        where,
                        Severity.WARNING,
                        "argdown-include",
                        f"'{m.group(1)}' is already included; Argdown includes each file once",
                    )
                )
                continue
            seen.add(key)
            try:
                included = Path(target).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                reason = "not found" if isinstance(err, FileNotFoundError) else f"unreadable: {err}"
                diags.append(
                    Diagnostic(
                        where,
                        Severity.ERROR,
                        "argdown-include",
                        f"included file '{target}' {reason}",
                    )
                )
                continue
            walk(target, included)
        emit(file_path, file_text, last, len(file_text))

    seen.add(os.path.realpath(path))
    walk(path, text)
    return "".join(parts), smap, diags
