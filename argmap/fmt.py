"""`argmap fmt`: rewrite claim files in the canonical layout, keeping every comment.

How comments travel: a comment on a line of its own belongs to the line that follows it
(a claim, a field, a source) and moves with it when claims are sorted and fields put in
model order; a comment at the end of a line stays at the end of that line; comments above
the first key stay at the top, under the schema line. The result is checked before it is
written: it must read back as the same claims and hold the same comments, or the file is
left alone with an error.
"""

from __future__ import annotations

import os
import re
import stat
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from argmap.diagnostics import Severity, sort_diagnostics
from argmap.errors import ArgmapError, DataError, InputError, UsageError
from argmap.model import ArgumentMap, MapMeta
from argmap.output import write_atomic
from argmap.read.collect import check_path, read_bytes, read_given, walk_files
from argmap.read.yaml import read_yaml
from argmap.read.yamlsafe import Node, parse_yaml
from argmap.schema import schema_line
from argmap.write.yaml import AnchorPath, Comments, render_claim_file

__all__ = ["FormatReport", "format_bytes", "format_paths", "format_text"]

_SCHEMA_RE = re.compile(r"#\s*yaml-language-server:\s*\$schema=")
_SUFFIXES = (".yaml", ".yml")
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class _Comment:
    line: int
    text: str
    own_line: bool


def _comments(text: str) -> list[_Comment]:
    """Every comment of a YAML text, found outside its scalars (so '#' in a quote is text)."""
    spans = sorted(
        (tok.start_mark.index, tok.end_mark.index)
        # The scanner of the reader (libyaml when built in), so that what ``check`` reads,
        # such as a tab inside a plain scalar, also scans here.
        for tok in yaml.scan(text, Loader=_SCANNER)
        if isinstance(tok, yaml.ScalarToken)
    )
    starts = [s for s, _ in spans]
    found: list[_Comment] = []
    taken_lines: set[int] = set()
    for match in re.finditer("#", text):
        at = match.start()
        i = bisect_right(starts, at) - 1
        if i >= 0 and spans[i][0] <= at < spans[i][1]:
            continue
        line_start = text.rfind("\n", 0, at) + 1
        line = text.count("\n", 0, at) + 1
        if line in taken_lines or (at > line_start and text[at - 1] not in " \t"):
            continue
        end = text.find("\n", at)
        body = text[at : end if end >= 0 else len(text)].rstrip()
        found.append(_Comment(line, body, not text[line_start:at].strip()))
        taken_lines.add(line)
    return found


def _anchors(root: Node | None) -> list[tuple[int, AnchorPath]]:
    """(line, path) for each key and list item that comments can attach to."""
    out: list[tuple[int, AnchorPath]] = []
    if root is None or not isinstance(root.value, dict):
        return out

    def walk(node: Node, path: AnchorPath) -> None:
        if isinstance(node.value, dict):
            for key, child in node.value.items():
                out.append((child.key_line or child.line, (*path, key)))
                walk(child, (*path, key))
        elif isinstance(node.value, list):
            for i, child in enumerate(node.value):
                out.append((child.line, (*path, i)))
                walk(child, (*path, i))

    for key, child in root.value.items():
        out.append((child.key_line or child.line, (key,)))
        if key != "claims" or not isinstance(child.value, list):
            walk(child, (key,))
            continue
        for item in child.value:
            cid = item.value.get("id") if isinstance(item.value, dict) else None
            if cid is None or not isinstance(cid.value, str):
                continue
            out.append((item.line, ("claim", cid.value)))
            walk(item, ("claim", cid.value))
    return sorted(out, key=lambda a: (a[0], len(a[1])))


def _rendered(meta: MapMeta, amap: ArgumentMap) -> set[AnchorPath]:
    """The paths that own a line in the canonical output."""
    paths: set[AnchorPath] = {("claims",)}
    data = meta.model_dump(mode="json", exclude_defaults=True)
    if data:
        paths.add(("map",))
    for key, value in data.items():
        paths.add(("map", key))
        if key in ("sources", "compare"):
            for i, item in enumerate(value):
                paths.add(("map", key, i))
                paths.update(("map", key, i, k) for k in item if isinstance(item, dict))
    for claim in amap.claims:
        cdata = claim.model_dump(mode="json", exclude_defaults=True)
        paths.add(("claim", claim.id))
        paths.update(("claim", claim.id, k) for k in cdata)
        for j, ref in enumerate(cdata.get("sources", [])):
            paths.add(("claim", claim.id, "sources", j))
            paths.update(("claim", claim.id, "sources", j, k) for k in ref)
    return paths


