"""ICCMA files read straight into attack lists, for evaluation at competition scale.

The map readers in ``argmap.read.iccma`` build one claim per argument, which is right for
``check`` and ``convert`` but costly for a million arguments. Here a well-formed file is
parsed in a few passes of C-level bytes operations (the attack numbers through the
``json`` scanner, or numpy for a large file: ``argmap.read.apx_arrays`` for ``apx``);
anything unusual (comments after facts, stray spaces, bad numbers) goes
through the map readers instead, so every problem is reported with its line and column
exactly as ``argmap check`` reports it. A repeated attack gets the map reader's note too.

This module imports no model (nor does the ``argmap.read`` package until a map is
loaded), so that ``argmap eval`` on a framework never loads pydantic; the map readers are
imported only when a file needs them. Files have their own limit, far above the 10 MB of claim files.
Reads files; builds no framework (that is the semantics stage's job).
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING

from argmap.arrays import ARRAYS_FROM, Csr, int_array
from argmap.diagnostics import Diagnostic, Severity, Span, has_errors, quote_id, sort_diagnostics
from argmap.formats import ICCMA_FORMATS, MAX_ARGUMENTS, MAX_ICCMA_BYTES
from argmap.numbered import NumberedNames

if TYPE_CHECKING:  # pragma: no cover - annotations only
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "ICCMA_FORMATS",
    "MAX_ARGUMENTS",
    "MAX_ICCMA_BYTES",
    "AttackLists",
    "iccma_format",
    "read_attack_lists",
]

#: Problems the map readers list before they say the rest are left out.
_MAX_NOTES = 100

_HEADER = re.compile(rb"p af ([0-9]{1,12})\n")
_COMMENT_LINE = re.compile(rb"(?m)^#[^\n]*\n")
_DIGITS = b"0123456789"
_ID = rb"[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}"
_ARG = re.compile(rb"arg\((" + _ID + rb")\)\.")
_ATT = re.compile(rb"att\((" + _ID + rb"),(" + _ID + rb")\)\.")
_ATTACK_LINE = re.compile(rb"(?m)^[0-9]+ [0-9]+\r?$")
_TO_JSON = bytes.maketrans(b" \n", b",,")


@dataclass(frozen=True)
class AttackLists:
    """Arguments ``0..n-1`` with their names, and what each one attacks.

    Arguments are numbered in output order: numerically for the numeric 2023 format,
    by name for ``apx`` (as the map readers sort claims). ``targets[a]`` lists the
    arguments ``a`` attacks, in file order, each once.

    A file of ``ARRAYS_FROM`` arguments or more comes as arrays instead of lists
    (``lists`` is then None), unless it repeats an attack.
    """

    names: Sequence[str]
    lists: list[list[int]] | None
    #: The same attacks as arrays, for a file of ``ARRAYS_FROM`` arguments or more
    #: (``lists`` is then None).
    arrays: Csr | None = None

    @property
    def targets(self) -> list[list[int]]:
        """What each argument attacks, as lists (made from the arrays when there are none)."""
        if self.lists is not None:
            return self.lists
        assert self.arrays is not None  # a reader gives one or the other
        return self.arrays.lists()


def iccma_format(path: str) -> str | None:
    """The ICCMA format a path's suffix names (``"apx"`` or ``"i23"``), or None."""
    # os.path, not pathlib: a small task's start-up would import pathlib for this alone.
    return ICCMA_FORMATS.get(os.path.splitext(path)[1].lower())


def read_attack_lists(path: str, fmt: str) -> tuple[AttackLists | None, list[Diagnostic]]:
    """Read an ``apx`` or ``i23`` file; the lists, or None and the errors found.

    Args:
        path: The file.
        fmt: ``"apx"`` or ``"i23"``.
    """
    try:
        size = os.path.getsize(path)
        if size > MAX_ICCMA_BYTES:
            message = f"file is {size:,} bytes; the limit for ICCMA files is {MAX_ICCMA_BYTES:,}"
            return None, [_error(path, "too-large", message)]
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return None, [_error(path, "unreadable-file", f"cannot read file: {exc.strerror or exc}")]
    fast = _fast_i23(data, path) if fmt == "i23" else _fast_apx(data, path)
    if fast is not None:
        return fast
    return _through_map_reader(data, path, fmt)


