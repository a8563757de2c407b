"""Gradual semantics of quantitative bipolar frameworks: DF-QuAD and quadratic energy.

A strength in [0, 1] follows from each argument's base weight and the strengths of its
attackers and supporters:

- DF-QuAD (Rago, Toni, Aurisicchio and Baroni 2016, "Discontinuity-free decision support
  with quantitative argumentation debates", KR 2016): attackers and supporters are each
  aggregated as ``1 - prod(1 - s)``; with ``va`` and ``vs`` those aggregates and ``w`` the
  base weight, the strength is ``w - w*(va - vs)`` when ``va >= vs`` and
  ``w + (1 - w)*(vs - va)`` otherwise.
- Quadratic energy (Potyka 2018, "Continuous dynamical systems for weighted bipolar
  argumentation", KR 2018): the energy ``E`` is the sum of the supporters' strengths minus
  the attackers'; with ``h(x) = max(x, 0)**2 / (1 + max(x, 0)**2)`` the strength is
  ``w - w*h(-E) + (1 - w)*h(E)``.

Strengths are computed component by component along the strongly connected components of
the graph, influencers first, so an acyclic graph takes one pass. Inside a cycle the update
is iterated until the distance to the fixed point, bounded from the contraction the sweeps
show, is below the tolerance. A tail creeping toward the edge of [0, 1] is tried at the
edge (see :func:`_iterate`). When plain iteration oscillates or creeps elsewhere, the update
is damped: Euler steps of Potyka's model ``ds/dt = f(s) - s``, with the same fixed points.
If all that fails within the cap, :class:`NotConvergedError` says where.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from argmap.semantics.bipolar import BipolarGraph
from argmap.semantics.framework import Framework, strongly_connected

#: The gradual semantics this module computes.
SEMANTICS = ("dfquad", "qe")
TOLERANCE = 1e-9
MAX_ITERATIONS = 100_000
#: Sweeps over which the largest move must shrink, or the iteration counts as oscillating.
WINDOW = 50
#: A move this small is rounding noise: the strengths are a fixed point.
_ROUNDING = 1e-15
#: Extrapolations tried per component before plain iteration has to finish the work.
_MAX_JUMPS = 8
#: Tries per component at putting strengths that creep toward 0 or 1 on the edge (one
#: for each step but the last).
_MAX_SNAPS = 8
#: A creeping tail is tried at the edge from this sweep on, at powers of two.
_SNAP_FROM = 256
#: Euler step sizes tried in turn; 1.0 is plain iteration.
STEPS = (1.0, 0.5, 0.25)
#: Cyclic components this large are swept with numpy (``gradual_arrays``), a sweep a few
#: C-level passes: a component of a few thousand repays the import of numpy.
ARRAY_SWEEPS_FROM = 5_000


class NotConvergedError(Exception):
    """Iteration did not settle on a cycle: its moves stopped shrinking (``oscillating``,
    seen early) or it reached the cap of ``iterations`` sweeps."""

    def __init__(self, members: list[int], iterations: int, *, oscillating: bool) -> None:
        how = "oscillation" if oscillating else "no convergence"
        super().__init__(f"{how} after {iterations} iterations")
        self.members = members
        self.iterations = iterations
        self.oscillating = oscillating


@dataclass(frozen=True)
class GradualResult:
    """Strengths per argument, and how the cycles were solved."""

    strengths: list[float]
    #: The most iterations any cyclic component needed (0 when the graph is acyclic).
    iterations: int
    #: The number of cyclic components.
    cycles: int
    #: The smallest Euler step used (1.0 unless some cycle needed damping).
    step: float


def dfquad_update(weight: float, attackers: list[float], supporters: list[float]) -> float:
    """One DF-QuAD strength from the base weight and the neighbours' strengths."""
    va = 0.0
    if attackers:
        keep = 1.0
        for s in attackers:
            keep *= 1.0 - s
        va = 1.0 - keep
    vs = 0.0
    if supporters:
        keep = 1.0
        for s in supporters:
            keep *= 1.0 - s
        vs = 1.0 - keep
    if va >= vs:
        return weight - weight * (va - vs)
    return weight + (1.0 - weight) * (vs - va)


def qe_update(weight: float, attackers: list[float], supporters: list[float]) -> float:
    """One quadratic-energy strength from the base weight and the neighbours' strengths."""
    energy = sum(supporters) - sum(attackers)
    if energy > 0:
        return weight + (1.0 - weight) * (energy * energy / (1.0 + energy * energy))
    return weight - weight * (energy * energy / (1.0 + energy * energy))


def _dfquad_sweep(
    nodes: list[int],
    strength: list[float],
    weights: Sequence[float],
    att_in: list[list[int]],
    sup_in: list[list[int]],
) -> list[float]:
    """:func:`dfquad_update` for many nodes at once, without building neighbour lists."""
    out = []
    for a in nodes:
        keep = 1.0
        for b in att_in[a]:
            keep *= 1.0 - strength[b]
        va = 1.0 - keep
        keep = 1.0
        for b in sup_in[a]:
            keep *= 1.0 - strength[b]
        vs = 1.0 - keep
        w = weights[a]
        out.append(w - w * (va - vs) if va >= vs else w + (1.0 - w) * (vs - va))
    return out


