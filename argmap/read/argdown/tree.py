"""The Argdown syntax tree: blocks, statements, arguments, relations and inline content."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.read.argdown.problem import Problem
from argmap.read.argdown.tokens import Tok, Token


@dataclass
class Content:
    """Inline content: its plain text (hashtags taken out), tags, links and mentions."""

    text: str = ""
    tags: list[tuple[str, Token]] = field(default_factory=list)
    links: list[tuple[str, str, Token]] = field(default_factory=list)


@dataclass
class Statement:
    """A statement: untitled text, a definition ``[T]: text`` or a reference ``[T]``."""

    token: Token
    title: str | None
    content: Content | None
    is_reference: bool
    data: Token | None = None
    relations: list[Relation] = field(default_factory=list)


@dataclass
class Argument:
    """An argument: a definition ``<T>: text`` or a reference ``<T>``."""

    token: Token
    title: str
    content: Content | None
    is_reference: bool
    data: Token | None = None
    relations: list[Relation] = field(default_factory=list)


@dataclass
class Relation:
    """A relation symbol and the statement or argument it connects to its parent."""

    token: Token
    symbol: Tok
    member: Statement | Argument


@dataclass
class Inference:
    """An inference line between premises and a conclusion, with rules, data and undercuts."""

    token: Token
    rules: list[tuple[str, Token]]
    data: Token | None
    relations: list[Relation]


@dataclass
class PcsItem:
    """A numbered statement of a premise-conclusion structure, with the inference before it."""

    number: Token
    statement: Statement
    inference: Inference | None


@dataclass
class Pcs:
    """A premise-conclusion structure."""

    token: Token
    items: list[PcsItem]


@dataclass
class Heading:
    """A heading: its level, text and data."""

    token: Token
    level: int
    content: Content
    data: Token | None


@dataclass
class ListBlock:
    """An ordered or unordered list of statements and arguments."""

    token: Token
    items: list[Statement | Argument]


Block = Heading | Statement | Argument | Pcs | ListBlock


@dataclass
class Document:
    """A parsed document: front matter token, blocks in order, syntax errors."""

    front_matter: Token | None
    blocks: list[Block]
    errors: list[Problem]
