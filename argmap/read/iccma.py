"""Readers for ICCMA abstract argumentation frameworks: ``apx`` and the 2023 numeric format.

``apx`` (ICCMA 2015-2021) declares ``arg(a).`` and ``att(a,b).`` facts; the 2023 format
(suffix ``.af`` or ``.i23``) starts with ``p af N`` and lists attacks as ``i j`` lines over
the arguments ``1..N``, with ``#`` comment lines. Argument names become claim ids as
written, and each claim's text is its name. Problems come back as diagnostics with
positions, never as exceptions.
"""

from __future__ import annotations

import re

from argmap.diagnostics import (
    Diagnostic,
    Severity,
    Span,
    SpanIndex,
    did_you_mean,
    quote_id,
    sort_diagnostics,
)
from argmap.model import MODEL_ID_PATTERN, MODEL_ID_RE, ArgumentMap, Claim, ClaimKind
from argmap.read.iccma_fast import MAX_ARGUMENTS
from argmap.read.result import LoadResult

__all__ = ["read_apx", "read_i23"]

_FACT = re.compile(r"[ \t]*(arg|att)[ \t]*\(([^()]*)\)[ \t]*\.")
_HEADER = re.compile(r"p[ \t]+af[ \t]+(\S+)[ \t]*$")
_TOKEN = re.compile(r"\S+")
_BLANK = re.compile(r"\s*")
_DIGITS = re.compile(r"[0-9]+")
#: Above this many arguments, an unknown name gets no "did you mean" hint (too slow to find).
_HINT_LIMIT = 10_000
#: Problems reported per file before the reader stops listing them (a garbage file of
#: millions of lines gets a bounded answer).
_MAX_DIAGNOSTICS = 100
_GRAVITY = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.spans = SpanIndex()
        self.spans.add(("file", path), Span(path))
        self.diagnostics: list[Diagnostic] = []
        self.names: dict[str, Span] = {}
        self.attacks: dict[tuple[str, str], Span] = {}
        #: Where the first problem left out was, and the gravest severity left out.
        self.dropped: tuple[Span, Severity] | None = None

    def say(self, span: Span, code: str, message: str, severity: Severity = Severity.ERROR) -> None:
        if len(self.diagnostics) < _MAX_DIAGNOSTICS:
            self.diagnostics.append(Diagnostic(span, severity, code, message))
            return
        if self.dropped is None:
            self.dropped = (span, severity)
        elif _GRAVITY[severity] > _GRAVITY[self.dropped[1]]:
            self.dropped = (self.dropped[0], severity)

    def problems(self) -> list[Diagnostic]:
        """The diagnostics, and the note that more were left out: an error when one of
        them was (so that a file with many repeated attacks alone is still read)."""
        if self.dropped is None:
            return sort_diagnostics(self.diagnostics)
        span, severity = self.dropped
        message = f"more than {_MAX_DIAGNOSTICS} problems; the rest are not reported"
        extra = Diagnostic(span, severity, "iccma-too-many-problems", message)
        return sort_diagnostics([*self.diagnostics, extra])

    def declare(self, name: str, span: Span) -> None:
        if name in self.names:
            first = self.names[name]
            self.say(
                span,
                "iccma-duplicate-argument",
                f"argument {quote_id(name)} is declared again (first at line {first.line})",
                Severity.WARNING,
            )
            return
        self.names[name] = span
        self.spans.add(("claim", name), span)

    def attack(self, source: str, target: str, span: Span) -> None:
        key = (source, target)
        if key in self.attacks:
            first = self.attacks[key].line
            self.say(
                span,
                "iccma-duplicate-attack",
                f"attack of {quote_id(target)} by {quote_id(source)} repeats line {first}",
                Severity.INFO,
            )
            return
        self.attacks[key] = span

    def result(self, order: list[str] | None = None) -> LoadResult:
        known = self.names
        targets: dict[str, list[str]] = {name: [] for name in known}
        for (source, target), span in self.attacks.items():
            missing = [n for n in (source, target) if n not in known]
            for name in missing:
                self.say(
                    span,
                    "iccma-unknown-argument",
                    f"attack names undeclared argument {quote_id(name)}"
                    f"{did_you_mean(name, known) if len(known) <= _HINT_LIMIT else ''}",
                )
            if not missing:
                targets[source].append(target)
        claims = [
            Claim.model_construct(
                id=name, kind=ClaimKind.CLAIM, text=name, attacks=tuple(sorted(targets[name]))
            )
            for name in sorted(order if order is not None else known)
        ]
        amap = ArgumentMap(claims=tuple(claims))
        return LoadResult(amap, self.spans, self.problems(), framework=True)


def _name(reader: _Reader, raw: str, span: Span) -> str | None:
    name = raw.strip()
    if MODEL_ID_RE.match(name):
        return name
    reader.say(
        span,
        "iccma-bad-name",
        f"argument name {quote_id(name)} is not usable as a claim id: "
        f"ids must match {MODEL_ID_PATTERN}",
    )
    return None


