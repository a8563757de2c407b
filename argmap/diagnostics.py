"""Diagnostics about the user's data, and the source positions they point at. No I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

#: Everything ``str.splitlines`` breaks a line at.
_LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


class Severity(StrEnum):
    """How bad a diagnostic is. Errors stop a build; warnings fail only ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Span(NamedTuple):
    """A 1-based position in an input file (a tuple: cheap to make by the hundred thousand)."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        # A file name may hold a line break or a terminal's escape: shown escaped, so that one
        # problem stays one line and a name cannot restyle or rewrite the terminal.
        return f"{printable(self.path)}:{self.line}:{self.col}"


SpanKey = tuple[str | int, ...]


@dataclass
class SpanIndex:
    """Where each part of a map was written, kept apart from the model.

    Keys are tuples: ``("claim", id)``, ``("claim", id, field)``,
    ``("claim", id, field, index)``, ``("claim", id, "sources", i, key)``, ``("map",)``,
    ``("source", id)``, ``("file", path)``.
    """

    spans: dict[SpanKey, Span] = field(default_factory=dict)

    def add(self, key: SpanKey, span: Span) -> None:
        """Record a span unless the key is already known (the first definition wins)."""
        self.spans.setdefault(key, span)

    def get(self, *key: str | int) -> Span | None:
        """The most specific span known for a key, trying shorter prefixes."""
        k: SpanKey = tuple(key)
        while k:
            if k in self.spans:
                return self.spans[k]
            k = k[:-1]
        return None

    def first_file(self) -> str:
        """The first input path (for map-wide diagnostics)."""
        files = sorted(str(k[1]) for k in self.spans if k[0] == "file")
        return files[0] if files else "<map>"

    def update(self, other: SpanIndex) -> None:
        """Merge another index into this one (first definition wins)."""
        spans = self.spans
        spans.update({key: span for key, span in other.spans.items() if key not in spans})


@dataclass(frozen=True)
class Diagnostic:
    """One problem in the user's data, printed as ``path:line:col: severity: message [code]``."""

    span: Span
    severity: Severity
    code: str
    message: str

    def __post_init__(self) -> None:
        # One problem, one line: a line break quoted from the input must not start another.
        if _LINE_BREAK.search(self.message):
            object.__setattr__(self, "message", _LINE_BREAK.sub(" ", self.message))

    def __str__(self) -> str:
        return f"{self.span}: {self.severity.value}: {self.message} [{self.code}]"

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order: path, line, column, code, message."""
        return (self.span.path, self.span.line, self.span.col, self.code, self.message)


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted and de-duplicated."""
    return sorted(set(diags), key=lambda d: d.sort_key)


def has_errors(diags: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """Whether any diagnostic fails a check (warnings too when strict)."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in failing for d in diags)


def summary_line(diags: Sequence[Diagnostic]) -> str:
    """The count line printed after the diagnostics."""
    counts = {s: sum(1 for d in diags if d.severity is s) for s in Severity}

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    parts = [n(counts[Severity.ERROR], "error"), n(counts[Severity.WARNING], "warning")]
    if counts[Severity.INFO]:
        parts.append(n(counts[Severity.INFO], "note"))
    return ", ".join(parts)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate, or an empty string."""
    return _closest(word, sorted(set(candidates)))


def _closest(word: str, names: list[str]) -> str:
    import difflib  # here: only a misspelt name needs it

    match = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


#: How many comparisons of a word with a name the hints against one set of names may
#: make in all (each takes about 2 µs): a map with a few misspelt references among
#: thousands of claims gets a hint for each, one whose every reference misses does not
#: wait minutes for thousands of hints.
HINT_BUDGET = 500_000


class Hints:
    """Did-you-mean hints against one set of names, as :func:`did_you_mean` gives them: the
    names sorted once, each word worked out once, and no new word worked out once the
    comparisons would go over ``budget``."""

    def __init__(self, names: Iterable[str], budget: int = HINT_BUDGET) -> None:
        self._given: Iterable[str] | None = names
        self._names: list[str] = []
        self._left = budget
        self._said: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        said = self._said.get(word)
        if said is not None:
            return said
        if self._given is not None:  # sorted when the first hint is asked for
            self._names, self._given = sorted(set(self._given)), None
        if len(self._names) > self._left:
            return ""
        self._left -= len(self._names)
        said = self._said[word] = _closest(word, self._names)
        return said


def printable(text: str) -> str:
    """Text as a message shows it: printable characters of any script as they are, control,
    format (bidi) and separator characters escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def quote_id(value: object) -> str:
    """An identifier quoted for a message, with what a terminal would not show made visible
    (backslashes doubled, so that an escape in the message is one)."""
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return "'" + printable(text.replace("\\", "\\\\")).replace("'", "\\'") + "'"


def id_hint(cid: str) -> str:
    """A hint naming the claim id closest to a malformed one, or an empty string."""
    words = "".join(c if c.isalnum() and c.isascii() else " " for c in cid.lower()).split()
    slug = "-".join(words)
    return f" (did you mean '{slug}'?)" if slug and slug != cid else ""
