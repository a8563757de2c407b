"""ICCMA files read straight into attack arrays, for evaluation at competition scale.

The map readers in ``argmap.read.iccma`` build one claim per argument, which is right for
``check`` and ``convert`` but costly for a million arguments. Here a well-formed file is
parsed in a few passes of C-level bytes operations (the attack numbers through the
``json`` scanner); anything unusual (comments after facts, stray spaces, bad numbers) goes
through the map readers instead, so every problem is reported with its line and column
exactly as ``argmap check`` reports it. Files have their own limits, far above the 10 MB
of claim files. Reads files; builds no framework (that is the semantics stage's job).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass

from argmap.diagnostics import Diagnostic, Severity, Span, has_errors, sort_diagnostics
from argmap.read.collect import decode_utf8
from argmap.read.iccma import MAX_ARGUMENTS, read_apx, read_i23

__all__ = ["MAX_ICCMA_BYTES", "AttackArrays", "read_attack_arrays"]

#: Largest ICCMA file read (a million arguments with two million attacks is about 28 MB).
MAX_ICCMA_BYTES = 1 << 30

_HEADER = re.compile(rb"p af ([0-9]{1,12})\n")
_ONE_TOKEN_LINE = re.compile(rb"\n[0-9]+\n")
_COMMENT_LINE = re.compile(rb"(?m)^#[^\n]*\n")
_ID = rb"[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}"
_ARG = re.compile(rb"arg\((" + _ID + rb")\)\.")
_ATT = re.compile(rb"att\((" + _ID + rb"),(" + _ID + rb")\)\.")
_TO_JSON = bytes.maketrans(b" \n", b",,")


@dataclass(frozen=True)
class AttackArrays:
    """Arguments ``0..n-1`` with their names, and the attacks as parallel index lists.

    Arguments are numbered in output order: numerically for the numeric 2023 format,
    by name for ``apx``. Attacks may repeat.
    """

    names: tuple[str, ...]
    sources: list[int]
    dests: list[int]


def read_attack_arrays(path: str, fmt: str) -> tuple[AttackArrays | None, list[Diagnostic]]:
    """Read an ``apx`` or ``i23`` file; the arrays, or None and the errors found.

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
    fast = _fast_i23(data) if fmt == "i23" else _fast_apx(data)
    if fast is not None:
        return fast, []
    return _through_map_reader(data, path, fmt)


def _error(path: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(Span(path, 1, 1), Severity.ERROR, code, message)


def _fast_i23(data: bytes) -> AttackArrays | None:
    """The arrays of a plainly written 2023 file, or None to take the careful path."""
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
    # Every line exactly "i j": digits and single spaces only, one space and one newline
    # per line, no line with a lone number. Counting is done by C loops over the bytes.
    if body and (
        not body.translate(None, b" \n").isdigit()
        or b"  " in body
        or b"\n\n" in body
        or b" \n" in body
        or b"\n " in body
        or body[0] in b" \n"
        or body.count(b" ") != body.count(b"\n")
        or _ONE_TOKEN_LINE.search(b"\n" + body) is not None
    ):
        return None
    try:
        numbers: list[int] = json.loads(b"[" + body[:-1].translate(_TO_JSON) + b"]")
    except ValueError:
        return None  # leading zeros: the map reader accepts them
    if numbers and (min(numbers) < 1 or max(numbers) > n):
        return None
    sources = [a - 1 for a in numbers[0::2]]
    dests = [b - 1 for b in numbers[1::2]]
    return AttackArrays(tuple(map(str, range(1, n + 1))), sources, dests)


def _fast_apx(data: bytes) -> AttackArrays | None:
    """The arrays of a plainly written ``apx`` file, or None to take the careful path."""
    if any(c in data for c in (b" ", b"\t", b"\r", b"%", b"#")):
        return None
    declared = _ARG.findall(data)
    attacks = _ATT.findall(data)
    # The facts found must cover every byte but the newlines: then the file is nothing but
    # facts (no pattern can match inside another, since names hold no parentheses).
    covered = 6 * len(declared) + sum(map(len, declared)) + 7 * len(attacks)
    covered += sum(len(a) + len(b) for a, b in attacks)
    if covered != len(data) - data.count(b"\n"):
        return None
    try:
        names = [name.decode("ascii") for name in declared]
    except UnicodeDecodeError:
        return None
    if len(set(names)) != len(names):
        return None  # the map reader warns about repeated declarations
    names.sort()
    index = {name.encode(): i for i, name in enumerate(names)}
    try:
        sources = [index[a] for a, _ in attacks]
        dests = [index[b] for _, b in attacks]
    except KeyError:
        return None
    return AttackArrays(tuple(names), sources, dests)


def _through_map_reader(
    data: bytes, path: str, fmt: str
) -> tuple[AttackArrays | None, list[Diagnostic]]:
    """The careful path: the map reader's diagnostics, or its map as arrays."""
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
    sources: list[int] = []
    dests: list[int] = []
    for claim in claims:
        a = index[claim.id]
        for target in claim.attacks:
            sources.append(a)
            dests.append(index[target])
    return AttackArrays(tuple(names), sources, dests), diags
