"""The Argdown parser: tokens to a syntax tree of blocks, with syntax errors by position. No I/O.

The grammar is Argdown 1.7's: a document is front matter and blocks separated by empty
lines; a block is a heading, a statement, an argument, a premise-conclusion structure or
a list; statements and arguments carry indented relations to further statements and
arguments, to any depth. After a syntax error the parser skips to the next empty line
and goes on, so one run reports every broken block.
"""

from __future__ import annotations

from argmap.read.argdown.inline import (
    ARGUMENT_START,
    CONTENT_START,
    FREESTYLE,
    STATEMENT_START,
    InlineParser,
    ParseError,
    describe,
    freestyle_text,
    tag_name,
)
from argmap.read.argdown.lexer import tokenize
from argmap.read.argdown.problem import Problem, error
from argmap.read.argdown.tokens import RELATION_TOKENS, Tok, Token
from argmap.read.argdown.tree import (
    Argument,
    Block,
    Content,
    Document,
    Heading,
    Inference,
    ListBlock,
    Pcs,
    PcsItem,
    Relation,
    Statement,
)


class _Parser(InlineParser):
    def __init__(self, tokens: list[Token]) -> None:
        super().__init__(tokens)
        self.errors: list[Problem] = []

    # -- document ------------------------------------------------------------------------------

    def document(self) -> Document:
        self.optional(Tok.NEWLINE)
        self.optional(Tok.EMPTYLINE)
        front = None
        if self.at(Tok.FRONT_MATTER):
            front = self.take()
            self.optional(Tok.NEWLINE)
            if not self.at(Tok.EMPTYLINE, Tok.EOF):
                message = "expected an empty line after the front matter, found " + describe(
                    self.tok
                )
                self.errors.append(error(self.tok.offset, "argdown-syntax", message))
            self.optional(Tok.EMPTYLINE)
        blocks: list[Block] = []
        while not self.at(Tok.EOF):
            start = self.i
            try:
                blocks.append(self.block())
                if self.at(*RELATION_TOKENS):
                    raise ParseError(
                        self.tok,
                        f"relation {describe(self.tok)} is indented less than the relations "
                        "before it: indent it like the relation of the same element above",
                    )
                if not self.at(Tok.EMPTYLINE, Tok.EOF):
                    raise ParseError(
                        self.tok,
                        f"expected an empty line before {describe(self.tok)}: a new block "
                        "starts after an empty line",
                    )
            except ParseError as err:
                self.errors.append(error(err.token.offset, err.code, err.message))
                self.recover(start)
            self.optional(Tok.EMPTYLINE)
        return Document(front, blocks, self.errors)

    def recover(self, start: int) -> None:
        if self.i == start:
            self.take()
        while not self.at(Tok.EMPTYLINE, Tok.EOF):
            self.take()

    def block(self) -> Block:
        token = self.tok
        if token.type is Tok.HEADING_START:
            return self.heading()
        if token.type is Tok.STATEMENT_NUMBER:
            return self.pcs()
        if token.type in ARGUMENT_START:
            return self.argument()
        if token.type is Tok.INDENT and self.peek().type in (
            Tok.ORDERED_LIST_ITEM,
            Tok.UNORDERED_LIST_ITEM,
        ):
            return self.list_block()
        if token.type in STATEMENT_START:
            return self.statement()
        if token.type in RELATION_TOKENS or (
            token.type is Tok.INDENT and self.peek().type in RELATION_TOKENS
        ):
            rel = token if token.type in RELATION_TOKENS else self.peek()
            raise ParseError(
                rel,
                f"a block cannot start with the relation {describe(rel)}: remove the empty "
                "line above it to attach it to the element before",
            )
        if token.type is Tok.INFERENCE_START:
            raise ParseError(
                token, "an inference line '--' belongs between numbered premises and a conclusion"
            )
        if token.type is Tok.FRONT_MATTER:
            raise ParseError(token, "front matter '===' may only open the document")
        if token.type is Tok.DATA:
            raise ParseError(
                token, "a data block '{...}' must follow a statement, argument or heading"
            )
        raise ParseError(token, f"unexpected {describe(token)} at the start of a block")

    def heading(self) -> Heading:
        start = self.take()
        if not self.at(*CONTENT_START):
            raise ParseError(self.tok, "expected the heading text after '#'")
        content = self.content()
        data = self.trailing_data()
        return Heading(start, len(start.image) - 1, content, data)

    def list_block(self) -> ListBlock:
        indent = self.take()
        kind = self.tok.type
        items: list[Statement | Argument] = []
        while self.at(kind):
            self.take()
            items.append(self.member(allow_argument=True))
        self.expect(Tok.DEDENT, "the end of the list")
        return ListBlock(indent, items)

    # -- statements and arguments --------------------------------------------------------------

    def member(self, *, allow_argument: bool) -> Statement | Argument:
        if self.at(*ARGUMENT_START):
            if not allow_argument:
                raise ParseError(
                    self.tok, "a contradiction '><' connects two statements, not an argument"
                )
            return self.argument()
        if self.at(*STATEMENT_START):
            return self.statement()
        raise ParseError(
            self.tok,
            f"expected a statement or an argument, found {describe(self.tok)}",
        )

    def statement(self) -> Statement:
        token = self.tok
        if token.type is Tok.STATEMENT_REFERENCE:
            self.take()
            content = self.reference_tags()
            stmt = Statement(token, token.image[1:-1], content, True)
        elif token.type is Tok.STATEMENT_DEFINITION:
            self.take()
            if not self.at(*CONTENT_START):
                raise ParseError(self.tok, f"expected the text of statement {describe(token)}")
            stmt = Statement(token, token.image[1:-2], self.content(), False)
        else:
            stmt = Statement(token, None, self.content(), False)
        stmt.data = self.trailing_data()
        stmt.relations = self.relations()
        return stmt

    def argument(self) -> Argument:
        token = self.take()
        if token.type is Tok.ARGUMENT_REFERENCE:
            arg = Argument(token, token.image[1:-1], self.reference_tags(), True)
        else:
            if not self.at(*CONTENT_START):
                raise ParseError(self.tok, f"expected the text of argument {describe(token)}")
            arg = Argument(token, token.image[1:-2], self.content(), False)
        arg.data = self.trailing_data()
        arg.relations = self.relations()
        return arg

    def reference_tags(self) -> Content:
        content = Content()
        while self.at(Tok.TAG):
            content.tags.append((tag_name(self.tok.image), self.take()))
        self.optional(Tok.NEWLINE)
        if self.at(*CONTENT_START):
            raise ParseError(
                self.tok,
                "text cannot follow a reference: write '[Title]: text' to define a statement, "
                "or '@[Title]' to mention one",
            )
        return content

    def trailing_data(self) -> Token | None:
        if not self.at(Tok.DATA):
            return None
        data = self.take()
        self.optional(Tok.NEWLINE)
        return data

    def relations(self) -> list[Relation]:
        if not (self.at(Tok.INDENT) and self.peek().type in RELATION_TOKENS):
            return []
        self.descend(self.take())
        rels: list[Relation] = []
        while self.at(*RELATION_TOKENS):
            token = self.take()
            if not self.at(*STATEMENT_START, *ARGUMENT_START):
                raise ParseError(
                    token,
                    f"the relation {describe(token)} points at nothing: write a statement or an "
                    "argument after it",
                )
            member = self.member(allow_argument=token.type is not Tok.CONTRADICTION)
            rels.append(Relation(token, token.type, member))
        self.depth -= 1
        if self.at(Tok.INDENT):
            raise ParseError(
                self.peek() if self.peek().type in RELATION_TOKENS else self.tok,
                "unexpected indentation: a relation must be indented one step more than the "
                "element it belongs to",
            )
        self.expect(Tok.DEDENT, "a relation or the end of the indented relations")
        return rels

    # -- premise-conclusion structures ---------------------------------------------------------

    def pcs(self) -> Pcs:
        first = self.tok
        items: list[PcsItem] = []
        inference: Inference | None = None
        while self.at(Tok.STATEMENT_NUMBER, Tok.INFERENCE_START):
            if self.at(Tok.INFERENCE_START):
                if inference is not None:
                    raise ParseError(self.tok, "expected a numbered conclusion after the inference")
                if not items:
                    raise ParseError(self.tok, "an inference needs numbered premises before it")
                inference = self.inference()
                continue
            number = self.take()
            if self.at(*ARGUMENT_START):
                raise ParseError(
                    self.tok,
                    "a premise or conclusion must be a statement, not an argument "
                    "(use '[Title]' or '[Title]: text')",
                )
            if not self.at(*STATEMENT_START):
                raise ParseError(self.tok, f"expected a statement after {describe(number)}")
            items.append(PcsItem(number, self.statement(), inference))
            inference = None
        if inference is not None:
            raise ParseError(self.tok, "expected a numbered conclusion after the inference")
        if items[-1].inference is None:
            raise ParseError(
                items[-1].number,
                "a premise-conclusion structure must end with a conclusion: put an inference "
                "line '--' before the last numbered statement",
            )
        return Pcs(first, items)

    def inference(self) -> Inference:
        start = self.take()
        rules: list[tuple[str, Token]] = []
        self.optional(Tok.NEWLINE)
        if self.at(*FREESTYLE):
            while True:
                token = self.tok
                rules.append((freestyle_text(self.take_freestyle()).strip(), token))
                if not self.optional(Tok.LIST_DELIMITER):
                    break
                if not self.at(*FREESTYLE):
                    raise ParseError(self.tok, "expected an inference rule after ','")
        self.optional(Tok.NEWLINE)
        data = self.trailing_data() if self.at(Tok.DATA) else None
        if not self.at(Tok.INFERENCE_END):
            raise ParseError(
                self.tok, f"expected '--' to close the inference, found {describe(self.tok)}"
            )
        self.take()
        self.expect(Tok.NEWLINE, "a line break after the inference")
        rels: list[Relation] = []
        if self.at(Tok.INDENT) and self.peek().type in RELATION_TOKENS:
            self.take()
            while self.at(*RELATION_TOKENS):
                token = self.take()
                if token.type is not Tok.OUTGOING_UNDERCUT:
                    raise ParseError(token, "an inference can only be undercut ('<_' or '_')")
                rels.append(Relation(token, token.type, self.member(allow_argument=True)))
            self.expect(Tok.DEDENT, "the end of the undercuts of the inference")
        return Inference(start, rules, data, rels)


def parse(text: str) -> tuple[Document, list[Problem]]:
    """Parse Argdown text.

    Returns:
        The document, and the syntax errors (``argdown-syntax``) in the order of the text.
    """
    tokens, lex_errors = tokenize(text)
    doc = _Parser(tokens).document()
    return doc, sorted(lex_errors + doc.errors, key=lambda p: (p.offset, p.message))
