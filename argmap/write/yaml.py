"""Writer for claim files in argmap's one canonical YAML layout (what `argmap fmt` produces).

The layout: the schema line, then ``map:`` (when the map has metadata), then ``claims:``
sorted by id, one blank line between claims; fields in model order with defaults
left out; ``tags``, ``supports``, ``attacks``, ``undercuts`` and compare pairs as flow lists.
A string is written plain when YAML reads it back as the same string, as a literal block
(``|``) when it spans lines, else single-quoted, and double-quoted (with escapes) when it
holds characters the other styles cannot carry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.model import ArgumentMap, Claim, MapMeta

__all__ = ["Comments", "render_claim_file", "render_yaml"]

AnchorPath = tuple[str | int, ...]
#: Lines longer than this are folded where the text allows.
WIDTH = 88
_FLOW_FIELDS = frozenset({"tags", "supports", "attacks", "undercuts", "theses"})
_RESOLVERS: Mapping[Any, list[tuple[str, re.Pattern[str]]]] = (
    yaml.SafeLoader.yaml_implicit_resolvers
)
# YAML's printable set (YAML 1.1, section 5.1), minus the line breaks NEL, LS and PS.
_UNPRINTABLE = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_PLAIN_START = re.compile(r"[A-Za-z0-9_(\u00a0-\U0010ffff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


@dataclass
class Comments:
    """Comments to place in a file, by the path of the line they belong to.

    Paths: ``("map",)``, ``("map", field)``, ``("map", "sources", i[, field])``,
    ``("map", "compare", i)``, ``("claims",)``, ``("claim", id[, field])``,
    ``("claim", id, "sources", i[, field])`` and ``("end",)`` for the file's end.
    """

    header: list[str] = field(default_factory=list)
    before: dict[AnchorPath, list[str]] = field(default_factory=dict)
    trailing: dict[AnchorPath, str] = field(default_factory=dict)


def _reads_as_string(value: str) -> bool:
    """Whether YAML's implicit resolvers leave this plain scalar a string."""
    resolvers = _RESOLVERS.get(value[0], []) + _RESOLVERS.get(None, [])
    return not any(rx.match(value) for tag, rx in resolvers if tag != "tag:yaml.org,2002:str")


def _plain_ok(value: str, *, flow: bool) -> bool:
    if not value or value != value.strip() or not _PLAIN_START.match(value):
        return False
    if _UNPRINTABLE.search(value) or "\n" in value or "\t" in value or "\ufeff" in value:
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and any(ch in value for ch in ",[]{}:#"):
        return False
    return _reads_as_string(value)


def _double_quoted(value: str) -> str:
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _UNPRINTABLE.match(ch) or ch == "\ufeff":
            code = ord(ch)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _inline(value: str, *, flow: bool = False) -> str:
    """A string on one line: plain, single-quoted or double-quoted."""
    if _plain_ok(value, flow=flow):
        return value
    if not _UNPRINTABLE.search(value) and not any(ch in value for ch in "\n\t\ufeff"):
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def _block(value: str) -> str | None:
    """The header of a literal block scalar for this string, or None when one cannot hold it."""
    if (
        "\n" not in value
        or not value.strip()
        or _UNPRINTABLE.search(value)
        or "\t" in value
        or "\ufeff" in value
    ):
        return None
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    if trailing > 1 or any(line != line.rstrip() for line in body.split("\n")):
        return None
    first = next(line for line in body.split("\n") if line)
    if first[0] == " ":
        return None
    return "|" if trailing else "|-"


def _fold(value: str, width: int) -> list[str]:
    """Lines of a folded block scalar (``>-``) broken greedily at single spaces; [] if none fits.

    YAML folds a line break between two lines into one space, so a break may replace
    only a single space between two non-space characters (YAML 1.1, section 9.2.3).
    """
    if (
        _UNPRINTABLE.search(value)
        or any(ch in value for ch in "\n\t\ufeff")
        or value != value.strip()
    ):
        return []
    breaks = [
        i for i, ch in enumerate(value) if ch == " " and value[i - 1] != " " and value[i + 1] != " "
    ]
    lines: list[str] = []
    start = 0
    for n, at in enumerate(breaks):
        following = breaks[n + 1] if n + 1 < len(breaks) else len(value)
        if following - start > width and at > start:
            lines.append(value[start:at])
            start = at + 1
    lines.append(value[start:])
    return lines


def _number(value: float) -> str:
    text = repr(float(value)).lower()
    # YAML 1.1 reads "1e-05" as a string: give the mantissa a dot, as PyYAML does.
    return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text


def _flow(items: Iterable[str]) -> str:
    return "[" + ", ".join(_inline(i, flow=True) for i in items) + "]"


