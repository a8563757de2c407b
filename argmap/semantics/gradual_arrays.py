"""A large cyclic component of a gradual semantics, swept with numpy.

The same DF-QuAD and quadratic-energy updates as ``argmap.semantics.gradual``'s sweeps,
for every member of the component at once: each influence on a member is one entry of a
flat array, the strengths of influences outside the component (already final) are read
once, and a sweep is a gather, a segment product or sum (``reduceat``) and the update.
The iteration itself, with its stopping rule, stays in ``gradual``. Only components of
``gradual.ARRAY_SWEEPS_FROM`` members or more come here, so numpy is imported only then.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, repeat

import numpy as np
from numpy.typing import NDArray

__all__ = ["ArrayState"]

Floats = NDArray[np.float64]


class _Influences:
    """One kind of influence (attacks or supports) on a component's members, flattened."""

    def __init__(
        self,
        comp: list[int],
        local: dict[int, int],
        incoming: list[list[int]],
        strength: list[float],
    ) -> None:
        # map() over C-level getters: no Python step per influence.
        rows = list(map(incoming.__getitem__, comp))
        flat = list(chain.from_iterable(rows))
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(comp))
        starts = np.cumsum(lengths) - lengths
        #: Where each member's influences start, for the members that have any.
        self.members = np.flatnonzero(lengths)
        self.starts = starts[self.members]
        inside = np.fromiter(map(local.get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
        #: Entries whose influence is a member (read anew each sweep), and which member.
        self.moving = np.flatnonzero(inside >= 0)
        self.source = inside[self.moving]
        #: Every entry's strength, the members' entries refreshed before each use.
        self.values = np.fromiter(
            map(strength.__getitem__, flat), dtype=np.float64, count=len(flat)
        )

    def gather(self, current: Floats) -> Floats:
        self.values[self.moving] = current[self.source]
        return self.values

    def product_of_rest(self, current: Floats, size: int) -> Floats:
        """Per member, ``prod(1 - s)`` over its influences (1 with none)."""
        keep = np.ones(size, dtype=np.float64)
        if self.members.size:
            keep[self.members] = np.multiply.reduceat(1.0 - self.gather(current), self.starts)
        return keep

    def total(self, current: Floats, size: int) -> Floats:
        """Per member, the sum of its influences' strengths (0 with none)."""
        sums = np.zeros(size, dtype=np.float64)
        if self.members.size:
            sums[self.members] = np.add.reduceat(self.gather(current), self.starts)
        return sums


class ArrayState:
    """A component's strengths as an array, written to the shared list when they are final."""

    def __init__(
        self,
        comp: list[int],
        strength: list[float],
        weights: Sequence[float],
        att_in: list[list[int]],
        sup_in: list[list[int]],
        semantics: str,
    ) -> None:
        local = dict(zip(comp, range(len(comp)), strict=True))
        self.comp, self.strength, self.semantics = comp, strength, semantics
        self.weights = np.fromiter(
            map(weights.__getitem__, comp), dtype=np.float64, count=len(comp)
        )
        self.attacks = _Influences(comp, local, att_in, strength)
        self.supports = _Influences(comp, local, sup_in, strength)
        self.current = self.weights.copy()
        self.deltas = np.zeros_like(self.weights)

    def reset(self) -> None:
        self.current = self.weights.copy()

    def advance(self, step: float) -> float:
        new = self._update()
        self.deltas = step * (new - self.current)
        self.current = self.current + self.deltas
        return float(np.abs(self.deltas).max())

    def jump(self, rate: float) -> None:
        factor = rate / (1.0 - rate)
        self.current = np.clip(self.current + self.deltas * factor, 0.0, 1.0)

    def snap(self, margin: float) -> bool:
        current, deltas = self.current, self.deltas
        up = (current >= 1.0 - margin) & (deltas > 0) & (current < 1.0)
        down = (current <= margin) & (deltas < 0) & (current > 0.0)
        if not (up.any() or down.any()):
            return False
        self.current = np.where(up, 1.0, np.where(down, 0.0, current))
        return True

    def _update(self) -> Floats:
        w, size = self.weights, self.weights.size
        if self.semantics == "dfquad":
            va = 1.0 - self.attacks.product_of_rest(self.current, size)
            vs = 1.0 - self.supports.product_of_rest(self.current, size)
            new: Floats = np.where(va >= vs, w - w * (va - vs), w + (1.0 - w) * (vs - va))
            return new
        energy = self.supports.total(self.current, size) - self.attacks.total(self.current, size)
        squared = energy * energy / (1.0 + energy * energy)
        quadratic: Floats = np.where(energy > 0, w + (1.0 - w) * squared, w - w * squared)
        return quadratic

    def finish(self) -> None:
        # The shared list is what later components and the caller read.
        strength = self.strength
        for a, value in zip(self.comp, self.current.tolist(), strict=True):
            strength[a] = value