def _qe_sweep(
    nodes: list[int],
    strength: list[float],
    weights: Sequence[float],
    att_in: list[list[int]],
    sup_in: list[list[int]],
) -> list[float]:
    """:func:`qe_update` for many nodes at once, without building neighbour lists."""
    out = []
    for a in nodes:
        energy = 0.0
        for b in sup_in[a]:
            energy += strength[b]
        attack = 0.0
        for b in att_in[a]:
            attack += strength[b]
        energy -= attack
        w = weights[a]
        squared = energy * energy / (1.0 + energy * energy)
        out.append(w + (1.0 - w) * squared if energy > 0 else w - w * squared)
    return out


Sweep = Callable[
    [list[int], list[float], Sequence[float], list[list[int]], list[list[int]]], list[float]
]
SWEEPS: dict[str, Sweep] = {"dfquad": _dfquad_sweep, "qe": _qe_sweep}


def _incoming(graph: BipolarGraph) -> tuple[list[list[int]], list[list[int]]]:
    n = len(graph.names)
    att_in: list[list[int]] = [[] for _ in range(n)]
    sup_in: list[list[int]] = [[] for _ in range(n)]
    for src, dsts in enumerate(graph.attacks):
        for dst in dsts:
            att_in[dst].append(src)
    for src, dsts in enumerate(graph.supports):
        for dst in dsts:
            sup_in[dst].append(src)
    return att_in, sup_in