def _place(
    found: list[_Comment], anchors: list[tuple[int, AnchorPath]], rendered: set[AnchorPath]
) -> tuple[str | None, Comments]:
    schema: str | None = None
    notes = Comments()
    lines = [a[0] for a in anchors]
    first_line = lines[0] if lines else None
    for c in found:
        if c.own_line and (first_line is None or c.line < first_line):
            if schema is None and _SCHEMA_RE.match(c.text):
                schema = c.text
            else:
                notes.header.append(c.text)
            continue
        if c.own_line:
            after = [p for line, p in anchors[bisect_right(lines, c.line) :] if p in rendered]
            notes.before.setdefault(after[0] if after else ("end",), []).append(c.text)
            continue
        here = [p for line, p in anchors if line == c.line] or [
            p for line, p in anchors if line < c.line
        ][-1:]
        target = max(here, key=len) if here else ("claims",)
        while target not in rendered and len(target) > 1:
            target = target[:-1]
        if target not in rendered:
            target = ("claims",)
        if target in notes.trailing:
            notes.before.setdefault(target, []).append(c.text)
        else:
            notes.trailing[target] = c.text
    return schema, notes


def _fail(path: str, message: str) -> DataError:
    return DataError(f"{path}: cannot format: {message}; the file was left unchanged")


def format_text(text: str, path: str) -> str:
    """A claim file's text in the canonical layout, comments kept.

    Raises:
        DataError: The file has errors, or the result would lose a comment or change a claim.
    """
    for n, line in enumerate(text.split("\n"), start=1):
        if line.startswith("%"):
            raise DataError(
                f"{path}:{n}:1: cannot format: YAML directives are not kept; remove "
                f"'{line.split()[0]}'"
            )
    result = read_yaml(text, path)
    errors = [d for d in sort_diagnostics(result.diagnostics) if d.severity is Severity.ERROR]
    if errors:
        more = f" (and {len(errors) - 1} more; run 'argmap check')" if len(errors) > 1 else ""
        first = errors[0]
        raise DataError(f"{first.span}: cannot format: {first.message} [{first.code}]{more}")
    try:
        found = _comments(text)
    except yaml.YAMLError as exc:  # the reader accepted it; a scanner difference is our problem
        raise _fail(path, f"its comments cannot be found ({exc})") from exc
    anchors = _anchors(parse_yaml(text, path).root)
    amap = result.amap
    schema, notes = _place(found, anchors, _rendered(amap.meta, amap))
    # A file's own schema line is kept; a file without one gets one where the project has a
    # schema to point at (see argmap.schema.schema_line).
    head = schema or schema_line(path)
    out = render_claim_file(amap.meta, amap.claims, comments=notes, schema_line=head)
    again = read_yaml(out, path)
    if again.amap != amap or any(d.severity is Severity.ERROR for d in again.diagnostics):
        raise _fail(path, "the canonical layout would not read back as the same claims")
    kept = sorted(c.text for c in _comments(out))
    wanted = sorted([c.text for c in found] + ([head] if head and not schema else []))
    if kept != wanted:
        lost = sorted(set(wanted) - set(kept)) or wanted
        raise _fail(path, f"comment {lost[0]!r} could not be placed")
    return out


@dataclass
class FormatReport:
    """What ``format_paths`` did: files changed (or that would change), files already in
    canonical layout, and one message per file that could not be formatted."""

    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _files(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    for raw in paths:
        path = os.fspath(raw)
        check_path(path)
        if os.path.exists(path) and not os.path.isdir(path) and Path(path).suffix not in _SUFFIXES:
            raise UsageError(f"{path}: fmt rewrites YAML claim files (.yaml, .yml) only")
    return walk_files(paths, _SUFFIXES)


def format_bytes(data: bytes, path: str) -> str:
    """A claim file's bytes (read from disk, or an editor's buffer) in the canonical layout.

    Raises:
        InputError: The bytes are too many or not UTF-8.
        DataError: As :func:`format_text`.
    """
    text, diags = read_given(data, path)
    if text is None:
        first = diags[0]
        raise InputError(f"{first.span}: cannot format: {first.message} [{first.code}]")
    return format_text(text, path)


def _format_file(path: str, *, check: bool) -> bool:
    data = read_bytes(path)
    formatted = format_bytes(data, path)
    if formatted.encode("utf-8") == data:
        return False
    if not check:
        # A symlinked claim file stays a symlink: the file it points at is rewritten.
        target = os.path.realpath(path)
        mode = stat.S_IMODE(os.stat(target).st_mode)
        write_atomic(target, formatted.encode("utf-8"))
        os.chmod(target, mode)
    return True


def format_paths(paths: Sequence[str | os.PathLike[str]], *, check: bool = False) -> FormatReport:
    """Rewrite claim files in the canonical layout (directories: every ``.yaml``/``.yml`` in them).

    Each file is written atomically, and only when it changes. A file that cannot be
    formatted is left alone and reported; the others are still formatted.

    Args:
        paths: Claim files and directories.
        check: Write nothing; report the files that would change.

    Raises:
        InputError: A path does not exist.
        UsageError: A file given by name is not a YAML file.
    """
    report = FormatReport()
    for path in _files(paths):
        try:
            changed = _format_file(path, check=check)
        except ArgmapError as exc:
            report.errors.append(str(exc))
            continue
        (report.changed if changed else report.unchanged).append(path)
    return report
