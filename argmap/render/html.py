"""The standalone HTML page of a map: inline SVG with pan and zoom, and a side panel with the
clicked claim. The page fetches nothing."""

from __future__ import annotations

import base64
import hashlib
import json
from string import Template
from typing import Any

from argmap.evaluate import Evaluation
from argmap.explain import plural
from argmap.explain_scores import score_note
from argmap.model import ArgumentMap
from argmap.render.asset import asset_text, stylesheet
from argmap.render.records import claim_record, sources_html, status_phrase
from argmap.render.svg import render_svg
from argmap.render.text import anchor, clean, escape_html, map_title
from argmap.render.view import graph_id
from argmap.structure import ordered_theses, require_thesis, thesis_map

OVERVIEW = "overview"


def _csp_hash(text: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        + "'"
    )


def _json_for_script(data: dict[str, Any]) -> str:
    # Inside <script> only "</" and "<!--" matter; escaping every <, > and & as \\u
    # sequences keeps any claim text from closing the element (HTML spec, 4.12.1.3).
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _all_claims(shown: ArgumentMap, records: dict[str, dict[str, Any]]) -> str:
    items = []
    for claim in shown.claims:
        record = records[claim.id]
        status = status_phrase(record)
        badge = f' <span class="argmap-status">{escape_html(status)}</span>' if status else ""
        text = f"<p>{escape_html(record['text'])}</p>" if record["text"] != record["title"] else ""
        if record.get("why"):
            text += f'<p class="argmap-why">{escape_html(record["why"])}</p>'
        items.append(
            f'<dt id="{anchor(claim.id)}"><span class="argmap-kind">{record["kind"]}</span> '
            f"{escape_html(record['title'])}{badge}</dt>\n<dd>{text}{sources_html(record)}</dd>"
        )
    return "\n".join(items)


def render_html_page(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    thesis_id: str | None = None,
    *,
    drawn: ArgumentMap | None = None,
) -> str:
    """A self-contained HTML page for a map or a thesis's sub-map (needs Graphviz's ``dot``).

    The page holds the SVG inline, with pan and zoom (drag, wheel, buttons, keys), and a
    side panel that shows a clicked claim's full text, sources, evaluation and
    neighbours. Its stylesheet, script and data are inline, and its Content Security Policy
    allows nothing else, so it loads nothing from a network. Without JavaScript, every
    claim is listed below the map and the nodes link to the list.

    Args:
        amap: The whole map.
        evaluation: Statuses and strengths to show, if any.
        thesis_id: Draw this thesis's sub-map; ``None`` draws the whole map.
        drawn: The map to draw, when it is not ``amap`` (see
            :meth:`argmap.read.result.LoadResult.drawn`); the panel and list describe ``amap``.

    Raises:
        UsageError: ``thesis_id`` is not a thesis of the map.
        RenderError: Graphviz is missing or fails.
    """
    title = map_title(amap)
    shown = amap
    if thesis_id is not None:
        require_thesis(amap, thesis_id)
        shown = thesis_map(amap, thesis_id)
        thesis = shown.claim(thesis_id)
        title = f"{title}: {clean(thesis.label or thesis.text)}"
    gid = graph_id(thesis_id or OVERVIEW)
    picture = shown
    if drawn is not None and drawn is not amap:
        picture = drawn if thesis_id is None else thesis_map(drawn, thesis_id)
    svg = render_svg(
        picture,
        evaluation,
        link=lambda c: f"#{anchor(c)}",
        graph_id=gid,
        title=title,
        whole=amap,
    )
    records = {
        c.id: {**claim_record(shown, c, evaluation), "anchor": anchor(c.id)} for c in shown.claims
    }
    how = None
    if evaluation is not None:
        how = evaluation.settings.describe()
        note = score_note(evaluation.gradual)
        if note:
            how += ". " + note
    # The claim the page opens on when the whole map is too small to read: its thesis, or
    # on the overview the headline thesis.
    first = thesis_id or next((t.id for t in ordered_theses(amap) if t.id in records), None)
    data = {"graph": gid, "title": title, "evaluation": how, "claims": records, "focus": first}
    css = stylesheet("page.css")
    script = asset_text("page.js")
    policy = [
        "default-src 'none'",
        f"style-src {_csp_hash(css)}",
        f"script-src {_csp_hash(script)}",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    count = len(shown.claims)
    meta = f"{plural(count, 'claim')}, {plural(len(shown.relations), 'relation')}"
    if len(picture.claims) != count:
        meta += (
            f"; the map shows {len(picture.claims)} of them, as Argdown's own map does "
            "(all are listed below it)"
        )
    if how:
        meta += f" · {how}"
    return Template(asset_text("page.html")).substitute(
        csp="; ".join(policy),
        title=escape_html(title),
        css=css,
        meta=escape_html(meta),
        svg=svg.rstrip(),
        count=count,
        claims=_all_claims(shown, records),
        data=_json_for_script(data),
        script=script,
    )
