"""A claim's text wrapped into the lines of its node, at a width counted in columns.

A column is the width of a Latin letter. A character that East Asian typography sets full
width (CJK ideographs, kana, hangul, fullwidth forms and most emoji: East Asian Width
``W`` or ``F`` in Unicode's UAX #11) takes two, and a combining mark none, so a line of
Japanese is as wide as a line of English. Lines break at spaces and, as in the scripts
that write no spaces, between two wide characters, though not before closing punctuation
(``、。」``) nor after opening punctuation (``「（``), the simplest rules of Japanese
line breaking (JLREQ, "Requirements for Japanese Text Layout", W3C). A word longer than
a line is cut; a text longer than its lines ends with an ellipsis.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from argmap.render.text import clean, escape_dot_html

__all__ = ["MAX_LINES", "WRAP_WIDTH", "columns", "wrap", "wrap_html"]

WRAP_WIDTH = 28
MAX_LINES = 6

#: What escape_dot_html changes (and "]": Graphviz 2.43 cannot parse a label line of it alone).
_HTML_SPECIAL = re.compile(r"[&<>\"'\\\]]")
#: Closing punctuation: a line never starts with one (it stays with what it closes).
_NO_START = frozenset(
    "、。，．・：；？！）」』】〕〉》〙〗｣ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
#: Opening punctuation: a line never ends with one (it goes with what it opens).
_NO_END = frozenset("（「『【〔〈《〘〖｢")


def wrap(text: str, width: int = WRAP_WIDTH, max_lines: int = MAX_LINES) -> list[str]:
    """Wrap text greedily at ``width`` columns (words longer than a line are cut); over-long
    texts end with an ellipsis."""
    return list(_wrap(text, width, max_lines))


def wrap_html(text: str, width: int = WRAP_WIDTH, max_lines: int = MAX_LINES) -> str:
    """Text wrapped as by ``wrap`` for a Graphviz HTML-like label: each line escaped as by
    ``escape_dot_html``, the lines joined with ``<BR/>``."""
    lines = _wrap(text, width, max_lines)
    if not _word_longer_than(width).search(clean(text)) and not _HTML_SPECIAL.search(
        "".join(lines)
    ):
        # Whole words of clean text with nothing to escape: each line is as escaping leaves it.
        return "<BR/>".join(lines)
    return "<BR/>".join(escape_dot_html(line) for line in lines)


def columns(text: str) -> int:
    """How many columns ``text`` takes: two for a wide character, none for a combining mark."""
    if text.isascii():
        return len(text)
    return sum(map(_char_columns, text))


@functools.lru_cache(maxsize=4096)
def _char_columns(char: str) -> int:
    if unicodedata.category(char) == "Cn":
        return 1  # unassigned: no width is known
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 0 if unicodedata.combining(char) else 1


def _has_wide(text: str) -> bool:
    return not text.isascii() and any(_char_columns(c) != 1 for c in text)


@functools.lru_cache(maxsize=64)
def _word_longer_than(width: int) -> re.Pattern[str]:
    return re.compile(rf"[^ ]{{{width + 1},}}")


@functools.lru_cache(maxsize=64)
def _line_of(width: int) -> re.Pattern[str]:
    # Greedy: the most whole words, up to ``width`` characters, then a space or the end.
    return re.compile(rf"(.{{1,{width}}})(?: |$)")


# A claim is drawn on every map it belongs to: its text is wrapped once.
@functools.lru_cache(maxsize=1 << 16)
def _wrap(text: str, width: int, max_lines: int) -> tuple[str, ...]:
    cleaned = clean(text)
    if _has_wide(cleaned):
        return _ellipsised(list(_wide_lines(cleaned, width)), width, max_lines)
    if len(cleaned) <= width:
        return (cleaned,)
    if not _word_longer_than(width).search(cleaned):
        # Whole words only: one regular expression finds the lines.
        return _ellipsised(_line_of(width).findall(cleaned), width, max_lines)
    lines: list[str] = []
    line = ""
    for word in cleaned.split(" "):
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + len(word) < width:  # the word and a space fit
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
        if len(lines) > max_lines:
            break
    if line:
        lines.append(line)
    return _ellipsised(lines, width, max_lines)


def _ellipsised(lines: list[str], width: int, max_lines: int) -> tuple[str, ...]:
    """At most ``max_lines`` lines, the last one ending with an ellipsis if lines were cut."""
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while columns(last) > width - 1:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return tuple(lines) or ("",)


def _units(text: str) -> Iterator[tuple[str, bool]]:
    """The pieces no line breaks inside, each with whether a space stands before it.

    A piece is a run of narrow characters, or one wide character; closing punctuation
    joins the piece before it, and the piece after opening punctuation joins it.
    """
    piece, spaced, wide_piece = "", False, False
    for char in text:
        if char == " ":
            if piece:
                yield piece, spaced
                piece = ""
            spaced = True
            continue
        wide = _char_columns(char) == 2
        joins = (
            not piece or (not wide and not wide_piece) or char in _NO_START or piece[-1] in _NO_END
        )
        if not joins:
            yield piece, spaced
            piece, spaced = "", False
        piece += char
        wide_piece = wide
    if piece:
        yield piece, spaced


def _wide_lines(text: str, width: int) -> Iterator[str]:
    """Greedy lines of at most ``width`` columns, a piece longer than a line cut."""
    line, used = "", 0
    for piece, spaced in _units(text):
        size = columns(piece)
        gap = 1 if spaced and line else 0
        if used + gap + size <= width:
            line, used = (f"{line} {piece}" if gap else line + piece), used + gap + size
            continue
        if line:
            yield line
        line, used = "", 0
        for char in piece:  # a piece longer than a line is cut by columns
            step = _char_columns(char)
            if used + step > width and line:
                yield line
                line, used = "", 0
            line, used = line + char, used + step
    if line:
        yield line
