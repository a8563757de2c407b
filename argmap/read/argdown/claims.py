"""Argdown model nodes to argmap claim fields: ids, kinds, texts, tags, sources, relations. No I/O.

The rules are described in :mod:`argmap.read.argdown`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Severity, Span
from argmap.model import MODEL_ID_RE, ClaimKind, ProofStandard, SourceRef
from argmap.read.argdown.citations import NamedSources, citations
from argmap.read.argdown.include import SourceMap
from argmap.read.argdown.model import ArgdownModel, Member, Node, NodeKey, Section
from argmap.read.argdown.names import slugify, to_tag
from argmap.read.argdown.problem import Problem

_FIELD_KEYS = frozenset({"id", "kind", "text", "label", "weight", "standard", "sources"})
_KNOWN_KEYS = _FIELD_KEYS | {"isCanonical", "isInGroup", "isInMap"}
_KIND_TAGS = {
    "thesis": ClaimKind.THESIS,
    "evidence": ClaimKind.EVIDENCE,
    "forecast": ClaimKind.FORECAST,
    "question": ClaimKind.QUESTION,
}
_STATEMENT_KINDS = {k.value: k for k in ClaimKind if k is not ClaimKind.ARGUMENT}
#: A link with a scheme (RFC 3986, section 3.1) is a citation; others stay text.


@dataclass
class ClaimDraft:
    """The fields of one claim, where it was written, and where each relation was written."""

    fields: dict[str, Any]
    span: Span
    #: Offset of the same place in the combined text.
    offset: int = 0
    relation_spans: dict[str, list[Span]] = field(default_factory=dict)


class _Converter:
    def __init__(
        self, model: ArgdownModel, smap: SourceMap, problems: list[Problem], named: NamedSources
    ) -> None:
        self.model = model
        self.smap = smap
        self.problems = problems
        self.named = named
        self.ids: dict[NodeKey, str] = {}
        self.drafts: dict[NodeKey, ClaimDraft] = {}

    def note(self, offset: int, severity: Severity, code: str, message: str) -> None:
        self.problems.append(Problem(offset, severity, code, message))

    def span(self, member: Member) -> Span:
        return self.smap.span(member.token.offset)

    def key_at(self, node: Node, key: str) -> int:
        """The offset of the data block that sets ``key`` (the last one wins)."""
        for member in reversed(node.members):
            if member.data and key in member.data and member.data_token is not None:
                return member.data_token.offset
        return self.home(node).token.offset

    @staticmethod
    def name(node: Node) -> str:
        if node.untitled:
            return "untitled statement" if node.kind == "statement" else "untitled argument"
        return f"[{node.title}]" if node.kind == "statement" else f"<{node.title}>"

    def home(self, node: Node) -> Member:
        defined = next((m for m in node.members if not m.is_reference), None)
        return node.canonical() or defined or (node.members or [e.member for e in node.pcs])[0]

    # -- ids -----------------------------------------------------------------------------------

    def assign_ids(self) -> None:
        used: set[str] = set()
        for key, node in self.model.nodes.items():
            wanted = node.data().get("id")
            if wanted is None:
                continue
            where = self.key_at(node, "id")
            if not isinstance(wanted, str) or not MODEL_ID_RE.match(wanted):
                self.note(
                    where,
                    Severity.ERROR,
                    "argdown-data",
                    f"{self.name(node)}: id {wanted!r} is not a valid claim id",
                )
            elif wanted in used:
                self.note(
                    where,
                    Severity.ERROR,
                    "argdown-duplicate-id",
                    f"{self.name(node)}: id '{wanted}' is already taken",
                )
            else:
                self.ids[key] = wanted
                used.add(wanted)
        fallback = {"statement": 0, "argument": 0}
        for key, node in self.model.nodes.items():
            if key in self.ids:
                continue
            base = slugify(node.title) if not node.untitled else slugify(self.raw_text(node) or "")
            if not base:
                fallback[node.kind] += 1
                base = f"{node.kind[0]}-{fallback[node.kind]}"
            candidate, n = base, 1
            while candidate in used:
                n += 1
                candidate = f"{base}-{n}"
            self.ids[key] = candidate
            used.add(candidate)

    # -- fields --------------------------------------------------------------------------------

    @staticmethod
    def raw_text(node: Node) -> str | None:
        member = node.canonical()
        return member.text.strip(" \t") if member is not None and member.text else None

    def text(self, node: Node, data: dict[str, Any]) -> str:
        given = data.get("text")
        if isinstance(given, str) and given:
            return given
        if given is not None and given != "":
            message = (
                f"{self.name(node)}: data 'text' {given!r} is not text; the written text is kept"
            )
            self.note(self.key_at(node, "text"), Severity.WARNING, "argdown-data", message)
        text = self.raw_text(node)
        if text:
            self.report_other_texts(node, text)
            return text
        if not node.untitled:
            what = "statement" if node.kind == "statement" else "argument"
            self.note(
                self.home(node).token.offset,
                Severity.INFO,
                "argdown-undefined",
                f"{what} {self.name(node)} has no text; its title stands for its text",
            )
            if node.title.strip():
                return node.title
        if node.kind == "argument" and node.pcs:
            # An untitled argument is known by its conclusion.
            conclusion = self.model.nodes[("statement", node.pcs[-1].title)]
            title = "" if conclusion.untitled else conclusion.title.strip()
            text = self.raw_text(conclusion) or title
            if text:
                return text
        tags = [name for m in node.members if m.content for name, _ in m.content.tags]
        shown = " ".join(f"#{t}" for t in tags) or node.kind
        self.note(
            self.home(node).token.offset,
            Severity.WARNING,
            "argdown-empty",
            f"an untitled {node.kind} with no text: kept, with {shown!r} for its text",
        )
        return shown

    def report_other_texts(self, node: Node, text: str) -> None:
        canonical = node.canonical()
        assert canonical is not None
        line = self.span(canonical).line
        for member in node.members:
            other = member.text.strip(" \t") if member.text else ""
            if member is not canonical and other and other != text:
                self.note(
                    member.token.offset,
                    Severity.INFO,
                    "argdown-equivalent-text",
                    f"{self.name(node)} has another text here; argmap keeps the one on line {line}",
                )

    def kind(self, node: Node, data: dict[str, Any], tags: list[str]) -> ClaimKind:
        wanted = data.get("kind")
        where = self.key_at(node, "kind")
        if node.kind == "argument":
            if wanted not in (None, "argument"):
                self.note(
                    where,
                    Severity.WARNING,
                    "argdown-data",
                    f"{self.name(node)}: an argument is of kind 'argument', not {wanted!r}",
                )
            return ClaimKind.ARGUMENT
        if wanted is not None:
            if isinstance(wanted, str) and wanted in _STATEMENT_KINDS:
                return _STATEMENT_KINDS[wanted]
            self.note(
                where,
                Severity.WARNING,
                "argdown-data",
                f"{self.name(node)}: kind {wanted!r} is not one of {', '.join(_STATEMENT_KINDS)}",
            )
        for tag in tags:
            if tag in _KIND_TAGS:
                return _KIND_TAGS[tag]
        return ClaimKind.CLAIM

    def tags(self, node: Node) -> list[str]:
        tags: list[str] = []
        for member in node.members:
            for name, token in member.content.tags if member.content else []:
                tag = to_tag(name)
                where = token.offset
                if tag is None:
                    self.note(
                        where,
                        Severity.WARNING,
                        "argdown-tag",
                        f"tag '{name}' has no letters or digits argmap can keep; dropped",
                    )
                    continue
                if tag != name:
                    self.note(where, Severity.INFO, "argdown-tag", f"tag '{name}' kept as '{tag}'")
                if tag not in tags:
                    tags.append(tag)
        group = self.group_tag(node.section)
        if group and group not in tags:
            tags.append(group)
        return tags

    def group_tag(self, section: Section | None) -> str | None:
        if section is None or (section.data and section.data.get("isGroup") is False):
            return None
        return slugify(section.title, 64) or None

    def sources(self, node: Node, data: dict[str, Any]) -> list[SourceRef]:
        links = [
            (url, token.offset)
            for member in node.members
            for _text, url, token in (member.content.links if member.content else [])
        ]
        where = self.key_at(node, "sources")
        return citations(data.get("sources"), links, self.name(node), where, self.note, self.named)

    def weight(self, node: Node, data: dict[str, Any]) -> float | None:
        value = data.get("weight")
        where = self.key_at(node, "weight")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            self.note(
                where,
                Severity.ERROR,
                "argdown-data",
                f"{self.name(node)}: weight {value!r} is not a number in [0, 1]",
            )
            return None
        return float(value)

    def standard(self, node: Node, data: dict[str, Any]) -> ProofStandard | None:
        value = data.get("standard")
        if value is None:
            return None
        try:
            return ProofStandard(value)
        except ValueError:
            allowed = ", ".join(s.value for s in ProofStandard)
            self.note(
                self.key_at(node, "standard"),
                Severity.ERROR,
                "argdown-data",
                f"{self.name(node)}: standard {value!r} is not one of {allowed}",
            )
            return None

    def label(self, node: Node, data: dict[str, Any]) -> str | None:
        where = self.key_at(node, "label")
        if "label" in data:
            value = data["label"]
            if value is None or isinstance(value, str):
                return value
            self.note(
                where,
                Severity.ERROR,
                "argdown-data",
                f"{self.name(node)}: label {value!r} is not text",
            )
        if node.untitled:
            return None
        # argmap's writer titles a claim without a label by its id (``claim <id>`` where an
        # id cannot be a title): such a title is no label.
        own = data.get("id")
        if isinstance(own, str) and node.title in (own, f"claim {own}"):
            return None
        return node.title

    def report_data(self, node: Node) -> None:
        for member in node.members:
            unknown = sorted(k for k in (member.data or {}) if k not in _KNOWN_KEYS)
            if unknown and member.data_token is not None:
                names = ", ".join(f"'{k}'" for k in unknown)
                self.note(
                    member.data_token.offset,
                    Severity.INFO,
                    "argdown-data-ignored",
                    f"{self.name(node)}: data {names} not kept: argmap has no place for it",
                )

    def draft(self, key: NodeKey, node: Node) -> ClaimDraft:
        data = node.data()
        where = self.span(self.home(node))
        self.report_data(node)
        tags = self.tags(node)
        fields: dict[str, Any] = {
            "id": self.ids[key],
            "kind": self.kind(node, data, tags),
            "text": self.text(node, data),
            "label": self.label(node, data),
            "tags": tuple(tags),
            "sources": tuple(self.sources(node, data)),
            "weight": self.weight(node, data),
            "standard": self.standard(node, data),
            "supports": [],
            "attacks": [],
            "undercuts": [],
        }
        return ClaimDraft(fields, where, self.home(node).token.offset)

    # -- relations -----------------------------------------------------------------------------

    def relate(self, source: NodeKey, kind: str, target: NodeKey, where: Span) -> None:
        draft = self.drafts[source]
        targets: list[str] = draft.fields[kind]
        target_id = self.ids[target]
        if target_id not in targets:
            targets.append(target_id)
            draft.relation_spans.setdefault(kind, []).append(where)

    def relations(self) -> None:
        for rel in self.model.relations:
            where = self.smap.span(rel.token.offset)
            if rel.type in ("support", "entails"):
                self.relate(rel.source, "supports", rel.target, where)
            elif rel.type == "attack":
                self.relate(rel.source, "attacks", rel.target, where)
            elif rel.type == "undercut":
                self.relate(rel.source, "undercuts", rel.target, where)
            else:
                self.relate(rel.source, "attacks", rel.target, where)
                self.relate(rel.target, "attacks", rel.source, where)
        # The relations of premise-conclusion structures, in the order the structures are
        # written: a premise of several arguments supports them in that order.
        structured = [(k, n) for k, n in self.model.nodes.items() if n.pcs]
        structured.sort(key=lambda item: item[1].pcs[0].member.token.offset)
        for key, node in structured:
            for entry in node.pcs:
                ec: NodeKey = ("statement", entry.title)
                where = self.span(entry.member)
                if entry.role == "main-conclusion":
                    self.relate(key, "supports", ec, where)
                else:
                    self.relate(ec, "supports", key, where)
                inference = entry.inference
                if inference is not None and (inference.rules or inference.data is not None):
                    kept = ", ".join(f"'{r}'" for r, _ in inference.rules if r)
                    what = " and ".join(
                        x
                        for x in (
                            f"inference rules {kept}" if kept else "",
                            "data" if inference.data else "",
                        )
                        if x
                    )
                    self.note(
                        inference.token.offset,
                        Severity.INFO,
                        "argdown-unsupported",
                        f"{self.name(node)}: {what} of the inference not kept: argmap has no place "
                        "for it",
                    )

    def run(self) -> list[ClaimDraft]:
        self.assign_ids()
        for key, node in self.model.nodes.items():
            self.drafts[key] = self.draft(key, node)
        self.relations()
        for draft in self.drafts.values():
            for kind in ("supports", "attacks", "undercuts"):
                draft.fields[kind] = tuple(draft.fields[kind])
        return list(self.drafts.values())


def convert_nodes(
    model: ArgdownModel, smap: SourceMap, problems: list[Problem], named: NamedSources
) -> list[ClaimDraft]:
    """Claim fields for every node of the model, in document order; problems go to
    ``problems``, and the sources that plain names cite to ``named``."""
    return _Converter(model, smap, problems, named).run()
