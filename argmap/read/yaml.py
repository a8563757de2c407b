"""Reader for argmap's native YAML claim files: positions kept in a span index, problems as diagnostics."""

from __future__ import annotations

from typing import Any

import pydantic

from argmap.diagnostics import Diagnostic, Severity, Span, SpanIndex, did_you_mean, quote_id
from argmap.model import CLAIM_ID_RE, ArgumentMap, Claim, ClaimFile, MapMeta, SourceRef
from argmap.read.result import LoadResult
from argmap.read.yamlsafe import Node, parse_yaml

_TOP_FIELDS = tuple(ClaimFile.model_fields)
_CLAIM_FIELDS = tuple(Claim.model_fields)
_REF_FIELDS = tuple(SourceRef.model_fields)
_LIST_FIELDS = ("supports", "attacks", "undercuts", "tags", "sources")


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.spans = SpanIndex()
        self.diagnostics: list[Diagnostic] = []
        self.broken: set[str] = set()

    def error(self, node: Node | None, code: str, message: str, *, key: bool = False) -> None:
        if node is None:
            span = Span(self.path)
        elif key and node.key_line:
            span = Span(self.path, node.key_line, node.key_col)
        else:
            span = Span(self.path, node.line, node.col)
        self.diagnostics.append(Diagnostic(span, Severity.ERROR, code, message))

    def read(self, root: Node | None) -> tuple[MapMeta | None, list[Claim]]:
        self.spans.add(("file", self.path), Span(self.path))
        if root is None:
            return None, []
        if not isinstance(root.value, dict):
            self.error(
                root,
                "invalid-type",
                "a claim file must be a mapping with 'claims:' (and optionally 'map:')",
            )
            return None, []
        for key, node in root.value.items():
            if key not in _TOP_FIELDS:
                hint = did_you_mean(key, _TOP_FIELDS)
                self.error(
                    node,
                    "unknown-field",
                    f"unknown top-level field {quote_id(key)}{hint}",
                    key=True,
                )
        meta = self.read_meta(root.value.get("map"))
        claims_node = root.value.get("claims")
        claims: list[Claim] = []
        if claims_node is None or claims_node.value is None:
            return meta, claims
        if not isinstance(claims_node.value, list):
            self.error(claims_node, "invalid-type", "'claims' must be a list of claims")
            return meta, claims
        seen: dict[str, Node] = {}
        for item in claims_node.value:
            claim = self.read_claim(item, seen)
            if claim is not None:
                claims.append(claim)
        return meta, claims

    def read_meta(self, node: Node | None) -> MapMeta | None:
        if node is None or node.value is None:
            return None
        self.spans.add(
            ("map",), Span(self.path, node.key_line or node.line, node.key_col or node.col)
        )
        if isinstance(node.value, dict):
            for key, child in node.value.items():
                self.spans.add(("map", key), Span(self.path, child.line, child.col))
                if isinstance(child.value, list):
                    for i, item in enumerate(child.value):
                        self.spans.add(("map", key, i), Span(self.path, item.line, item.col))
            sources = node.value.get("sources")
            if sources is not None and isinstance(sources.value, list):
                for src in sources.value:
                    if isinstance(src.value, dict) and isinstance(
                        getattr(src.value.get("id"), "value", None), str
                    ):
                        self.spans.add(
                            ("source", src.value["id"].value), Span(self.path, src.line, src.col)
                        )
        try:
            return MapMeta.model_validate(node.plain())
        except pydantic.ValidationError as exc:
            self.report(exc, node, "map")
            return None

    def read_claim(self, node: Node, seen: dict[str, Node]) -> Claim | None:
        if not isinstance(node.value, dict):
            self.error(
                node, "invalid-type", "each claim must be a mapping with at least 'id' and 'text'"
            )
            return None
        fields: dict[str, Node] = node.value
        id_node = fields.get("id")
        cid = id_node.value if id_node is not None and isinstance(id_node.value, str) else None
        if cid is None:
            self.error(node, "missing-field", "claim has no 'id'")
        elif not CLAIM_ID_RE.match(cid):
            self.error(
                id_node,
                "malformed-id",
                f"malformed id {quote_id(cid)}: expected lowercase ASCII letters, digits and single '-'"
                f"{_id_hint(cid)}",
            )
        if cid is not None and cid in seen:
            first = seen[cid]
            self.error(
                id_node,
                "duplicate-id",
                f"duplicate id {quote_id(cid)} (first defined at {self.path}:{first.line}:{first.col})",
            )
            return None
        if cid is not None:
            seen[cid] = node
            self.record_spans(cid, node)
        try:
            return Claim.model_validate(node.plain())
        except pydantic.ValidationError as exc:
            self.report(exc, node, cid)
            if cid is not None:
                self.broken.add(cid)
            return None

    def record_spans(self, cid: str, node: Node) -> None:
        self.spans.add(("claim", cid), Span(self.path, node.line, node.col))
        for key, child in node.value.items():
            self.spans.add(("claim", cid, key), Span(self.path, child.line, child.col))
            if key in _LIST_FIELDS and isinstance(child.value, list):
                for i, item in enumerate(child.value):
                    self.spans.add(("claim", cid, key, i), Span(self.path, item.line, item.col))
                    if key == "sources" and isinstance(item.value, dict):
                        for rk, rv in item.value.items():
                            self.spans.add(
                                ("claim", cid, key, i, rk), Span(self.path, rv.line, rv.col)
                            )

    def report(self, exc: pydantic.ValidationError, node: Node, owner: str | None) -> None:
        """Pydantic errors as diagnostics at the offending value's position."""
        what = (
            f"claim {quote_id(owner)}"
            if owner and owner != "map"
            else ("map metadata" if owner else "claim")
        )
        for err in exc.errors():
            loc = err["loc"]
            target = _locate(node, loc)
            field = ".".join(str(p) for p in loc)
            etype = err["type"]
            if etype == "extra_forbidden":
                parent_fields = _fields_for(loc)
                hint = did_you_mean(str(loc[-1]), parent_fields)
                self.error(
                    target,
                    "unknown-field",
                    f"unknown field {quote_id(loc[-1])} in {what}{hint}",
                    key=True,
                )
            elif etype == "missing":
                self.error(target, "missing-field", f"{what} has no {quote_id(loc[-1])}")
            elif (
                loc
                and loc[-1] in ("text", "label")
                and (etype in ("string_too_short", "value_error") or err.get("input") is None)
            ):
                self.error(target, "empty-text", f"{what} has an empty {loc[-1]}")
            elif etype == "enum":
                expected = err.get("ctx", {}).get("expected", "")
                self.error(
                    target,
                    "invalid-value",
                    f"{field} of {what} must be {expected}, not {_shown(err)}",
                )
            elif etype == "string_pattern_mismatch" and loc and loc[-1] == "id":
                self.error(target, "malformed-id", f"malformed id {_shown(err)} in {what}")
            elif etype == "value_error":
                msg = str(err["msg"]).removeprefix("Value error, ")
                self.error(target, "invalid-value", f"{field} of {what}: {msg}")
            else:
                code = "invalid-type" if etype.endswith(("_type", "_parsing")) else "invalid-value"
                msg = str(err["msg"]).replace("a valid tuple", "a list")
                self.error(
                    target,
                    code,
                    f"{field} of {what}: {msg[0].lower()}{msg[1:]}, found {_shown(err)}",
                )


