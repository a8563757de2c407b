"""Reader for argmap JSON documents, and the position-keeping JSON parsing the AIF reader shares."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Diagnostic, Severity, Span, did_you_mean, quote_id
from argmap.model import Claim, MapMeta
from argmap.read.collect import Collector, Locate, failed
from argmap.read.result import LoadResult

__all__ = ["FORMAT_VERSION", "JsonDocument", "parse_json", "read_json", "sniff_json"]

#: The value of the ``"argmap"`` marker in the documents this version reads and writes.
FORMAT_VERSION = "1"
_TOP_KEYS = ("argmap", "map", "claims", "evaluation")
_WS = re.compile(r"[ \t\n\r]*")
_WS_CHARS = frozenset(" \t\n\r")
_SNIFF_KEY = re.compile(r'"(AIF|nodes|edges|argmap|claims)"\s*:')
_SCALAR = re.compile(r"[^\s,\]}]+")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)

JsonPath = tuple[str | int, ...]
#: Nesting and number length beyond these are refused before Python's own limits are hit.
MAX_DEPTH = 64
MAX_DIGITS = 400
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')


@dataclass
class JsonDocument:
    """A parsed JSON value with the offset where each member or element starts.

    Object members are located at their key, array elements at their value, so a
    diagnostic points where an editor user expects it.
    """

    value: Any
    path: str
    text: str
    offsets: dict[JsonPath, int]
    duplicates: list[tuple[JsonPath, int]] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def span(self, *where: str | int) -> Span:
        """The position of the deepest known prefix of a path (the file start when none)."""
        key: JsonPath = tuple(where)
        while key and key not in self.offsets:
            key = key[:-1]
        return self.span_at(self.offsets.get(key, 0))

    def span_at(self, offset: int) -> Span:
        """A character offset as a 1-based line and column."""
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect_right(self._line_starts, offset)
        return Span(self.path, line, offset - self._line_starts[line - 1] + 1)


def _skip(pattern: re.Pattern[str], text: str, i: int) -> int:
    """The end of the match at ``i`` (the text is valid JSON, so there is one)."""
    match = pattern.match(text, i)
    assert match is not None
    return match.end()


def _skip_ws(text: str, i: int) -> int:
    """The end of the whitespace at ``i``; most tokens have none before them."""
    return _skip(_WS, text, i) if text[i : i + 1] in _WS_CHARS else i


def _offsets(text: str) -> tuple[dict[JsonPath, int], list[tuple[JsonPath, int]]]:
    """Where every member and element of an already valid JSON text starts (no recursion)."""
    offsets: dict[JsonPath, int] = {}
    duplicates: list[tuple[JsonPath, int]] = []
    # Each frame: the container's path, whether it is an object, and the next array index.
    frames: list[list[Any]] = []
    i = _skip(_WS, text, 0)
    path: JsonPath = ()
    offsets[path] = i

    def member(i: int) -> tuple[int, JsonPath]:
        frame = frames[-1]
        if not frame[1]:
            child: JsonPath = (*frame[0], frame[2])
            frame[2] += 1
            offsets[child] = i
            return i, child
        end = _skip(_STRING, text, i)
        key = text[i + 1 : end - 1]
        child = (*frame[0], json.loads(text[i:end]) if "\\" in key else key)
        if child in offsets:
            duplicates.append((child, i))
        else:
            offsets[child] = i
        colon = _skip_ws(text, end)
        return _skip_ws(text, colon + 1), child

    while True:
        ch = text[i]
        if ch in "{[":
            i = _skip_ws(text, i + 1)
            if text[i] not in "}]":
                frames.append([path, ch == "{", 0])
                i, path = member(i)
                continue
            i += 1
        else:
            i = _skip(_STRING if ch == '"' else _SCALAR, text, i)
        i = _skip_ws(text, i)
        while frames:
            if text[i] == ",":
                i, path = member(_skip_ws(text, i + 1))
                break
            frames.pop()
            i = _skip_ws(text, i + 1)
        else:
            return offsets, duplicates


def _lone_surrogate(value: Any, where: JsonPath) -> JsonPath | None:
    """The path of the first string holding a lone surrogate (it cannot be written as UTF-8)."""
    stack: list[tuple[Any, JsonPath]] = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return at
        elif isinstance(item, dict):
            stack += [(v, (*at, k)) for k, v in item.items()]
            stack += [(k, (*at, k)) for k in item]
        elif isinstance(item, list):
            stack += [(v, (*at, i)) for i, v in enumerate(item)]
    return None


class _LongNumber(Exception):
    def __init__(self, digits: str) -> None:
        self.digits = digits


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _LongNumber(digits)
    return int(digits)


def _too_deep(text: str) -> int | None:
    """The offset where nesting first goes deeper than ``MAX_DEPTH``, or None."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _NESTING.finditer(text):
        ch = match.group()
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif ch in "]}":
            depth -= 1
    return None


