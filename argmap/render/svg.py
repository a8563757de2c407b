"""SVG for inline use: Graphviz's SVG without prolog or comments, ids prefixed, checked for active content."""

from __future__ import annotations

import html
import re
from xml.parsers import expat

from argmap.backend import run_dot
from argmap.errors import RenderError
from argmap.evaluate import Evaluation
from argmap.model import ArgumentMap
from argmap.render.dot import Linker, render_dot
from argmap.render.style import standalone_css
from argmap.render.text import clean, escape_html, map_title
from argmap.render.view import describe_map

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
#: What may come before the root ``<svg>`` Graphviz writes: a prolog, a DOCTYPE, comments.
_HEAD = re.compile(r"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?(?:<!--.*?-->\s*)*", re.DOTALL)
# A link (with a target): ARIA allows a name on links only, not on the bare <a> Graphviz
# writes around a tooltip.
_LINK_TITLE = re.compile(r'(<a\b[^>]*? xlink:href="[^"]*"[^>]*? xlink:title="([^"]*)")')
# Searched in the SVG's UTF-8 bytes, lowercased (fast for bytes, slow for text that is not
# ASCII), each on its own and each starting with a literal, which the search skips to.
_ACTIVE_ELEMENT = re.compile(
    rb"<\s*(?:[\w.-]+:)?(script|foreignobject|iframe|embed|object|handler)\b"
)
_HANDLER = re.compile(rb"on[a-z]+\s*=")
_LINKS_AT = (re.compile(rb'href\s*=\s*"([^"]*)"'), re.compile(rb'src\s*=\s*"([^"]*)"'))
_SAFE_HREF = re.compile(
    r"^(?:https?://[^\s\"'<>`]+|#[\w.-]*|[\w.-]+(?:\.md|\.svg|\.html)?(?:#[\w.-]*)?)$",
    re.IGNORECASE,
)


def postprocess_svg(
    svg: str, graph_id: str, title: str, *, description: str = "", standalone: bool = False
) -> str:
    """Make Graphviz SVG safe, accessible and ready to inline in a page.

    Drops the XML prolog, DOCTYPE and comments (which name the Graphviz version) and the
    ``<title>`` Graphviz gives the graph (its raw id), prefixes every id Graphviz made up
    itself with ``graph_id``, makes the root an image labelled by the map's ``<title>`` and
    described by its ``<desc>``, names each link for screen readers, and refuses any
    active content. A ``standalone`` SVG (a file of its own) carries the stylesheet of the
    dark palette, so it follows the reader's colour scheme wherever it is shown.

    Raises:
        RenderError: The SVG holds a script, an event handler or an unsafe URL.
    """
    # Graphviz writes '-' as '&#45;' (in ids too); the plain form means the same anywhere
    # in the document and makes the prefix test below a plain comparison.
    svg = svg.replace("&#45;", "-")
    gid = escape_html(graph_id)
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        raise RenderError("Graphviz returned no SVG")
    # The prolog, DOCTYPE and comments before the root go with everything before it.
    if not _HEAD.fullmatch(svg, 0, opening.start()):
        svg = _PROLOG.sub("", svg)
        svg = _COMMENT.sub("", svg)
        opening = _SVG_OPEN.search(svg)
        assert opening is not None  # the text before the root held it: now gone
    head = opening.group(0)
    new_head = head[:-1] + (
        f' class="argmap" data-argmap-id="{gid}" role="img" aria-labelledby="{gid}-title"'
        + (f' aria-describedby="{gid}-desc"' if description else "")
        + ">"
    )
    inserted = f'\n<title id="{gid}-title">{escape_html(title)}</title>'
    if description:
        inserted += f'\n<desc id="{gid}-desc">{escape_html(description)}</desc>'
    if standalone:
        inserted += f"\n<style>{standalone_css()}</style>"
    body = svg[opening.end() :].replace(f"<title>{gid}</title>\n", "", 1)
    body = _COMMENT.sub("", body)
    # A link's accessible name: its tooltip (a claim's text, or where a "more" node leads).
    body = _LINK_TITLE.sub(r'\1 aria-label="\2"', body)
    svg = new_head + inserted + _prefix_ids(body, escape_html(graph_id + "-"), f'{gid}"')
    scan_svg(svg)
    svg = svg.rstrip()
    if " \n" in svg or "\t\n" in svg:
        svg = _TRAILING_SPACE.sub("", svg)
    return svg + "\n"


