"""Argdown titles, hashtags and headings as argmap ids and tags. No I/O."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slugify", "to_tag"]

_TAG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_SLUG_MAX = 48


def slugify(text: str, max_length: int = _SLUG_MAX) -> str:
    """Lowercase ASCII letters and digits joined by dashes, cut at a dash near ``max_length``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug.rfind("-", 0, max_length + 1)
        slug = slug[: cut if cut > 0 else max_length].strip("-")
    return slug


def to_tag(name: str) -> str | None:
    """A valid argmap tag for an Argdown hashtag or heading, or None when nothing is left."""
    if _TAG_RE.match(name):
        return name
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    tag = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_name.strip())
    tag = re.sub(r"^[^A-Za-z0-9]+", "", tag)[:64].rstrip("-")
    return tag or None
