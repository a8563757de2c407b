"""MkDocs: a thin plugin that enables ``argmap`` fences and turns claim directories into pages.

In ``mkdocs.yml``::

    plugins:
      - argmap:
          paths: [claims]     # optional: a page per thesis under maps/, and an index
          dir: maps

Claim paths in fences are relative to the page, or with a leading ``/`` to the site's
root, the directory of ``mkdocs.yml`` (``root: ..`` widens it); nothing outside the root is
read. Fences work in every page; with pymdownx.superfences loaded, superfences finds them,
nested in admonitions, content tabs and list items too. Problems are logged as warnings, so
``mkdocs build --strict`` fails on a broken fence. ``mkdocs serve`` also watches the claim
files and folders the pages draw.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from argmap.check import check_paths
from argmap.errors import ArgmapError
from argmap.evaluate import DEFAULT_SUPPORT, evaluate_or_unscored
from argmap.integrations.fence import FenceResult
from argmap.integrations.options import FenceError, parse_options
from argmap.integrations.pymarkdown import ArgmapExtension
from argmap.render.markdown import render_index, render_markdown
from argmap.render.text import thesis_stem
from argmap.settings import EvaluationSettings

log = logging.getLogger("mkdocs.plugins.argmap")
# The live-reload server of ``mkdocs serve``: each rebuild makes a new plugin, and only the
# first one is given the server, so later ones find it here to watch new claim folders.
_SERVERS: list[LiveReloadServer] = []


class ArgmapPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's settings in ``mkdocs.yml``."""

    paths = c.ListOfItems(c.Type(str), default=[])
    dir = c.Type(str, default="maps")
    semantics = c.Type(str, default="carneades")
    support = c.Type(str, default=DEFAULT_SUPPORT)
    gradual = c.Type(str, default="dfquad")
    cache_dir = c.Type(str, default="")
    #: The site's root, relative to mkdocs.yml: fences read nothing outside it.
    root = c.Type(str, default=".")


class ArgmapPlugin(BasePlugin[ArgmapPluginConfig]):  # type: ignore[no-untyped-call]
    """Registers the fence extension (and the superfences fence) and generates map pages."""

    def __init__(self) -> None:
        self.extension: ArgmapExtension | None = None
        self.base_dir = Path()
        self.root = Path()
        #: The claim files and folders the pages drew, for ``mkdocs serve`` to watch.
        self.drawn: set[str] = set()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Check the settings and register the Markdown extension."""
        try:
            parse_options({k: self.config[k] for k in ("semantics", "support", "gradual")})
        except FenceError as exc:
            raise PluginError(f"argmap: {exc}") from exc
        self.base_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (self.base_dir / self.config.root).resolve()
        cache_dir = self.config.cache_dir
        self.extension = ArgmapExtension(
            warn=log.warning,
            base_dir=str(self.base_dir),
            root_dir=str(self.root),
            cache_dir=str(self.base_dir / cache_dir) if cache_dir else "",
        )
        self.extension.on_result = self._drew
        extensions: list[Any] = config.markdown_extensions
        extensions.append(self.extension)
        return config

    def _drew(self, result: FenceResult) -> None:
        self.drawn.update(os.path.abspath(p) for p in (*result.files, *result.directories))

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Watch the claim files and folders the pages draw (and the configured paths)."""
        _SERVERS[:] = [server]
        self.drawn.update(str(self.base_dir / p) for p in self.config.paths)
        self._watch(server)
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """After a rebuild under ``mkdocs serve``, watch the claim folders pages newly draw."""
        if _SERVERS:
            self._watch(_SERVERS[0])

    def _watch(self, server: LiveReloadServer) -> None:
        watched = getattr(server, "_watched_paths", {})
        for path in sorted(self.drawn):
            if os.path.abspath(path) not in watched and os.path.exists(path):
                server.watch(path)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add an index page and a page per thesis for the configured claim paths."""
        if not self.config.paths:
            return files
        for uri, text in self.map_pages().items():
            files.append(File.generated(config, posixpath.join(self.config.dir, uri), content=text))
        return files

    def map_pages(self) -> dict[str, str]:
        """The generated pages' Markdown, keyed by their path under ``dir``."""
        paths = [str(self.base_dir / p) for p in self.config.paths]
        try:
            check = check_paths(paths)
        except ArgmapError as exc:
            raise PluginError(f"argmap: {exc}") from exc
        settings = "".join(f":{k}: {self.config[k]}\n" for k in ("semantics", "support", "gradual"))
        rooted = (Path(os.path.relpath(p, self.root)).as_posix() for p in paths)
        settings += ":path: " + " ".join(f"/{p}" for p in rooted) + "\n"
        overview = f"## Overview\n\n```argmap\n{settings}```\n"
        if check.failed():
            return {"index.md": f"# Argument maps\n\n{overview}"}
        amap = check.amap
        reading = EvaluationSettings.requested(
            self.config.semantics, self.config.support, self.config.gradual
        )
        evaluation = None if reading is None else evaluate_or_unscored(amap, reading)
        pages = {"index.md": render_index(amap, evaluation) + "\n" + overview}
        for thesis in amap.theses:
            summary = render_markdown(amap, thesis.id, evaluation, index_link="index.md")
            fence = f"```argmap\n{settings}:thesis: {thesis.id}\n:details: no\n```\n"
            pages[f"{thesis_stem(thesis.id)}.md"] = _insert_after_lead(summary, fence)
        return pages

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Tell the extension which page it converts next, and where its Markdown starts."""
        if self.extension is not None:
            source = page.file.content_string
            offset = (
                source[: len(source) - len(markdown)].count("\n")
                if source.endswith(markdown)
                else 0
            )
            where = page.file.abs_src_path
            name = (
                os.path.relpath(where)
                if where
                else posixpath.join(self.config.dir, page.file.src_uri)
            )
            self.extension.setConfig("page", name)
            self.extension.setConfig(
                "base_dir", str(Path(where).parent) if where else str(self.base_dir)
            )
            self.extension.setConfig("line_offset", offset)
        return markdown


def _insert_after_lead(summary: str, block: str) -> str:
    """A thesis summary with ``block`` after its heading and the thesis's quoted text."""
    lines = summary.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("## "):
            return "\n".join([*lines[:i], block, *lines[i:]])
    return summary + "\n" + block