def _prefix_ids(body: str, prefix: str, own: str) -> str:
    """``body`` with ``prefix`` before each id Graphviz made up itself, written once: the
    ids argmap wrote (of nodes and edges) start with it already, and the graph's own id
    (``own``, with its closing quote) stays as it is."""
    for space in " \n\t":
        opening = f'{space}id="'
        if opening not in body:
            continue
        parts = body.split(opening)
        for i in range(1, len(parts)):
            part = parts[i]
            if not part.startswith((prefix, own)):
                parts[i] = prefix + part
        body = opening.join(parts)
    return body


def scan_svg(svg: str) -> None:
    """Refuse SVG with a script, an event handler or a link that is not http(s) or relative,
    by three regular-expression scans (no parse).

    Enough for the SVG Graphviz writes from argmap's DOT, which is safe by construction:
    every text reaches it through one escaping helper that leaves no markup, no quote and
    no ``on...=`` or ``javascript:``. :func:`check_svg` parses, for SVG of unknown origin.

    Raises:
        RenderError: The SVG holds active content.
    """
    low = svg.encode("utf-8").lower()
    element = _ACTIVE_ELEMENT.search(low)
    if element:
        raise RenderError(f"refusing to write SVG with a <{element.group(1).decode()}> element")
    for handler in _HANDLER.finditer(low):
        # An attribute, not a word in a text: after a space or a namespace prefix.
        if low[handler.start() - 1 : handler.start()] in (b" ", b"\t", b"\n", b"\r", b":"):
            name = handler.group(0).rstrip(b"= \t\n\r").decode()
            raise RenderError(f"refusing to write SVG with an event handler ({name})")
    for pattern in _LINKS_AT:
        for link in pattern.findall(low):
            text = link.decode("utf-8", "replace")
            if not _SAFE_HREF.match(html.unescape(text).strip()):
                raise RenderError(f"refusing to write SVG with an unsafe link {text[:40]!r}")


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


def describe_dot(dot_source: str) -> str:
    """The map's description that DOT text from argmap carries in its first line, a comment."""
    first = dot_source.split("\n", 1)[0]
    return html.unescape(first[3:]) if first.startswith("// ") else ""


def svg_from_dot(dot_source: str, graph_id: str, title: str, *, standalone: bool = False) -> str:
    """Lay out DOT text with Graphviz and return inline-ready SVG.

    The map's description is the DOT text's first line, when it is a comment (see
    :func:`argmap.render.dot.render_dot`).
    """
    raw = run_dot(dot_source, "svg").decode("utf-8")
    description = describe_dot(dot_source)
    svg = postprocess_svg(raw, graph_id, title, description=description, standalone=standalone)
    # One map at a time (render, fences): a full parse costs little, and also refuses SVG
    # that is not well formed.
    check_svg(svg)
    return svg


def render_svg(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    *,
    link: Linker | None = None,
    graph_id: str = "argmap",
    title: str | None = None,
    legend: bool = True,
    standalone: bool = False,
    whole: ArgumentMap | None = None,
) -> str:
    """Draw a map as inline-ready SVG (needs Graphviz's ``dot``).

    Args:
        amap: The map or sub-map to draw, whole.
        evaluation: States and strengths to show, if any.
        link: Maps a claim id to the URL its node links to.
        graph_id: Prefix of every id in the SVG.
        title: The map's title; defaults to the map metadata's.
        legend: Draw a legend of the lines, kinds and states the map uses.
        standalone: Carry the dark palette's stylesheet (for an SVG file of its own).
        whole: The map ``amap`` is drawn from, if it is part of one: tooltips name the
            claims a verdict rests on from it.

    Raises:
        RenderError: Graphviz is missing or fails.
    """
    caption = clean(title) if title is not None else map_title(amap)
    description = describe_map(amap, evaluation)
    dot = render_dot(
        amap,
        evaluation,
        link=link,
        graph_id=graph_id,
        title=caption,
        legend=legend,
        description=description,
        whole=whole,
    )
    return svg_from_dot(dot, graph_id, caption, standalone=standalone)
