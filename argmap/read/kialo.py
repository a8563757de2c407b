"""Reader for Kialo's plain-text discussion export: the numbered outline of pros and cons.

The export looks like this (one claim a line; text is Markdown-escaped)::

    Discussion Title: Should cities ban cars?

    1. Cities should ban cars from their centres.
    1.1. Pro: Cars make the air worse \\(mostly NO2\\).
    1.1.1. Con: Electric cars emit no NO2.
    1.2. Con: -> See 1.1.1.

A claim's id is its number with dashes (``1.1.2.`` -> ``1-1-2``). ``Pro:`` supports the
parent, ``Con:`` attacks it, ``Thesis:`` (multi-thesis discussions) starts a thesis of its
own. ``-> See N.`` makes the claim numbered N support or attack this line's parent. Lines
that carry no number continue the text of the claim above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Severity, Span
from argmap.model import MAX_ID_LENGTH, Claim, ClaimKind, MapMeta, RelationKind
from argmap.read.collect import Collector
from argmap.read.result import LoadResult
from argmap.urls import citable_url, looks_like_url

__all__ = ["read_kialo"]

_NUMBERED = re.compile(r"((?:\d+\.)+)(?:[ \t]+|$)")
_STANCE = re.compile(r"(Pro|Con|Thesis):[ \t]*")
#: A claim line whose number lacks its final dot ("1.4 Pro: ..."): read as text, and named.
_UNDOTTED = re.compile(r"(?:\d+\.)*\d+[ \t]+(?:Pro|Con):")
_LINK = re.compile(r"->[ \t]*See[ \t]+((?:\d+\.)+)[ \t]*$")
_TITLE = re.compile(r"Discussion Title:[ \t]*(.*)$")
# CommonMark backslash escapes: a backslash before ASCII punctuation stands for the punctuation.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# A Markdown link's target, up to its closing parenthesis (a URL may hold balanced ones:
# 'wiki/Mercury_(planet)').
_LINK_TARGET = re.compile(r"\]\(([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)\)")
_RELATION = {"Pro": RelationKind.SUPPORTS, "Con": RelationKind.ATTACKS}


@dataclass
class _Entry:
    number: str
    line: int
    col: int
    text_col: int
    stance: str | None
    lines: list[str] = field(default_factory=list)
    #: The column each line of the text starts at.
    cols: list[int] = field(default_factory=list)
    link: str | None = None

    @property
    def parent(self) -> str:
        return self.number[: self.number.rstrip(".").rfind(".") + 1]

    @property
    def cid(self) -> str:
        return self.number.rstrip(".").replace(".", "-")


class _Reader(Collector):
    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.entries: dict[str, _Entry] = {}
        self.title: str | None = None

    def tell(self, line: int, col: int, severity: Severity, code: str, message: str) -> None:
        self.say(Span(self.path, line, col), severity, code, message)

    def scan(self, text: str) -> None:
        current: _Entry | None = None
        # Lines end in LF, CRLF or a lone CR (old Mac exports), as the other readers read them.
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for lineno, line in enumerate(lines, start=1):
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            number = _NUMBERED.match(line, indent)
            title = _TITLE.match(stripped)
            if number:
                current = self.entry(lineno, indent, number, line)
            elif current is None and title and self.title is None:
                self.title = _ESCAPE.sub(r"\1", title.group(1)).strip() or None
                self.spans.add(("map",), Span(self.path, lineno, indent + 1))
            elif current is not None:
                if _UNDOTTED.match(stripped):
                    number_as_written = stripped.split(None, 1)[0]
                    self.tell(
                        lineno,
                        indent + 1,
                        Severity.WARNING,
                        "kialo-number",
                        f"this line is read as more text of claim {current.number}: a claim's "
                        f"number ends in a dot (write '{number_as_written}. ...')",
                    )
                current.lines.append(stripped)
                current.cols.append(indent + 1)
            elif stripped:
                self.tell(
                    lineno,
                    indent + 1,
                    Severity.ERROR,
                    "kialo-syntax",
                    "expected 'Discussion Title: ...' or a numbered claim such as '1. ...'",
                )

    def entry(self, lineno: int, indent: int, number: re.Match[str], line: str) -> _Entry | None:
        num = number.group(1)
        pos = number.end()
        stance = _STANCE.match(line, pos)
        if stance:
            pos = stance.end()
        entry = _Entry(num, lineno, indent + 1, pos + 1, stance.group(1) if stance else None)
        rest = line[pos:].rstrip()
        link = _LINK.match(rest)
        if link:
            entry.link = link.group(1)
        else:
            entry.lines.append(rest)
            entry.cols.append(pos + 1)
        if num in self.entries:
            first = self.entries[num]
            self.tell(
                lineno,
                indent + 1,
                Severity.ERROR,
                "kialo-duplicate-number",
                f"claim number {num} appears twice (first at line {first.line})",
            )
            return None
        self.entries[num] = entry
        return entry

    def resolve(self, entry: _Entry) -> _Entry | None:
        """The claim a line stands for: itself, or the claim a ``-> See`` link names."""
        if entry.link is None:
            return entry
        seen = {entry.number}
        target = self.entries.get(entry.link)
        while target is not None and target.link is not None and target.number not in seen:
            seen.add(target.number)
            target = self.entries.get(target.link)
        return target if target is not None and target.link is None else None

    def build(self) -> tuple[MapMeta, list[Claim]]:
        rels: dict[str, dict[RelationKind, list[str]]] = {}
        kinds: dict[str, ClaimKind] = {}
        children: dict[str, list[_Entry]] = {}
        for entry in self.entries.values():
            children.setdefault(entry.parent, []).append(entry)
        question = None
        too_deep = self.too_deep()
        for entry in self.entries.values():
            if entry.number in too_deep:
                continue
            parent = self.entries.get(entry.parent) if entry.parent else None
            if entry.parent and parent is None:
                self.tell(
                    entry.line,
                    entry.col,
                    Severity.ERROR,
                    "kialo-missing-parent",
                    f"claim {entry.number} has no parent claim {entry.parent}",
                )
                continue
            claim = self.resolve(entry)
            if claim is None:
                self.tell(
                    entry.line,
                    entry.text_col,
                    Severity.ERROR,
                    "kialo-unknown-link",
                    f"'-> See {entry.link}' names no claim of this discussion",
                )
                continue
            if parent is None:
                stances = {c.stance for c in children.get(entry.number, [])}
                if entry.link is None and "Thesis" in stances and not stances & {"Pro", "Con"}:
                    question = entry
                    continue
                if entry.stance is not None:
                    self.tell(
                        entry.line,
                        entry.col,
                        Severity.WARNING,
                        "kialo-root-stance",
                        f"the top claim {entry.number} has a stance ({entry.stance}), which "
                        "relates it to nothing; ignored",
                    )
                kinds.setdefault(claim.cid, ClaimKind.THESIS)
                continue
            if entry.stance == "Thesis":
                kinds.setdefault(claim.cid, ClaimKind.THESIS)
                continue
            target = self.resolve(parent)
            if entry.stance is None:
                self.tell(
                    entry.line,
                    entry.col,
                    Severity.ERROR,
                    "kialo-missing-stance",
                    f"claim {entry.number} needs 'Pro:' or 'Con:' after its number",
                )
                continue
            if target is None or target is question or claim.number in too_deep:
                continue
            kind = _RELATION[entry.stance]
            targets = rels.setdefault(claim.cid, {}).setdefault(kind, [])
            self.spans.add(
                ("claim", claim.cid, kind.value, len(targets)),
                Span(self.path, entry.line, entry.col),
            )
            targets.append(target.cid)
        claims = [
            self.make_claim(e, kinds, rels)
            for e in self.entries.values()
            if e.link is None and e is not question and e.number not in too_deep
        ]
        description = None
        if question is not None:
            description = _text(question)
            self.tell(
                question.line,
                question.col,
                Severity.INFO,
                "kialo-question",
                f"the top line {question.number} asks the discussion's question; it becomes the "
                "map description, not a claim",
            )
        if not self.entries:
            self.tell(
                1,
                1,
                Severity.ERROR,
                "kialo-empty",
                "no claims found: a Kialo export lists claims as '1. ...', '1.1. Pro: ...'",
            )
        meta = MapMeta(
            title=self.title, description=description if description != self.title else None
        )
        return meta, [c for c in claims if c is not None]

    def too_deep(self) -> set[str]:
        """The numbers too long to make an id of, each branch of them reported once.

        A claim's id is its number with dashes, and an id holds at most ``MAX_ID_LENGTH``
        characters; the claims under such a claim have longer numbers still.
        """
        numbers = sorted(n for n, e in self.entries.items() if len(e.cid) > MAX_ID_LENGTH)
        # The numbers under a number sort right after it: one sweep finds each branch.
        branches: list[tuple[str, int]] = []
        for number in numbers:
            if branches and number.startswith(branches[-1][0]):
                branches[-1] = (branches[-1][0], branches[-1][1] + 1)
            else:
                branches.append((number, 0))
        for number, under in branches:
            entry = self.entries[number]
            shown = number if len(number) <= 40 else f"{number[:20]}…{number[-12:]}"
            depth = number.count(".")
            rest = f"; the {under:,} claims under it are left out too" if under else ""
            self.tell(
                entry.line,
                entry.col,
                Severity.ERROR,
                "kialo-too-deep",
                f"claim {shown} is nested {depth:,} levels deep: its id (its number with "
                f"dashes) would be longer than the {MAX_ID_LENGTH} characters an id may "
                f"have{rest}",
            )
        return set(numbers)

    def cited(self, entry: _Entry) -> dict[str, None]:
        """The URLs a claim's links cite, in order, each once; a link that is no http(s) URL
        stays in the text only, with a note."""
        urls: dict[str, None] = {}
        for line, (text, col) in enumerate(zip(entry.lines, entry.cols, strict=True)):
            for link in _LINK_TARGET.finditer(text):
                target = link.group(1)
                if not looks_like_url(target):  # an anchor or a relative link: text
                    continue
                url = citable_url(target)
                if url is not None:
                    urls[url] = None
                    continue
                message = (
                    f"the link {target!r} of claim {entry.number} is no http(s) URL, "
                    "so it is not cited"
                )
                self.tell(
                    entry.line + line,
                    col + link.start(1),
                    Severity.INFO,
                    "kialo-link-kept",
                    message,
                )
        return urls

    def make_claim(
        self,
        entry: _Entry,
        kinds: dict[str, ClaimKind],
        rels: dict[str, dict[RelationKind, list[str]]],
    ) -> Claim | None:
        text = _text(entry)
        if not text:
            self.tell(
                entry.line,
                entry.text_col,
                Severity.ERROR,
                "kialo-text",
                f"claim {entry.number} has no text",
            )
            self.broken.add(entry.cid)
            return None
        urls = self.cited(entry)
        data: dict[str, Any] = {k.value: tuple(v) for k, v in rels.get(entry.cid, {}).items()}
        data |= {"id": entry.cid, "kind": kinds.get(entry.cid, ClaimKind.CLAIM), "text": text}
        data["sources"] = tuple({"url": u} for u in urls)

        def locate(loc: tuple[int | str, ...], key: bool) -> Span:
            col = entry.text_col if loc[:1] == ("text",) else entry.col
            return Span(self.path, entry.line, col)

        claim = self.claim(data, locate, entry.cid)
        if claim is None:
            return None
        self.spans.add(("claim", entry.cid), Span(self.path, entry.line, entry.col))
        self.spans.add(("claim", entry.cid, "text"), Span(self.path, entry.line, entry.text_col))
        return claim


def _text(entry: _Entry) -> str:
    """A claim's text: continuation lines joined, Markdown escapes undone."""
    return _ESCAPE.sub(r"\1", "\n".join(entry.lines).strip())


def read_kialo(text: str, path: str) -> LoadResult:
    """Read a Kialo discussion exported as text (``Export discussion`` -> ``.txt``).

    Args:
        text: The export.
        path: The path shown in diagnostics.

    Returns:
        The claims (ids from the outline numbers), their pro/con relations, and every problem
        found with its line and column.
    """
    reader = _Reader(path)
    reader.scan(text)
    return reader.result(*reader.build())