def _fields_for(loc: tuple[int | str, ...]) -> tuple[str, ...]:
    if len(loc) >= 3 and loc[0] == "sources":
        return _REF_FIELDS
    if len(loc) == 1:
        return _CLAIM_FIELDS
    return tuple(MapMeta.model_fields)


def _locate(node: Node, loc: tuple[int | str, ...]) -> Node:
    """The deepest node a pydantic error location reaches."""
    current = node
    for part in loc:
        value = current.value
        if isinstance(value, dict) and isinstance(part, str) and part in value:
            current = value[part]
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            current = value[part]
        else:
            break
    return current


def _shown(err: Any) -> str:
    value = err.get("input")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return quote_id(value)


def _id_hint(cid: str) -> str:
    slug = "-".join(
        part
        for part in "".join(c if c.isalnum() and c.isascii() else "-" for c in cid.lower()).split(
            "-"
        )
        if part
    )
    return f" (did you mean '{slug}'?)" if slug and slug != cid else ""


def read_yaml(text: str, path: str) -> LoadResult:
    """Read one claim file.

    Args:
        text: The file's content.
        path: The path shown in diagnostics.

    Returns:
        The claims that could be read, their spans, and every problem found. Claims that
        failed validation are left out of the map, each with an error diagnostic.
    """
    parsed = parse_yaml(text, path)
    reader = _Reader(path)
    meta, claims = reader.read(parsed.root)
    amap = ArgumentMap(meta=meta or MapMeta(), claims=tuple(claims))
    diagnostics = parsed.diagnostics + reader.diagnostics
    return LoadResult(amap, reader.spans, diagnostics, broken_ids=reader.broken)