def _error(path: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(Span(path, 1, 1), Severity.ERROR, code, message)


def _lists(n: int, keys: Sequence[int], values: Sequence[int]) -> list[list[int]]:
    """``lists[k]`` holds every ``values[i]`` whose ``keys[i]`` is ``k``, in order.

    ``map(list.append, ...)`` drained by a zero-length deque runs the append loop in C.
    Raises IndexError for a key outside ``0..n-1``.
    """
    lists: list[list[int]] = [[] for _ in range(n)]
    deque(map(list.append, map(lists.__getitem__, keys), values), maxlen=0)
    return lists


Read = tuple[AttackLists, list[Diagnostic]]


def _fast_i23(data: bytes, path: str) -> Read | None:
    """The lists of a plainly written 2023 file, or None to take the careful path."""
    raw = data  # positions are reported in the file as written
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
    if b"#" in data:
        data = _COMMENT_LINE.sub(b"", data)
    header = _HEADER.match(data)
    if header is None:
        return None
    n = int(header.group(1))
    if n > MAX_ARGUMENTS:
        return None
    body = data[header.end() :]
    if body and not body.endswith(b"\n"):
        body += b"\n"
    # Without its digits, every line must read " \n": one space between two numbers.
    # An empty number then shows as two commas below, which the json scanner refuses.
    if body.translate(None, _DIGITS) != b" \n" * body.count(b"\n"):
        return None
    if n >= ARRAYS_FROM:
        return _i23_arrays(body, n, raw, path)
    try:
        numbers: list[int] = json.loads(b"[" + body[:-1].translate(_TO_JSON) + b"]")
    except ValueError:
        return None  # leading zeros: the map reader accepts them
    return _i23_lists(numbers, n, raw, path)


def _i23_lists(numbers: list[int], n: int, raw: bytes, path: str) -> Read | None:
    """The lists of a 2023 file's numbers, two to an attack, or None to take the careful path."""
    dests = numbers[1::2]
    if dests and (min(dests) < 1 or max(dests) > n):
        return None
    # Sources stay 1-based: list 0 catches a source 0 and is dropped, one past n fails.
    sources = numbers[0::2]
    dests = [b - 1 for b in dests]
    try:
        targets = _lists(n + 1, sources, dests)
    except IndexError:
        return None
    if targets[0]:
        return None
    del targets[0]
    found = AttackLists(NumberedNames(1, n), targets)
    return found, _repeats(found, sources, dests, 1, _ATTACK_LINE, raw, path)


def _i23_arrays(body: bytes, n: int, raw: bytes, path: str) -> Read | None:
    """The arrays of a large, plainly written 2023 file's body, or None to take the careful path.

    numpy parses the numbers (leading zeros read as the map reader reads them; a number
    too long for 64 bits reads as the largest, which is out of range like any number
    over ``n``). A file that repeats an attack goes on as lists, for the map reader's notes.
    """
    import numpy as np

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            numbers = np.fromstring(body, dtype=np.int64, sep=" ")
        except (ValueError, DeprecationWarning):  # pragma: no cover - the body is checked
            return None
    if numbers.size != 2 * body.count(b"\n"):
        return None  # pragma: no cover - the body is checked
    if numbers.size and (int(numbers.min()) < 1 or int(numbers.max()) > n):
        return None
    numbers -= 1
    found = _as_arrays(NumberedNames(1, n), numbers[0::2], numbers[1::2])
    if found is None:
        return _i23_lists((numbers + 1).tolist(), n, raw, path)
    return found, []


def _as_arrays(
    names: Sequence[str],
    sources: Sequence[int] | NDArray[np.int64],
    dests: Sequence[int] | NDArray[np.int64],
) -> AttackLists | None:
    """The attacks (indices from 0) as arrays, or None when one is repeated.

    A repeat shows as two equal keys, and none can while the keys only rise, as files
    have them; only other files are sorted to look. A file with a repeat goes on as
    lists, for the map reader's notes.
    """
    src, dst = int_array(sources), int_array(dests)
    keys = src * len(names) + dst
    if keys.size > 1 and not bool((keys[1:] > keys[:-1]).all()):
        keys.sort()
        if bool((keys[1:] == keys[:-1]).any()):
            return None
    return AttackLists(names, None, Csr.from_edges(len(names), src, dst))


def _fast_apx(data: bytes, path: str) -> Read | None:
    """The lists of a plainly written ``apx`` file, or None to take the careful path."""
    if any(c in data for c in (b" ", b"\t", b"\r", b"%", b"#")):
        return None
    if data.count(b"arg(") >= ARRAYS_FROM:
        from argmap.read.apx_arrays import apx_arrays  # with numpy: at this size only

        packed = apx_arrays(data)
        held = None if packed is None else _as_arrays(*packed)
        if held is not None:
            return held, []
    declared = _ARG.findall(data)
    attacks = _ATT.findall(data)
    # The facts found must cover every byte but the newlines: then the file is nothing but
    # facts (no pattern can match inside another, since names hold no parentheses).
    firsts = list(map(itemgetter(0), attacks))
    seconds = list(map(itemgetter(1), attacks))
    covered = 6 * len(declared) + sum(map(len, declared)) + 7 * len(attacks)
    covered += sum(map(len, firsts)) + sum(map(len, seconds))
    if covered != len(data) - data.count(b"\n"):
        return None
    # Names are ASCII (the pattern says so): bytes sort as the map reader sorts claim ids.
    declared.sort()
    index = dict(zip(declared, range(len(declared)), strict=True))
    if len(index) != len(declared):
        return None  # the map reader warns about repeated declarations
    try:
        sources = list(map(index.__getitem__, firsts))
        dests = list(map(index.__getitem__, seconds))
    except KeyError:
        return None
    names = tuple(map(bytes.decode, declared))
    if len(names) >= ARRAYS_FROM:
        held = _as_arrays(names, sources, dests)
        if held is not None:
            return held, []
    found = AttackLists(names, _lists(len(names), sources, dests))
    return found, _repeats(found, sources, dests, 0, _ATT, data, path)


def _repeats(
    found: AttackLists,
    sources: Sequence[int],
    dests: Sequence[int],
    base: int,
    fact: re.Pattern[bytes],
    data: bytes,
    path: str,
) -> list[Diagnostic]:
    """The map reader's notes on repeated attacks, each repeat then dropped from the lists.

    ``sources`` (numbered from ``base``) and ``dests`` are the attacks in file order, and
    ``fact`` finds each attack in ``data``. A repeat shows as a list with fewer distinct
    members than members, a check in C; only a file with repeats is walked in Python.
    """
    targets = found.targets
    if sum(map(len, map(frozenset, targets))) == len(dests):
        return []
    first: dict[tuple[int, int], int] = {}
    repeats: list[tuple[int, int]] = []  # (the repeat's ordinal, the first one's)
    for k, pair in enumerate(zip(sources, dests, strict=True)):
        seen = first.setdefault(pair, k)
        if seen != k:
            repeats.append((k, seen))
            if len(repeats) > _MAX_NOTES:
                break
    for a, listed in enumerate(targets):
        if len(set(listed)) != len(listed):
            targets[a] = list(dict.fromkeys(listed))
    spans = _fact_spans(data, path, fact, {k for pair in repeats for k in pair})
    names = found.names
    notes = []
    for k, seen in repeats[:_MAX_NOTES]:
        source, target = names[sources[k] - base], names[dests[k]]
        message = f"attack of {quote_id(target)} by {quote_id(source)} repeats line "
        notes.append(
            Diagnostic(
                spans[k], Severity.INFO, "iccma-duplicate-attack", message + str(spans[seen].line)
            )
        )
    if len(repeats) > _MAX_NOTES:
        message = f"more than {_MAX_NOTES} problems; the rest are not reported"
        span = spans[repeats[_MAX_NOTES][0]]
        notes.append(Diagnostic(span, Severity.INFO, "iccma-too-many-problems", message))
    return sort_diagnostics(notes)


def _fact_spans(
    data: bytes, path: str, fact: re.Pattern[bytes], wanted: set[int]
) -> dict[int, Span]:
    """Where the attacks of the given ordinals are written, counting lines as it goes."""
    spans: dict[int, Span] = {}
    line, line_start, scanned = 1, 0, 0
    last = max(wanted)
    for k, match in enumerate(fact.finditer(data)):
        if k > last:
            break
        if k in wanted:
            start = match.start()
            line += data.count(b"\n", scanned, start)
            line_start = data.rfind(b"\n", 0, start) + 1
            scanned = start
            spans[k] = Span(path, line, start - line_start + 1)
    return spans


def _through_map_reader(
    data: bytes, path: str, fmt: str
) -> tuple[AttackLists | None, list[Diagnostic]]:
    """The careful path: the map reader's diagnostics, or its map as lists."""
    # Imported here: the map readers load the model, which the plain path never needs.
    from argmap.read.collect import decode_utf8
    from argmap.read.iccma import read_apx, read_i23

    text, diags = decode_utf8(data, path)
    if text is None:
        return None, diags
    result = read_i23(text, path) if fmt == "i23" else read_apx(text, path)
    diags = sort_diagnostics(result.diagnostics)
    if has_errors(diags):
        return None, diags
    claims = result.amap.claims
    names = [c.id for c in claims]
    if fmt == "i23":
        names.sort(key=int)
    index = {name: i for i, name in enumerate(names)}
    targets: list[list[int]] = [[] for _ in names]
    for claim in claims:
        targets[index[claim.id]] = [index[t] for t in claim.attacks]
    return AttackLists(tuple(names), targets), diags
