"""Python-Markdown: an extension that renders ``argmap`` fences, wherever superfences finds a
fence, or at the top level of a page without it.

Use ``markdown_extensions: [argmap.integrations.pymarkdown]`` in MkDocs or Zensical, or
``markdown.markdown(text, extensions=[ArgmapExtension(base_dir="docs")])``. With
pymdownx.superfences loaded, superfences finds the fences (nested in admonitions, content
tabs, list items and quotes) and argmap draws them; no ``custom_fences`` entry is needed.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from argmap.errors import ArgmapError
from argmap.integrations.confine import shown_path
from argmap.integrations.fence import (
    FENCE_CODE,
    FenceCache,
    FenceResult,
    error_box,
    render_fence,
)
from argmap.integrations.options import FENCE_NAME, OPTION_NAMES
from argmap.integrations.site_context import zensical_context
from argmap.integrations.superfences import (
    fence_language,
    left_openers,
    superfences_preprocessor,
    teach_superfences,
)

__all__ = ["ArgmapExtension", "BrokenFenceError", "fence_format", "fence_language"]

Warn = Callable[[str], None]

# CommonMark fences (spec 0.31, section 4.5): up to three spaces of indentation, three or
# more backticks or tildes; a backtick fence's info string holds no backtick.
_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_CACHES: dict[str, FenceCache] = {}


class BrokenFenceError(ArgmapError):
    """A strict build met fences that cannot be drawn (for generators that count no warnings)."""


def _cache(directory: str) -> FenceCache | None:
    if not directory:
        from argmap.integrations.fence import DEFAULT_CACHE

        return DEFAULT_CACHE
    return _CACHES.setdefault(directory, FenceCache(directory))


class ArgmapExtension(Extension):
    """Renders ``argmap`` fences as inline SVG figures; broken fences become error boxes.

    Problems are passed to ``warn`` (by default logged as warnings on the ``logger``
    config's logger), so a strict site build fails on them; with ``strict`` (or under
    ``zensical build --strict``) a page with problems raises ``BrokenFenceError``.
    """

    def __init__(self, warn: Warn | None = None, **kwargs: Any) -> None:
        self.config = {
            "base_dir": [".", "Directory that claim paths in fences are relative to."],
            "root_dir": [
                "",
                "The site's root: paths starting with '/' are relative to it, and nothing "
                "outside it is read (default: the project folder under Zensical, else base_dir).",
            ],
            "page": ["<page>", "Name of the page being converted, shown in messages."],
            "line_offset": [0, "Lines before the Markdown text in the page (front matter)."],
            "logger": ["argmap", "Logger that problems are reported to as warnings."],
            "cache_dir": ["", "Directory to keep rendered maps in between builds (optional)."],
            "strict": [False, "Raise BrokenFenceError after a page with problems."],
        }
        self.warn = warn
        self.problems: list[str] = []
        #: Called with every fence's result (the MkDocs plugin notes the files drawn).
        self.on_result: Callable[[FenceResult], None] | None = None
        super().__init__(**kwargs)

    def report(self, result: FenceResult) -> None:
        """Report a fence's problems as warnings."""
        if self.on_result is not None:
            self.on_result(result)
        self.problems += result.problems
        for problem in result.problems:
            if self.warn is not None:
                self.warn(problem)
            else:
                logging.getLogger(str(self.getConfig("logger"))).warning(problem)

    def render(
        self,
        md: Markdown,
        info: str,
        body: str,
        line: int | None,
        extra: dict[str, str] | None = None,
        column: int = 0,
    ) -> str:
        """Render one fence of the page ``md`` converts, and report its problems.

        Args:
            md: The Markdown instance converting the page.
            info: The opening line's text after ``argmap``.
            body: The fence's content.
            line: The 1-based line of the opening line in the text ``md`` converts.
            extra: Options given outside the fence's text.
            column: How far the fence is indented (its body comes without it).
        """
        offset = int(self.getConfig("line_offset") or 0)
        base, root, page = self._where(md)

        def resolve(path: str) -> Path:
            if path.startswith("/"):
                return root / path.lstrip("/")
            return base / path

        used: set[str] = md.__dict__.setdefault("argmap_graph_ids", set())
        try:
            result = render_fence(
                info,
                body,
                page=page,
                line=None if line is None else line + offset,
                extra=extra,
                used_ids=used,
                resolve=resolve,
                cache=_cache(str(self.getConfig("cache_dir"))),
                root=root,
                column=column,
            )
        except Exception as exc:  # superfences drops a fence whose formatter raises
            where = page if line is None else f"{page}:{line + offset}:1"
            message = (
                f"{where}: error: this map could not be drawn ({type(exc).__name__}) [{FENCE_CODE}]"
            )
            result = FenceResult(error_box([message]), (message,), failed=True)
        self.defer(md, result)
        return result.html

    def defer(self, md: Markdown, result: FenceResult) -> None:
        """Report a fence's problems once the page is converted, if its box is still on the
        page (superfences also draws fences inside indented code, which then shows them as
        code), or at once when no postprocessor of this extension runs on ``md``."""
        pending = md.__dict__.get("argmap_pending")
        if pending is None:
            self.report(result)
        else:
            pending.append(result)

    def unread(self, md: Markdown, line: int) -> str:
        """The error box, reported, for a fence whose opening line is at ``line`` but that the
        fence finder could not read."""
        page = self._where(md)[2]
        offset = int(self.getConfig("line_offset") or 0)
        message = (
            f"{page}:{line + offset}:1: error: this argmap fence is never closed, or its lines "
            f"are not indented like its opening line [{FENCE_CODE}]"
        )
        result = FenceResult(error_box([message]), (message,), failed=True)
        self.defer(md, result)
        return result.html

    def _where(self, md: Markdown) -> tuple[Path, Path, str]:
        """The folder relative paths start from, the root folder, and the page's name."""
        base, root = Path(str(self.getConfig("base_dir"))), str(self.getConfig("root_dir"))
        page = str(self.getConfig("page"))
        context = zensical_context(md)
        if context is not None:
            base = context.page.parent
            page = shown_path(context.page) if page == "<page>" else page
            return base, Path(root) if root else context.root, page
        return base, Path(root) if root else base, page

    def strict(self, md: Markdown) -> bool:
        """Whether a page with problems fails the build by raising."""
        context = zensical_context(md)
        return bool(self.getConfig("strict")) or (context is not None and context.strict)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the fence finder (superfences' when loaded) and the strict check."""
        md.argmap_extension = self  # type: ignore[attr-defined]
        md.preprocessors.register(ArgmapFencePreprocessor(md, self), "argmap_fence", 28)
        md.preprocessors.register(LeftFencePreprocessor(md, self), "argmap_left_fences", 24)
        md.postprocessors.register(StrictPostprocessor(md, self), "argmap_strict", 0)


class ArgmapFencePreprocessor(Preprocessor):
    """Hands the page's argmap fences to superfences when it is loaded; else replaces the
    top-level ``argmap`` fences with their HTML and leaves other fences untouched."""

    def __init__(self, md: Markdown, extension: ArgmapExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        """Find the fences, line by line, skipping the content of every other fence."""
        md = self.md
        md.argmap_graph_ids = set()  # type: ignore[attr-defined]
        md.argmap_pending = []  # type: ignore[attr-defined]
        md.argmap_lines = list(lines)  # type: ignore[attr-defined]
        self.extension.problems = []

        def render(info: str, body: str, start: int | None, indent: int) -> str:
            line = None if start is None else start + 1
            return self.extension.render(md, info, body, line, column=indent)

        if teach_superfences(md, render):
            return lines
        out: list[str] = []
        i = 0
        while i < len(lines):
            match = _OPEN.match(lines[i])
            if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
                out.append(lines[i])
                i += 1
                continue
            fence, indent = match["fence"], len(match["indent"])
            close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            end = i + 1
            while end < len(lines) and not close.match(lines[end]):
                end += 1
            lang, rest = fence_language(match["info"])
            if lang != FENCE_NAME:
                out.extend(lines[i : end + 1])
                i = end + 1
                continue
            body = "\n".join(_dedent(line, indent) for line in lines[i + 1 : end])
            html = self.extension.render(md, rest, body, i + 1)
            out += ["", md.htmlStash.store(html), ""]
            i = end + 1
        return out


class LeftFencePreprocessor(Preprocessor):
    """After superfences: an argmap fence it could not read (never closed, or its lines not
    indented like its opening line) becomes an error box and a warning, not text."""

    def __init__(self, md: Markdown, extension: ArgmapExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        """Replace each opening line superfences left with an error box."""
        if superfences_preprocessor(self.md) is None:
            return lines
        out = list(lines)
        left = left_openers(lines)
        if left:
            at = _source_lines(self.md.__dict__.get("argmap_lines"), lines)
            for i, indent in left:
                box = self.extension.unread(self.md, at.get(i, i) + 1)
                out[i] = indent + self.md.htmlStash.store(box)
        return out


def _source_lines(source: list[str] | None, lines: list[str]) -> dict[int, int]:
    """Where each line of ``lines`` was in ``source``, the page before superfences and the
    HTML blocks each became one placeholder line: the lines the two have in common, matched
    in order."""
    if source is None:
        return {}
    found: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, lines, source, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            found[block.a + k] = block.b + k
    return found


class StrictPostprocessor(Postprocessor):
    """Reports the problems of the fences drawn on the page, and raises
    ``BrokenFenceError`` after a page with problems when the build is strict."""

    def __init__(self, md: Markdown, extension: ArgmapExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        """Fail a strict build with every problem of the page, one a line."""
        # Python-Markdown's toc also runs the postprocessors on each heading's text: a fence
        # is reported once its box is found in the text, and only then.
        pending: list[FenceResult] = self.md.__dict__.get("argmap_pending") or []
        for result in list(pending):
            if not result.problems or result.html.strip() in text:
                pending.remove(result)
                self.extension.report(result)
        if self.extension.problems and self.extension.strict(self.md):
            raise BrokenFenceError("\n".join(self.extension.problems))
        return text


def _dedent(line: str, indent: int) -> str:
    # CommonMark: a fence indented by N spaces removes up to N spaces from its content lines.
    stripped = len(line) - len(line.lstrip(" "))
    return line[min(indent, stripped) :]


def fence_validator(
    language: str,
    inputs: dict[str, str],
    options: dict[str, str],
    attrs: dict[str, str],
    md: Markdown,
) -> bool:
    """pymdownx.superfences validator for a ``custom_fences`` entry (kept for old configs;
    the extension alone is enough): accept every header option, the formatter checks them."""
    options.update(inputs)
    return True


def fence_format(
    source: str,
    language: str,
    class_name: str,
    options: dict[str, str],
    md: Markdown,
    **kwargs: Any,
) -> str:
    """pymdownx.superfences formatter for a ``custom_fences`` entry (kept for old configs).

    Uses the ArgmapExtension registered on ``md`` when there is one, else paths relative to
    the working directory.
    """
    extension = getattr(md, "argmap_extension", None)
    if extension is None:
        extension = ArgmapExtension()
        md.argmap_extension = extension  # type: ignore[attr-defined]
    extra = {k: v for k, v in options.items() if not (v == k and k not in OPTION_NAMES)}
    paths = " ".join(k for k, v in options.items() if v == k and k not in OPTION_NAMES)
    html: str = extension.render(md, paths, source, None, extra)
    return html


def makeExtension(**kwargs: Any) -> ArgmapExtension:
    """Entry point for ``markdown_extensions: [argmap.integrations.pymarkdown]``."""
    return ArgmapExtension(**kwargs)
