"""Text helpers shared by the renderers: the one escaping helper per target language, anchors, file names."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable

from argmap.model import BIDI_CONTROL, ArgumentMap, Claim, ClaimKind, RelationKind, is_plain_host
from argmap.urls import INVISIBLE

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_PDF, _PDI = "\u202c", "\u2069"
# Scheme names that must never reach an output followed by a colon, not even as text:
# a zero-width space keeps them readable and keeps them from ever being a URL. A scheme
# starts wherever the character before cannot be part of one ("_javascript:" is one).
_SCHEMES = re.compile(r"(?i)(?<![a-z0-9+.-])(javascript|vbscript|livescript|data|file)(\s*):")
_HANDLER = re.compile(r"(?i)\b(on[a-z]+)(\s*)=")
#: Markdown escapes: a backslash before each ASCII punctuation character with meaning
#: inline that both CommonMark and Python-Markdown (with its tables) unescape; entity
#: references for the rest, which Python-Markdown would show with their backslash, and for
#: the brackets, the opening parenthesis and the caret, which as ``\\[`` and ``\\(`` open
#: math in the docs sites that typeset it (pymdownx.arithmatex, MathJax), as ``(c)`` make
#: a symbol and as ``^x^`` a superscript (pymdownx.caret).
#: A lone ``)`` means nothing inline once no ``[`` can open a link.
_MD_ESCAPES = {ord(c): "\\" + c for c in "\\`*_!|#{}"} | {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord("~"): "&#126;",
    ord("$"): "&#36;",
    ord("("): "&#40;",
    ord("["): "&#91;",
    ord("]"): "&#93;",
    ord("^"): "&#94;",
}
#: The first of two ``=`` or ``+``, which docs sites read as a mark (pymdownx.mark) or keys.
_MD_DOUBLED = re.compile(r"([=+])(?=\1)")
_MD_DOUBLED_AS = {"=": "&#61;", "+": "&#43;"}
_NOT_ANCHOR = re.compile(r"[^a-z0-9-]")
_MD_LINE_START = re.compile(r"^(\d*)([-+.)])")
_MD_LEADING = {"=": "&#61;", ":": "&#58;", "?": "&#63;"}
#: The colon that opens what docs sites read as an emoji or icon shortcode (``:smile:``,
#: pymdownx.emoji), which would show a remote image where the text had a word.
_MD_SHORTCODE = re.compile(r":(?=[\w+-]+:)")
#: Text that every escaper leaves as it is: no space, markup, quote, colon or equals sign.
_DOT_PLAIN = re.compile(r"[A-Za-z0-9_.#/-]*")
#: An http(s) URL: scheme, host (no user name) with an optional port, and the rest.
_URL = re.compile(
    r"(?P<scheme>https?)://(?P<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])"
    r"(?P<port>:[0-9]{1,5})?(?P<rest>(?=[/?#]|$).*)",
    re.IGNORECASE | re.DOTALL,
)
#: Characters no linked URL may hold: spaces, controls, invisible formatting, backslashes
#: (which browsers read as '/'), quotes and angle brackets.
_URL_UNSAFE = re.compile(f"[{INVISIBLE}\\\\<>\"'`]")
#: Characters percent-encoded in the path, query and fragment of a linked URL.
#: Outside RFC 3986's unreserved and reserved sets, or '$', which docs sites read as math
#: (pymdownx.arithmatex) even in a link.
_NOT_URL_SAFE = re.compile(r"[^A-Za-z0-9\-._~!&*+,;=:@/?#%]")
_BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
#: An '&' that starts something an HTML parser may read as a character reference.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


@functools.lru_cache(maxsize=1 << 16)
def clean(text: str) -> str:
    """One line of plain text: control characters dropped, whitespace collapsed.

    Script URL schemes (``javascript:``) and event-handler-like words (``onerror=``) get a
    zero-width space before their ``:`` or ``=``: they read the same but can never be
    taken for a URL or an attribute, not even by a careless consumer of the output.
    """
    # str.isprintable is false for every control character and for every space but " ",
    # so a printable text with single inner spaces is already clean of both.
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(_CONTROL.sub("", text).split())
        if BIDI_CONTROL.search(text):
            text = _bidi_closed(text)
    if ":" in text:
        text = _SCHEMES.sub("\\1\\2\u200b:", text)
    if "=" in text:
        text = _HANDLER.sub("\\1\\2\u200b=", text)
    return text


def _bidi_closed(text: str) -> str:
    """The text with every bidirectional embedding, override and isolate it opens closed at
    its end, and terminators it does not open dropped, so that it cannot reorder the text
    that follows it on a page or in a map (the "Trojan Source" trick)."""
    out: list[str] = []
    opened: list[str] = []  # the terminators owed, innermost last
    at = 0
    for match in BIDI_CONTROL.finditer(text):
        char = match.group()
        out.append(text[at : match.start()])
        at = match.end()
        if char == _PDF:
            if opened and opened[-1] == _PDF:
                out.append(opened.pop())
        elif char == _PDI:
            if _PDI in opened:  # closes the isolate and what opened inside it
                while opened:
                    out.append(opened.pop())
                    if out[-1] == _PDI:
                        break
        else:
            opened.append(_PDI if char >= "\u2066" else _PDF)
            out.append(char)
    out.append(text[at:])
    out.extend(reversed(opened))
    return "".join(out)


def safe_url(url: str | None) -> str | None:
    """The URL as it may be linked from any output, or None when it is not a plain http(s) URL.

    The URL must be ``http`` or ``https`` with a host of ASCII letters, digits, dots and
    dashes (or an IPv6 literal), an optional port and no user name, and hold no space,
    control or invisible character, no backslash (which browsers read as ``/``), quote or
    angle bracket. The rest is percent-encoded wherever it holds a character outside RFC
    3986's unreserved and reserved sets, or one of ``()[]$``: the result has no character that
    ends a Markdown link destination or an HTML attribute, in CommonMark or in
    Python-Markdown, and points where the URL pointed.
    """
    if url is None:
        return None
    found = _URL.fullmatch(url.strip())
    if found is None or _URL_UNSAFE.search(url.strip()):
        return None
    if not found["host"].startswith("[") and not is_plain_host(found["host"]):
        return None
    rest = _NOT_URL_SAFE.sub(_percent, found["rest"])
    rest = _BARE_PERCENT.sub("%25", rest)
    # Renderers decode an entity reference in a link (CommonMark) or leave it for the
    # browser to decode (Python-Markdown): either way '&lt;' would stop being those letters.
    rest = _ENTITY.sub("%26", rest)
    return f"{found['scheme'].lower()}://{found['host']}{found['port'] or ''}{rest}"


def _percent(found: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in found.group().encode("utf-8"))


def escape_html(text: str) -> str:
    """Text for HTML and Graphviz HTML-like labels (also safe inside attribute values)."""
    return (
        clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def escape_dot_html(text: str) -> str:
    """Text for a Graphviz HTML-like label: HTML-escaped, with backslashes doubled so that
    Graphviz's escString sequences (``\\N`` is the node name) cannot expand, and ``]`` as
    an entity: a label line of ``]`` alone is a syntax error to Graphviz 2.43's parser."""
    return escape_html(text).replace("\\", "\\\\").replace("]", "&#93;")


