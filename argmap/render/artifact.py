"""One artifact of a map on request: the whole map (or a thesis's whole sub-map) drawn, or a summary."""

from __future__ import annotations

from argmap.backend import run_dot
from argmap.errors import UsageError
from argmap.evaluate import Evaluation
from argmap.model import ArgumentMap
from argmap.render import RENDER_FORMATS
from argmap.render.dot import render_dot
from argmap.render.svg import svg_from_dot
from argmap.render.text import anchor, clean, map_title
from argmap.render.view import describe_map, graph_id
from argmap.structure import thesis_map


def render_artifact(
    amap: ArgumentMap,
    fmt: str,
    *,
    thesis: str | None = None,
    evaluation: Evaluation | None = None,
    legend: bool = True,
    drawn: ArgumentMap | None = None,
) -> bytes:
    """One artifact of a map: the whole map (or a thesis's whole sub-map) as DOT, SVG, PNG
    or PDF, or a thesis's Markdown summary.

    A map draws ``drawn`` when it is given (see :meth:`argmap.read.result.LoadResult.drawn`).

    Raises:
        UsageError: Unknown format, unknown thesis, or Markdown asked without a thesis on a
            map with several.
    """
    if fmt not in RENDER_FORMATS:
        raise UsageError(f"unknown format {fmt!r}: expected one of {', '.join(RENDER_FORMATS)}")
    if fmt == "md":
        if thesis is None:
            if len(amap.theses) != 1:
                names = ", ".join(t.id for t in amap.theses) or "none"
                raise UsageError(
                    f"a Markdown summary is per thesis: choose one with --thesis ({names})"
                )
            thesis = amap.theses[0].id
        # Imported here: drawing a map needs neither the summaries nor the comparisons.
        from argmap.render.markdown import render_markdown

        return render_markdown(amap, thesis, evaluation).encode("utf-8")
    base = amap if drawn is None else drawn
    shown = thesis_map(base, thesis) if thesis is not None else base
    gid = graph_id(thesis or "overview")
    title = map_title(amap)
    if thesis is not None:
        title += f": {clean(shown.claim(thesis).label or shown.claim(thesis).text)}"
    dot = render_dot(
        shown,
        evaluation,
        link=lambda c: f"#{anchor(c)}",
        graph_id=gid,
        title=title,
        legend=legend,
        description=describe_map(shown, evaluation),
        whole=amap,
    )
    if fmt == "dot":
        return dot.encode("utf-8")
    if fmt == "svg":
        return svg_from_dot(dot, gid, title, standalone=True).encode("utf-8")
    return run_dot(dot, fmt)
