"""markdown-it-py: a plugin that renders ``argmap`` fences as inline SVG figures, and leaves
every other fence alone.

Usage::

    md = MarkdownIt("commonmark").use(argmap_plugin, base_dir="docs")
    env = {"argmap_page": "docs/maps.md"}
    html = md.render(text, env)
    env["argmap_problems"]  # the problems found, also passed to ``warn``
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererProtocol
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from argmap.integrations.fence import DEFAULT_CACHE, FenceCache, render_fence
from argmap.integrations.options import FENCE_NAME

Warn = Callable[[str], None]


def argmap_plugin(
    md: MarkdownIt,
    *,
    base_dir: str | os.PathLike[str] = ".",
    page: str = "<page>",
    warn: Warn | None = None,
    cache: FenceCache | None = DEFAULT_CACHE,
    root_dir: str | os.PathLike[str] | None = None,
) -> None:
    """Render ``argmap`` fences (``argmap``, ``.argmap`` or ``{argmap}`` as the info
    string's first word).

    Per render, ``env["argmap_page"]`` overrides ``page`` and ``env["argmap_base_dir"]``
    overrides ``base_dir`` (markdown-it knows no page: a site that renders pages from
    several folders passes each page's folder there); the problems found are appended
    to ``env["argmap_problems"]`` and passed to ``warn``; graph ids used so far are kept in
    ``env["argmap_graph_ids"]`` so that maps on one page never share one.

    Args:
        md: The parser to extend.
        base_dir: Directory that claim paths in fences are relative to.
        page: Name of the page in messages.
        warn: Called with each problem (a ``path:line:col: severity: message`` line).
        cache: Where rendered figures are kept (``None``: no caching).
        root_dir: The site's root (default: ``base_dir``): paths starting with ``/`` are
            relative to it, and nothing outside it is read.
    """
    base = Path(base_dir)
    root = Path(root_dir) if root_dir is not None else base

    rules: dict[str, Any] = getattr(md.renderer, "rules", {})
    fallback = rules.get("fence")

    def render(
        self: RendererProtocol,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: EnvType,
    ) -> str:
        token = tokens[idx]
        words = token.info.strip().split(maxsplit=1)
        lang = words[0] if words else ""
        if lang.startswith("{") and lang.endswith("}"):
            lang = lang[1:-1]
        elif lang.startswith("."):  # the class form, as Python-Markdown's attribute lists write it
            lang = lang[1:]
        if lang != FENCE_NAME:
            if fallback is not None:
                out: str = fallback(tokens, idx, options, env)
                return out
            return _default_fence(self, tokens, idx, options, env)
        used: set[str] = env.setdefault("argmap_graph_ids", set())
        here = Path(env["argmap_base_dir"]) if env.get("argmap_base_dir") else base

        def resolve(path: str) -> Path:
            return root / path.lstrip("/") if path.startswith("/") else here / path

        result = render_fence(
            words[1] if len(words) > 1 else "",
            token.content,
            page=str(env.get("argmap_page", page)),
            line=token.map[0] + 1 if token.map else None,
            used_ids=used,
            cache=cache,
            resolve=resolve,
            root=root,
        )
        problems: list[str] = env.setdefault("argmap_problems", [])
        problems.extend(result.problems)
        if warn is not None:
            for problem in result.problems:
                warn(problem)
        return result.html

    md.add_render_rule("fence", render)


def _default_fence(
    renderer: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    html: str = renderer.fence(tokens, idx, options, env)
    return html