#: The most bytes one quoted or HTML-like DOT string may hold: Graphviz 2.43, which Debian
#: and Ubuntu ship, refuses a string longer than 16,384 bytes and then draws nothing.
DOT_STRING_BYTES = 12_000


def escape_dot_lines(lines: list[str], budget: int = DOT_STRING_BYTES) -> str:
    """Lines as one quoted DOT string (escaped as :func:`escape_dot`, joined by escString
    line breaks) that fits ``budget`` bytes. When they do not fit, the first line (a
    claim's text) keeps up to half of it and each other line a share of the rest, cut with
    an ellipsis, and lines beyond the budget give way to one. Only texts of thousands of
    characters are ever cut."""
    out = "\\n".join(escape_dot(line) for line in lines)
    if len(out) * 4 <= budget or len(out.encode("utf-8")) <= budget:
        return out
    rest = len(lines) - 1
    caps = [budget // 2] + [max(budget // (2 * rest), 400)] * rest if rest else [budget]
    kept: list[str] = []
    used = 0
    for line, cap in zip(lines, caps, strict=True):
        piece = escape_fitting(line, escape_dot, cap)
        size = len(piece.encode("utf-8")) + 2
        if used + size > budget - 8:
            kept.append("…")
            break
        kept.append(piece)
        used += size
    return "\\n".join(kept)


def escape_fitting(text: str, escape: Callable[[str], str], budget: int = DOT_STRING_BYTES) -> str:
    """``escape(text)`` in at most ``budget`` bytes: the text cut with an ellipsis, its cut
    halved until the escaped text fits (a DOT comment is read into a 16 KiB buffer too)."""
    out = escape(text)
    if len(out) * 4 <= budget or len(out.encode("utf-8")) <= budget:
        return out
    raw = text[:budget]  # every character takes a byte or more once escaped
    while True:
        out = escape(raw.rstrip() + "…")
        if len(out.encode("utf-8")) <= budget or not raw:
            return out
        raw = raw[: len(raw) // 2]


def escape_dot(text: str) -> str:
    """Text for a quoted DOT string (escString): markup as entities, backslashes and quotes escaped.

    Graphviz copies ``&...;`` entities through to SVG unchanged, so markup characters are
    written as entities and no raw ``<`` ever reaches the DOT file or the SVG.
    """
    if _DOT_PLAIN.fullmatch(text):  # ids, anchors and relative links: nothing to escape
        return text
    text = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Graphviz expands escString sequences (\\N, \\G) in some attributes twice, so a
    # doubled backslash alone is not enough: a zero-width space after it stops the second pass.
    return text.replace("\\", "\\\\\u200b").replace('"', '\\"')


@functools.lru_cache(maxsize=1 << 16)
def escape_md(text: str) -> str:
    """Inline Markdown text that can neither inject HTML nor break the surrounding structure.

    Backslash escapes of ASCII punctuation are valid CommonMark for any such character
    (spec 0.31, section 2.4), so every character with meaning inline is escaped. Python-
    Markdown unescapes only some of them and shows the backslash before the others, so
    ``&``, ``~``, ``$`` and a leading ``=``, ``:`` or ``?`` become entity references, which both read as
    the character; so do angle brackets, so no tag-like text appears even in the source,
    and what the extensions of docs sites read as math, marks, keys, symbols or emoji
    (``\\(``, ``[``, ``^``, ``==``, ``++``, ``:smile:``). The text reads as itself in all of
    them, whatever it holds.
    """
    text = clean(text).translate(_MD_ESCAPES)
    if "==" in text or "++" in text:
        text = _MD_DOUBLED.sub(lambda m: _MD_DOUBLED_AS[m.group(1)], text)
    if ":" in text:
        text = _MD_SHORTCODE.sub("&#58;", text)
    # Block markers count only at the start of a line: list bullets, ordered-list numbers,
    # and, without a backslash escape in Python-Markdown, setext underlines, definitions
    # (def_list) and collapsible blocks (pymdownx.details' "???").
    first = _MD_LEADING.get(text[:1])
    if first is not None:
        return first + text[1:]
    return _MD_LINE_START.sub(r"\1\\\2", text, count=1)


def mid_sentence(title: str) -> str:
    """A title as it is named inside a sentence: without its closing full stop."""
    return title.rstrip(".") or title


@functools.lru_cache(maxsize=1 << 16)
def anchor(claim_id: str) -> str:
    """The HTML id / Markdown anchor of a claim: ``claim-<id>`` for an id of lowercase
    letters, digits and dashes; any other id (``a.b``, ``a_b``, ``A``, which would all read
    ``a-b`` or ``a``) also carries a digest of itself, so two claims never share one."""
    if not _NOT_ANCHOR.search(claim_id):
        return "claim-" + claim_id
    digest = hashlib.sha256(claim_id.encode("utf-8")).hexdigest()[:8]
    return f"claim-{_NOT_ANCHOR.sub('-', claim_id.lower())}-{digest}"


#: Longest stem of an output file's name: file systems allow 255 bytes, less the suffix
#: and the decoration of a temporary file.
MAX_FILE_STEM = 200


def file_stem(name: str) -> str:
    """The stem of an output file's name: ``name``, or when it is too long for a file
    system, its head and a hash of the whole (the same name always gives the same stem)."""
    if len(name.encode("utf-8")) <= MAX_FILE_STEM:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return f"{name[: MAX_FILE_STEM - len(digest) - 1]}-{digest}"


#: Stems a build's own files take: a thesis with one of these ids (or a ``compare-`` one)
#: gets its files under ``<id>.thesis`` instead (see :func:`thesis_stem`).
RESERVED_STEMS = frozenset({"index", "overview"})


def thesis_stem(thesis_id: str) -> str:
    """The stem of the files of a thesis's map and page: its id, unless the id would take
    the name of the index page, the overview or a comparison (``index``, ``overview``,
    ``compare-...``, in any case), when it is ``<id>.thesis``."""
    low = thesis_id.lower()
    if low in RESERVED_STEMS or low.startswith("compare-"):
        return file_stem(f"{thesis_id}.thesis")
    return thesis_id


def comparison_stem(first: str, second: str) -> str:
    """The stem of the file names of the comparison of two theses."""
    return file_stem(f"compare-{first}-{second}")


def map_title(amap: ArgumentMap) -> str:
    """The map's title, or a generic one."""
    return clean(amap.meta.title or "Argument map")


def claim_title(claim: Claim) -> str:
    """Short title of a claim for lists and maps."""
    return clean(claim.label or claim.text)


KIND_NAMES = {
    ClaimKind.THESIS: "thesis",
    ClaimKind.CLAIM: "claim",
    ClaimKind.EVIDENCE: "evidence",
    ClaimKind.ARGUMENT: "argument",
    ClaimKind.FORECAST: "forecast",
    ClaimKind.QUESTION: "question",
}
RELATION_VERBS = {
    RelationKind.SUPPORTS: "supports",
    RelationKind.ATTACKS: "attacks",
    RelationKind.UNDERCUTS: "undercuts",
}


def title_namer(amap: ArgumentMap) -> Callable[[str], str]:
    """Names claims by their plain title in quotes (their id when the map does not hold them)."""

    def name(claim_id: str) -> str:
        claim = amap.by_id.get(claim_id)
        title = claim_id if claim is None else (clean(claim.title) or claim_id)
        return f"“{title.rstrip('.')}”"

    return name
