"""Loading maps from files: finds the files, picks a reader per format, merges them into one map.

Its names are exported by the ``argmap.read`` package."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity, Span, SpanIndex, printable, quote_id
from argmap.errors import InputError, UsageError
from argmap.formats import FORMATS as TABLE
from argmap.formats import READABLE
from argmap.gcpause import paused_gc
from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta
from argmap.read.collect import failed, read_given, read_source, walk_files
from argmap.read.result import BrokenReference, LoadResult

__all__ = ["FORMATS", "LoadResult", "claim_files", "detect_format", "load_paths", "load_text"]

Reader = Callable[..., LoadResult]

#: The formats argmap reads, name -> format (see :mod:`argmap.formats`).
FORMATS = READABLE
# A directory's claim files: those of every suffix that names a format, but for JSON,
# which is read only when named (a folder's .json files are seldom claims).
_DIR_SUFFIXES = frozenset(s for name in FORMATS for s in TABLE[name].suffixes) - {".json"}


def _reader(fmt: str) -> Reader:
    spec = TABLE[fmt].reader
    assert spec is not None, fmt
    module_name, func = spec.split(":")
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
    for name in FORMATS:
        if suffix in TABLE[name].suffixes:
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


def _read_file(path: str, fmt: str | None, root: str, given: Mapping[str, bytes]) -> LoadResult:
    data = given.get(_key(path))
    if data is None:
        text, diags = read_source(path, fmt)
    else:
        text, diags = read_given(data, path)
        # A buffer with no suffix to tell its format by (standard input) is a claim file.
        fmt = fmt or (None if Path(path).suffix else "yaml")
    if text is None:
        return failed(path, diags)
    return load_text(text, path, fmt, root=root)


def _key(path: str) -> str:
    """One spelling of a path, so that ``claims/a.yaml`` and ``./claims/a.yaml`` meet."""
    return os.path.normcase(os.path.abspath(path))


def _roots(
    paths: Sequence[str | os.PathLike[str]], root: str | None, given: Iterable[str] = ()
) -> dict[str, str]:
    """Each file of the map and the root its includes must stay in: the directory given, or
    the directory of the file given, unless one root was named for all. A file ``given`` in
    memory stands in for the file of its path, or joins the map when no path holds it."""
    in_memory = {_key(name): name for name in given}
    roots: dict[str, str] = {}
    seen: set[str] = set()

    def add(file: str, top: str) -> None:
        if _key(file) not in seen:
            seen.add(_key(file))
            roots[file] = root if root is not None else top

    for raw in paths:
        path = os.fspath(raw)
        if _key(path) in in_memory:
            add(path, os.path.dirname(path) or ".")
            continue
        top = path if os.path.isdir(path) else os.path.dirname(path) or "."
        for file in claim_files([path]):
            add(file, top)
    for key, name in in_memory.items():
        if key not in seen:
            add(name, os.path.dirname(name) or ".")
    return roots


def merge_results(results: Iterable[LoadResult]) -> LoadResult:
    """One map from several files: ids unique across files, metadata declared once."""
    spans = SpanIndex()
    diagnostics: list[Diagnostic] = []
    broken: set[str] = set()
    broken_refs: list[BrokenReference] = []
    details: set[str] = set()
    framework: bool | None = None  # no part read yet
    claims: dict[str, Claim] = {}
    meta: MapMeta | None = None
    meta_at: Span | None = None
    for part in results:
        diagnostics += part.diagnostics
        broken |= part.broken_ids
        broken_refs += part.broken_refs
        framework = part.framework if framework is None else framework and part.framework
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
            if claim.id in part.details:
                details.add(claim.id)
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
    return LoadResult(
        amap, spans, diagnostics, broken, broken_refs, details, framework=bool(framework)
    )


def load_paths(
    paths: Sequence[str | os.PathLike[str]],
    fmt: str | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
    given: Mapping[str, bytes] | None = None,
) -> LoadResult:
    """Load a map from files and directories (directories are read recursively, sorted).

    Args:
        paths: Claim files, directories of them, or files in another supported format.
        fmt: Force an input format for every file (see ``FORMATS``).
        root: Widen (or narrow) the directory that files named inside the data
            (Argdown ``@include``) must lie in; by default each directory given, or the
            directory of each file given.
        given: Files read from memory rather than from disk (an editor's unsaved buffer,
            standard input), path -> bytes. Each stands in for the file of its path where
            ``paths`` hold one, and joins the map otherwise; the path need not exist. One
            with no suffix is read as YAML unless ``fmt`` says otherwise.

    Returns:
        The merged map, its span index and every diagnostic found while reading.

    Raises:
        InputError: A path does not exist or holds a NUL character.
        UsageError: A file has an unknown suffix, or ``fmt`` is unknown.
    """
    if not paths and not given:
        raise UsageError("no input paths given")
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown input format {fmt!r}: expected one of {', '.join(FORMATS)}")
    in_memory = {_key(name): data for name, data in (given or {}).items()}
    roots = _roots(paths, None if root is None else os.fspath(root), given or ())
    if not roots:
        raise InputError(f"{printable(os.fspath(paths[0]))}: no claim files found")
    with paused_gc():
        result = merge_results(_read_file(f, fmt, top, in_memory) for f, top in roots.items())
    imported = [f for f in roots if (fmt or _format_of(f)) in _THESIS_HINTS]
    if imported and result.amap.claims and not result.amap.theses:
        result.diagnostics.append(_no_thesis_note(result, fmt or _format_of(imported[0])))
    return result


#: How to name a thesis in formats whose documents usually name none. (An ICCMA framework
#: never has one: it is read for its semantics, and a note on every file would be noise.)
_THESIS_HINTS = {
    "argdown": "tag the statement the map argues about '#thesis' (or give it '{kind: thesis}')",
    "carneades": "convert the graph ('argmap convert --from carneades G.yml -o claims.yaml') and "
    "give the claim it argues about 'kind: thesis'",
}


def _format_of(path: str) -> str:
    try:
        return detect_format(path)
    except UsageError:
        return ""


def _no_thesis_note(result: LoadResult, fmt: str) -> Diagnostic:
    """One note saying that an imported map names no thesis, and how to name one."""
    amap = result.amap
    incoming: dict[str, int] = {}
    for rel in amap.relations:
        incoming[rel.target] = incoming.get(rel.target, 0) + 1
    candidates = [c for c in amap.claims if c.kind is not ClaimKind.ARGUMENT]
    candidates = [c for c in candidates if not c.supports and not c.attacks]
    best = max(candidates, key=lambda c: (incoming.get(c.id, 0), c.id), default=None)
    hint = _THESIS_HINTS[fmt]
    if best is not None and incoming.get(best.id):
        count = incoming[best.id]
        hint += f", perhaps {quote_id(best.label or best.id)}, which {count} claim"
        hint += " bears on" if count == 1 else "s bear on"
    first = min(amap.claims, key=lambda c: result.spans.get("claim", c.id) or Span("~"))
    span = result.spans.get("claim", first.id) or Span(result.spans.first_file())
    return Diagnostic(span, Severity.INFO, "no-thesis-imported", f"no claim is a thesis: {hint}")
