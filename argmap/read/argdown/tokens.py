"""Argdown token types and tokens, shared by the tokenizer, the parser and the model builder."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Tok(StrEnum):
    """Token types."""

    FRONT_MATTER = "front matter"
    DATA = "data"
    ESCAPED_CHAR = "escaped character"
    SPECIAL_CHAR = "special character"
    EMPTYLINE = "empty line"
    NEWLINE = "line break"
    INDENT = "indentation"
    DEDENT = "end of indentation"
    INFERENCE_START = "inference start '--'"
    INFERENCE_END = "inference end '--'"
    LIST_DELIMITER = "','"
    INCOMING_SUPPORT = "'+>'"
    INCOMING_ATTACK = "'->'"
    OUTGOING_SUPPORT = "'<+'"
    OUTGOING_ATTACK = "'<-'"
    CONTRADICTION = "'><'"
    INCOMING_UNDERCUT = "'_>'"
    OUTGOING_UNDERCUT = "'<_'"
    HEADING_START = "heading '#'"
    STATEMENT_NUMBER = "statement number"
    ORDERED_LIST_ITEM = "ordered list item"
    UNORDERED_LIST_ITEM = "list item '*'"
    BOLD_START = "bold start"
    BOLD_END = "bold end"
    ITALIC_START = "italic start"
    ITALIC_END = "italic end"
    LINK = "link"
    TAG = "tag"
    STATEMENT_DEFINITION = "statement definition"
    STATEMENT_REFERENCE = "statement reference"
    STATEMENT_MENTION = "statement mention"
    ARGUMENT_DEFINITION = "argument definition"
    ARGUMENT_REFERENCE = "argument reference"
    ARGUMENT_MENTION = "argument mention"
    FREESTYLE = "text"
    UNUSED_CONTROL_CHAR = "control character"
    EOF = "end of document"


#: Relation tokens (all matched only at the start of a line).
RELATION_TOKENS = frozenset(
    {
        Tok.INCOMING_SUPPORT,
        Tok.INCOMING_ATTACK,
        Tok.OUTGOING_SUPPORT,
        Tok.OUTGOING_ATTACK,
        Tok.CONTRADICTION,
        Tok.INCOMING_UNDERCUT,
        Tok.OUTGOING_UNDERCUT,
    }
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its type, the text it matched, and its offset in the text.

    Positions are offsets only: diagnostics turn them into the file, line and column they
    came from (``include.SourceMap``), since an included file's lines are not the text's.
    """

    type: Tok
    image: str
    offset: int
    #: Which emphasis a bold or italic token belongs to (``*`` or ``_``).
    marker: str = ""