def read_apx(text: str, path: str) -> LoadResult:
    """Read an ICCMA ``apx`` framework: ``arg(a).`` and ``att(a,b).`` facts.

    Blank lines and comments (from ``#`` or ``%`` to the end of the line) are skipped;
    several facts may share a line.
    """
    reader = _Reader(path)
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped or stripped[0] in "#%":
            continue
        pos = 0
        while True:
            # Matching from positions, never slicing the line: a file of one huge line
            # stays linear.
            blank = _BLANK.match(line, pos)
            pos = blank.end() if blank else pos
            if pos >= len(line) or line[pos] in "#%":
                break  # the end of the line, or a comment after the facts
            match = _FACT.match(line, pos)
            col = pos + 1
            if match is None:
                found = line[pos : pos + 20].rstrip()
                reader.say(
                    Span(path, lineno, col),
                    "iccma-syntax",
                    f"expected 'arg(name).' or 'att(name,name).', found {quote_id(found)}",
                )
                break
            pos = match.end()
            _fact(reader, match, Span(path, lineno, col))
    return reader.result()


def _fact(reader: _Reader, match: re.Match[str], span: Span) -> None:
    kind, inner = match.group(1), match.group(2)
    parts = inner.split(",")
    arg_span = Span(span.path, span.line, match.start(2) + 1)
    if kind == "arg":
        if len(parts) != 1:
            reader.say(arg_span, "iccma-syntax", f"arg() takes one name, found {len(parts)}")
            return
        name = _name(reader, parts[0], arg_span)
        if name is not None:
            reader.declare(name, span)
        return
    if len(parts) != 2:
        reader.say(arg_span, "iccma-syntax", f"att() takes two names, found {len(parts)}")
        return
    source = _name(reader, parts[0], arg_span)
    target = _name(reader, parts[1], arg_span)
    if source is not None and target is not None:
        reader.attack(source, target, span)


def read_i23(text: str, path: str) -> LoadResult:
    """Read an ICCMA 2023 framework: ``p af N``, then ``i j`` attack lines over ``1..N``.

    Lines starting with ``#`` are comments. Argument ``k`` becomes the claim ``"k"``.
    """
    reader = _Reader(path)
    count: int | None = None
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        col = len(line) - len(line.lstrip()) + 1
        span = Span(path, lineno, col)
        if stripped.startswith("p"):
            header = _HEADER.match(stripped)
            if count is not None:
                reader.say(span, "iccma-syntax", "a second 'p af N' header")
            elif header is None or not _DIGITS.fullmatch(header.group(1)):
                found = stripped if len(stripped) <= 40 else stripped[:40] + "..."
                reader.say(span, "iccma-syntax", f"expected 'p af N', found {quote_id(found)}")
                return reader.result([])
            elif len(header.group(1)) > 9 or int(header.group(1)) > MAX_ARGUMENTS:
                digits = header.group(1)
                shown = digits if len(digits) <= 20 else f"a {len(digits):,}-digit number of"
                reader.say(
                    span,
                    "iccma-too-large",
                    f"the header declares {shown} arguments; the limit is {MAX_ARGUMENTS:,}",
                )
                return reader.result([])
            else:
                count = int(header.group(1))
                for k in range(1, count + 1):
                    reader.declare(str(k), Span(path, lineno, col))
            continue
        if count is None:
            reader.say(span, "iccma-syntax", "expected the header 'p af N' before any attack")
            return reader.result([])
        _attack_line(reader, line, lineno, count)
    if count is None:
        reader.say(Span(path, 1, 1), "iccma-syntax", "missing the header 'p af N'")
    return reader.result()


def _attack_line(reader: _Reader, line: str, lineno: int, count: int) -> None:
    tokens = list(_TOKEN.finditer(line))
    span = Span(reader.path, lineno, tokens[0].start() + 1)
    if len(tokens) != 2:
        reader.say(
            span,
            "iccma-syntax",
            f"expected 'i j' (two argument numbers), found {len(tokens)} "
            f"field{'s' if len(tokens) != 1 else ''}",
        )
        return
    ends = []
    for token in tokens:
        value = token.group()
        at = Span(reader.path, lineno, token.start() + 1)
        if not _DIGITS.fullmatch(value):
            shown = value if len(value) <= 20 else value[:20] + "..."
            reader.say(at, "iccma-syntax", f"expected an argument number, found {quote_id(shown)}")
            return
        if len(value) > 20 or not 1 <= int(value) <= count:
            shown = value if len(value) <= 20 else value[:20] + "..."
            reader.say(at, "iccma-unknown-argument", f"argument {shown} is outside 1..{count}")
            return
        ends.append(str(int(value)))
    reader.attack(ends[0], ends[1], span)
