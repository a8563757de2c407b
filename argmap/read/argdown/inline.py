"""Parsing of Argdown's inline content: text, escapes, special characters, emphasis, links, tags.

Text is assembled as Argdown assembles it (a line break inside a block is a space,
escapes drop their backslash, known shortcodes become their symbol), with hashtags taken
out of the text and kept as tags. No I/O.
"""

from __future__ import annotations

import re

from argmap.read.argdown.lexer import TAG_CHARS
from argmap.read.argdown.symbols import SHORTCODES
from argmap.read.argdown.tokens import Tok, Token
from argmap.read.argdown.tree import Content

_TAG_RE = re.compile(rf"#(?:\(([^)]+)\)|([{TAG_CHARS}]+))")
CONTENT_START = frozenset(
    {
        Tok.FREESTYLE,
        Tok.UNUSED_CONTROL_CHAR,
        Tok.ESCAPED_CHAR,
        Tok.SPECIAL_CHAR,
        Tok.LINK,
        Tok.BOLD_START,
        Tok.ITALIC_START,
        Tok.TAG,
        Tok.ARGUMENT_MENTION,
        Tok.STATEMENT_MENTION,
        Tok.NEWLINE,
    }
)
FREESTYLE = frozenset({Tok.FREESTYLE, Tok.UNUSED_CONTROL_CHAR, Tok.ESCAPED_CHAR, Tok.SPECIAL_CHAR})
STATEMENT_START = CONTENT_START | {Tok.STATEMENT_REFERENCE, Tok.STATEMENT_DEFINITION}
ARGUMENT_START = frozenset({Tok.ARGUMENT_DEFINITION, Tok.ARGUMENT_REFERENCE})
#: How deep relations and emphasis may nest (deeper is an error, not a crash).
MAX_DEPTH = 100
_LINK_RE = re.compile(r"\[([^\]]+?)\]\(([^)]+?)\)")


class ParseError(Exception):
    """A syntax error at a token (caught inside the parser for recovery)."""

    def __init__(self, token: Token, message: str, code: str = "argdown-syntax") -> None:
        super().__init__(message)
        self.token = token
        self.message = message
        self.code = code


def describe(token: Token) -> str:
    """How a token is named in a message."""
    if token.type is Tok.EOF:
        return "the end of the document"
    image = token.image.strip()
    if token.type in (Tok.NEWLINE, Tok.EMPTYLINE, Tok.INDENT, Tok.DEDENT) or not image:
        name = token.type.value
        return ("an " if name[0] in "aeiou" else "a ") + name
    # A message is one line: line breaks and tabs inside a token are shown as spaces.
    image = " ".join(image.split())
    if len(image) > 30:
        image = image[:27] + "..."
    return f"'{image}'"


class InlineParser:
    """Token access and inline content; the block grammar builds on it."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def descend(self, token: Token) -> None:
        """Count one more level of nesting; refuse documents nested absurdly deep."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            message = f"elements are nested more than {MAX_DEPTH} levels deep"
            raise ParseError(token, message, "too-deep")

    # -- helpers -------------------------------------------------------------------------------

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def at(self, *kinds: Tok) -> bool:
        return self.tok.type in kinds

    def take(self) -> Token:
        token = self.tok
        if token.type is not Tok.EOF:
            self.i += 1
        return token

    def expect(self, kind: Tok, what: str) -> Token:
        if self.tok.type is not kind:
            raise ParseError(self.tok, f"expected {what}, found {describe(self.tok)}")
        return self.take()

    def optional(self, kind: Tok) -> Token | None:
        return self.take() if self.tok.type is kind else None

    def take_freestyle(self) -> list[Token]:
        tokens = []
        while self.at(*FREESTYLE):
            tokens.append(self.take())
        return tokens

    # -- inline content ------------------------------------------------------------------------

    def content(self) -> Content:
        content = Content()
        self.content_into(content, nested=False)
        return content

    def content_into(self, content: Content, *, nested: bool) -> None:
        """Append inline elements to ``content``, following Argdown's spacing rules."""
        count = 0
        while True:
            token = self.tok
            kind = token.type
            if kind in FREESTYLE:
                content.text += freestyle_text(self.take_freestyle())
            elif kind is Tok.LINK:
                self.take()
                m = _LINK_RE.match(token.image)
                if m:
                    content.text += m.group(1)
                    content.links.append((m.group(1), m.group(2), token))
                if token.image.endswith(" "):
                    content.text += " "
            elif kind is Tok.TAG:
                self.take()
                content.tags.append((tag_name(token.image), token))
            elif kind in (Tok.ARGUMENT_MENTION, Tok.STATEMENT_MENTION):
                content.text += self.take().image
            elif kind in (Tok.BOLD_START, Tok.ITALIC_START):
                self.emphasis(content)
            elif kind is Tok.NEWLINE:
                self.take()
                if self.at(*CONTENT_START) and not content.text.endswith(" "):
                    content.text += " "
            else:
                break
            count += 1
        if count == 0 and not nested:
            raise ParseError(self.tok, f"expected text, found {describe(self.tok)}")

    def emphasis(self, content: Content) -> None:
        start = self.take()
        end_kind = Tok.BOLD_END if start.type is Tok.BOLD_START else Tok.ITALIC_END
        self.descend(start)
        self.content_into(content, nested=True)
        self.depth -= 1
        if not self.at(end_kind) or self.tok.marker != start.marker:
            word = "bold" if end_kind is Tok.BOLD_END else "italic"
            raise ParseError(
                start,
                f"{word} text opened with '{start.marker}' is not closed: append "
                f"'{start.marker}', or write '\\{start.marker[0]}' for the character itself",
            )
        end = self.take()
        if end.image.endswith(" "):
            content.text += " "


def freestyle_text(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if token.type is Tok.ESCAPED_CHAR:
            parts.append(token.image[1:])
        elif token.type is Tok.SPECIAL_CHAR:
            symbol = SHORTCODES.get(token.image.strip())
            if symbol is None:
                parts.append(token.image)
            else:
                parts.append(symbol + (" " if token.image.endswith(" ") else ""))
        else:
            parts.append(token.image)
    return "".join(parts)


def tag_name(image: str) -> str:
    m = _TAG_RE.match(image)
    return (m.group(1) or m.group(2)) if m else image.strip().lstrip("#")
