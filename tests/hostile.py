"""Shared pieces of the hostile suites: hostile strings, maps built from them, HTML checks."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import markdown_it

from argmap.compare import compare_theses
from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta, Source, SourceRef
from argmap.render.compare_page import render_compare_markdown
from argmap.render.markdown import render_index, render_markdown
from argmap.render.text import clean, safe_url

#: Text that tries to become markup, a link, an image, a script or an attribute.
HOSTILE_TEXTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2Zz4=)",
    "<javascript:alert(1)>",
    "<https://evil.example/>",
    "[x]: javascript:alert(1)",
    "[x][y] [y]: javascript:alert(1)",
    '{: onclick="alert(1)" }',
    '{onclick="alert(1)"}',
    "*[HTML]: Hyper",
    "text[^1] [^1]: note",
    "`code` ``more``",
    "*em* **strong** _u_ __uu__ ~~strike~~",
    "$x$ $$y$$ \\(z\\)",
    "&lt;script&gt; &#106;avascript:alert(1) &#x3C;b&#x3E;",
    "javascript&colon;alert(1)",
    "_javascript:alert(1) x_vbscript:msgbox é_data:text/html,x",
    "java\tscript:alert(1) vbscript:msgbox data:text/html,x",
    '"><script>alert(1)</script>',
    "<!-- comment --> <![CDATA[x]]> <?php ?>",
    "\\ \\\\ \\) \\] \\<",
    "| a | b |",
    ":::warning",
    ": a definition",
    '??? note "Title"',
    "???+ warning",
    ":warning: :smile: :+1: :-1: :material-home: 10:30:45",
    "=====",
    "- item",
    "1. item",
    "2) item",
    "# heading",
    "> quote",
    "+ plus",
    "    indented",
    "```python",
    "~~~",
    "***",
    "[![a](b)](c)",
    "[[x]](y) [x]](y) [x](y(z))",
    "<a href=javascript:alert(1)>x</a>",
    '<a href="https://ok.example/" onclick="x">y</a>',
    "onmouseover=alert(1) ONERROR = x",
    "\u202eevil\u202c \u200bzero \ufeffbom",
    "line\nbreak\r\nagain\u2028sep",
    "<style>*{}</style> <iframe src=x>",
    "https://a.b/)[x](javascript:alert(1)",
    "@import url(x);",
    "&amp;&amp; && &",
    "%3Cscript%3E",
]

#: URLs a writer might put in a source's or a citation's url field.
HOSTILE_URLS = [
    "https://a.b/)[x](javascript:alert(1)",
    "https://a.b/)![x](javascript:alert(1))",
    "https://a.b/](javascript:alert(1))",
    "https://a.b/>[x](javascript:alert(1))",
    'https://a.b/" onmouseover="alert(1)',
    "https://a.b/' onmouseover='alert(1)",
    "https://a.b/`x`",
    "https://a.b/ javascript:alert(1)",
    "https://a.b/\tx",
    "https://a.b/\nx",
    "https://a.b/\x00x",
    "https://a.b/\u200bx",
    "https://a.b\\@evil.example/",
    "https:\\\\evil.example",
    "https://good.example@evil.example/",
    "https://a.b/%zz",
    "https://a.b/%0a%0d",
    "https://a.b/(x)[y]{z}|^",
    "https://a.b/<script>",
    "https://a.b/é?q=ü#ß",
    "https://en.wikipedia.org/wiki/Argument_(disambiguation)",
    "https://a.b:8080/x?y=1&z=2#f",
    "HTTPS://A.B/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/",
    "http:evil.example",
    "https://",
    "https://-x-.example/",
    "https://a.b/\\",
    "https://a.b/x*y_z~",
    "https://a.b/&lt;",
    "https://a.b/&#41;[x](javascript:alert(1)",
]


def fuzz_strings(seed: int, count: int) -> Iterator[str]:
    """Seeded mixtures of hostile fragments, punctuation and plain words."""
    rng = random.Random(seed)
    alphabet = "\\`*_[]()!<>&#{}|~$:=\"'-+.;/ \t\n" + "ajsvd1"
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 5)):
            pick = rng.random()
            if pick < 0.4:
                parts.append(rng.choice(HOSTILE_TEXTS))
            elif pick < 0.6:
                parts.append(rng.choice(HOSTILE_URLS))
            else:
                parts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
        text = "".join(parts).strip() or "x"
        yield text if clean(text) else "x" + text


@dataclass
class Fields:
    """The text of every field of a small map, to fill with hostile values."""

    title: str = "Map"
    description: str = "About it."
    thesis_text: str = "The thesis."
    thesis_label: str | None = None
    text: str = "A reason."
    label: str | None = None
    rival_text: str = "The rival."
    locator: str | None = None
    quote: str | None = None
    source_title: str = "Work"
    author: str | None = None
    year: str | None = None
    source_url: str | None = None
    ref_url: str = "https://ok.example/"
    tags: tuple[str, ...] = ()


def hostile_map(f: Fields) -> ArgumentMap:
    """A map of two theses and two reasons, with every field taken from ``f``."""
    source = Source(id="s", title=f.source_title, author=f.author, year=f.year, url=f.source_url)
    cite = SourceRef(source="s", locator=f.locator, quote=f.quote)
    by_url = SourceRef(url=f.ref_url, locator=f.locator)
    claims = (
        Claim(id="t", kind=ClaimKind.THESIS, text=f.thesis_text, label=f.thesis_label),
        Claim(id="u", kind=ClaimKind.THESIS, text=f.rival_text),
        Claim(
            id="a",
            text=f.text,
            label=f.label,
            tags=f.tags,
            sources=(cite, by_url),
            supports=("t",),
            attacks=("u",),
        ),
        Claim(id="b", text=f.text, sources=(by_url,), attacks=("a",)),
    )
    meta = MapMeta(title=f.title, description=f.description, sources=(source,))
    return ArgumentMap(meta=meta, claims=claims)


def summaries(amap: ArgumentMap) -> dict[str, str]:
    """Every Markdown page a build writes for the map, with and without evaluation."""
    evaluation = evaluate_map(amap)
    return {
        "t.md": render_markdown(amap, "t", evaluation, map_image="t.svg", index_link="index.md"),
        "t-plain.md": render_markdown(amap, "t"),
        "u.md": render_markdown(amap, "u", evaluation),
        "index.md": render_index(
            amap, evaluation, overview="overview.svg", comparisons=[("t", "u")]
        ),
        "compare.md": render_compare_markdown(
            amap, compare_theses(amap, "t", "u"), map_image="c.svg", index_link="index.md"
        ),
    }


def external_links(amap: ArgumentMap, thesis: str | None = None) -> list[str]:
    """The http(s) links a thesis's summary must hold: one per citation with a safe URL."""
    links = []
    for claim in amap.claims:
        for ref in claim.sources:
            source = amap.source(ref.source) if ref.source else None
            url = safe_url(source.url if source else ref.url)
            if url is not None:
                links.append(url)
    return links


