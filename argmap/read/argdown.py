"""Reads Argdown (``.argdown``, ``.ad``) into an argument map; never raises for bad input.

Reads the files that ``@include(...)`` names.

How Argdown maps onto argmap:

- Each equivalence class of statements (one title, or one untitled statement) becomes a
  claim; each argument becomes a claim of kind ``argument``. The Argdown title is the
  claim's ``label``; untitled statements have none.
- Ids are slugs of the title (lowercase ASCII letters, digits, ``-``); an untitled
  statement takes a slug of its text (``s-<n>`` and ``a-<n>`` when nothing is left).
  Clashes get ``-2``, ``-3`` ... in document order. A data block ``{id: my-id}`` sets the
  id itself.
- Text is the text of the class's canonical member, as in Argdown: the last definition,
  or the one marked ``{isCanonical: true}``. Other texts of the class are reported as
  notes. Hashtags are taken out of the text and become tags; link targets become
  citations (``sources`` with a ``url``). A statement never given a text keeps its title
  as text.
- A statement is a ``thesis`` with the hashtag ``#thesis`` or ``{kind: thesis}``, and
  ``evidence`` with ``#evidence`` or ``{kind: evidence}``; else a ``claim``. Nothing is
  guessed from the structure. Data keys ``label``, ``text``, ``weight`` and ``sources``
  set those fields (argmap's Argdown writer uses them to keep what Argdown cannot show).
- Headings group claims: a claim gets a tag made of the slug of the innermost heading it
  was defined under (none when the heading has ``{isGroup: false}``).
- Relations: support (``+ <+ +>``) and ``entails`` become ``supports``; attack
  (``- <- ->``) becomes ``attacks``; contradiction (``><``) and ``contrary`` become an
  attack each way; undercut (``_ <_ _>``) becomes ``undercuts`` of the argument (an
  undercut of an inference undercuts its argument). Argdown's own rewrites apply first
  (see :mod:`argmap.read.argdown_model`).
- Premise-conclusion structures add what Argdown derives for its maps: each premise
  supports its argument, and the argument supports its main conclusion. An intermediary
  conclusion supports its argument too, so that an attack on it weighs on the argument.
- Front matter ``title``, ``description``, ``sources`` and ``compare`` fill the map
  metadata; ``model: {mode: strict}`` selects Argdown's strict mode.
- Whatever argmap cannot hold (inference rules and their data, other data keys, other
  front-matter keys) is reported as a note, never dropped in silence.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from argmap.diagnostics import Diagnostic, Severity, Span, SpanIndex
from argmap.model import ArgumentMap, Claim, MapMeta
from argmap.read.argdown_claims import ClaimDraft, convert_nodes, slugify
from argmap.read.argdown_data import Problem
from argmap.read.argdown_include import SourceMap, expand_includes
from argmap.read.argdown_model import build_model
from argmap.read.argdown_parser import parse
from argmap.read.result import LoadResult

__all__ = ["read_argdown", "slugify"]

_META_KEYS = ("title", "description", "sources", "compare")
# Front-matter keys that steer Argdown's own tools; they are not argmap's business.
_ARGDOWN_SETTINGS = frozenset(
    {
        "model",
        "map",
        "color",
        "group",
        "selection",
        "dot",
        "vizJs",
        "svgToPdf",
        "html",
        "json",
        "webComponent",
        "logLevel",
        "saveAs",
        "images",
        "data",
        "process",
        "inputPath",
        "outputPath",
    }
)


def read_argdown(text: str, path: str) -> LoadResult:
    """Read an Argdown document into an argument map.

    Args:
        text: The document.
        path: Its path, for diagnostics and to resolve ``@include(...)``.

    Returns:
        The map, where each claim and relation was written, and every problem found:
        syntax errors (``argdown-syntax``) with 1-based line and column, and notes for
        whatever argmap cannot hold.
    """
    spans = SpanIndex()
    spans.add(("file", path), Span(path))
    combined, smap, diags = expand_includes(text.lstrip("\ufeff"), path)
    for file in smap.files():
        spans.add(("file", file), Span(file))
    doc, errors = parse(combined)
    for line, col, message in errors:
        offset = _offset(combined, line, col)
        diags.append(Diagnostic(smap.span(offset), Severity.ERROR, "argdown-syntax", message))
    model = build_model(doc)
    diags += [_diagnostic(smap, p) for p in model.problems]
    drafts = convert_nodes(model, smap, diags)
    meta = _meta(
        model.front_matter, smap, doc.front_matter.offset if doc.front_matter else 0, diags
    )
    claims: list[Claim] = []
    for draft in drafts:
        claim = _claim(draft, diags)
        if claim is None:
            continue
        claims.append(claim)
        spans.add(("claim", claim.id), draft.span)
        for kind, items in draft.relation_spans.items():
            for i, span in enumerate(items):
                spans.add(("claim", claim.id, kind, i), span)
    if not claims and not any(d.severity is Severity.ERROR for d in diags):
        diags.append(
            Diagnostic(
                Span(path),
                Severity.WARNING,
                "argdown-empty",
                "the document holds no statement or argument",
            )
        )
    try:
        amap = ArgumentMap(meta=meta, claims=tuple(claims))
    except ValidationError as err:  # duplicate ids are caught in convert_nodes; this is a guard
        diags.append(Diagnostic(Span(path), Severity.ERROR, "argdown-model", _first_error(err)))
        amap = ArgumentMap(meta=meta)
    return LoadResult(amap=amap, spans=spans, diagnostics=diags)


def _offset(text: str, line: int, col: int) -> int:
    pos = 0
    for _ in range(line - 1):
        nxt = _next_break(text, pos)
        if nxt < 0:
            break
        pos = nxt
    return pos + col - 1


def _next_break(text: str, pos: int) -> int:
    candidates = [i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0]
    if not candidates:
        return -1
    i = min(candidates)
    return i + 2 if text.startswith("\r\n", i) else i + 1


def _diagnostic(smap: SourceMap, problem: Problem) -> Diagnostic:
    offset = problem.token.offset if problem.offset is None else problem.offset
    return Diagnostic(smap.span(offset), Severity(problem.severity), problem.code, problem.message)


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _claim(draft: ClaimDraft, diags: list[Diagnostic]) -> Claim | None:
    try:
        return Claim(**draft.fields)
    except ValidationError as err:
        diags.append(
            Diagnostic(
                draft.span,
                Severity.ERROR,
                "argdown-claim",
                f"claim '{draft.fields.get('id')}': {_first_error(err)}",
            )
        )
        return None


def _meta(
    front: dict[str, Any] | None, smap: SourceMap, offset: int, diags: list[Diagnostic]
) -> MapMeta:
    if not front:
        return MapMeta()
    where = smap.span(offset)
    fields = {k: front[k] for k in _META_KEYS if k in front}
    if "compare" in fields and isinstance(fields["compare"], list):
        fields["compare"] = [tuple(p) if isinstance(p, list) else p for p in fields["compare"]]
    ignored = sorted(k for k in front if k not in _META_KEYS and k not in _ARGDOWN_SETTINGS)
    if ignored:
        names = ", ".join(f"'{k}'" for k in ignored)
        diags.append(
            Diagnostic(
                where,
                Severity.INFO,
                "argdown-data-ignored",
                f"front matter {names} not kept: argmap has no place for it",
            )
        )
    try:
        return MapMeta(**fields)
    except ValidationError as err:
        diags.append(
            Diagnostic(where, Severity.ERROR, "argdown-data", f"front matter: {_first_error(err)}")
        )
        return MapMeta()
