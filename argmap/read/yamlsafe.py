"""Safe YAML parsing to plain data with positions: every scalar stays a string. Runs no constructor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.diagnostics import Diagnostic, Severity, Span

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR, _SEQ, _MAP, _MERGE = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map", "merge"))
_SCALAR = yaml.ScalarNode


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes with every untagged scalar a string: no implicit typing to undo, and
    none of the resolver's work per value. A plain ``<<`` still resolves to a merge key, so
    that it can be refused."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _MERGE if value == "<<" and implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


#: The only tags a claim file may carry: YAML's own core types (resolved or explicit).
_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "map", "seq", "int", "float", "bool", "null", "timestamp", "binary")
) - {"tag:yaml.org,2002:binary"}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

MAX_DEPTH = 64
#: Values copied through aliases per file: bounds "billion laughs" expansion.
MAX_ALIAS_VALUES = 100_000


@dataclass(slots=True)
class Node:
    """A parsed YAML value with the position where it starts (1-based)."""

    value: Any  # str | None | list[Node] | dict[str, Node]
    line: int
    col: int
    key_line: int = 0
    key_col: int = 0

    def plain(self) -> Any:
        """The value with positions dropped, recursively."""
        value = self.value
        # A scalar child (a string or None) is its own plain value: no call for it.
        if isinstance(value, list):
            return [n.plain() if isinstance(n.value, list | dict) else n.value for n in value]
        if isinstance(value, dict):
            return {
                k: n.plain() if isinstance(n.value, list | dict) else n.value
                for k, n in value.items()
            }
        return value


def node_span(path: str, node: Node | None, *, key: bool = False) -> Span:
    """Where a node starts in ``path`` (its key, with ``key``, where it has one)."""
    if node is None:
        return Span(path)
    if key and node.key_line:
        return Span(path, node.key_line, node.key_col)
    return Span(path, node.line, node.col)


@dataclass
class Parsed:
    """The root node of a file, or None, and the problems met while parsing."""

    root: Node | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _Build:
    def __init__(self, path: str, aliases: bool = True) -> None:
        self.path = path
        #: Whether the text may hold aliases (``*name``): without, no value is reached twice.
        self.aliases = aliases
        self.count = 0
        self.seen: set[int] = set()
        self.diagnostics: list[Diagnostic] = []

    def error(self, mark: Any, code: str, message: str) -> None:
        span = Span(self.path, mark.line + 1, mark.column + 1)
        self.diagnostics.append(Diagnostic(span, Severity.ERROR, code, message))

    def node(self, n: yaml.Node, depth: int) -> Node:
        # Only values reached again through an alias count: a plain file of any size passes,
        # an alias bomb stops after MAX_ALIAS_VALUES copies.
        if not self.aliases:
            pass
        elif id(n) in self.seen:
            self.count += 1
            if self.count > MAX_ALIAS_VALUES:
                raise _TooBig(n)
        else:
            self.seen.add(id(n))
        mark = n.start_mark
        if depth > MAX_DEPTH:
            raise _TooDeep(n)
        if n.tag not in _CORE_TAGS:
            tag = str(n.tag).replace("tag:yaml.org,2002:", "!!")
            self.error(mark, "yaml-tag", f"tag '{tag}' is not allowed in claim files")
            return Node(None, mark.line + 1, mark.column + 1)
        if isinstance(n, yaml.ScalarNode):
            value: Any = n.value
            if not n.style and value in _NULLS:
                value = None
            return Node(value, mark.line + 1, mark.column + 1)
        # A scalar child of a file without aliases, the most common value by far, is made
        # here rather than by a call of its own: the same Node, at a third of the cost.
        inline = not self.aliases and depth < MAX_DEPTH
        if isinstance(n, yaml.SequenceNode):
            items = []
            for child in n.value:
                if inline and type(child) is _SCALAR and child.tag == _STR:
                    value = child.value
                    if not child.style and value in _NULLS:
                        value = None
                    m = child.start_mark
                    items.append(Node(value, m.line + 1, m.column + 1))
                else:
                    items.append(self.node(child, depth + 1))
            return Node(items, mark.line + 1, mark.column + 1)
        assert isinstance(n, yaml.MappingNode)
        out: dict[str, Node] = {}
        for key_node, value_node in n.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error(key_node.start_mark, "yaml-tag", "merge keys ('<<') are not allowed")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node.start_mark, "invalid-type", "mapping keys must be plain text")
                continue
            key = str(key_node.value)
            km = key_node.start_mark
            if key in out:
                first = out[key]
                self.error(
                    km,
                    "duplicate-key",
                    f"duplicate key '{key}' (first defined at line {first.key_line}, "
                    f"column {first.key_col})",
                )
                continue
            if inline and type(value_node) is _SCALAR and value_node.tag == _STR:
                value = value_node.value
                if not value_node.style and value in _NULLS:
                    value = None
                m = value_node.start_mark
                out[key] = Node(value, m.line + 1, m.column + 1, km.line + 1, km.column + 1)
                continue
            child = self.node(value_node, depth + 1)
            child.key_line, child.key_col = km.line + 1, km.column + 1
            out[key] = child
        return Node(out, mark.line + 1, mark.column + 1)


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _TooBig(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def parse_yaml(text: str, path: str) -> Parsed:
    """Parse one YAML document into Nodes; problems come back as diagnostics, never raised."""
    build = _Build(path, aliases="*" in text)
    try:
        root_node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if exc.context and exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        span = Span(path, line, col)
        if "maximum nesting depth" in problem:  # the parser's own limit, far beyond ours
            msg = f"YAML nested too deeply (more than {MAX_DEPTH} levels)"
            return Parsed(None, [Diagnostic(span, Severity.ERROR, "too-deep", msg)])
        return Parsed(None, [Diagnostic(span, Severity.ERROR, "yaml-syntax", problem)])
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a control character, a non-character): at its place.
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - before.rfind("\n")
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = f"character U+{ord(char):04X} is not allowed in a YAML file"
        span = Span(path, line, col)
        return Parsed(None, [Diagnostic(span, Severity.ERROR, "yaml-syntax", message)])
    except yaml.YAMLError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        return Parsed(None, [Diagnostic(Span(path), Severity.ERROR, "yaml-syntax", message)])
    except RecursionError:
        msg = f"YAML nested too deeply (more than {MAX_DEPTH} levels)"
        return Parsed(None, [Diagnostic(Span(path), Severity.ERROR, "too-deep", msg)])
    if root_node is None or (
        isinstance(root_node, yaml.ScalarNode) and root_node.value == "" and not root_node.style
    ):
        # No document, or one with nothing in it ("---" alone): an empty file.
        return Parsed(None, [])
    try:
        root = build.node(root_node, 0)
    except _TooDeep as exc:
        m = exc.node.start_mark
        msg = f"YAML nested too deeply (more than {MAX_DEPTH} levels)"
        return Parsed(
            None,
            [Diagnostic(Span(path, m.line + 1, m.column + 1), Severity.ERROR, "too-deep", msg)],
        )
    except _TooBig as exc:
        m = exc.node.start_mark
        msg = (
            f"YAML aliases expand to more than {MAX_ALIAS_VALUES:,} copied values (an alias bomb?)"
        )
        return Parsed(
            None,
            [Diagnostic(Span(path, m.line + 1, m.column + 1), Severity.ERROR, "too-large", msg)],
        )
    if any(d.code == "yaml-tag" for d in build.diagnostics):
        # A refused tag leaves a hole in the data; reading on would only report its echoes.
        return Parsed(None, build.diagnostics)
    return Parsed(root, build.diagnostics)
