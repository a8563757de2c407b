"""SVG for inline use: Graphviz's SVG without prolog or comments, ids prefixed, checked for active content."""

from __future__ import annotations

import re
from xml.parsers import expat

from argmap.backend import run_dot
from argmap.errors import RenderError
from argmap.evaluate import Evaluation
from argmap.model import ArgumentMap
from argmap.render.dot import Linker, render_dot
from argmap.render.text import clean, escape_html, map_title

_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_LINKS = frozenset({"href", "src"})
#: Attributes Graphviz writes that are neither event handlers nor links.
_PLAIN_ATTRIBUTES = frozenset(
    {
        "class", "cx", "cy", "d", "fill", "fill-opacity", "font-family", "font-size",
        "font-style", "font-weight", "height", "id", "points", "preserveAspectRatio", "r",
        "rx", "ry", "stroke", "stroke-dasharray", "stroke-opacity", "stroke-width", "target",
        "text-anchor", "text-decoration", "transform", "viewBox", "width", "x", "x1", "x2",
        "xlink:title", "xmlns", "xmlns:xlink", "y", "y1", "y2",
    }
)  # fmt: skip
_FORBIDDEN_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler"})
_SAFE_HREF = re.compile(
    r"^(?:https?://[^\s\"'<>`]+|#[\w.-]*|[\w.-]+(?:\.md|\.svg|\.html)?(?:#[\w.-]*)?)$",
    re.IGNORECASE,
)


def postprocess_svg(svg: str, graph_id: str, title: str) -> str:
    """Make Graphviz SVG safe and ready to inline in a page.

    Drops the XML prolog, DOCTYPE and comments (which name the Graphviz version), prefixes
    every id Graphviz made up itself with ``graph_id``, adds the map's ``<title>`` as the
    first child, and refuses any active content.

    Raises:
        RenderError: The SVG holds a script, an event handler or an unsafe URL.
    """
    svg = _PROLOG.sub("", svg)
    svg = _COMMENT.sub("", svg)
    # Graphviz writes '-' as '&#45;' (in ids too); the plain form means the same anywhere
    # in the document and makes the prefix test below a plain comparison.
    svg = svg.replace("&#45;", "-")
    prefix = graph_id + "-"
    # Every id gets the prefix, then the ids that had it already (the ids of nodes and
    # edges, written by argmap) or were the graph id itself lose the doubled one.
    quoted = escape_html(prefix)
    for space in " \n\t":
        svg = svg.replace(f'{space}id="', f'{space}id="{quoted}')
    svg = svg.replace(f'id="{quoted}{quoted}', f'id="{quoted}')
    svg = svg.replace(f'id="{quoted}{escape_html(graph_id)}"', f'id="{escape_html(graph_id)}"')
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        raise RenderError("Graphviz returned no SVG")
    head = opening.group(0)
    new_head = head[:-1] + f' class="argmap" data-argmap-id="{escape_html(graph_id)}">'
    svg = (
        svg[: opening.start()]
        + new_head
        + f"\n<title>{escape_html(title)}</title>"
        + svg[opening.end() :]
    )
    check_svg(svg)
    svg = svg.strip()
    if " \n" in svg or "\t\n" in svg:
        svg = _TRAILING_SPACE.sub("", svg)
    return svg + "\n"


def check_svg(svg: str) -> None:
    """Refuse SVG with a script, an event handler or a link that is not http(s) or relative.

    The SVG is parsed, so this looks at elements and attributes, not at text content.
    Names are judged by their local part, whatever namespace prefix they carry.

    Raises:
        RenderError: The SVG is not well-formed or holds active content.
    """
    # A map has a handful of distinct element and attribute names and thousands of
    # elements: each name is judged once.
    tags: dict[str, str] = {}
    names: dict[str, str] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        forbidden = tags.get(tag)
        if forbidden is None:
            local = tag.rsplit(":", 1)[-1].lower()
            forbidden = tags[tag] = local if local in _FORBIDDEN_ELEMENTS else ""
        if forbidden:
            raise RenderError(f"refusing to write SVG with a <{forbidden}> element")
        if attrs.keys() <= _PLAIN_ATTRIBUTES:  # most elements: judged in one set comparison
            return
        for attr, value in attrs.items():
            kind = names.get(attr)
            if kind is None:
                local = attr.rsplit(":", 1)[-1].lower()
                kind = "on" if local.startswith("on") else "href" if local in _LINKS else ""
                names[attr] = kind
            if not kind:
                continue
            if kind == "on":
                local = attr.rsplit(":", 1)[-1].lower()
                raise RenderError(f"refusing to write SVG with an event handler ({local})")
            if not _SAFE_HREF.match(value.strip()):
                raise RenderError(f"refusing to write SVG with an unsafe link {value[:40]!r}")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as exc:
        raise RenderError(f"Graphviz returned malformed SVG: {exc}") from exc


def svg_from_dot(dot_source: str, graph_id: str, title: str) -> str:
    """Lay out DOT text with Graphviz and return inline-ready SVG."""
    raw = run_dot(dot_source, "svg").decode("utf-8")
    return postprocess_svg(raw, graph_id, title)


def render_svg(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    *,
    link: Linker | None = None,
    graph_id: str = "argmap",
    title: str | None = None,
) -> str:
    """Draw a map as inline-ready SVG (needs Graphviz's ``dot``).

    Args:
        amap: The map or sub-map to draw.
        evaluation: Statuses and strengths to show, if any.
        link: Maps a claim id to the URL its node links to.
        graph_id: Prefix of every id in the SVG.
        title: The map's title; defaults to the map metadata's.

    Raises:
        RenderError: Graphviz is missing or fails.
    """
    caption = clean(title) if title is not None else map_title(amap)
    dot = render_dot(amap, evaluation, link=link, graph_id=graph_id, title=caption)
    return svg_from_dot(dot, graph_id, caption)
