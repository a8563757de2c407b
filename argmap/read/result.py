"""What every reader returns: a map, where its parts were written, and the problems found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from argmap.diagnostics import Diagnostic, Span, SpanIndex
from argmap.model import ArgumentMap


class BrokenReference(NamedTuple):
    """A claim that a claim which could not be read names (``source kind target``), and where."""

    span: Span
    source: str
    kind: str
    target: str


@dataclass
class LoadResult:
    """A loaded map with its span index and the diagnostics found while reading it.

    ``amap`` holds every claim that could be read; when ``diagnostics`` has errors the
    map may be incomplete and must not be rendered. ``broken_ids`` names claims that were
    written but could not be read, so that references to them are not reported again;
    ``broken_refs`` the claims those name, so that a reference to no claim at all is
    reported with the claim's own problems, not after they are mended.

    ``details`` names claims that the source format's own map view leaves out by default
    (Argdown draws no premise or conclusion of a premise-conclusion structure that has no
    title of its own): a map drawn "as the source draws it" hides them, and shows their
    arguments in their place; a map drawn in full detail shows them. Claim files and argmap's
    own formats have none.

    ``framework`` says the map is an ICCMA attack graph (every file was one): an argument
    that attacks itself is data there, not a slip, and a framework has no theses.
    """

    amap: ArgumentMap
    spans: SpanIndex = field(default_factory=SpanIndex)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    broken_refs: list[BrokenReference] = field(default_factory=list)
    details: set[str] = field(default_factory=set)
    framework: bool = False

    def drawn(self, *, full_detail: bool = False) -> ArgumentMap:
        """The map to draw: as its source format draws it, or with every claim when
        ``full_detail`` (the verdicts of either come from ``amap``)."""
        if full_detail or not self.details:
            return self.amap
        from argmap.read.argdown.selection import drawn_map

        return drawn_map(self.amap, self.details)
