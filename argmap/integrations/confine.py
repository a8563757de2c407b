"""What a docs-site fence may read: regular files of bounded size inside the site's root
folder, found without reading anything else, and the check of the map they hold."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from argmap.check import CheckResult, map_diagnostics
from argmap.diagnostics import Diagnostic, Severity, Span, SpanIndex, quote_id, sort_diagnostics
from argmap.errors import InputError
from argmap.model import ArgumentMap
from argmap.quotes import load_source_texts, verify_quotes
from argmap.read import claim_files, load_paths
from argmap.read.collect import MAX_FILE_BYTES

#: How a fence problem about the root is worded, with the option that widens it.
ROOT_HINT = "fences read only inside it (the root setting widens it: 'root' in MkDocs, 'root_dir' in Python-Markdown and markdown-it, 'argmap_root' in Sphinx)"


class OutsideRootError(InputError):
    """A fence names a path outside the site's root folder, or one that is not a regular file."""


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as messages show it: relative to the working directory when that is shorter."""
    text = os.fspath(path)
    try:
        rel = os.path.relpath(text)
    except ValueError:
        return text
    return rel if len(rel) < len(text) else text


def inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether ``path``, symbolic links followed, lies in ``root`` (or is it)."""
    try:
        real = Path(os.path.realpath(path))
        return real.is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return False


def _regular(path: str, written: str) -> None:
    """Refuse what is not a regular file of at most the size limit, without opening it."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise OutsideRootError(f"{written}: no such file or directory") from exc
    except (OSError, ValueError) as exc:
        raise OutsideRootError(f"{quote_id(written)} cannot be read ({_why(exc)})") from exc
    if not stat.S_ISREG(info.st_mode):
        raise OutsideRootError(f"{quote_id(written)} is not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise OutsideRootError(
            f"{quote_id(written)} is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
        )


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return type(exc).__name__


def confined_files(written: Sequence[str], resolved: Sequence[Path], root: Path) -> list[str]:
    """The claim files the fence's paths name, each checked before anything is read.

    Args:
        written: The paths as the page writes them (the only form messages show).
        resolved: The same paths, resolved against the page or the root.
        root: The site's root folder: nothing outside it is read.

    Raises:
        OutsideRootError: A path (or, through a link, a file in a named folder) lies outside
            the root, does not exist, is not a regular file or is too large.
    """
    files: list[str] = []
    for shown, path in zip(written, resolved, strict=True):
        if not inside(path, root):
            raise OutsideRootError(
                f"{quote_id(shown)} is outside the site's root folder; {ROOT_HINT}"
            )
        if os.path.isdir(path):
            try:
                listed = claim_files([path])
            except InputError as exc:
                raise OutsideRootError(f"{quote_id(shown)} cannot be read") from exc
            if not listed:
                raise OutsideRootError(f"{quote_id(shown)} holds no claim files")
            for file in listed:
                name = f"{shown.rstrip('/')}/{os.path.relpath(file, path)}"
                if not inside(file, root):
                    raise OutsideRootError(
                        f"{quote_id(name)} links outside the site's root folder; {ROOT_HINT}"
                    )
                _regular(file, name)
            files += [shown_path(f) for f in listed]
        else:
            _regular(str(path), shown)
            files.append(shown_path(path))
    return list(dict.fromkeys(files))


def _confined_sources(
    amap: ArgumentMap, spans: SpanIndex, root: Path
) -> tuple[ArgumentMap, list[Diagnostic]]:
    """The map without the source texts it may not read, and a warning for each."""
    kept, diags = [], []
    for source in amap.meta.sources:
        if source.text is not None:
            declared = spans.get("source", source.id) or spans.get("map")
            base = Path(declared.path).parent if declared is not None else root
            target = base / source.text
            problem = None
            if not inside(target, root):
                problem = "lies outside the site's root"
            elif target.exists():
                try:
                    _regular(str(target), source.text)
                except OutsideRootError:
                    problem = "is not a regular file of at most the size limit"
            if problem is not None:
                diags.append(
                    Diagnostic(
                        declared or Span(spans.first_file()),
                        Severity.WARNING,
                        "argmap-fence",
                        f"the text of source {quote_id(source.id)} {problem}, so its "
                        "quotes are not verified",
                    )
                )
                source = source.model_copy(update={"text": None})
        kept.append(source)
    meta = amap.meta.model_copy(update={"sources": tuple(kept)})
    return amap.model_copy(update={"meta": meta}), diags


def check_confined(files: Sequence[str], root: Path) -> CheckResult:
    """Load and check a map like ``argmap check``, reading source texts only inside ``root``."""
    load = load_paths(list(files))
    diags = map_diagnostics(load)
    amap, source_diags = _confined_sources(load.amap, load.spans, root)
    diags += source_diags
    texts, text_diags = load_source_texts(amap, load.spans)
    diags += text_diags
    diags += verify_quotes(amap, load.spans, texts)
    return CheckResult(load, sort_diagnostics(diags))
