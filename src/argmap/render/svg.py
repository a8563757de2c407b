"""SVG for inline use: Graphviz's SVG without prolog or comments, ids prefixed, checked for active content."""

from __future__ import annotations

import html
import re
from xml.etree import ElementTree

from argmap.backend import run_dot
from argmap.errors import RenderError
from argmap.evaluate import Evaluation
from argmap.model import ArgumentMap
from argmap.render.dot import Linker, render_dot
from argmap.render.text import clean, escape_html, map_title

_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_ID_ATTR = re.compile(r'(?<![\w-])id="([^"]*)"')
_XLINK = "{http://www.w3.org/1999/xlink}"
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
    prefix = graph_id + "-"

    def fix_id(match: re.Match[str]) -> str:
        # Graphviz writes '-' in ids as '&#45;'; compare and write the plain form.
        value = html.unescape(match.group(1))
        if value != graph_id and not value.startswith(prefix):
            value = prefix + value
        return f'id="{escape_html(value)}"'

    svg = _ID_ATTR.sub(fix_id, svg)
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
    lines = [line.rstrip() for line in svg.strip().splitlines()]
    return "\n".join(lines) + "\n"


def check_svg(svg: str) -> None:
    """Refuse SVG with a script, an event handler or a link that is not http(s) or relative.

    The SVG is parsed, so this looks at elements and attributes, not at text content.

    Raises:
        RenderError: The SVG is not well-formed or holds active content.
    """
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as exc:
        raise RenderError(f"Graphviz returned malformed SVG: {exc}") from exc
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1].lower()
        if name in _FORBIDDEN_ELEMENTS:
            raise RenderError(f"refusing to write SVG with a <{name}> element")
        for attr, value in element.attrib.items():
            local = attr.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise RenderError(f"refusing to write SVG with an event handler ({local})")
            if local in ("href", "src") and not _SAFE_HREF.match(value.strip()):
                raise RenderError(f"refusing to write SVG with an unsafe link {value[:40]!r}")


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
