"""Argdown's own model built from the syntax tree: equivalence classes, arguments, relations.

It follows the Argdown 1.7 model rules, so that titles and relations match what Argdown's
JSON export holds: statements with one title form one equivalence class; a premise-
conclusion structure belongs to the argument block right before it (or to a new untitled
argument); relations drawn from a reconstructed argument start from its main conclusion;
an undercut of a reconstructed argument hits its last inference; in strict mode a support
between statements is an entailment and an attack a contrary; an attack on a
reconstructed argument that repeats an attack on one of its premises is dropped. Two
quirks of Argdown 1.7.5 are handled on purpose. An undercut written under a statement
(``<_``) hits the latest inference before it in the document, as in Argdown (argmap
warns when that inference is not the statement's own). A relation of an element to
itself, which Argdown drops when a relation of the same type already points at the
element (its duplicate check looks at incoming relations too), is kept, with a warning:
dropping it would lose the relation, and argmap's Argdown writer could not keep every
map unchanged. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from argmap.read.argdown_ast import (
    Argument,
    Content,
    Document,
    Heading,
    Inference,
    ListBlock,
    Pcs,
    Relation,
    Statement,
)
from argmap.read.argdown_data import Problem, merge_data, parse_data, parse_front_matter
from argmap.read.argdown_lexer import Tok, Token

NodeKind = Literal["statement", "argument"]
#: A node: ("statement", title) or ("argument", title).
NodeKey = tuple[NodeKind, str]
Role = Literal[
    "top-level",
    "relation",
    "list",
    "premise",
    "intermediary-conclusion",
    "main-conclusion",
    "description",
]
RelationType = Literal["support", "attack", "undercut", "contradictory", "contrary", "entails"]
#: Relation types that hold both ways.
SYMMETRIC: frozenset[str] = frozenset({"contradictory", "contrary"})


@dataclass
class Section:
    """A heading and the part of the document under it."""

    title: str
    level: int
    token: Token
    data: dict[str, Any] | None
    parent: Section | None


@dataclass
class Member:
    """One occurrence of a statement, or one description of an argument."""

    token: Token
    role: Role
    text: str | None
    content: Content | None
    data: dict[str, Any] | None
    data_token: Token | None
    section: Section | None
    is_reference: bool


@dataclass
class PcsEntry:
    """A statement of a premise-conclusion structure: its class, role and inference."""

    title: str
    role: Role
    member: Member
    inference: Inference | None


@dataclass
class Node:
    """An equivalence class of statements, or an argument."""

    kind: NodeKind
    title: str
    untitled: bool
    members: list[Member] = field(default_factory=list)
    section: Section | None = None
    pcs: list[PcsEntry] = field(default_factory=list)

    @property
    def key(self) -> NodeKey:
        """The node's key."""
        return (self.kind, self.title)

    def canonical(self) -> Member | None:
        """The member whose text stands for the node: ``isCanonical``, else the last defined."""
        defined = [m for m in self.members if not m.is_reference and m.text is not None]
        for member in reversed(defined):
            if member.data and member.data.get("isCanonical"):
                return member
        return defined[-1] if defined else None

    def data(self) -> dict[str, Any]:
        """The data of all members, merged in order (later keys win, mappings merge)."""
        merged: dict[str, Any] = {}
        for member in self.members:
            if member.data:
                merge_data(merged, member.data)
        return merged


@dataclass
class ModelRelation:
    """A relation between nodes; ``inference`` is set when it targets an argument's inference."""

    type: RelationType
    source: NodeKey
    target: NodeKey
    token: Token
    inference: int | None = None
    #: Why Argdown 1.7.5 drops this self-relation, which argmap keeps (see the module docstring).
    dropped_by_argdown: str | None = None

    @property
    def argdown_drops(self) -> bool:
        """Whether Argdown 1.7.5 drops this relation."""
        return self.dropped_by_argdown is not None


