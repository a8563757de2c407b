"""Argdown's model: equivalence classes, arguments, their members and relations. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from argmap.read.argdown.data import merge_data
from argmap.read.argdown.problem import Problem
from argmap.read.argdown.tokens import Token
from argmap.read.argdown.tree import Content, Inference

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
