"""Sphinx: the ``argmap`` directive (also a MyST fence through ``myst_fence_as_directive``),
parallel-safe.

In ``conf.py``::

    extensions = ["myst_parser", "argmap.integrations.sphinx_ext"]
    myst_fence_as_directive = ["argmap"]

Claim paths are relative to the document (or, with a leading ``/``, to the source
directory), and stay inside the source directory unless ``argmap_root`` (a folder relative
to the source directory) widens it; every claim file read is registered as a dependency, so editing it rebuilds
the pages that draw it, and adding a claim file to a directory a page draws (or removing
one) rebuilds that page too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from argmap import __version__
from argmap.errors import ArgmapError
from argmap.integrations.confine import shown_path
from argmap.integrations.fence import DEFAULT_CACHE, FenceCache, render_fence
from argmap.integrations.options import FENCE_NAME, OPTION_NAMES
from argmap.read import claim_files

logger = logging.getLogger(__name__)
# An option line in a directive (":depth: 2") or in a MyST YAML options block ("depth: 2").
_OPTION = re.compile(r"^\s*:?([A-Za-z][\w-]*):(?:\s|$)")
_CACHES: dict[str, FenceCache] = {}


class _AnyOption(dict[str, Any]):
    """The directive's options: every name is taken, so that an unknown one reaches
    argmap's own check (an error box with its line and a suggestion) instead of docutils
    refusing the directive, which leaves nothing on the page, or MyST dropping the option
    and drawing the map without it."""

    def __missing__(self, key: str) -> Any:
        return directives.unchanged


class ArgmapDirective(SphinxDirective):
    """``.. argmap:: [PATHS] [key=value ...]`` with options and inline claim YAML as content."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = _AnyOption.fromkeys(OPTION_NAMES, directives.unchanged)

    def run(self) -> list[nodes.Node]:
        """Render the map (or an error box) as raw HTML, and note the claim files it read."""
        env = self.env
        page = shown_path(str(env.doc2path(env.docname)))

        def resolve(path: str) -> Path:
            return Path(shown_path(env.relfn2path(path)[1]))

        configured = str(self.config.argmap_root or "")
        root = Path(env.srcdir, configured)

        line = self._fence_line()
        used: set[str] = env.temp_data.setdefault("argmap_graph_ids", set())  # type: ignore[assignment]
        result = render_fence(
            self.arguments[0] if self.arguments else "",
            "\n".join(self.content),
            page=page,
            line=line,
            extra={k: str(v) for k, v in self.options.items()},
            extra_lines={k: n - line for k, n in self._option_lines().items()},
            used_ids=used,
            resolve=resolve,
            cache=_cache(self.config.argmap_cache, env.doctreedir),
            root=root,
        )
        for path in result.files:
            env.note_dependency(Path(path).resolve())
        if result.directories:
            listings = _listings(env).setdefault(env.docname, {})
            for directory in result.directories:
                listings[directory] = _listing(directory)
        for problem in result.problems:
            logger.warning(problem, type="argmap", subtype="fence")
        return [nodes.raw("", result.html, format="html")]

    def _option_lines(self) -> dict[str, int]:
        """The page line each option was written on, found in the directive's text."""
        # block_text starts with the directive's own line (MyST: the opening fence).
        first = self.lineno - 1
        found: dict[str, int] = {}
        for i, text in enumerate(self.block_text.splitlines()):
            match = _OPTION.match(text)
            if match and match.group(1) in self.options and match.group(1) not in found:
                found[match.group(1)] = first + i + 1
        return found

    def _is_myst(self) -> bool:
        return type(self.state_machine).__module__.startswith("myst_parser")

    def _fence_line(self) -> int:
        """The line that content line 1 follows (render_fence counts body lines from it)."""
        if not self.content:
            return self.lineno
        if self._is_myst():
            # MyST gives the content's offset from the opening line, not from the file's start.
            return self.lineno + self.content_offset
        return self.content_offset


def _cache(enabled: bool, doctreedir: str | os.PathLike[str]) -> FenceCache | None:
    if not enabled:
        return None
    directory = str(Path(doctreedir) / "argmap")
    if directory not in _CACHES:
        _CACHES[directory] = FenceCache(directory) if directory else DEFAULT_CACHE
    return _CACHES[directory]


# A page that draws a directory of claims is read again when the directory's claim files
# change: editing one is a noted dependency, and adding or removing one is found by
# comparing the directory's listing with the one taken when the page was read.
Listings = dict[str, dict[str, tuple[str, ...]]]


def _listings(env: BuildEnvironment) -> Listings:
    """The claim files each page's directories held when it was read, by page and directory."""
    if not hasattr(env, "argmap_listings"):
        env.argmap_listings = {}  # type: ignore[attr-defined]
    listings: Listings = env.argmap_listings  # type: ignore[attr-defined]
    return listings


def _listing(directory: str) -> tuple[str, ...]:
    try:
        return tuple(claim_files([directory]))
    except ArgmapError:
        return ()


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    listings = _listings(env)
    # Each directory is listed once, however many pages draw it.
    now = {d: _listing(d) for dirs in listings.values() for d in dirs}
    return sorted(
        page
        for page, dirs in listings.items()
        if page not in removed and any(now[d] != files for d, files in dirs.items())
    )


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _listings(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _listings(other)
    _listings(env).update({page: theirs[page] for page in docnames if page in theirs})


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and its settings: ``argmap_cache`` (keep maps between builds)
    and ``argmap_root`` (the folder, relative to the source directory, that claim paths
    stay in)."""
    app.add_config_value("argmap_cache", True, "env", types=[bool])
    app.add_config_value("argmap_root", "", "env", types=[str])
    app.add_directive(FENCE_NAME, ArgmapDirective)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
