"""Python-Markdown: an extension that renders ``argmap`` fences, and a pymdownx.superfences
formatter for them.

Use ``markdown_extensions: [argmap.integrations.pymarkdown]`` in MkDocs or Zensical, or
``markdown.markdown(text, extensions=[ArgmapExtension(base_dir="docs")])``. With
pymdownx.superfences (fences nested in admonitions or tabs), add a custom fence named
``argmap`` with ``fence_validator`` and ``fence_format``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from argmap.integrations.fence import FenceCache, FenceResult, render_fence
from argmap.integrations.options import FENCE_NAME, OPTION_NAMES

Warn = Callable[[str], None]

# CommonMark fences (spec 0.31, section 4.5): up to three spaces of indentation, three or
# more backticks or tildes; a backtick fence's info string holds no backtick.
_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_CACHES: dict[str, FenceCache] = {}


def _cache(directory: str) -> FenceCache | None:
    if not directory:
        from argmap.integrations.fence import DEFAULT_CACHE

        return DEFAULT_CACHE
    return _CACHES.setdefault(directory, FenceCache(directory))


def fence_language(info: str) -> tuple[str, str]:
    """The language of a fence's info string (``argmap`` or ``{argmap}``) and the rest."""
    words = info.strip().split(maxsplit=1)
    if not words:
        return "", ""
    lang = words[0]
    if lang.startswith("{") and lang.endswith("}"):
        lang = lang[1:-1]
    return lang, words[1] if len(words) > 1 else ""


class ArgmapExtension(Extension):
    """Renders ``argmap`` fences as inline SVG figures; broken fences become error boxes.

    Problems are passed to ``warn`` (by default logged as warnings on the ``logger``
    config's logger), so a strict site build fails on them.
    """

    def __init__(self, warn: Warn | None = None, **kwargs: Any) -> None:
        self.config = {
            "base_dir": [".", "Directory that claim paths in fences are relative to."],
            "root_dir": ["", "Directory that claim paths starting with '/' are relative to."],
            "page": ["<page>", "Name of the page being converted, shown in messages."],
            "line_offset": [0, "Lines before the Markdown text in the page (front matter)."],
            "logger": ["argmap", "Logger that problems are reported to as warnings."],
            "cache_dir": ["", "Directory to keep rendered maps in between builds (optional)."],
        }
        self.warn = warn
        self.source = ""
        super().__init__(**kwargs)

    def report(self, result: FenceResult) -> None:
        """Report a fence's problems as warnings."""
        for problem in result.problems:
            if self.warn is not None:
                self.warn(problem)
            else:
                logging.getLogger(str(self.getConfig("logger"))).warning(problem)

    def render(
        self,
        info: str,
        body: str,
        line: int | None,
        used: set[str],
        extra: dict[str, str] | None = None,
    ) -> str:
        """Render one fence with this extension's settings, and report its problems."""
        offset = int(self.getConfig("line_offset") or 0)
        base, root = Path(str(self.getConfig("base_dir"))), str(self.getConfig("root_dir"))

        def resolve(path: str) -> Path:
            if root and path.startswith("/"):
                return Path(root) / path.lstrip("/")
            return base / Path(path).expanduser()

        result = render_fence(
            info,
            body,
            page=str(self.getConfig("page")),
            line=None if line is None else line + offset,
            extra=extra,
            used_ids=used,
            resolve=resolve,
            cache=_cache(str(self.getConfig("cache_dir"))),
        )
        self.report(result)
        return result.html

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the fence preprocessor ahead of fenced_code and superfences (priority 25)."""
        md.argmap_extension = self  # type: ignore[attr-defined]
        md.preprocessors.register(ArgmapFencePreprocessor(md, self), "argmap_fence", 28)


class ArgmapFencePreprocessor(Preprocessor):
    """Replaces top-level ``argmap`` fences with their HTML; leaves other fences untouched."""

    def __init__(self, md: Markdown, extension: ArgmapExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        """Find the fences, line by line, skipping the content of every other fence."""
        used: set[str] = set()
        self.md.argmap_graph_ids = used  # type: ignore[attr-defined]
        self.extension.source = "\n".join(lines)
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
            html = self.extension.render(rest, body, i + 1, used)
            out += ["", self.md.htmlStash.store(html), ""]
            i = end + 1
        return out


def _dedent(line: str, indent: int) -> str:
    # CommonMark: a fence indented by N spaces removes up to N spaces from its content lines.
    stripped = len(line) - len(line.lstrip(" "))
    return line[min(indent, stripped) :]


def _locate(source: str, body: str) -> int | None:
    """The line of the fence opener whose content starts with ``body``'s first line."""
    first = next((line.strip() for line in body.splitlines() if line.strip()), None)
    lines = source.splitlines()
    for j, line in enumerate(lines):
        if first is not None and line.strip() == first and j > 0 and FENCE_NAME in lines[j - 1]:
            return j
        if first is None and FENCE_NAME in line and _OPEN.match(line.lstrip(" >")):
            return j + 1
    return None


def fence_validator(
    language: str,
    inputs: dict[str, str],
    options: dict[str, str],
    attrs: dict[str, str],
    md: Markdown,
) -> bool:
    """pymdownx.superfences validator: accept every header option; the formatter checks them.

    A bare word in the header (``argmap claims``) that is no option name is a claim path.
    """
    for key, value in inputs.items():
        options[key] = value
    return True


def fence_format(
    source: str,
    language: str,
    class_name: str,
    options: dict[str, str],
    md: Markdown,
    **kwargs: Any,
) -> str:
    """pymdownx.superfences formatter: the fence as an inline SVG figure (or an error box).

    Uses the settings of the ArgmapExtension registered on ``md`` when there is one (the
    MkDocs plugin registers it), else paths relative to the working directory.
    """
    extension = getattr(md, "argmap_extension", None)
    if extension is None:
        extension = ArgmapExtension()
        md.argmap_extension = extension  # type: ignore[attr-defined]
    used = getattr(md, "argmap_graph_ids", None)
    if used is None:
        used = set()
        md.argmap_graph_ids = used  # type: ignore[attr-defined]
    extra = {k: v for k, v in options.items() if not (v == k and k not in OPTION_NAMES)}
    paths = " ".join(k for k, v in options.items() if v == k and k not in OPTION_NAMES)
    line = _locate(extension.source, source) if extension.source else None
    return extension.render(paths, source, line, used, extra)


def makeExtension(**kwargs: Any) -> ArgmapExtension:
    """Entry point for ``markdown_extensions: [argmap.integrations.pymarkdown]``."""
    return ArgmapExtension(**kwargs)