_COMMONMARK = markdown_it.MarkdownIt("commonmark").enable("table")
_PYMARKDOWN = markdown.Markdown(extensions=["extra", "attr_list", "toc", "pymdownx.superfences"])
#: The extensions of a docs site that typesets math and marks up text (MkDocs Material's
#: set; smartsymbols and magiclink, which only turn text into symbols and links, left out).
DOCS_SITE_EXTENSIONS = [
    "extra", "attr_list", "toc", "admonition", "md_in_html", "def_list", "footnotes", "abbr",
    "pymdownx.superfences", "pymdownx.arithmatex", "pymdownx.caret", "pymdownx.mark",
    "pymdownx.tilde", "pymdownx.keys", "pymdownx.critic", "pymdownx.betterem",
    "pymdownx.tasklist", "pymdownx.inlinehilite", "pymdownx.details", "pymdownx.emoji",
]  # fmt: skip
_DOCS_SITE = markdown.Markdown(extensions=DOCS_SITE_EXTENSIONS)


def to_html(text: str) -> dict[str, str]:
    """The page rendered by markdown-it-py (CommonMark), by Python-Markdown, and by
    Python-Markdown with a docs site's extensions."""
    return {
        "markdown-it": _COMMONMARK.render(text),
        "python-markdown": _PYMARKDOWN.reset().convert(text),
        "docs-site": _DOCS_SITE.reset().convert(text),
    }


@dataclass
class Page:
    """What a rendered page holds: its elements with their attributes, and its text."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    #: The text outside http(s) links.
    outside: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.in_link = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.page.tags.append((tag, values))
        if tag == "a" and values.get("href", "").startswith(("http://", "https://")):
            self.in_link += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.in_link:
            self.in_link -= 1

    def handle_data(self, data: str) -> None:
        self.page.text.append(data)
        if not self.in_link:
            self.page.outside.append(data)


def parse_html(text: str) -> Page:
    """Elements and text of an HTML fragment."""
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector.page


ALLOWED_TAGS = {
    "a", "blockquote", "code", "em", "h1", "h2", "h3", "hr", "img", "li", "ol", "p", "strong",
    "table", "tbody", "td", "th", "thead", "tr", "ul", "br", "div", "span", "pre",
}  # fmt: skip


_SCRIPT_SCHEME = re.compile(r"(?i)(?<![a-z0-9+.-])(?:javascript|vbscript|livescript):")


def problems(rendered: str, allowed_links: set[str]) -> list[str]:
    """Everything active or unexpected in rendered HTML: tags, handlers, links."""
    found = []
    page = parse_html(rendered)
    for tag, attrs in page.tags:
        if tag not in ALLOWED_TAGS:
            found.append(f"element <{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"handler {name}={value!r}")
            if name in ("href", "src") and value not in allowed_links:
                found.append(f"link {name}={value!r}")
            if name not in ("href", "src", "id", "alt", "title", "style", "class", "align"):
                found.append(f"attribute {name}={value!r}")
            if name == "style" and value not in ("text-align: right;", "text-align:right"):
                found.append(f"style {value!r}")
    for word in ("<script", "<iframe", "<svg", "<style", "<object", "<embed"):
        if word in rendered.lower():
            found.append(f"raw {word!r}")
    # Script schemes never appear with their colon, not even as text; only the text of an
    # http(s) link may show one (markdown-it shows a URL percent-decoded).
    # (A longer scheme that ends in the word, such as 'xjavascript:', is no script.)
    scheme = _SCRIPT_SCHEME.search(page_text(rendered, outside_links=True))
    if scheme is not None:
        found.append(f"scheme {scheme.group()!r}")
    return found


def link_targets(rendered: str) -> list[str]:
    """The http(s) targets of the page's links, in order."""
    return [
        attrs["href"]
        for tag, attrs in parse_html(rendered).tags
        if tag == "a" and attrs.get("href", "").startswith(("http://", "https://"))
    ]


def page_text(rendered: str, *, outside_links: bool = False) -> str:
    """The text a reader sees (or only its part outside http(s) links), whitespace collapsed."""
    page = parse_html(rendered)
    return " ".join("".join(page.outside if outside_links else page.text).split())