@dataclass
class ArgdownModel:
    """The whole Argdown model of a document."""

    nodes: dict[NodeKey, Node]
    relations: list[ModelRelation]
    front_matter: dict[str, Any] | None
    strict: bool
    problems: list[Problem]


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[NodeKey, Node] = {}
        self.relations: list[ModelRelation] = []
        self.relation_keys: set[tuple[str, NodeKey, NodeKey, int | None]] = set()
        self.incoming: set[tuple[str, NodeKey, int | None]] = set()
        self.problems: list[Problem] = []
        self.section: Section | None = None
        self.untitled = 0
        self.strict = False
        self.front: dict[str, Any] | None = None
        # The latest inference in document order, and the argument whose structure is open.
        self.inference: tuple[Node, int] | None = None
        self.pcs_argument: Node | None = None

    def node(self, kind: NodeKind, title: str | None) -> Node:
        if title is None:
            self.untitled += 1
            node = Node(kind, f"Untitled {self.untitled}", untitled=True)
            self.nodes[(kind, f"\0{self.untitled}")] = node
            node.title = f"\0{self.untitled}"
            return node
        key: NodeKey = (kind, title)
        if key not in self.nodes:
            self.nodes[key] = Node(kind, title, untitled=False)
        return self.nodes[key]

    def add_member(self, node: Node, member: Member) -> None:
        node.members.append(member)
        in_group = member.data.get("isInGroup") if member.data else None
        if in_group is True or (
            in_group is None and not member.is_reference and node.section is None
        ):
            node.section = member.section

    # -- blocks --------------------------------------------------------------------------------

    def build(self, doc: Document) -> None:
        if doc.front_matter is not None:
            self.front = parse_front_matter(doc.front_matter, self.problems)
            model = (self.front or {}).get("model")
            self.strict = isinstance(model, dict) and model.get("mode") == "strict"
        previous: object = None
        for block in doc.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Statement):
                self.statement(block, "top-level")
            elif isinstance(block, Argument):
                self.argument(block)
            elif isinstance(block, Pcs):
                owner = (
                    self.nodes.get(("argument", previous.title))
                    if isinstance(previous, Argument)
                    else None
                )
                self.pcs(block, owner)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    if isinstance(item, Statement):
                        self.statement(item, "list")
                    else:
                        self.argument(item)
            previous = block

    def heading(self, block: Heading) -> None:
        data = parse_data(block.data, self.problems)
        parent = self.section
        while parent is not None and parent.level >= block.level:
            parent = parent.parent
        self.section = Section(block.content.text.strip(), block.level, block.token, data, parent)

    def member(
        self, token: Token, role: Role, content: Content | None, data_token: Token | None, ref: bool
    ) -> Member:
        data = parse_data(data_token, self.problems)
        text = None if ref or content is None else content.text
        return Member(token, role, text, content, data, data_token, self.section, ref)

    def statement(self, stmt: Statement, role: Role) -> Node:
        node = self.node("statement", stmt.title)
        member = self.member(stmt.token, role, stmt.content, stmt.data, stmt.is_reference)
        # Argdown adds a member after its relations (the tree walk's exit), so the last
        # member, the canonical one by default, is the outermost of nested definitions.
        self.relations_of(node, stmt.relations)
        self.add_member(node, member)
        return node

    def argument(self, arg: Argument) -> Node:
        node = self.node("argument", arg.title)
        member = self.member(arg.token, "description", arg.content, arg.data, arg.is_reference)
        self.relations_of(node, arg.relations)
        self.add_member(node, member)
        return node

    def pcs(self, block: Pcs, owner: Node | None) -> None:
        argument = owner if owner is not None else self.node("argument", None)
        if self.section is not None:
            argument.section = self.section
        if argument.pcs:
            self.problems.append(
                Problem(
                    block.token,
                    "error",
                    "argdown-pcs",
                    f"argument '{argument.title}' already has a premise-conclusion structure; "
                    "an argument can have only one",
                )
            )
            return
        self.pcs_argument = argument
        for index, item in enumerate(block.items):
            role: Role = "premise" if item.inference is None else "intermediary-conclusion"
            if index == len(block.items) - 1:
                role = "main-conclusion"
            if item.inference is not None:
                self.inference = (argument, index)
                for rel in item.inference.relations:
                    child = self.child(rel)
                    self.add_relation("undercut", child.key, argument.key, rel.token, index)
            stmt = item.statement
            node = self.node("statement", stmt.title)
            member = self.member(stmt.token, role, stmt.content, stmt.data, stmt.is_reference)
            self.relations_of(node, stmt.relations)
            self.add_member(node, member)
            argument.pcs.append(PcsEntry(node.title, role, member, item.inference))
        self.pcs_argument = None

    # -- relations -----------------------------------------------------------------------------

    def child(self, rel: Relation) -> Node:
        if isinstance(rel.member, Statement):
            return self.statement(rel.member, "relation")
        return self.argument(rel.member)

    def relations_of(self, parent: Node, rels: list[Relation]) -> None:
        for rel in rels:
            child = self.child(rel)
            p, c = parent.key, child.key
            symbol = rel.symbol
            if symbol is Tok.OUTGOING_SUPPORT:
                self.add_relation("support", c, p, rel.token)
            elif symbol is Tok.INCOMING_SUPPORT:
                self.add_relation("support", p, c, rel.token)
            elif symbol is Tok.OUTGOING_ATTACK:
                self.add_relation("attack", c, p, rel.token)
            elif symbol is Tok.INCOMING_ATTACK:
                self.add_relation("attack", p, c, rel.token)
            elif symbol is Tok.CONTRADICTION:
                self.add_relation("contradictory", p, c, rel.token)
            elif symbol is Tok.INCOMING_UNDERCUT:
                self.add_relation("undercut", p, c, rel.token)
            elif parent.kind == "statement" and self.inference is not None:
                self.undercut_inference(parent, c, rel)
            else:
                self.add_relation("undercut", c, p, rel.token)

    def undercut_inference(self, parent: Node, child: NodeKey, rel: Relation) -> None:
        """Argdown 1.7 reads '<_' under a statement as an undercut of the latest inference."""
        assert self.inference is not None
        argument, index = self.inference
        self.add_relation("undercut", child, argument.key, rel.token, index)
        if argument is not self.pcs_argument:
            name = "untitled argument" if argument.untitled else f"<{argument.title}>"
            self.problems.append(
                Problem(
                    rel.token,
                    "warning",
                    "argdown-undercut",
                    f"'{rel.token.image.strip()}' under a statement undercuts the latest inference "
                    f"before it, of {name}, as Argdown reads it; to attack the statement use '-'",
                )
            )

    def add_relation(
        self,
        rtype: RelationType,
        source: NodeKey,
        target: NodeKey,
        token: Token,
        inference: int | None = None,
    ) -> None:
        if (rtype, source, target, inference) in self.relation_keys:
            return
        if rtype == "contradictory" and (rtype, target, source, inference) in self.relation_keys:
            return
        # Argdown looks for duplicates among all relations of the source, incoming ones
        # included, by target and type only: it drops a self-relation when a relation of
        # the same type already points at the element. argmap keeps it and says so.
        note = None
        if source == target and inference is None and (rtype, target, None) in self.incoming:
            name = f"[{target[1]}]" if target[0] == "statement" else f"<{target[1]}>"
            note = (
                f"{name} {rtype}s itself; argmap keeps this relation, Argdown 1.7.5 drops it "
                f"because another {rtype} relation already points at {name}"
            )
        self.relation_keys.add((rtype, source, target, inference))
        self.incoming.add((rtype, target, inference))
        self.relations.append(ModelRelation(rtype, source, target, token, inference, note))

    def finish(self) -> list[ModelRelation]:
        rels = self.transform_argument_relations(self.relations)
        if self.strict:
            rels = self.transform_statement_relations(rels)
        rels = self.remove_redundant_attacks(rels)
        for rel in rels:
            if rel.dropped_by_argdown is not None:
                self.problems.append(
                    Problem(rel.token, "warning", "argdown-self-relation", rel.dropped_by_argdown)
                )
        return rels

    def transform_argument_relations(self, rels: list[ModelRelation]) -> list[ModelRelation]:
        out: list[ModelRelation] = []
        seen: dict[tuple[str, NodeKey, NodeKey, int | None], ModelRelation] = {}
        for rel in rels:
            source_node = self.nodes[rel.source]
            if rel.source[0] == "argument" and source_node.pcs:
                rel.source = ("statement", source_node.pcs[-1].title)
                if rel.source == rel.target and rel.inference is None:
                    # The argument points at its own conclusion; Argdown drops the relation.
                    # A support says what the structure says already; anything else is
                    # reported, since it is lost.
                    if rel.type != "support":
                        self.problems.append(
                            Problem(
                                rel.token,
                                "warning",
                                "argdown-self-relation",
                                f"<{source_node.title}> {rel.type}s its own conclusion; "
                                "Argdown drops this relation, and so does argmap",
                            )
                        )
                    continue
            target_node = self.nodes[rel.target]
            undercut = rel.type == "undercut" and rel.inference is None
            if undercut and rel.target[0] == "argument" and target_node.pcs:
                rel.inference = len(target_node.pcs) - 1
            key = (rel.type, rel.source, rel.target, rel.inference)
            kept = seen.get(key)
            if kept is not None:
                # The same relation written again: Argdown has it when either one survives.
                if rel.dropped_by_argdown is None:
                    kept.dropped_by_argdown = None
                continue
            seen[key] = rel
            out.append(rel)
        return out

    def transform_statement_relations(self, rels: list[ModelRelation]) -> list[ModelRelation]:
        out: list[ModelRelation] = []
        contraries: set[frozenset[NodeKey]] = set()
        for rel in rels:
            if rel.source[0] == "statement" and rel.target[0] == "statement":
                if rel.type == "support":
                    rel.type = "entails"
                elif rel.type == "attack":
                    pair = frozenset((rel.source, rel.target))
                    if pair in contraries:
                        continue
                    contraries.add(pair)
                    rel.type = "contrary"
            out.append(rel)
        return out

    def remove_redundant_attacks(self, rels: list[ModelRelation]) -> list[ModelRelation]:
        touching: dict[NodeKey, list[ModelRelation]] = {}
        for rel in rels:
            touching.setdefault(rel.source, []).append(rel)
            touching.setdefault(rel.target, []).append(rel)
        out: list[ModelRelation] = []
        for rel in rels:
            target = self.nodes[rel.target]
            if rel.source[0] == "statement" and rel.type == "attack" and target.pcs:
                premises: set[NodeKey] = {
                    ("statement", e.title) for e in target.pcs if e.role == "premise"
                }
                if any(self.covers(o, rel.source, premises) for o in touching[rel.source]):
                    continue
            out.append(rel)
        return out

    @staticmethod
    def covers(other: ModelRelation, source: NodeKey, premises: set[NodeKey]) -> bool:
        if other.type == "attack":
            return other.source == source and other.target in premises
        if other.type in SYMMETRIC:
            return (other.source == source and other.target in premises) or (
                other.target == source and other.source in premises
            )
        return False


def build_model(doc: Document) -> ArgdownModel:
    """The Argdown model of a parsed document, with the problems found while building it."""
    builder = _Builder()
    builder.build(doc)
    relations = builder.finish()
    return ArgdownModel(builder.nodes, relations, builder.front, builder.strict, builder.problems)
