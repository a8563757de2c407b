"""Argdown's own model built from the syntax tree: equivalence classes, arguments, relations.

It follows the Argdown 1.7 model rules, so that titles and relations match what Argdown's
JSON export holds: statements with one title form one equivalence class; a premise-
conclusion structure belongs to the argument block right before it (or to a new untitled
argument); then Argdown's rewrites of the relations apply (see
:mod:`argmap.read.argdown.rewrite`). Two quirks of Argdown 1.7.5 are handled on purpose. An undercut written under a statement
(``<_``) hits the latest inference before it in the document, as in Argdown (argmap
warns when that inference is not the statement's own). A relation of an element to
itself, which Argdown drops when a relation of the same type already points at the
element (its duplicate check looks at incoming relations too), is kept, with a warning:
dropping it would lose the relation, and argmap's Argdown writer could not keep every
map unchanged. No I/O.
"""

from __future__ import annotations

from typing import Any

from argmap.diagnostics import Severity
from argmap.read.argdown.data import parse_data, parse_front_matter
from argmap.read.argdown.model import (
    ArgdownModel,
    Member,
    ModelRelation,
    Node,
    NodeKey,
    NodeKind,
    PcsEntry,
    RelationType,
    Role,
    Section,
)
from argmap.read.argdown.problem import Problem
from argmap.read.argdown.rewrite import rewrite_relations
from argmap.read.argdown.tokens import Tok, Token
from argmap.read.argdown.tree import (
    Argument,
    Content,
    Document,
    Heading,
    ListBlock,
    Pcs,
    Relation,
    Statement,
)

#: The relation each symbol in a tree stands for, and whether it goes out from the child
#: (``+ child`` under ``parent``: child supports parent) rather than into it.
_RELATION_OF: dict[Tok, tuple[RelationType, bool]] = {
    Tok.OUTGOING_SUPPORT: ("support", True),
    Tok.INCOMING_SUPPORT: ("support", False),
    Tok.OUTGOING_ATTACK: ("attack", True),
    Tok.INCOMING_ATTACK: ("attack", False),
    Tok.CONTRADICTION: ("contradictory", False),
    Tok.INCOMING_UNDERCUT: ("undercut", False),
}


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
                    block.token.offset,
                    Severity.ERROR,
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
            known = _RELATION_OF.get(rel.symbol)
            if known is not None:
                kind, outgoing = known
                source, target = (c, p) if outgoing else (p, c)
                self.add_relation(kind, source, target, rel.token)
            elif parent.kind == "statement" and self.inference is not None:
                self.undercut_inference(parent, c, rel)
            else:  # an outgoing undercut
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
                    rel.token.offset,
                    Severity.WARNING,
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


def build_model(doc: Document) -> ArgdownModel:
    """The Argdown model of a parsed document, with the problems found while building it."""
    builder = _Builder()
    builder.build(doc)
    relations = rewrite_relations(
        builder.nodes, builder.relations, builder.strict, builder.problems
    )
    return ArgdownModel(builder.nodes, relations, builder.front, builder.strict, builder.problems)
