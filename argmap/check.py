"""Loading plus every check: what `argmap check` and the first step of a build run."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from argmap.diagnostics import Diagnostic, has_errors, printable, sort_diagnostics
from argmap.errors import InputError
from argmap.model import ArgumentMap
from argmap.quotes import load_source_texts, verify_quotes
from argmap.read import load_paths
from argmap.read.collect import check_path
from argmap.read.result import LoadResult
from argmap.validate import validate_map


@dataclass
class CheckResult:
    """A loaded map and every diagnostic about it, sorted."""

    load: LoadResult
    diagnostics: list[Diagnostic]

    @property
    def amap(self) -> ArgumentMap:
        """The loaded map."""
        return self.load.amap

    def failed(self, *, strict: bool = False) -> bool:
        """Whether the diagnostics fail the check (warnings too when strict)."""
        return has_errors(self.diagnostics, strict=strict)


def check_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    fmt: str | None = None,
    sources_dir: str | os.PathLike[str] | None = None,
    given: Mapping[str, bytes] | None = None,
) -> CheckResult:
    """Load a map and run every check on it: syntax, schema, references, sources and quotes.

    Args:
        paths: Claim files or directories.
        fmt: Force an input format.
        sources_dir: A directory of source texts (``<source-id>.txt``) to verify quotes
            against. Source texts are read only from it and from the map's own directories
            (see :func:`map_roots`).
        given: Files read from memory instead of from disk, path -> bytes, as
            :func:`argmap.read.load_paths` takes them (an editor's unsaved buffer).
    """
    if sources_dir is not None:
        check_sources_dir(os.fspath(sources_dir))
    load = load_paths(paths, fmt=fmt, given=given)
    diags = map_diagnostics(load)
    texts, text_diags = load_source_texts(
        load.amap,
        load.spans,
        Path(sources_dir) if sources_dir is not None else None,
        roots=map_roots([*paths, *(given or ())]),
    )
    diags += text_diags
    diags += verify_quotes(load.amap, load.spans, texts)
    return CheckResult(load, sort_diagnostics(diags))


def map_diagnostics(load: LoadResult) -> list[Diagnostic]:
    """What reading a map found, then what checking it finds (all but its quotes)."""
    checked = validate_map(
        load.amap,
        load.spans,
        broken_ids=load.broken_ids,
        broken_refs=load.broken_refs,
        framework=load.framework,
    )
    if has_errors(load.diagnostics):
        # A file that could not be read explains an empty map better than a warning does.
        checked = [d for d in checked if d.code != "empty-map"]
    return [*load.diagnostics, *checked]


def check_sources_dir(path: str) -> None:
    """Refuse a directory of source texts that is not one: every quote would go unverified.

    Raises:
        InputError: The path is empty, missing or not a directory.
    """
    check_path(path)
    if not os.path.isdir(path):
        why = "not a directory" if os.path.lexists(path) else "no such directory"
        raise InputError(f"{printable(path)}: {why} (the directory of source texts)")


def map_roots(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The directories a map's data may name files in: each directory given, and the
    directory of each file given."""
    roots = []
    for path in paths:
        given = Path(path)
        try:
            roots.append(given if given.is_dir() else given.parent)
        except (OSError, ValueError):
            continue
    return roots
