"""DOT statements: quoting, attribute lists, and a graph that collects them into DOT text.

The few pieces of the DOT language (https://graphviz.org/doc/info/lang.html) that the map
views use: identifiers quoted only when they must be, HTML-like labels (``<...>``) left as
they are unless marked as text, attribute lists in key order, subgraphs and a comment line.
The text is what the graphviz Python package writes for the same calls, so the layouts and
the golden files do not depend on which wrote it; this module imports nothing beyond
``re`` and ``contextlib``, so a render starts without loading that package and its
subprocess and logging machinery. Pure functions and one small builder; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

__all__ = ["Digraph", "NoHtml", "attr_list", "nohtml", "quote"]

_HTML_STRING = re.compile(r"<.*>$", re.DOTALL)
#: A DOT ID that needs no quotes: a name or a number.
_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
#: A double quote, with any backslashes before it: ``\"`` counts as ``"``.
_QUOTE = re.compile(r'(?P<backslashes>(?:\\{2})*)\\?(?P<quote>")')


class NoHtml(str):
    """Text that is quoted as a string even when it reads like an HTML-like label."""

    __slots__ = ()


def nohtml(text: str) -> NoHtml:
    """``text`` marked to be quoted as a string, never taken for an HTML-like label."""
    return NoHtml(text)


def quote(identifier: str) -> str:
    """A DOT ID for ``identifier``: as it is when it is a name, a number or an HTML-like
    label (unless marked :func:`nohtml`), else in double quotes with its quotes escaped."""
    if _HTML_STRING.match(identifier) and not isinstance(identifier, NoHtml):
        return identifier
    if not _ID.match(identifier) or identifier.lower() in _KEYWORDS:
        return '"' + _QUOTE.sub(r"\g<backslashes>\\\g<quote>", identifier) + '"'
    return identifier


def attr_list(label: str | None = None, attrs: Mapping[str, str | None] | None = None) -> str:
    """`` [label=... key=value ...]``, the label first and the rest by key; '' when empty.

    An attribute whose value is None is left out.
    """
    parts = [f"label={quote(label)}"] if label is not None else []
    if attrs:
        parts += [f"{quote(k)}={quote(v)}" for k, v in sorted(attrs.items()) if v is not None]
    return f" [{' '.join(parts)}]" if parts else ""


class Digraph:
    """A directed graph's DOT text, built a statement at a time.

    ``body`` holds the statements after the defaults, one line each, tab-indented; callers
    may append lines they wrote themselves (already quoted).
    """

    def __init__(
        self,
        name: str | None = None,
        *,
        comment: str | None = None,
        graph_attr: Mapping[str, str] | None = None,
        node_attr: Mapping[str, str] | None = None,
        edge_attr: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self.comment = comment
        self.defaults = {"graph": graph_attr, "node": node_attr, "edge": edge_attr}
        self.body: list[str] = []

    def attr(self, keyword: str | None = None, **attrs: str) -> None:
        """A ``graph``, ``node`` or ``edge`` defaults statement, or (with no keyword) the
        graph's own attributes as ``key=value`` statements on one line.

        Raises:
            ValueError: for a keyword other than those three.
        """
        if keyword is not None and keyword.lower() not in ("graph", "node", "edge"):
            raise ValueError(f"attr statement must target graph, node, or edge: {keyword!r}")
        if not attrs:
            return
        if keyword is None:
            self.body.append(f"\t{attr_list(None, attrs)[2:-1]}\n")
        else:
            self.body.append(f"\t{keyword}{attr_list(None, attrs)}\n")

    def node(self, name: str, label: str | None = None, **attrs: str) -> None:
        """A node statement."""
        self.body.append(f"\t{quote(name)}{attr_list(label, attrs)}\n")

    @contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[Digraph]:
        """A subgraph to fill in the ``with`` block, added to this graph at its end."""
        sub = Digraph(name)
        yield sub
        self.add_subgraph(sub)

    def add_subgraph(self, sub: Digraph) -> None:
        """Add ``sub``'s statements as a subgraph, as they are now."""
        self.body += [f"\t{line}" for line in sub.lines(subgraph=True)]

    def lines(self, *, subgraph: bool = False) -> Iterator[str]:
        """The DOT text line by line, each ending in a newline."""
        if self.comment:
            yield f"// {self.comment}\n"
        name = f"{quote(self.name)} " if self.name else ""
        yield (
            (f"subgraph {name}{{\n" if self.name else "{\n") if subgraph else f"digraph {name}{{\n"
        )
        for keyword, attrs in self.defaults.items():
            if attrs:
                yield f"\t{keyword}{attr_list(None, attrs)}\n"
        yield from self.body
        yield "}\n"

    @property
    def source(self) -> str:
        """The whole DOT text."""
        return "".join(self.lines())
