"""Bipolar frameworks (attacks and supports) and their flattening into attack graphs.

Supports are turned into derived attacks, as surveyed by Cayrol and Lagasquie-Schiex
(2013), "Bipolarity in argumentation graphs: towards a better understanding" (IJAR 54(7)):

- deductive support (Boella, Gabbay, van der Torre and Villata 2010, "Support in abstract
  argumentation", COMMA 2010): accepting ``a`` forces accepting what ``a`` supports. Added
  are supported attacks (``a`` supports ``b`` ... which attacks ``c``: ``a`` attacks ``c``;
  "supported defeat" in Cayrol and Lagasquie-Schiex 2005, "On the acceptability of
  arguments in bipolar argumentation frameworks", ECSQARU 2005) and mediated attacks
  (``a`` supports ... ``b``, ``c`` attacks ``b``: ``c`` attacks ``a``; Boella et al.), and
  their combinations (super-mediated attacks in the 2013 survey).
- necessary support (Nouioua and Risch 2010, "Bipolar argumentation frameworks with
  specialized supports", ICTAI 2010): ``a`` must be accepted for ``b`` to be. Added are
  secondary attacks (``c`` attacks ``a``, which supports ... ``b``: ``c`` attacks ``b``;
  "indirect defeat" in the 2005 paper) and extended attacks (``a`` supports ... ``b`` and
  ``a`` attacks ``c``: ``b`` attacks ``c``), and their combinations.
- none: supports are ignored.

Both readings are closed under their two rules, which gives one formula each. Deductive:
``x`` attacks ``w`` when something ``x`` supports (transitively, or ``x`` itself) attacks
something ``w`` supports (transitively, or ``w`` itself): supported attacks take ``w`` as
the target itself, mediated attacks take ``x`` as the attacker itself. Necessary: ``x``
attacks ``w`` when something that ``x`` needs attacks something that ``w`` needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from argmap.semantics.framework import Framework

#: How supports turn into attacks.
SUPPORT_READINGS = ("deductive", "necessary", "none")


@dataclass(frozen=True, eq=False)
class BipolarGraph:
    """Arguments ``0..n-1`` with attacks and supports, each as sorted target lists."""

    names: tuple[str, ...]
    attacks: list[list[int]]
    supports: list[list[int]]

    @classmethod
    def from_edges(
        cls,
        names: Sequence[str],
        attacks: Sequence[tuple[int, int]],
        supports: Sequence[tuple[int, int]] = (),
    ) -> BipolarGraph:
        """Build from ``(source, target)`` pairs; repeated edges count once."""
        n = len(names)
        att: list[list[int]] = [[] for _ in range(n)]
        sup: list[list[int]] = [[] for _ in range(n)]
        for src, dst in sorted(set(attacks)):
            att[src].append(dst)
        for src, dst in sorted(set(supports)):
            sup[src].append(dst)
        return cls(tuple(names), att, sup)

    def reverse_supports(self) -> list[list[int]]:
        """For each argument, the arguments supporting it."""
        rev: list[list[int]] = [[] for _ in self.names]
        for src, dsts in enumerate(self.supports):
            for dst in dsts:
                rev[dst].append(src)
        return rev


def _closure(start: int, edges: list[list[int]], cache: dict[int, list[int]]) -> list[int]:
    """``start`` and everything reachable from it along ``edges``."""
    found = cache.get(start)
    if found is not None:
        return found
    seen = {start}
    frontier = [start]
    while frontier:
        v = frontier.pop()
        for w in edges[v]:
            if w not in seen:
                seen.add(w)
                frontier.append(w)
    found = sorted(seen)
    cache[start] = found
    return found


def flatten(graph: BipolarGraph, reading: str = "deductive") -> Framework:
    """The attack graph of a bipolar graph under a support reading.

    Raises:
        ValueError: for a reading not in :data:`SUPPORT_READINGS`.
    """
    if reading not in SUPPORT_READINGS:
        raise ValueError(f"unknown support reading {reading!r}")
    n = len(graph.names)
    if reading == "none" or not any(graph.supports):
        return Framework(graph.names, [list(t) for t in graph.attacks])
    # Deductive: who supports (transitively) the attacker and the target;
    # necessary: what the attacker and the target support, since those need them.
    walk = graph.reverse_supports() if reading == "deductive" else graph.supports
    cache: dict[int, list[int]] = {}
    derived: list[set[int]] = [set() for _ in range(n)]
    for y, zs in enumerate(graph.attacks):
        if not zs:
            continue
        sources = _closure(y, walk, cache)
        for z in zs:
            victims = _closure(z, walk, cache)
            for x in sources:
                derived[x].update(victims)
    return Framework(graph.names, [sorted(t) for t in derived])


def derived_attacks(graph: BipolarGraph, reading: str) -> list[tuple[int, int]]:
    """The attacks that flattening adds to the direct ones, sorted."""
    direct = {(a, b) for a, ts in enumerate(graph.attacks) for b in ts}
    return [e for e in flatten(graph, reading).edges() if e not in direct]
