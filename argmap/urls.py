"""Which URLs a map may cite: plain http(s) URLs that every output can link safely. Pure."""

from __future__ import annotations

import re

from argmap.model import is_plain_host

SAFE_URL_SCHEMES = ("http://", "https://")
_PORT = re.compile(r":[0-9]{1,5}")
#: Spaces, controls and invisible formatting characters (which can hide a URL's end), as
#: the body of a character class (the schema's URL pattern and the Markdown writer use it too).
INVISIBLE = r"\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
#: Characters that end or open a Markdown link, a code span or an HTML attribute: a URL
#: writes them percent-encoded.
DELIMITERS = "()[]<>\"'`"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
#: The delimiters, and the backslash that browsers read as '/'.
_DELIMITERS = re.compile("[" + re.escape(DELIMITERS) + r"\\]")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_ENTITY = re.compile(r"&#?[A-Za-z0-9]+;")


def url_problem(url: str) -> str | None:
    """Why a URL is not a plain http(s) URL safe to link from any output, or None.

    A plain URL is ``http`` or ``https``, has a host of ASCII letters, digits, dots and
    dashes, no user name, and holds no space, control or invisible
    character, no backslash, no parenthesis, square or angle bracket, quote or backtick
    (which open and end Markdown links, code spans and HTML attributes; percent-encode
    those: ``(`` is ``%28``), no stray ``%`` and nothing that reads as an HTML entity
    (``&lt;``).
    """
    if not url.lower().startswith(SAFE_URL_SCHEMES):
        return "not http(s)"
    if _INVISIBLE.search(url):
        return "holds a space, control or invisible character"
    delimiter = _DELIMITERS.search(url)
    if delimiter is not None:
        char = delimiter.group()
        return f"holds {char!r}; write it percent-encoded as %{ord(char):02X}"
    if _BAD_PERCENT.search(url):
        return "holds a '%' not followed by two hexadecimal digits"
    entity = _ENTITY.search(url)
    if entity is not None:
        return f"holds {entity.group()!r}, which reads as an HTML entity; write '&' as %26"
    authority = url.split("://", 1)[1]
    for end in "/?#":
        authority = authority.split(end, 1)[0]
    if "@" in authority:
        return "names a user before its host"
    host, _, port = authority.partition(":")  # brackets (IPv6) were refused above
    if not is_plain_host(host) or (port and not _PORT.fullmatch(":" + port)):
        return "has no valid host"
    return None


_ENCODED = {ord(c): f"%{ord(c):02X}" for c in DELIMITERS}


def percent_encoded(url: str) -> str:
    """The URL with the characters that open or end a Markdown link percent-encoded
    (``(`` as ``%28``): the form a claim file must write them in."""
    return url.translate(_ENCODED)


#: What reads as a URL rather than a name: a scheme and '//', or a scheme without
#: authority that names no work ('mailto:', 'tel:', 'urn:', 'data:', 'javascript:' ...).
_URL_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|(?:mailto|tel|urn|data|javascript|file):", re.I)


def looks_like_url(text: str) -> bool:
    """Whether a link target or a ``sources`` string is meant as a URL, not as a name."""
    return _URL_LIKE.match(text.strip()) is not None


def citable_url(url: str) -> str | None:
    """The URL as argmap cites it (percent-encoded where a claim file must have it), or
    None when it is no plain http(s) URL."""
    if url_problem(url) is None:
        return url
    encoded = percent_encoded(url)
    return encoded if url_problem(encoded) is None else None
