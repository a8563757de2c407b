"""The static files shipped with the views (stylesheets, the page script and template). Reads package data only."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def asset_text(name: str) -> str:
    """The text of a file shipped in ``argmap/render/assets``."""
    return resources.files("argmap.render").joinpath("assets", name).read_text("utf-8")
