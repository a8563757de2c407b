"""Reader for argmap's native YAML claim files: positions kept in a span index, problems as diagnostics."""

from __future__ import annotations

import re

from argmap.diagnostics import Span, did_you_mean, id_hint, quote_id
from argmap.model import CLAIM_ID_RE, MAX_ID_LENGTH, Claim, ClaimFile, MapMeta
from argmap.read.carneades import sniff_carneades
from argmap.read.collect import Collector, Locate, written_ids
from argmap.read.result import LoadResult
from argmap.read.yamlsafe import Node, node_span, parse_yaml

_TOP_FIELDS = tuple(ClaimFile.model_fields)
_LIST_FIELDS = ("supports", "attacks", "undercuts", "tags", "sources")


class _Reader(Collector):
    def node_span(self, node: Node | None, *, key: bool = False) -> Span:
        return node_span(self.path, node, key=key)

    def at(self, node: Node | None, code: str, message: str, *, key: bool = False) -> None:
        self.error(self.node_span(node, key=key), code, message)

    def locator(self, node: Node) -> Locate:
        def locate(loc: tuple[int | str, ...], key: bool) -> Span:
            return self.node_span(_locate(node, loc), key=key)

        return locate

    def read(self, root: Node | None) -> tuple[MapMeta | None, list[Claim]]:
        if root is None or root.value is None:  # an empty document, as the schema says
            return None, []
        if not isinstance(root.value, dict):
            self.at(
                root,
                "invalid-type",
                "a claim file must be a mapping with 'claims:' (and optionally 'map:')",
            )
            return None, []
        if sniff_carneades(root):
            key, node = next(iter(root.value.items()))
            message = "the file looks like a Carneades 4 argument graph, not a claim file: read it with --from carneades"
            self.at(
                node,
                "unknown-field",
                f"unknown top-level field {quote_id(key)}: {message}",
                key=True,
            )
            return None, []
        for key, node in root.value.items():
            if key not in _TOP_FIELDS:
                hint = did_you_mean(key, _TOP_FIELDS)
                self.at(
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
            self.at(claims_node, "invalid-type", "'claims' must be a list of claims")
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
        return self.meta(node.plain(), self.locator(node))

    def read_claim(self, node: Node, seen: dict[str, Node]) -> Claim | None:
        if not isinstance(node.value, dict):
            self.at(
                node, "invalid-type", "each claim must be a mapping with at least 'id' and 'text'"
            )
            return None
        fields: dict[str, Node] = node.value
        id_node = fields.get("id")
        cid = id_node.value if id_node is not None and isinstance(id_node.value, str) else None
        judged = False  # the id broke the claim files' own rule, reported here
        if id_node is None:
            self.at(node, "missing-field", "claim has no 'id'")
        elif cid is not None and (len(cid) > MAX_ID_LENGTH or not CLAIM_ID_RE.match(cid)):
            judged = True
            self.at(
                id_node,
                "malformed-id",
                f"malformed id {quote_id(cid)}: expected up to {MAX_ID_LENGTH} lowercase ASCII letters, "
                "digits and single '-'"
                f"{id_hint(cid)}",
            )
        if cid is not None and cid in seen:
            first = seen[cid]
            self.at(
                id_node,
                "duplicate-id",
                f"duplicate id {quote_id(cid)} (first defined at {self.path}:{first.line}:{first.col})",
            )
            return None
        if cid is not None:
            seen[cid] = node
            self.record_spans(cid, node)
        return self.claim(node.plain(), self.locator(node), cid, id_judged=judged)

    def record_spans(self, cid: str, node: Node) -> None:
        # About ten spans a claim: each made by tuple's own constructor (a Span is a named
        # tuple) and stored by one bound method, no Python-level call per span.
        path = self.path
        add = self.spans.spans.setdefault
        span = tuple.__new__
        add(("claim", cid), span(Span, (path, node.line, node.col)))
        for key, child in node.value.items():
            add(("claim", cid, key), span(Span, (path, child.line, child.col)))
            if key in _LIST_FIELDS and isinstance(child.value, list):
                for i, item in enumerate(child.value):
                    add(("claim", cid, key, i), span(Span, (path, item.line, item.col)))
                    if key == "sources" and isinstance(item.value, dict):
                        for rk, rv in item.value.items():
                            add(("claim", cid, key, i, rk), span(Span, (path, rv.line, rv.col)))


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


#: The characters YAML 1.1 reads as line breaks, and YAML 1.2 and editors as text.
_YAML11_BREAK = re.compile("[\u0085\u2028\u2029]")
_BREAK_NAMES = {0x85: "NEXT LINE", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR"}


def read_yaml(text: str, path: str) -> LoadResult:
    """Read one claim file.

    Args:
        text: The file's content.
        path: The path shown in diagnostics.

    Returns:
        The claims that could be read, their spans, and every problem found. Claims that
        failed validation are left out of the map, each with an error diagnostic.
    """
    reader = _Reader(path)
    found = _YAML11_BREAK.search(text)
    if found is not None:
        # PyYAML (YAML 1.1) ends a line at these; editors and YAML 1.2 do not, so a comment
        # would hide data behind one and every later position would be a line off.
        at = found.start()
        line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        code = ord(found.group())
        reader.error(
            Span(path, line, col),
            "line-separator",
            f"U+{code:04X} ({_BREAK_NAMES[code]}) ends a line for argmap's YAML reader but "
            f"not in an editor: remove it, or write it as \\u{code:04x} in a double-quoted string",
        )
        reader.broken |= written_ids(text)
        return reader.result(None, [])
    parsed = parse_yaml(text, path)
    reader.diagnostics += parsed.diagnostics
    if parsed.root is None and parsed.diagnostics:
        reader.broken |= written_ids(text)
    meta, claims = reader.read(parsed.root)
    return reader.result(meta, claims)