def _span_at(text: str, path: str, offset: int) -> Span:
    offset = max(offset, 0)
    line = text.count("\n", 0, offset) + 1
    return Span(path, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def parse_json(text: str, path: str, prefix: str) -> tuple[JsonDocument | None, list[Diagnostic]]:
    """Parse JSON keeping positions; problems come back as diagnostics, never raised.

    Args:
        text: The document.
        path: The path shown in diagnostics.
        prefix: The code prefix of the format (``json``, ``aif``): codes are ``<prefix>-syntax``
            and ``<prefix>-duplicate-key``.
    """
    deep = _too_deep(text)
    if deep is not None:
        message = f"JSON nested too deeply (more than {MAX_DEPTH} levels)"
        return None, [Diagnostic(_span_at(text, path, deep), Severity.ERROR, "too-deep", message)]
    try:
        value = json.loads(text, parse_int=_parse_int)
    except _LongNumber as exc:
        at = text.find(exc.digits)
        message = f"number with {len(exc.digits.lstrip('-')):,} digits is too long (the limit is {MAX_DIGITS} digits)"
        return None, [Diagnostic(_span_at(text, path, at), Severity.ERROR, "too-large", message)]
    except json.JSONDecodeError as exc:
        message = exc.msg[0].lower() + exc.msg[1:]
        return None, [
            Diagnostic(
                Span(path, exc.lineno, exc.colno), Severity.ERROR, f"{prefix}-syntax", message
            )
        ]
    except RecursionError:
        message = "JSON nested too deeply to read"
        return None, [Diagnostic(Span(path), Severity.ERROR, f"{prefix}-syntax", message)]
    offsets, duplicates = _offsets(text)
    doc = JsonDocument(value, path, text, offsets, duplicates)
    diags = [
        Diagnostic(
            doc.span_at(at),
            Severity.ERROR,
            f"{prefix}-duplicate-key",
            f"duplicate key {quote_id(where[-1])} (first at {doc.span(*where)}); JSON readers keep "
            "only the last",
        )
        for where, at in duplicates
    ]
    # Only an escape can put a surrogate in a string (the text itself is valid UTF-8).
    bad = _lone_surrogate(value, ()) if _SURROGATE_ESCAPE.search(text) else None
    if bad is not None:
        message = "string holds an unpaired UTF-16 surrogate escape, which is not text"
        diags.append(Diagnostic(doc.span(*bad), Severity.ERROR, f"{prefix}-syntax", message))
        return None, diags
    return doc, diags


def sniff_json(text: str) -> str:
    """Which JSON format a document is: ``"aif"`` or ``"argmap-json"``.

    AIF documents have ``nodes``/``edges`` at the top or an ``AIF`` wrapper (OVA, xAIF);
    argmap JSON has ``argmap`` or ``claims``. A document that does not parse is judged by
    the first of these keys it names, so its syntax error is reported by the right reader.
    """
    try:
        # Numbers are not needed to tell the formats apart: none is converted.
        value = (
            json.loads(text, parse_int=len, parse_float=len) if _too_deep(text) is None else None
        )
    except (ValueError, RecursionError):
        first = _SNIFF_KEY.search(text)
        return (
            "aif"
            if first is not None and first.group(1) in ("AIF", "nodes", "edges")
            else "argmap-json"
        )
    if not isinstance(value, dict) or "argmap" in value or "claims" in value:
        return "argmap-json"
    if "AIF" in value or "nodes" in value or "edges" in value:
        return "aif"
    return "argmap-json"


class _Reader(Collector):
    def __init__(self, doc: JsonDocument) -> None:
        super().__init__(doc.path)
        self.doc = doc

    def at(self, where: JsonPath, code: str, message: str) -> None:
        self.error(self.doc.span(*where), code, message)

    def locator(self, where: JsonPath) -> Locate:
        def locate(loc: tuple[int | str, ...], key: bool) -> Span:
            return self.doc.span(*where, *loc)

        return locate

    def read(self) -> tuple[MapMeta | None, list[Claim]]:
        top = self.doc.value
        if not isinstance(top, dict):
            self.at(
                (),
                "invalid-type",
                "an argmap JSON document must be an object with 'argmap' and 'claims'",
            )
            return None, []
        for key in top:
            if key not in _TOP_KEYS:
                self.at(
                    (key,),
                    "unknown-field",
                    f"unknown top-level field {quote_id(key)}{did_you_mean(key, _TOP_KEYS)}",
                )
        marker = top.get("argmap", FORMAT_VERSION)
        if marker != FORMAT_VERSION:
            self.at(
                ("argmap",),
                "json-version",
                f"unsupported argmap JSON version {quote_id(marker)}: this argmap reads version "
                f"'{FORMAT_VERSION}'",
            )
            return None, []
        if "evaluation" in top and not isinstance(top["evaluation"], dict):
            self.at(("evaluation",), "invalid-type", "'evaluation' must be an object")
        meta = self.read_meta(top.get("map"))
        claims = self.read_claims(top.get("claims"))
        return meta, claims

    def read_meta(self, value: Any) -> MapMeta | None:
        if value is None:
            return None
        self.spans.add(("map",), self.doc.span("map"))
        if isinstance(value, dict) and isinstance(value.get("sources"), list):
            for i, src in enumerate(value["sources"]):
                if isinstance(src, dict) and isinstance(src.get("id"), str):
                    self.spans.add(("source", src["id"]), self.doc.span("map", "sources", i))
        return self.meta(value, self.locator(("map",)))

    def read_claims(self, value: Any) -> list[Claim]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.at(("claims",), "invalid-type", "'claims' must be a list of claims")
            return []
        claims: dict[str, Claim] = {}
        for i, item in enumerate(value):
            where: JsonPath = ("claims", i)
            cid = item.get("id") if isinstance(item, dict) else None
            if isinstance(cid, str) and cid in claims:
                first = self.spans.get("claim", cid)
                self.at(
                    (*where, "id"),
                    "duplicate-id",
                    f"duplicate id {quote_id(cid)} (first defined at {first})",
                )
                continue
            claim = self.claim(item, self.locator(where), cid if isinstance(cid, str) else None)
            if claim is None:
                continue
            claims[claim.id] = claim
            self.record_spans(claim, where, item)
        return list(claims.values())

    def record_spans(self, claim: Claim, where: JsonPath, item: dict[str, Any]) -> None:
        span = self.doc.span
        self.spans.add(("claim", claim.id), span(*where))
        for key, val in item.items():
            self.spans.add(("claim", claim.id, key), span(*where, key))
            if isinstance(val, list):
                for j, ref in enumerate(val):
                    self.spans.add(("claim", claim.id, key, j), span(*where, key, j))
                    if key == "sources" and isinstance(ref, dict):
                        for rk in ref:
                            self.spans.add(
                                ("claim", claim.id, key, j, rk), span(*where, key, j, rk)
                            )


def read_json(text: str, path: str) -> LoadResult:
    """Read an argmap JSON document (see docs/formats/argmap-json.md).

    An ``evaluation`` member is accepted and not read back: argmap recomputes it.

    Args:
        text: The document.
        path: The path shown in diagnostics.

    Returns:
        The claims that could be read, their spans and every problem found.
    """
    doc, diags = parse_json(text, path, "json")
    if doc is None:
        return failed(path, diags, text)
    reader = _Reader(doc)
    reader.diagnostics += diags
    meta, claims = reader.read()
    return reader.result(meta, claims)
