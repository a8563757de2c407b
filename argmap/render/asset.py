"""The static files shipped with the views (stylesheets, the page script and template). Reads package data only."""

from __future__ import annotations

from functools import cache
from importlib import resources
from string import Template

from argmap.render.style import dark_variables, light_variables, map_css


@cache
def asset_text(name: str) -> str:
    """The text of a file shipped in ``argmap/render/assets``."""
    return resources.files("argmap.render").joinpath("assets", name).read_text("utf-8")


@cache
def stylesheet(name: str) -> str:
    """A stylesheet shipped in ``argmap/render/assets``, with the map's palette rules filled
    in from :mod:`argmap.render.style` (``${map_css}``, ``${dark_variables}``,
    ``${light_variables}``), so the colours are written in one place."""
    return Template(asset_text(name)).substitute(
        map_css=map_css(), dark_variables=dark_variables(), light_variables=light_variables()
    )