class _Emitter:
    def __init__(self, comments: Comments) -> None:
        self.comments = comments
        self.lines: list[str] = []

    def line(self, path: AnchorPath | None, indent: int, text: str, *, lead: str = "") -> None:
        """One line of the file, with the comments that belong before and after it."""
        pad = " " * indent
        if path is not None:
            self.lines += [f"{pad}{c}" for c in self.comments.before.get(path, [])]
        tail = self.comments.trailing.get(path) if path is not None else None
        self.lines.append(f"{pad}{lead}{text}" + (f"  {tail}" if tail else ""))

    def scalar(
        self, path: AnchorPath, indent: int, key: str, value: str, *, lead: str = ""
    ) -> None:
        inner = indent + len(lead) + 2
        header = _block(value)
        if header is not None:
            body = value.rstrip("\n").split("\n")
        else:
            inline = f"{key}: {_inline(value)}"
            body = _fold(value, WIDTH - inner) if indent + len(lead) + len(inline) > WIDTH else []
            if len(body) < 2:
                self.line(path, indent, inline, lead=lead)
                return
            header = ">-"
        self.line(path, indent, f"{key}: {header}", lead=lead)
        self.lines += [f"{' ' * inner}{line}" if line else "" for line in body]

    def fields(
        self, path: AnchorPath, indent: int, data: Mapping[str, Any], *, first_lead: str = ""
    ) -> None:
        """A mapping's fields; the first line may carry a sequence dash (``- ``)."""
        lead = first_lead
        for key, value in data.items():
            here = (*path, key)
            if isinstance(value, str):
                self.scalar(here, indent, key, value, lead=lead)
            elif isinstance(value, float | int):
                self.line(here, indent, f"{key}: {_number(value)}", lead=lead)
            elif key in _FLOW_FIELDS:
                self.line(here, indent, f"{key}: {_flow(value)}", lead=lead)
            elif key == "compare":
                self.line(here, indent, f"{key}:", lead=lead)
                for i, pair in enumerate(value):
                    self.line((*here, i), indent + len(lead) + 2, f"- {_flow(pair)}")
            else:
                self.line(here, indent, f"{key}:", lead=lead)
                for i, item in enumerate(value):
                    self.item((*here, i), indent + len(lead) + 2, item)
            indent += len(lead)
            lead = ""

    def item(self, path: AnchorPath, indent: int, data: Mapping[str, Any]) -> None:
        """A block sequence item whose dash is at ``indent``; its comments go before the dash."""
        first = next(iter(data))
        before = self.comments.before.pop(path, []) + self.comments.before.get((*path, first), [])
        if before:
            self.comments.before[(*path, first)] = before
        self.fields(path, indent, data, first_lead="- ")


def _dump(model: MapMeta | Claim) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_defaults=True)


def render_claim_file(
    meta: MapMeta | None,
    claims: Sequence[Claim],
    *,
    comments: Comments | None = None,
    schema_line: str | None = None,
) -> str:
    """One claim file in the canonical layout.

    Args:
        meta: Map metadata to write under ``map:``; left out when None or empty.
        claims: The file's claims, written sorted by id.
        comments: Comments to keep (see ``Comments``); the header follows the schema line.
        schema_line: The first line of the file (see :func:`argmap.schema.schema_line`),
            or None for no schema line.
    """
    notes = comments or Comments()
    notes = Comments(
        list(notes.header), {k: list(v) for k, v in notes.before.items()}, dict(notes.trailing)
    )
    out = _Emitter(notes)
    out.lines += [*([schema_line] if schema_line else []), *notes.header]
    meta_data = _dump(meta) if meta is not None else {}
    if meta_data:
        out.line(("map",), 0, "map:")
        out.fields(("map",), 2, meta_data)
        out.lines.append("")
    ordered = sorted(claims, key=lambda c: c.id)
    if not ordered:
        out.line(("claims",), 0, "claims: []")
    else:
        out.line(("claims",), 0, "claims:")
    for n, claim in enumerate(ordered):
        if n:
            out.lines.append("")
        out.item(("claim", claim.id), 2, _dump(claim))
    out.lines += notes.before.get(("end",), [])
    return "\n".join(out.lines) + "\n"


def render_yaml(amap: ArgumentMap, *, schema_line: str | None = None) -> str:
    """The whole map as one claim file in the canonical layout.

    ``yaml.safe_load`` of the result, validated as a ``ClaimFile``, gives back the same
    metadata and claims. ``schema_line`` is its first line (None: no schema line).
    """
    return render_claim_file(amap.meta, amap.claims, schema_line=schema_line)
