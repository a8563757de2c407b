"""What every reader shares: bounded reading of regular files, the directory walk, and the one
place where records become claims, so that a problem has the same code and words in every format.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pydantic

from argmap.diagnostics import Diagnostic, Severity, Span, SpanIndex, printable, quote_id
from argmap.errors import InputError
from argmap.formats import ICCMA_FORMATS, MAX_ICCMA_BYTES
from argmap.model import ArgumentMap, Claim, MapMeta
from argmap.read.problems import validation_problems
from argmap.read.result import BrokenReference, LoadResult

__all__ = [
    "MAX_FILE_BYTES",
    "Collector",
    "FileReadError",
    "Locate",
    "check_path",
    "decode_utf8",
    "read_bytes",
    "read_given",
    "read_source",
    "read_stream",
    "walk_files",
    "written_ids",
]

MAX_FILE_BYTES = 10 * 1024 * 1024

#: Where a part of a record was written: a pydantic error location inside the record, and
#: whether the key (rather than the value) is meant.
Locate = Callable[[tuple[int | str, ...], bool], Span]


# -- files ---------------------------------------------------------------------------------


def check_path(path: str) -> None:
    """Refuse a path no file can have.

    Raises:
        InputError: The path holds a NUL character.
    """
    if not path:
        raise InputError("an empty path names no file")
    if "\0" in path:
        raise InputError(f"{printable(path)}: a path cannot hold a NUL character")


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


class FileReadError(InputError):
    """A file that cannot be read: ``str()`` is ``path:1:1: reason``; ``code`` names the class."""

    def __init__(self, path: str, reason: str, code: str = "unreadable-file") -> None:
        super().__init__(f"{printable(path)}:1:1: {reason}")
        self.path = path
        self.reason = reason
        self.code = code


def read_bytes(path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, read without ever blocking.

    The file is opened without blocking and checked before a byte is read, so that a
    named pipe, a device such as ``/dev/zero`` or a directory is refused at once, and a
    file that grows while it is read is cut off at the limit.

    Raises:
        InputError: The file cannot be read, is not a regular file, or is too large; the
            message starts with the path.
    """
    if "\0" in path:
        raise FileReadError(path, "a path cannot hold a NUL character")
    try:
        handle = open(path, "rb", buffering=0, opener=_open_nonblocking)  # noqa: SIM115
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise FileReadError(path, "not a regular file: a directory") from exc
        if exc.errno in (errno.ENOENT, errno.ELOOP) and os.path.islink(path):
            raise FileReadError(path, f"cannot read file: {_missing(path)}") from exc
        raise FileReadError(path, f"cannot read file: {exc.strerror or exc}") from exc
    with handle:
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise FileReadError(path, f"not a regular file: {_file_kind(info.st_mode)}")
            if info.st_size > limit:
                message = f"file is {info.st_size:,} bytes; the limit is {limit:,}"
                raise FileReadError(path, message, "too-large")
            data = _read_at_most(handle, limit + 1)
        except OSError as exc:
            raise FileReadError(path, f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > limit:
        message = f"file grew beyond the limit of {limit:,} bytes while it was read"
        raise FileReadError(path, message, "too-large")
    return data


def _open_nonblocking(path: str, flags: int) -> int:
    # Without O_NONBLOCK, opening a named pipe waits for a writer; the file's kind is only
    # known once it is open.
    extra = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    return os.open(path, flags | extra)


def _read_at_most(handle: Any, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = handle.read(min(1 << 20, left))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def decode_utf8(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text; invalid UTF-8 is an error at the offending byte's line and column."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        msg = f"invalid UTF-8: byte 0x{data[exc.start]:02x} cannot start or continue a character"
        return None, [Diagnostic(Span(path, line, col), Severity.ERROR, "invalid-utf8", msg)]
    return text.removeprefix("\ufeff"), []


def read_source(path: str, fmt: str | None = None) -> tuple[str | None, list[Diagnostic]]:
    """The text of an input file, or the diagnostic that says why there is none.

    Codes: ``too-large`` (over the size limit, checked before reading), ``invalid-utf8``,
    ``unreadable-file`` (missing, not permitted, or not a regular file). ICCMA frameworks
    (told by ``fmt``, else by their suffix) have their own limit, far above that of claim
    files.
    """
    if fmt is not None:
        iccma = fmt in ICCMA_FORMATS.values()
    else:
        iccma = Path(path).suffix.lower() in ICCMA_FORMATS
    try:
        data = read_bytes(path, MAX_ICCMA_BYTES if iccma else MAX_FILE_BYTES)
    except FileReadError as exc:
        span = Span(printable(path))
        return None, [Diagnostic(span, Severity.ERROR, exc.code, exc.reason)]
    return decode_utf8(data, path)


def read_stream(stream: BinaryIO, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a stream (standard input), at most one more than ``limit``: enough for
    :func:`read_given` to tell that it was too large without reading all of it.

    Raises:
        InputError: The stream cannot be read.
    """
    try:
        return _read_at_most(stream, limit + 1)
    except OSError as exc:
        raise InputError(f"standard input: cannot read: {exc.strerror or exc}") from exc


def read_given(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a file given in memory (an editor's unsaved buffer), with the limits and
    diagnostics of :func:`read_source`."""
    if len(data) > MAX_FILE_BYTES:
        message = f"input is over the limit of {MAX_FILE_BYTES:,} bytes"
        return None, [Diagnostic(Span(printable(path)), Severity.ERROR, "too-large", message)]
    return decode_utf8(data, path)


def walk_files(paths: Sequence[str | os.PathLike[str]], suffixes: Iterable[str]) -> list[str]:
    """The files of ``paths``: each file as given, and each directory's files with one of
    ``suffixes`` (recursively, sorted, hidden ones left out), each file once.

    Raises:
        InputError: A path does not exist or holds a NUL character.
    """
    wanted = frozenset(suffixes)
    files: list[str] = []
    for raw in paths:
        path = os.fspath(raw)
        check_path(path)
        if os.path.isdir(path):
            found = []
            for root, dirs, names in os.walk(path, onerror=_refuse_unlisted):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [
                    os.path.join(root, n)
                    for n in names
                    if not n.startswith(".") and Path(n).suffix.lower() in wanted
                ]
            files += sorted(found)
        elif os.path.exists(path):
            files.append(path)
        else:
            raise InputError(f"{printable(path)}: {_missing(path)}")
    return list(dict.fromkeys(files))


def _refuse_unlisted(exc: OSError) -> None:
    """A directory under a walked one that cannot be listed: its claims would be dropped unseen.

    Raises:
        InputError: Always.
    """
    where = printable(os.fsdecode(exc.filename)) if exc.filename else "a directory"
    raise InputError(f"{where}: cannot read directory: {exc.strerror or exc}")


def _missing(path: str) -> str:
    """Why a path that does not exist as a file or directory cannot be read."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return f"a broken symbolic link (to {printable(os.readlink(path))})"
        if exc.errno not in (errno.ENOENT, None):
            return f"cannot read: {exc.strerror or exc}"
    return "no such file or directory"


# -- records to claims ---------------------------------------------------------------------


class Collector:
    """Turns a reader's records into claims and map metadata, collecting spans and diagnostics.

    Every reader validates through :meth:`claim` and :meth:`meta`, so a value the model
    refuses gets the same code and message in every format; the reader only says where
    each part of the record was written (a :data:`Locate` function).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.spans = SpanIndex()
        self.spans.add(("file", path), Span(path))
        self.diagnostics: list[Diagnostic] = []
        self.broken: set[str] = set()
        self.broken_refs: list[BrokenReference] = []

    def say(self, span: Span, severity: Severity, code: str, message: str) -> None:
        """Record a diagnostic."""
        self.diagnostics.append(Diagnostic(span, severity, code, message))

    def error(self, span: Span, code: str, message: str) -> None:
        """Record an error."""
        self.say(span, Severity.ERROR, code, message)

    def claim(
        self, data: Any, locate: Locate, cid: str | None = None, *, id_judged: bool = False
    ) -> Claim | None:
        """The claim a record describes, or None with its problems reported.

        Args:
            data: The record (a mapping of claim fields).
            locate: Where each part of the record was written.
            cid: The claim's id as written, when known: names the claim in messages, and
                is remembered as broken when the record fails.
            id_judged: The reader has reported the id already, by its format's own rule.
        """
        try:
            return Claim.model_validate(data)
        except pydantic.ValidationError as exc:
            what = f"claim {quote_id(cid)}" if cid else "claim"
            self.report(exc, locate, what, Claim, "malformed-id" if id_judged else "")
            if cid:
                self.broken.add(cid)
                self.broken_refs += _references(data, exc, locate, cid)
            return None

    def meta(self, data: Any, locate: Locate) -> MapMeta | None:
        """The map metadata a record describes, or None with its problems reported."""
        try:
            return MapMeta.model_validate(data)
        except pydantic.ValidationError as exc:
            self.report(exc, locate, "map metadata", MapMeta)
            return None

    def report(
        self,
        exc: pydantic.ValidationError,
        locate: Locate,
        what: str,
        model: type[pydantic.BaseModel],
        reported: str = "",
    ) -> None:
        """Pydantic errors as diagnostics at the offending value's position, but for those
        of the code the reader has ``reported`` itself."""
        for loc, key, code, message in validation_problems(exc, what, model):
            if code != reported:
                self.error(locate(loc, key), code, message)

    def result(self, meta: MapMeta | None, claims: Iterable[Claim]) -> LoadResult:
        """The reader's result: the map, its spans, the diagnostics and the broken ids."""
        amap = ArgumentMap(meta=meta or MapMeta(), claims=tuple(claims))
        return LoadResult(
            amap, self.spans, self.diagnostics, broken_ids=self.broken, broken_refs=self.broken_refs
        )


def _references(
    data: Any, exc: pydantic.ValidationError, locate: Locate, cid: str
) -> list[BrokenReference]:
    """The targets a claim that failed to load names, for the check of references: those of
    each relation field that is a list and has no problem of its own."""
    if not isinstance(data, dict):
        return []
    faulty = {error["loc"][0] for error in exc.errors() if error["loc"]}
    found = []
    for kind in ("supports", "attacks", "undercuts"):
        targets = data.get(kind)
        if kind in faulty or not isinstance(targets, list):
            continue
        for i, target in enumerate(targets):
            if isinstance(target, str):
                found.append(BrokenReference(locate((kind, i), False), cid, kind, target))
    return found


#: An ``id`` key and its value as YAML (``- id: x``, ``id: "x"``) or JSON (``"id": "x"``) write it.
_ID_AS_WRITTEN = re.compile(
    r"""(?:^[ \t]*(?:-[ \t]+)?|["'])id["']?[ \t]*:[ \t]*["']?([A-Za-z0-9][\w.-]*)""",
    re.MULTILINE,
)


def written_ids(text: str) -> set[str]:
    """The claim ids a file that cannot be parsed appears to define, read off its lines.

    A reference to one of them from another file is not reported as unknown: the file's
    own error is the one to fix (and while it stands nothing is built).
    """
    return set(_ID_AS_WRITTEN.findall(text[:MAX_FILE_BYTES]))


def failed(path: str, diagnostics: list[Diagnostic], text: str = "") -> LoadResult:
    """The result of a file that could not be read at all (``text``: what it holds, if
    anything, for the claim ids it appears to define)."""
    spans = SpanIndex()
    spans.add(("file", path), Span(path))
    return LoadResult(ArgumentMap(), spans, diagnostics, broken_ids=written_ids(text))
