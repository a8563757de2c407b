"""Loading maps from files: finds the files, picks a reader per format, merges them into one map."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity, Span, SpanIndex, quote_id
from argmap.errors import InputError, UsageError
from argmap.gcpause import paused_gc
from argmap.model import ArgumentMap, Claim, MapMeta
from argmap.read.collect import failed, read_source, walk_files
from argmap.read.result import LoadResult

__all__ = ["FORMATS", "LoadResult", "detect_format", "load_paths", "load_text"]

Reader = Callable[..., LoadResult]

#: Input formats: name -> (suffixes, "module:function").
FORMATS: dict[str, tuple[tuple[str, ...], str]] = {
    "yaml": ((".yaml", ".yml"), "argmap.read.yaml:read_yaml"),
    "json": ((), "argmap.read.json:read_json"),
    "aif": ((), "argmap.read.aif:read_aif"),
    "argdown": ((".argdown", ".ad"), "argmap.read.argdown:read_argdown"),
    "kialo": ((), "argmap.read.kialo:read_kialo"),
    "apx": ((".apx",), "argmap.read.iccma:read_apx"),
    "i23": ((".i23", ".af"), "argmap.read.iccma:read_i23"),
}
_DIR_SUFFIXES = frozenset(s for suffixes, _ in FORMATS.values() for s in suffixes)


def _reader(fmt: str) -> Reader:
    module_name, func = FORMATS[fmt][1].split(":")
    reader: Reader = getattr(importlib.import_module(module_name), func)
    return reader


def detect_format(path: str, text: str | None = None) -> str:
    """The input format of a file, from its suffix (and, for ``.json``, its content).

    Raises:
        UsageError: The suffix belongs to no known format.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        if text is None:
            return "json"
        sniff: Callable[[str], str] = importlib.import_module("argmap.read.json").sniff_json
        return "aif" if sniff(text) == "aif" else "json"
    for name, (suffixes, _) in FORMATS.items():
        if suffix in suffixes:
            return name
    known = ", ".join(sorted(_DIR_SUFFIXES | {".json"}))
    raise UsageError(
        f"{path}: unknown file type {suffix or '(no suffix)'!r}: expected one of {known}, or --from FORMAT"
    )


def claim_files(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The files a map of ``paths`` is read from: each file as given, and each directory's
    claim files (recursively, sorted, hidden ones left out), each file once.

    Raises:
        InputError: A path does not exist, or holds a NUL character.
    """
    return walk_files(paths, _DIR_SUFFIXES)


def load_text(
    text: str, path: str, fmt: str | None = None, *, root: str | None = None
) -> LoadResult:
    """Read one document already in memory.

    Args:
        text: The document.
        path: The name shown in diagnostics (need not exist).
        fmt: A format name from ``FORMATS``; by default chosen from the suffix.
        root: The directory that files the document names (Argdown ``@include``) must lie
            in; by default the document's own directory.
    """
    name = fmt or detect_format(path, text)
    if name not in FORMATS:
        raise UsageError(f"unknown input format {name!r}: expected one of {', '.join(FORMATS)}")
    if name == "argdown":
        return _reader(name)(text, path, root)
    return _reader(name)(text, path)


def _read_file(path: str, fmt: str | None, root: str) -> LoadResult:
    text, diags = read_source(path)
    if text is None:
        return failed(path, diags)
    return load_text(text, path, fmt, root=root)


def _roots(paths: Sequence[str | os.PathLike[str]], root: str | None) -> dict[str, str]:
    """Each file of the map and the root its includes must stay in: the directory given, or
    the directory of the file given, unless one root was named for all."""
    roots: dict[str, str] = {}
    for raw in paths:
        path = os.fspath(raw)
        top = path if os.path.isdir(path) else (os.path.dirname(path) or ".")
        for file in claim_files([path]):
            roots.setdefault(file, root if root is not None else top)
    return roots


def merge_results(results: Iterable[LoadResult]) -> LoadResult:
    """One map from several files: ids unique across files, metadata declared once."""
    spans = SpanIndex()
    diagnostics: list[Diagnostic] = []
    broken: set[str] = set()
    claims: dict[str, Claim] = {}
    meta: MapMeta | None = None
    meta_at: Span | None = None
    for part in results:
        diagnostics += part.diagnostics
        broken |= part.broken_ids
        taken: set[str | int] = set()
        for claim in part.amap.claims:
            if claim.id in claims:
                here = part.spans.get("claim", claim.id) or Span(part.spans.first_file())
                first = spans.get("claim", claim.id)
                diagnostics.append(
                    Diagnostic(
                        here,
                        Severity.ERROR,
                        "duplicate-id",
                        f"duplicate id {quote_id(claim.id)} (first defined at {first})",
                    )
                )
                continue
            claims[claim.id] = claim
            taken.add(claim.id)
        # The positions of this file's claims that made it into the map, and of the rest
        # of the file; the first definition of a key wins.
        known = spans.spans
        known.update(
            {
                key: span
                for key, span in part.spans.spans.items()
                if key not in known and (key[0] != "claim" or len(key) == 1 or key[1] in taken)
            }
        )
        if part.amap.meta != MapMeta():
            here = part.spans.get("map") or Span(part.spans.first_file())
            if meta is not None:
                diagnostics.append(
                    Diagnostic(
                        here,
                        Severity.ERROR,
                        "duplicate-map-metadata",
                        f"map metadata is already declared at {meta_at}",
                    )
                )
            else:
                meta, meta_at = part.amap.meta, here
    amap = ArgumentMap(meta=meta or MapMeta(), claims=tuple(claims.values()))
    return LoadResult(amap, spans, diagnostics, broken)


def load_paths(
    paths: Sequence[str | os.PathLike[str]],
    fmt: str | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
) -> LoadResult:
    """Load a map from files and directories (directories are read recursively, sorted).

    Args:
        paths: Claim files, directories of them, or files in another supported format.
        fmt: Force an input format for every file (see ``FORMATS``).
        root: Widen (or narrow) the directory that files named inside the data
            (Argdown ``@include``) must lie in; by default each directory given, or the
            directory of each file given.

    Returns:
        The merged map, its span index and every diagnostic found while reading.

    Raises:
        InputError: A path does not exist or holds a NUL character.
        UsageError: A file has an unknown suffix, or ``fmt`` is unknown.
    """
    if not paths:
        raise UsageError("no input paths given")
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown input format {fmt!r}: expected one of {', '.join(FORMATS)}")
    roots = _roots(paths, None if root is None else os.fspath(root))
    if not roots:
        raise InputError(f"{os.fspath(paths[0])}: no claim files found")
    with paused_gc():
        return merge_results(_read_file(f, fmt, top) for f, top in roots.items())
