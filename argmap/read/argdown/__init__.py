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
  (see :mod:`argmap.read.argdown.build`).
- Premise-conclusion structures add what Argdown derives for its maps: each premise
  supports its argument, and the argument supports its main conclusion. An intermediary
  conclusion supports its argument too, so that an attack on it weighs on the argument.
- Front matter ``title``, ``description``, ``sources``, ``compare``, ``theses`` and
  ``standard`` fill the map
  metadata; ``model: {mode: strict}`` selects Argdown's strict mode.
- Whatever argmap cannot hold (inference rules and their data, other data keys, other
  front-matter keys) is reported as a note, never dropped in silence.
"""

from __future__ import annotations

from typing import Any

from argmap.diagnostics import Severity, Span
from argmap.model import Claim, MapMeta
from argmap.read.argdown.build import build_model
from argmap.read.argdown.citations import NamedSources
from argmap.read.argdown.claims import convert_nodes
from argmap.read.argdown.include import SourceMap, expand_includes
from argmap.read.argdown.names import slugify
from argmap.read.argdown.parser import parse
from argmap.read.argdown.problem import Problem, note
from argmap.read.argdown.selection import default_selection
from argmap.read.collect import Collector, Locate
from argmap.read.result import LoadResult

__all__ = ["read_argdown", "slugify"]

_META_KEYS = ("title", "description", "sources", "compare", "theses", "standard")
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


def read_argdown(text: str, path: str, include_root: str | None = None) -> LoadResult:
    """Read an Argdown document into an argument map.

    Args:
        text: The document.
        path: Its path, for diagnostics and to resolve ``@include(...)``.
        include_root: The directory included files must lie in; by default the
            directory of ``path``.

    Returns:
        The map, where each claim and relation was written, and every problem found:
        syntax errors (``argdown-syntax``) with 1-based line and column, and notes for
        whatever argmap cannot hold.
    """
    out = Collector(path)
    combined, smap, problems = expand_includes(text.lstrip("\ufeff"), path, include_root)
    for file in smap.files():
        out.spans.add(("file", file), Span(file))
    doc, errors = parse(combined)
    problems += errors
    model = build_model(doc)
    problems += model.problems
    named = NamedSources(_declared_sources(model.front_matter))
    drafts = convert_nodes(model, smap, problems, named)
    front = doc.front_matter.offset if doc.front_matter else 0
    meta = _meta(model.front_matter, front, problems, out, smap, named.records())
    claims: list[Claim] = []
    for draft in drafts:
        claim = out.claim(draft.fields, _at(draft.span), draft.fields["id"])
        if claim is None:
            continue
        claims.append(claim)
        out.spans.add(("claim", claim.id), draft.span)
        for kind, items in draft.relation_spans.items():
            for i, span in enumerate(items):
                out.spans.add(("claim", claim.id, kind, i), span)
    shown = default_selection(model)
    details = {
        d.fields["id"] for key, d in zip(model.nodes, drafts, strict=True) if key not in shown
    }
    out.diagnostics += [smap.diagnostic(p) for p in problems]
    if not claims and not any(d.severity is Severity.ERROR for d in out.diagnostics):
        out.say(
            Span(path),
            Severity.WARNING,
            "argdown-empty",
            "the document holds no statement or argument",
        )
    result = out.result(meta, claims)
    result.details = details & {c.id for c in claims}
    return result


def _declared_sources(front: dict[str, Any] | None) -> list[str]:
    listed = (front or {}).get("sources")
    items = listed if isinstance(listed, list) else []
    return [str(s["id"]) for s in items if isinstance(s, dict) and "id" in s]


def _meta(
    front: dict[str, Any] | None,
    offset: int,
    problems: list[Problem],
    out: Collector,
    smap: SourceMap,
    named: list[dict[str, Any]],
) -> MapMeta | None:
    if not front and not named:
        return None
    front = front or {}
    fields = {k: front[k] for k in _META_KEYS if k in front}
    if named:  # the sources that plain names in statements' data cite
        listed = fields.get("sources")
        fields["sources"] = [*(listed if isinstance(listed, list) else []), *named]
    if "compare" in fields and isinstance(fields["compare"], list):
        fields["compare"] = [tuple(p) if isinstance(p, list) else p for p in fields["compare"]]
    model = front.get("model")
    if isinstance(model, dict) and model.get("explodeArguments"):
        message = (
            "model: explodeArguments is not followed: each premise-conclusion structure is "
            "read as one argument"
        )
        problems.append(note(offset, "argdown-data-ignored", message))
    ignored = sorted(k for k in front if k not in _META_KEYS and k not in _ARGDOWN_SETTINGS)
    if ignored:
        names = ", ".join(f"'{k}'" for k in ignored)
        message = f"front matter {names} not kept: argmap has no place for it"
        problems.append(note(offset, "argdown-data-ignored", message))
    return out.meta(fields, _at(smap.span(offset)))


def _at(span: Span) -> Locate:
    """A locator for a record written in one place (the model's errors point there)."""

    def locate(loc: tuple[int | str, ...], key: bool) -> Span:
        return span

    return locate
