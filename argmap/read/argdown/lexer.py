"""The Argdown tokenizer: text to tokens with their offsets, indentation made explicit. No I/O.

It follows the token rules of the Argdown 1.7 grammar: relation symbols, list items,
statement numbers and inference lines count only at the start of a line; indentation
before a relation symbol or list item opens (``INDENT``) and closes (``DEDENT``) a level;
an empty line closes every level; comments and spaces between tokens are skipped. Where
two token rules match, the first tried wins, in the order Argdown tries them.
"""

from __future__ import annotations

import re

from argmap.read.argdown.problem import Problem, error
from argmap.read.argdown.tokens import Tok, Token

# JavaScript's ``.`` stops at these; Argdown's patterns are JavaScript regular expressions.
_DOT = r"[^\n\r\u2028\u2029]"
_JS_SPACE = r"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_NOT_JS_SPACE = _JS_SPACE.replace("[", "[^", 1)
#: Characters of a hashtag (``A-z`` is kept from Argdown: it spans ``[\]^_```).
TAG_CHARS = r"a-zA-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"

_RE_EMPTYLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_RE_NEWLINE = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
_RE_COMMENT = re.compile(
    rf"(?:<!--(?:{_DOT}|\n|\r)*?-->)|(?:/\*(?:{_DOT}|\n|\r)*?\*/)|(?://{_DOT}*?(?=\r\n|\n|\r))"
)
_RE_COMMENT_MANY_BREAKS = re.compile(rf"(?:{_RE_COMMENT.pattern})(?:[ \t]*\r\n|\n|\r)*")
_RE_COMMENT_ONE_BREAK = re.compile(
    rf"(?:{_RE_COMMENT.pattern})(?:[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r)))?"
)
_RE_FRONT_MATTER = re.compile(r"===+[\s\S]*?===+")
_RE_DATA = re.compile(r"\{(?:(?!\}\s[^,}])(?:" + _DOT + r"|\n))*\}(?!\s*[,}])")
_RE_ESCAPED = re.compile(rf"\\{_DOT} *")
_RE_SPECIAL = re.compile(rf"(?:\.{_NOT_JS_SPACE}+?\.[ \t]?)|(?::{_NOT_JS_SPACE}+?:[ \t]?)")
_RE_INFERENCE_START = re.compile(r"[' \t]*-{2}")
_RE_INFERENCE_END = re.compile(r"-{2,}")
_RE_ORDERED_ITEM = re.compile(r"([' \t]*)\d+\.(?=\s)")
_RE_UNORDERED_ITEM = re.compile(r"([' \t]*)\*(?=\s)")
_RE_STATEMENT_NUMBER = re.compile(r"[' \t]*\(\d+\)")
_RE_HEADING = re.compile(r"(#+) ")
_RE_LINK = re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?")
_RE_TAG = re.compile(rf"#(?:\([^)]+\)|[{TAG_CHARS}]+)[ \t]?")
_RE_STATEMENT_DEFINITION = re.compile(rf"\[{_DOT}+?\]:")
_RE_STATEMENT_REFERENCE = re.compile(rf"\[[^-]{_DOT}*?\]")
_RE_STATEMENT_MENTION = re.compile(rf"@\[{_DOT}+?\][ \t]?")
_RE_ARGUMENT_DEFINITION = re.compile(rf"<{_DOT}+?>:")
_RE_ARGUMENT_REFERENCE = re.compile(rf"<[^-]{_DOT}*?>")
_RE_ARGUMENT_MENTION = re.compile(rf"@<{_DOT}+?>[ \t]?")
_RE_SPACES = re.compile(r"[ \t]+")
_RE_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+")
_RE_CONTROL = re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?")
_RE_LIST_DELIMITER = re.compile(",")
# Characters that start some token other than text (away from a line start).
_RULE_START_CHARS = frozenset("\\@#*_[],.:;</>-(){}= \t\r\n")
# Characters that can start an empty line or a line break; the rules tried at a line start
# (inference lines, relation symbols, headings, statement numbers, list items: a digit too).
_BREAK_START = frozenset(" \t\r\n")
_LINE_RULE_START = frozenset("' \t+-<>_#(*")

# Relation symbols in the order Argdown tries them; '+' and '-' alone count as '<+' and '<-'.
_RELATION_PATTERNS: tuple[tuple[Tok, re.Pattern[str]], ...] = (
    (Tok.INCOMING_SUPPORT, re.compile(r"([' \t]*)(\+>)")),
    (Tok.INCOMING_ATTACK, re.compile(r"([' \t]*)(->)")),
    (Tok.OUTGOING_SUPPORT, re.compile(r"([' \t]*)(<?\+)")),
    (Tok.OUTGOING_ATTACK, re.compile(r"([' \t]*)(<?-)")),
    (Tok.CONTRADICTION, re.compile(r"([' \t]*)(><)")),
    (Tok.INCOMING_UNDERCUT, re.compile(r"([' \t]*)(_>)")),
    (Tok.OUTGOING_UNDERCUT, re.compile(r"([' \t]*)(<_|_(?=\s))")),
)
_EMPHASIS_END_AFTER = r"(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|$))"
# (token, marker, start pattern, end pattern); bold before italic, as in Argdown.
_EMPHASIS: tuple[tuple[Tok, Tok, str, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (
        start,
        end,
        marker,
        re.compile(re.escape(marker) + r"(?!\s)"),
        re.compile(re.escape(marker) + _EMPHASIS_END_AFTER),
    )
    for start, end, marker in (
        (Tok.BOLD_START, Tok.BOLD_END, "**"),
        (Tok.BOLD_START, Tok.BOLD_END, "__"),
        (Tok.ITALIC_START, Tok.ITALIC_END, "*"),
        (Tok.ITALIC_START, Tok.ITALIC_END, "_"),
    )
)
_SIMPLE_INLINE: tuple[tuple[Tok, re.Pattern[str]], ...] = (
    (Tok.LINK, _RE_LINK),
    (Tok.TAG, _RE_TAG),
    (Tok.STATEMENT_DEFINITION, _RE_STATEMENT_DEFINITION),
    (Tok.STATEMENT_REFERENCE, _RE_STATEMENT_REFERENCE),
    (Tok.STATEMENT_MENTION, _RE_STATEMENT_MENTION),
    (Tok.ARGUMENT_DEFINITION, _RE_ARGUMENT_DEFINITION),
    (Tok.ARGUMENT_REFERENCE, _RE_ARGUMENT_REFERENCE),
    (Tok.ARGUMENT_MENTION, _RE_ARGUMENT_MENTION),
)
#: The rules of ``_SIMPLE_INLINE`` by the character each starts with, in the same order.
_INLINE_BY_CHAR = {
    char: tuple((kind, p) for kind, p in _SIMPLE_INLINE if p.pattern.lstrip("\\")[0] == char)
    for char in "[#@<"
}


class _Lexer:
    """One run over one text; keeps the indentation stack and the open emphasis ranges."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.tokens: list[Token] = []
        self.errors: list[Problem] = []
        self.indents = [0]
        self.emphasis: list[str] = []
        self.inference_mode = False
        self.last_skipped_end = -1
        # A data block needs a closing brace; without one further on, none is tried.
        self.last_brace = text.rfind("}")
        self.last_fence = text.rfind("===")
        self.next_cache: dict[str, int] = {}

    # -- tokens --------------------------------------------------------------------------------

    def push(self, kind: Tok, image: str, offset: int, marker: str = "") -> None:
        self.tokens.append(Token(kind, image, offset, marker))

    # -- context -------------------------------------------------------------------------------

    def last(self) -> Token | None:
        return self.tokens[-1] if self.tokens else None

    def at_line_start(self, *, after_emptyline: bool = True) -> bool:
        last = self.last()
        if last is None:
            return True
        if last.type is Tok.NEWLINE:
            return True
        return after_emptyline and last.type is Tok.EMPTYLINE

    def close_levels(self) -> None:
        while len(self.indents) > 1:
            self.indents.pop()
            self.push(Tok.DEDENT, "", self.pos)

    def indent_to(self, width: int) -> None:
        if width > self.indents[-1]:
            self.indents.append(width)
            self.push(Tok.INDENT, "", self.pos)
            return
        while len(self.indents) > 1 and width < self.indents[-1]:
            self.indents.pop()
            self.push(Tok.DEDENT, "", self.pos)

    # -- rules ---------------------------------------------------------------------------------

    def match_comment(self) -> re.Match[str] | None:
        # An unclosed '<!--' or '/*' would be scanned to the end each time: check first.
        opening = self.text[self.pos : self.pos + 2]
        if opening == "<!":
            if self.text.find("-->", self.pos) < 0:
                return None
        elif opening == "/*":
            if self.text.find("*/", self.pos + 2) < 0:
                return None
        elif opening != "//":
            return None
        last = self.last()
        if last is not None and last.type is Tok.EMPTYLINE:
            return _RE_COMMENT_MANY_BREAKS.match(self.text, self.pos)
        if last is not None and last.type is Tok.NEWLINE:
            return _RE_COMMENT_ONE_BREAK.match(self.text, self.pos)
        return _RE_COMMENT.match(self.text, self.pos)

    def try_emptyline(self) -> bool:
        last = self.last()
        if last is not None and last.type is Tok.EMPTYLINE:
            return False
        m = _RE_EMPTYLINE.match(self.text, self.pos)
        if m is None:
            return False
        if m.end() < len(self.text):
            self.close_levels()
        self.push(Tok.EMPTYLINE, m.group(), self.pos)
        self.pos = m.end()
        return True

    def try_line_start_rules(self) -> bool:
        if self.at_line_start(after_emptyline=False) and (
            m := _RE_INFERENCE_START.match(self.text, self.pos)
        ):
            self.close_levels()
            self.push(Tok.INFERENCE_START, m.group(), self.pos)
            self.pos = m.end()
            self.inference_mode = True
            return True
        if not self.at_line_start():
            return self.try_heading()
        for kind, pattern in _RELATION_PATTERNS:
            if m := pattern.match(self.text, self.pos):
                self.indent_to(len(m.group(1)))
                # The token is the symbol; the indentation before it only sets the level.
                self.push(kind, m.group(2), m.start(2))
                self.pos = m.end()
                return True
        if self.try_heading():
            return True
        if m := _RE_STATEMENT_NUMBER.match(self.text, self.pos):
            self.close_levels()
            self.push(Tok.STATEMENT_NUMBER, m.group(), self.pos)
            self.pos = m.end()
            return True
        for kind, pattern in (
            (Tok.ORDERED_LIST_ITEM, _RE_ORDERED_ITEM),
            (Tok.UNORDERED_LIST_ITEM, _RE_UNORDERED_ITEM),
        ):
            if m := pattern.match(self.text, self.pos):
                self.indent_to(len(m.group(1)) + 1)
                self.push(kind, m.group(), self.pos)
                self.pos = m.end()
                return True
        return False

    def try_heading(self) -> bool:
        last = self.last()
        if last is not None and last.type not in (Tok.EMPTYLINE, Tok.NEWLINE):
            return False
        m = _RE_HEADING.match(self.text, self.pos)
        if m is None:
            return False
        self.push(Tok.HEADING_START, m.group(), self.pos)
        self.pos = m.end()
        return True

    def next_index(self, chars: str, start: int) -> int:
        """The next offset from ``start`` of any of ``chars`` (cached), or -1."""
        cached = self.next_cache.get(chars)
        if cached is not None and (cached < 0 or cached >= start):
            return cached
        found = [i for i in (self.text.find(c, start) for c in chars) if i >= 0]
        index = min(found) if found else -1
        self.next_cache[chars] = index
        return index

    def may_close(self) -> bool:
        """Whether the bracket here is closed further on; when not, no title, link or mention
        can start here, and trying their patterns on every bracket of a long line is slow."""
        char = self.text[self.pos]
        if char == "#":
            return True
        if char == "[":  # a link's text may span lines
            return self.next_index("]", self.pos) >= 0
        closer = {"<": ">", "@": "]>"}.get(char)
        if closer is None:
            return False
        # Titles and mentions end on their line (the character after the bracket may be a
        # line break, as Argdown's patterns allow).
        end = self.next_index("\n\r\u2028\u2029", self.pos + 2)
        found = self.next_index(closer, self.pos)
        return found >= 0 and (end < 0 or found < end)

    def try_emphasis(self) -> bool:
        for _start, end, marker, _sp, end_pattern in _EMPHASIS:
            if self.emphasis and self.emphasis[-1] == marker:
                last = self.last()
                if last is None or self.last_skipped_end > last.offset + len(last.image) - 1:
                    continue
                if m := end_pattern.match(self.text, self.pos):
                    self.emphasis.pop()
                    self.push(end, m.group(), self.pos, marker)
                    self.pos = m.end()
                    return True
        for start, _end, marker, start_pattern, _ep in _EMPHASIS:
            if m := start_pattern.match(self.text, self.pos):
                self.emphasis.append(marker)
                self.push(start, m.group(), self.pos, marker)
                self.pos = m.end()
                return True
        return False

    def try_pattern(self, kind: Tok, pattern: re.Pattern[str]) -> bool:
        m = pattern.match(self.text, self.pos)
        if m is None or not m.group():
            return False
        self.push(kind, m.group(), self.pos)
        self.pos = m.end()
        return True

    def skip(self, pattern: re.Pattern[str] | None = None, m: re.Match[str] | None = None) -> bool:
        if m is None and pattern is not None:
            m = pattern.match(self.text, self.pos)
        if m is None or not m.group():
            return False
        self.last_skipped_end = m.end() - 1
        self.pos = m.end()
        return True

    def step_default(self) -> bool:
        char = self.text[self.pos]
        # Fast path: away from a line start, a character no other rule starts with is text.
        if char not in _RULE_START_CHARS and not self.at_line_start():
            return self.try_pattern(Tok.FREESTYLE, _RE_FREESTYLE)
        # The rules in Argdown's order, each tried only where the character here can start
        # it (a rule that cannot match is skipped, so the first that matches still wins).
        return (
            (char in "</" and self.skip(m=self.match_comment()))
            or (
                char == "="
                and self.pos < self.last_fence
                and self.try_pattern(Tok.FRONT_MATTER, _RE_FRONT_MATTER)
            )
            or (char == "{" and self.pos < self.last_brace and self.try_pattern(Tok.DATA, _RE_DATA))
            or (char == "\\" and self.try_pattern(Tok.ESCAPED_CHAR, _RE_ESCAPED))
            or (char in ".:" and self.try_pattern(Tok.SPECIAL_CHAR, _RE_SPECIAL))
            or (char in _BREAK_START and self.try_emptyline())
            or (char in _BREAK_START and self.try_pattern(Tok.NEWLINE, _RE_NEWLINE))
            or ((char in _LINE_RULE_START or char.isdigit()) and self.try_line_start_rules())
            or (char in "*_" and self.try_emphasis())
            or (
                self.may_close()
                and any(self.try_pattern(k, p) for k, p in _INLINE_BY_CHAR.get(char, ()))
            )
            or (char in " \t" and self.skip(_RE_SPACES))
            or self.try_pattern(Tok.FREESTYLE, _RE_FREESTYLE)
            or self.try_pattern(Tok.UNUSED_CONTROL_CHAR, _RE_CONTROL)
        )

    def step_inference(self) -> bool:
        if self.skip(m=self.match_comment()) or self.try_pattern(Tok.NEWLINE, _RE_NEWLINE):
            return True
        if self.try_pattern(Tok.ESCAPED_CHAR, _RE_ESCAPED) or self.try_pattern(
            Tok.SPECIAL_CHAR, _RE_SPECIAL
        ):
            return True
        if self.try_pattern(Tok.INFERENCE_END, _RE_INFERENCE_END):
            self.inference_mode = False
            return True
        return (
            (self.pos < self.last_brace and self.try_pattern(Tok.DATA, _RE_DATA))
            or self.try_pattern(Tok.LIST_DELIMITER, _RE_LIST_DELIMITER)
            or self.skip(_RE_SPACES)
            or self.try_pattern(Tok.FREESTYLE, _RE_FREESTYLE)
            or self.try_pattern(Tok.UNUSED_CONTROL_CHAR, _RE_CONTROL)
        )

    def run(self) -> tuple[list[Token], list[Problem]]:
        while self.pos < len(self.text):
            step = self.step_inference if self.inference_mode else self.step_default
            if not step():
                char = self.text[self.pos]
                message = f"no Argdown token starts with {char!r}"
                self.errors.append(error(self.pos, "argdown-syntax", message))
                self.pos += 1
        if self.tokens and self.tokens[-1].type is Tok.EMPTYLINE:
            self.tokens.pop()
        self.close_levels()
        self.push(Tok.EOF, "", len(self.text))
        return self.tokens, self.errors


def tokenize(text: str) -> tuple[list[Token], list[Problem]]:
    """Split Argdown text into tokens (ending with ``EOF``) and the characters no rule accepts."""
    return _Lexer(text).run()
