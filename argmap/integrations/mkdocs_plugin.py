"""MkDocs: a thin plugin that enables ``argmap`` fences and turns claim directories into pages.

In ``mkdocs.yml``::

    plugins:
      - argmap:
          paths: [claims]     # optional: a page per thesis under maps/, and an index
          dir: maps

Claim paths in fences are relative to the page, or with a leading ``/`` to the directory
of ``mkdocs.yml``. Fences work in every page; with pymdownx.superfences configured, the plugin also
registers the ``argmap`` custom fence, so fences nested in admonitions and tabs render too.
Problems are logged as warnings, so ``mkdocs build --strict`` fails on a broken fence.
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
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from argmap.check import check_paths
from argmap.errors import ArgmapError
from argmap.evaluate import DEFAULT_SUPPORT, evaluate_map
from argmap.integrations.options import FenceError, parse_options
from argmap.integrations.pymarkdown import ArgmapExtension, fence_format, fence_validator
from argmap.render.markdown import render_index, render_markdown

log = logging.getLogger("mkdocs.plugins.argmap")
SUPERFENCES = "pymdownx.superfences"


class ArgmapPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's settings in ``mkdocs.yml``."""

    paths = c.ListOfItems(c.Type(str), default=[])
    dir = c.Type(str, default="maps")
    semantics = c.Type(str, default="carneades")
    support = c.Type(str, default=DEFAULT_SUPPORT)
    gradual = c.Type(str, default="dfquad")
    cache_dir = c.Type(str, default="")


class ArgmapPlugin(BasePlugin[ArgmapPluginConfig]):  # type: ignore[no-untyped-call]
    """Registers the fence extension (and the superfences fence) and generates map pages."""

    def __init__(self) -> None:
        self.extension: ArgmapExtension | None = None
        self.base_dir = Path()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Check the settings and register the Markdown extension."""
        try:
            parse_options({k: self.config[k] for k in ("semantics", "support", "gradual")})
        except FenceError as exc:
            raise PluginError(f"argmap: {exc}") from exc
        self.base_dir = Path(config.config_file_path or ".").resolve().parent
        cache_dir = self.config.cache_dir
        self.extension = ArgmapExtension(
            warn=log.warning,
            base_dir=str(self.base_dir),
            root_dir=str(self.base_dir),
            cache_dir=str(self.base_dir / cache_dir) if cache_dir else "",
        )
        extensions: list[Any] = config.markdown_extensions
        extensions.append(self.extension)
        if SUPERFENCES in extensions:
            settings = config.mdx_configs.setdefault(SUPERFENCES, {})
            fences = settings.setdefault("custom_fences", [])
            if not any(f.get("name") == "argmap" for f in fences):
                fences.append(
                    {
                        "name": "argmap",
                        "class": "argmap",
                        "validator": fence_validator,
                        "format": fence_format,
                    }
                )
        return config

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
        settings += ":path: " + " ".join("/" + p.lstrip("/") for p in self.config.paths) + "\n"
        overview = f"## Overview\n\n```argmap\n{settings}```\n"
        if check.failed():
            return {"index.md": f"# Argument maps\n\n{overview}"}
        amap = check.amap
        evaluation = None
        if self.config.semantics != "none":
            gradual = None if self.config.gradual == "none" else self.config.gradual
            evaluation = evaluate_map(
                amap, semantics=self.config.semantics, support=self.config.support, gradual=gradual
            )
        pages = {"index.md": render_index(amap, evaluation) + "\n" + overview}
        for thesis in amap.theses:
            summary = render_markdown(amap, thesis.id, evaluation, index_link="index.md")
            fence = f"```argmap\n{settings}:thesis: {thesis.id}\n:details: no\n```\n"
            pages[f"{thesis.id}.md"] = _insert_after_lead(summary, fence)
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
