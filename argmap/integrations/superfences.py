"""Teaches pymdownx.superfences every form of an ``argmap`` fence's opening line, so that its
own fence finder (nesting in admonitions, tabs, lists and quotes) finds every argmap fence."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown import Markdown

from argmap.integrations.options import FENCE_NAME

#: Renders one fence: (info string after ``argmap``, body, 0-based line of the opener) -> HTML.
#: Draws a fence: its info text, body, opening line (if known) and indentation.
Render = Callable[[str, str, int | None, int], str]

# Superfences reads an opening line in one of three ways (options, attributes, or an
# "unrecognized" header it drops unless relaxed_headers is set); a header that carries a
# claim path or ``thesis=x`` is "unrecognized", so the fence was dropped and its text became
# inline code. These are the handlers its finder calls with the opener's match.
_HANDLERS = ("parse_options", "handle_attrs", "handle_unrecognized")
_TAUGHT = "_argmap_taught"
# What an opener left behind after superfences has replaced every fence it read: an
# argmap fence it could not read (never closed, or its lines not indented like its opener).
_LEFT_OPENER = re.compile(r"^(?P<indent>[ \t>]*)(?:`{3,}|~{3,})[ \t]*\{?\.?argmap\}?(?:[ \t]|$)")


def fence_language(info: str) -> tuple[str, str]:
    """The language of a fence's info string (``argmap``, ``.argmap`` or ``{argmap}``) and the rest."""
    words = info.strip().split(maxsplit=1)
    if not words:
        return "", ""
    lang = words[0]
    if lang.startswith("{") and lang.endswith("}"):
        lang = lang[1:-1]
    return lang.removeprefix("."), words[1] if len(words) > 1 else ""


def superfences_preprocessor(md: Markdown) -> Any | None:
    """The superfences block preprocessor registered on ``md``, if there is one."""
    if "fenced_code_block" not in md.preprocessors:
        return None
    pre = md.preprocessors["fenced_code_block"]
    if all(hasattr(pre, name) for name in (*_HANDLERS, "process_nested_block", "search_nested")):
        return pre
    return None


def teach_superfences(md: Markdown, render: Render) -> bool:
    """Make superfences read every ``argmap`` opener and draw the fence with ``render``.

    Superfences keeps finding the fences (its own rules for nesting and indentation); only
    the opening line of an ``argmap`` fence is read by argmap, the same way in every
    integration. Returns whether ``md`` has superfences (then it finds argmap fences).
    """
    pre = superfences_preprocessor(md)
    if pre is None:
        return False
    if getattr(pre, _TAUGHT, None) is render:
        return True
    if not getattr(pre, _TAUGHT, None):
        for name in _HANDLERS:
            setattr(pre, name, _header_handler(pre, getattr(pre, name)))
        process = pre.process_nested_block

        def process_nested_block(ws: str, content: str, start: int, end: int) -> Any:
            pre._argmap_start = start
            return process(ws, content, start, end)

        pre.process_nested_block = process_nested_block
    setattr(pre, _TAUGHT, render)
    return True


def _header_handler(pre: Any, original: Callable[[re.Match[str]], bool]) -> Any:
    def handle(m: re.Match[str]) -> bool:
        lang, rest = fence_language(m.group(0)[len(m.group("fence")) :])
        if lang != FENCE_NAME:
            return original(m)
        render: Render = getattr(pre, _TAUGHT)

        def formatter(src: str = "", **kwargs: Any) -> str:
            # The body comes without the opener's indentation (superfences' ws_virtual_len).
            indent = int(getattr(pre, "ws_virtual_len", 0) or 0)
            return render(rest, src, getattr(pre, "_argmap_start", None), indent)

        pre.lang = FENCE_NAME
        pre.options, pre.attrs, pre.classes, pre.id = {}, {}, [], ""
        pre.formatter = formatter
        return True

    return handle


def left_openers(lines: list[str]) -> list[tuple[int, str]]:
    """The argmap openers superfences left in ``lines`` (index, indentation): fences it could
    not read, to be reported instead of showing as text."""
    found = []
    for i, line in enumerate(lines):
        match = _LEFT_OPENER.match(line)
        if match is not None:
            found.append((i, match["indent"]))
    return found
