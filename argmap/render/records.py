"""A claim's facts as plain data (text, sources, evaluation, neighbours), for claim lists and
the page's side panel. Pure."""

from __future__ import annotations

import html
from typing import Any

from argmap.evaluate import Evaluation
from argmap.explain import claim_why
from argmap.model import ArgumentMap, Claim, RelationKind
from argmap.render.text import clean, escape_html, safe_url, title_namer

_INCOMING = {
    RelationKind.SUPPORTS: "supported_by",
    RelationKind.ATTACKS: "attacked_by",
    RelationKind.UNDERCUTS: "undercut_by",
}


def claim_record(amap: ArgumentMap, claim: Claim, evaluation: Evaluation | None) -> dict[str, Any]:
    """Everything a reader may want to know about one claim, as JSON-ready data.

    Texts are cleaned (one line, no control characters); URLs are kept only when they are
    plain http(s) URLs. Relations name only claims of ``amap``.

    Args:
        amap: The map the claim is shown in.
        claim: The claim.
        evaluation: Its status and strength, if the map was evaluated.
    """
    sources = []
    for ref in claim.sources:
        source = amap.source(ref.source) if ref.source else None
        by = ", ".join(clean(x) for x in (source.author, source.year) if x) if source else ""
        sources.append(
            {
                "title": clean(source.title) if source else clean(ref.url or ref.source or ""),
                "by": by or None,
                "url": safe_url(source.url if source else ref.url),
                "locator": clean(ref.locator) if ref.locator else None,
                "quote": clean(ref.quote) if ref.quote else None,
            }
        )
    record: dict[str, Any] = {
        "id": claim.id,
        "kind": claim.kind.value,
        "title": clean(claim.label or claim.text),
        "text": clean(claim.text),
        "tags": list(claim.tags),
        "sources": sources,
        "status": None,
        "strength": None,
        "why": None,
    }
    if evaluation is not None:
        record["status"] = evaluation.state(claim.id)
        strength = evaluation.strength(claim.id)
        record["strength"] = None if strength is None else round(strength, 4)
        record["why"] = claim_why(
            amap,
            evaluation,
            claim.id,
            title_namer(amap),
        )
    for kind in RelationKind:
        record[kind.value] = [t for t in claim.targets(kind) if t in amap.by_id]
        record[_INCOMING[kind]] = [
            r.source for r in amap.relations if r.target == claim.id and r.kind is kind
        ]
    return record


def status_phrase(record: dict[str, Any]) -> str:
    """``stands · score 0.72`` style summary of a record's evaluation, or an empty string."""
    parts = [str(record["status"])] if record["status"] else []
    if record["strength"] is not None:
        parts.append(f"score {record['strength']:.2f}")
    return " · ".join(parts)


def sources_html(record: dict[str, Any]) -> str:
    """The record's citations as an HTML list (empty string when there are none)."""
    items = []
    for src in record["sources"]:
        title = escape_html(src["title"])
        cite = (
            f'<a href="{html.escape(src["url"])}">{title}</a>'
            if src["url"]
            else f"<cite>{title}</cite>"
        )
        if src["by"]:
            cite += f" ({escape_html(src['by'])})"
        if src["locator"]:
            cite += f", {escape_html(src['locator'])}"
        quote = f"<q>{escape_html(src['quote'])}</q> — " if src["quote"] else ""
        items.append(f"<li>{quote}{cite}</li>")
    return f'<ul class="argmap-sources">{"".join(items)}</ul>' if items else ""
