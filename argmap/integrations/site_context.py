"""What a generator that runs Python-Markdown without MkDocs plugins (Zensical) tells its
extensions: the page being converted, the project's root folder and strictness. Reads only
objects the generator put on the Markdown instance, and the command line."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown


@dataclass(frozen=True)
class SiteContext:
    """The page a Markdown instance converts, and the site it belongs to."""

    #: The page's source file.
    page: Path
    #: The folder of the site's configuration file.
    root: Path
    #: Whether the build fails on warnings.
    strict: bool


def zensical_context(md: Markdown) -> SiteContext | None:
    """The page and site Zensical is converting with ``md``, if Zensical runs it.

    Zensical registers a ``rendering_context`` preprocessor holding the page (its path
    relative to the docs folder) and the site's configuration; it collects no warnings from
    Python, so strictness is read from the configuration (``strict: true``) or the
    ``zensical build --strict`` command line.
    """
    if "rendering_context" not in md.preprocessors:
        return None
    context: Any = md.preprocessors["rendering_context"]
    page = getattr(getattr(context, "page", None), "path", None)
    config = getattr(context, "config", None)
    if not isinstance(page, str) or not isinstance(config, dict):
        return None
    root = Path(str(config.get("root_dir") or "."))
    docs = root / str(config.get("docs_dir") or "docs")
    return SiteContext(docs / page, root, bool(config.get("strict")) or _strict_command_line())


def _strict_command_line() -> bool:
    args = sys.argv
    program = set(Path(args[0]).parts[-2:]) if args else set()
    return "zensical" in program and "build" in args and bool({"-s", "--strict"} & set(args))
