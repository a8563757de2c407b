"""The weighing at the heart of the proof standards: the standards, the verdict labels,
the graph they are decided on, and how one node's standing reasons and objections give its
verdict (see :mod:`argmap.semantics.standards` for the rules as a whole). Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

#: Carneades' thresholds for the two strongest standards (Gordon & Walton 2009 leave them
#: as parameters): clear and convincing needs the weightiest reason above ALPHA and ahead
#: of the weightiest objection by more than BETA; beyond reasonable doubt also needs the
#: weightiest objection below GAMMA.
ALPHA = 0.4
BETA = 0.3
GAMMA = 0.2
#: Two weights, or a lead and BETA, closer than this count as equal: weights are written as
#: decimals, and 0.8 - 0.5 is 0.30000000000000004 in binary floating point.
EPSILON = 1e-9


class Standard(IntEnum):
    """Proof standards, weakest first."""

    SCINTILLA = 0
    PREPONDERANCE = 1
    CLEAR_AND_CONVINCING = 2
    BEYOND_REASONABLE_DOUBT = 3
    DIALECTICAL = 4


class Label(IntEnum):
    """A node's verdict. ``UNKNOWN`` is what the rules leave undecided (a cycle that settles
    nothing): it reads as open, and is kept apart so that a later :func:`resolve` can
    still decide it. ``UNKNOWN_OUT`` is undecided too, but known not to stand: however its
    undecided inputs went it would not, or it could only on its own bootstraps."""

    STANDS = 0
    FALLS = 1
    CONTESTED = 2
    OPEN = 3
    NOT_ASSESSED = 4
    UNKNOWN = 5
    UNKNOWN_OUT = 6


#: The labels of nodes the rules have not decided.
UNDECIDED = (Label.UNKNOWN, Label.UNKNOWN_OUT)


@dataclass(frozen=True, eq=False)
class StandardsGraph:
    """Nodes with their incoming reasons and objections and what each node needs.

    Attributes:
        reasons: For each node, the nodes that support it (conditional ones left out).
        objections: For each node, the nodes that attack it (conditional ones left out).
        weights: Each node's weight in [0, 1].
        standards: Each node's proof standard.
        needs_reason: Whether a node with no standing reason or objection is open
            (a thesis) rather than standing.
        assessed: Whether each node is assessed at all (forecasts and questions are not).
        linked: Whether each node's reasons are premises that hold only together (an
            argument); empty when no node's are.
        undercuts: For each node, those of its objections that deny its inference (an
            undercut): one that stands strikes the node whatever the weights, as an
            inapplicable argument counts for nothing in Carneades and an undercut defeats
            its target regardless of preferences in ASPIC+; empty when no node has one.
    """

    reasons: Sequence[Sequence[int]]
    objections: Sequence[Sequence[int]]
    weights: Sequence[float]
    standards: Sequence[Standard]
    needs_reason: Sequence[bool]
    assessed: Sequence[bool]
    linked: Sequence[bool] = ()
    undercuts: Sequence[Sequence[int]] = ()

    def undercuts_of(self, node: int) -> Sequence[int]:
        """The node's undercutting objections."""
        return self.undercuts[node] if self.undercuts else ()

    def is_linked(self, node: int) -> bool:
        """Whether the node's reasons are premises that count only together."""
        return bool(self.linked) and self.linked[node] and bool(self.reasons[node])

    @property
    def n(self) -> int:
        """How many nodes the graph has."""
        return len(self.weights)

    def successors(self) -> list[list[int]]:
        """For each node, the nodes it is a reason or an objection for."""
        out: list[list[int]] = [[] for _ in range(self.n)]
        for target in range(self.n):
            for source in self.reasons[target]:
                out[source].append(target)
            for source in self.objections[target]:
                out[source].append(target)
        return out


def weigh(
    standard: Standard,
    reasons: Iterable[float],
    objections: Iterable[float],
    *,
    has_reasons: bool,
    needs_reason: bool,
    undercut: bool = False,
) -> Label:
    """The verdict a standard gives from the weights of the standing reasons and objections.

    Args:
        standard: The node's proof standard.
        reasons: Weights of its standing reasons.
        objections: Weights of its standing objections.
        has_reasons: Whether anything supports the node at all (standing or not): a node
            that nothing supports stands unless a standing objection strikes it.
        needs_reason: Whether the node stays open without a standing reason (a thesis).
        undercut: Whether a standing undercut denies its inference: it falls, whatever
            the weights and the standard.
    """
    if undercut:
        return Label.FALLS
    pro = list(reasons)
    con = list(objections)
    if not has_reasons and not needs_reason:
        return Label.FALLS if con else Label.STANDS
    if not pro:
        return Label.FALLS if con else Label.OPEN
    best_pro = max(pro)
    best_con = max(con) if con else 0.0
    if _met(standard, best_pro, best_con, bool(con)):
        return Label.STANDS
    if con and best_con > best_pro:
        return Label.FALLS
    return Label.CONTESTED if con else Label.OPEN


def _met(standard: Standard, pro: float, con: float, any_con: bool) -> bool:
    if standard is Standard.SCINTILLA:
        return True
    if standard is Standard.PREPONDERANCE:
        return pro > con
    if standard is Standard.DIALECTICAL:
        return not any_con
    clear = pro > ALPHA and pro - con - BETA > EPSILON
    if standard is Standard.CLEAR_AND_CONVINCING:
        return clear
    return clear and con < GAMMA
