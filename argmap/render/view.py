"""What a drawn map shows: its graph id (the SVG id prefix) and, for each map a build draws, its claims, title and link targets. Pure."""

from __future__ import annotations

import re


def graph_id(name: str) -> str:
    """An SVG id prefix from a name: ASCII letters, digits and '-', starting with a letter."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return "am-" + (slug or "map")
