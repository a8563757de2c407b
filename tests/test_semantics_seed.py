"""The wide labelling semi-stable searches start from: complete, and a start only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics import extensions as ext
from argmap.semantics.acceptance import accepts
from argmap.semantics.framework import weak_components
from argmap.semantics.grounded import grounded_labels, undecided
from argmap.semantics.sat import IN, OUT, UNDEC
from argmap.semantics.seed import wide_labelling

from .test_semantics_extensions import Edges, framework, frameworks, reference

# 0 and 1 attack each other, one of them attacks 2, which attacks itself, then a chain of
# single arguments, so that no one component holds most of the part. Whichever of 0 and 1
# attacks 2 must be in for a maximal range: in one of the two frameworks, a seed that
# takes the other one's component first leaves 2 undecided.
TRAPS: list[Edges] = [
    [(0, 1), (1, 0), (first, 2), (2, 2), (1 - first, 3), (3, 4), (4, 5), (5, 6)] for first in (0, 1)
]


def _complete(n: int, edges: Edges, labels: dict[int, int]) -> bool:
    """Whether the labels (of every argument) form a complete labelling."""
    attackers: dict[int, list[int]] = {a: [] for a in range(n)}
    for a, b in edges:
        attackers[b].append(a)
    for a in range(n):
        seen = {labels[b] for b in attackers[a]}
        want = OUT if IN in seen else UNDEC if UNDEC in seen else IN
        if labels[a] != want:
            return False
    return True


def _wide(
    n: int, edges: Edges, query: tuple[int, bool] | None = None
) -> list[tuple[list[int], dict[int, int]]]:
    """Each part given a wide labelling, with the labels of every argument."""
    fw = framework(n, edges)
    labels = grounded_labels(fw)
    found = []
    for part in weak_components(fw, undecided(labels)):
        wide = wide_labelling(fw, part, labels, query if query and query[0] in part else None)
        if wide:
            whole = {a: labels[a] for a in range(n)}
            whole.update(zip(part, wide, strict=True))
            found.append((part, whole))
    return found


def test_answers_hold_whichever_labelling_the_seed_starts_from() -> None:
    starts = []
    for trap in TRAPS:
        ((_, wide),) = _wide(7, trap)
        assert _complete(7, trap, wide)
        starts.append(wide[2])
        expected = reference(7, trap)["semi-stable"]
        fw = framework(7, trap)
        assert ext.all_extensions(fw, "semi-stable") == expected
        assert ext.first_extension(fw, "semi-stable") in expected
        for a in range(7):
            assert accepts(fw, a, "semi-stable", "credulous") == any(a in e for e in expected)
            assert accepts(fw, a, "semi-stable", "skeptical") == all(a in e for e in expected)
    assert UNDEC in starts  # one of the two starts is not semi-stable


@settings(max_examples=300)
@given(frameworks(max_n=10), st.integers(0, 9), st.booleans())
def test_a_wide_labelling_is_complete_and_meets_its_query(
    case: tuple[int, Edges], a: int, with_a: bool
) -> None:
    n, edges = case
    if n == 0:
        return
    a %= n
    for _, wide in _wide(n, edges):
        assert _complete(n, edges, wide)
    for part, wide in _wide(n, edges, (a, with_a)):
        assert _complete(n, edges, wide)
        if a in part:
            assert (wide[a] == IN) == with_a