def strengths(
    graph: BipolarGraph,
    weights: Sequence[float],
    semantics: str = "dfquad",
    *,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> GradualResult:
    """Final strengths under a gradual semantics.

    Raises:
        ValueError: for a semantics not in :data:`SEMANTICS`.
        NotConvergedError: when a cycle does not settle within ``max_iterations`` for any
            of the step sizes in :data:`STEPS`.
    """
    if semantics not in SWEEPS:
        raise ValueError(f"unknown gradual semantics {semantics!r}")
    sweep = SWEEPS[semantics]
    n = len(graph.names)
    att_in, sup_in = _incoming(graph)
    influence = Framework(
        graph.names, [a + s for a, s in zip(graph.attacks, graph.supports, strict=True)]
    )
    strength = list(weights)
    most = cycles = 0
    smallest = 1.0
    for comp in strongly_connected(influence, range(n)):
        if len(comp) == 1 and comp[0] not in influence.targets[comp[0]]:
            strength[comp[0]] = sweep(comp, strength, weights, att_in, sup_in)[0]
            continue
        cycles += 1
        comp.sort()
        state: ComponentState
        if len(comp) >= ARRAY_SWEEPS_FROM:
            from argmap.semantics.gradual_arrays import ArrayState

            state = ArrayState(comp, strength, weights, att_in, sup_in, semantics)
        else:
            state = ListState(comp, strength, weights, att_in, sup_in, sweep)
        for step in STEPS:
            used = _iterate(state, step, tolerance, max_iterations, patient=step == STEPS[-1])
            if used > 0:
                state.finish()
                most = max(most, used)
                smallest = min(smallest, step)
                break
        else:
            raise NotConvergedError(comp, -used, oscillating=-used < max_iterations)
    return GradualResult(strength, most, cycles, smallest)


class ComponentState(Protocol):
    """A cyclic component's strengths, moved a sweep at a time."""

    def reset(self) -> None:
        """Start again from the base weights."""

    def advance(self, step: float) -> float:
        """One sweep, each strength moved ``step`` of the way; the largest move."""

    def jump(self, rate: float) -> None:
        """Add the rest of a geometric series of the last sweep's moves at ``rate``."""

    def snap(self, margin: float) -> bool:
        """Put each strength within ``margin`` of 0 or 1, and moving toward it, on it;
        whether any was."""

    def finish(self) -> None:
        """Leave the final strengths in the shared list of strengths."""


class ListState:
    """A component's strengths in the shared list of strengths, swept in Python."""

    def __init__(
        self,
        comp: list[int],
        strength: list[float],
        weights: Sequence[float],
        att_in: list[list[int]],
        sup_in: list[list[int]],
        sweep: Sweep,
    ) -> None:
        self.comp, self.strength, self.weights = comp, strength, weights
        self.att_in, self.sup_in, self.sweep = att_in, sup_in, sweep
        self.deltas: list[float] = []

    def reset(self) -> None:
        for a in self.comp:
            self.strength[a] = self.weights[a]

    def advance(self, step: float) -> float:
        comp, strength = self.comp, self.strength
        new = self.sweep(comp, strength, self.weights, self.att_in, self.sup_in)
        deltas = [step * (value - strength[a]) for a, value in zip(comp, new, strict=True)]
        for a, delta in zip(comp, deltas, strict=True):
            strength[a] += delta
        self.deltas = deltas
        return max(map(abs, deltas))

    def jump(self, rate: float) -> None:
        factor = rate / (1.0 - rate)
        strength = self.strength
        for a, delta in zip(self.comp, self.deltas, strict=True):
            strength[a] = min(1.0, max(0.0, strength[a] + delta * factor))

    def snap(self, margin: float) -> bool:
        strength, snapped = self.strength, False
        for a, delta in zip(self.comp, self.deltas, strict=True):
            if delta > 0 and 1.0 - margin <= strength[a] < 1.0:
                strength[a], snapped = 1.0, True
            elif delta < 0 and 0.0 < strength[a] <= margin:
                strength[a], snapped = 0.0, True
        return snapped

    def finish(self) -> None:
        pass  # the strengths are in the shared list all along


def _iterate(
    state: ComponentState,
    step: float,
    tolerance: float,
    max_iterations: int,
    *,
    patient: bool = False,
) -> int:
    """Jacobi iteration on one component from the base weights: the sweeps it took to
    settle, or minus the sweeps after which it gave up.

    With ``d_k`` the largest move of sweep ``k`` and ``q = d_k / d_(k-1)`` its ratio, a
    map contracting by ``q`` is within ``d_k * q / (1 - q)`` of its fixed point (the a
    posteriori bound of Banach's fixed-point theorem); the iteration stops once that bound
    is below the tolerance, or at once when a sweep moves nothing. A steady ratio close to
    1 is a slow geometric tail, which is summed in one jump (Aitken's extrapolation, the
    limit of the geometric series of moves); the bound is then checked again by further
    sweeps. When the largest move has not shrunk over :data:`WINDOW` sweeps (sixteen times
    as many for the ``patient`` last step) the iteration is oscillating, and it gives up
    at once so that a damped step can be tried.

    A tail that creeps (moves that shrink ever more slowly, as where strengths tend to 0 or
    1 like ``1/k``, far too slowly for any cap) is tried at the edge: strengths close to 0
    or 1 and moving toward it are put on it, and the sweeps go on from there, so the same
    stopping rule decides. Where the edge is the fixed point, the next sweep moves nothing;
    where it is not, the sweeps move the strengths off it again. But for the last step,
    creeping gives up at once, as oscillating does, once the edge has been tried.
    """
    state.reset()
    # The last step size tried is given longer to show that its moves shrink: a damped
    # tail may swell for a few hundred sweeps before it creeps to its limit.
    window = WINDOW * 16 if patient else WINDOW
    moves: list[float] = []
    rate = 0.0  # the steady ratio measured before the last jump
    jumps = snaps = 0
    leap = 0.0  # the move just before the last jump
    slowing = 0.0  # 1 - the two-sweep ratio of the moves, at the last power of two
    for iteration in range(1, max_iterations + 1):
        moved = state.advance(step)
        if moved <= _ROUNDING:
            return iteration  # a fixed point, up to rounding
        if iteration & (iteration - 1) == 0 and len(moves) >= 2:
            # A geometric tail keeps its ratio; one like 1/k**2 (strengths creeping like
            # 1/k) has 1 - ratio halving each time the sweeps double.
            gap, before = 1.0 - moved / moves[-2], slowing
            slowing = gap
            creeping = iteration >= _SNAP_FROM and 0.0 < gap < 0.04 and gap < 0.75 * before
            if (
                creeping
                and snaps < (_MAX_SNAPS if patient else 1)
                # Such a tail is about k moves from its limit (2k where it creeps like
                # 1/sqrt(k)): four times that is the margin tried, up to half of [0, 1].
                and state.snap(min(0.5, 4.0 * moved * iteration))
            ):
                snaps += 1
                moves.clear()
                rate = 0.0
                continue
            if creeping and not patient:  # the edge failed: a damped step may settle it
                return -iteration  # (as where the update's slope is -1 at the fixed point)
        moves.append(moved)
        if rate and len(moves) >= 2:
            # Just after a jump the moves are too small for a fresh ratio: the one
            # measured before holds, since the map is the same near its fixed point.
            if moved * rate / (1.0 - rate) <= tolerance:
                return iteration
            if moved >= 0.1 * leap:
                # The jump did not cut the moves tenfold: the tail is not geometric (it
                # creeps), so no more jumps; plain sweeps and the edge go on.
                jumps = _MAX_JUMPS
            if jumps < _MAX_JUMPS:
                leap = moved
                state.jump(rate)
                jumps += 1
                moves.clear()
            else:
                rate = 0.0
            continue
        if len(moves) < 4:
            continue
        q, before = moved / moves[-2], moves[-2] / moves[-3]
        # The bound holds once the tail is geometric: the last ratios agree, and the
        # slowest of them is used.
        worst = max(q, before, moves[-3] / moves[-4])
        steady = abs(q - before) <= 0.5 * (1.0 - worst)
        if worst < 1.0 and steady and moved * worst / (1.0 - worst) <= tolerance:
            return iteration
        if 0.5 < q < 1.0 and abs(q - before) <= 1e-3 * (1.0 - q) and jumps < _MAX_JUMPS:
            leap = moved
            state.jump(q)
            rate = q
            jumps += 1
            moves.clear()
        elif len(moves) > window and moved >= moves[-1 - window]:
            return -iteration
    return -max_iterations
