"""What every reader returns: a map, where its parts were written, and the problems found."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.diagnostics import Diagnostic, SpanIndex
from argmap.model import ArgumentMap


@dataclass
class LoadResult:
    """A loaded map with its span index and the diagnostics found while reading it.

    ``amap`` holds every claim that could be read; when ``diagnostics`` has errors the
    map may be incomplete and must not be rendered. ``broken_ids`` names claims that were
    written but could not be read, so that references to them are not reported again.
    """

    amap: ArgumentMap
    spans: SpanIndex = field(default_factory=SpanIndex)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
