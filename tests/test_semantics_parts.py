"""Many small parts of a large framework: each is searched at its own cost, one solver at a time.

A framework of 100,000 arguments in 50,000 two-cycles once took every byte of a 24 GB
machine to find one preferred extension: each part's component search allocated arrays the
size of the whole framework, and each part's solver stayed open until the last part had
given its first labelling. These tests pin the costs down by what is allocated and how many
solvers are open at once (no timing), and check that the small-part paths give the same
answers as the whole-framework ones.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.numbered import NumberedNames
from argmap.semantics import extensions as ext
from argmap.semantics import sat, seed
from argmap.semantics.framework import Framework, strongly_connected, weak_components
from argmap.semantics.grounded import grounded_labels, undecided

#: Isolated arguments added beside a small framework, to make its nodes a small part.
PADDING = 400_000


def padded(n: int, edges: list[tuple[int, int]], padding: int = PADDING) -> Framework:
    """The framework on ``0..n-1`` with ``padding`` unattacked arguments after it."""
    targets: list[list[int]] = [[] for _ in range(n + padding)]
    for a, b in edges:
        targets[a].append(b)
    return Framework(NumberedNames(1, n + padding), targets)


def plain(n: int, edges: list[tuple[int, int]]) -> Framework:
    targets: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        targets[a].append(b)
    return Framework(NumberedNames(1, n), targets)


@st.composite
def graphs(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]], list[int]]:
    """A small attack graph and a subset of its arguments, in any order."""
    n = draw(st.integers(1, 12))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30))
    nodes = draw(st.permutations(range(n)))
    nodes = nodes[: draw(st.integers(0, n))]
    return n, edges, list(nodes)


def reaches(n: int, edges: list[tuple[int, int]], nodes: list[int]) -> list[set[int]]:
    """For each argument, what it reaches within ``nodes`` (itself included)."""
    inside = set(nodes)
    out = [set() for _ in range(n)]
    for a in nodes:
        out[a] = {a}
        frontier = [a]
        while frontier:
            v = frontier.pop()
            for x, y in edges:
                if x == v and y in inside and y not in out[a]:
                    out[a].add(y)
                    frontier.append(y)
    return out


@settings(max_examples=400, deadline=None)
@given(graphs())
def test_components_of_a_small_part_are_those_of_the_whole_framework(
    case: tuple[int, list[tuple[int, int]], list[int]],
) -> None:
    n, edges, nodes = case
    small = padded(n, edges, padding=8 * n + 1)  # the nodes are numbered afresh
    whole = plain(n, edges)  # the nodes are most of the framework
    assert strongly_connected(small, nodes) == strongly_connected(whole, nodes)
    assert weak_components(small, nodes) == weak_components(whole, nodes)
    # Strongly connected: mutually reachable; attackers first: no later component
    # attacks an earlier one.
    comps = strongly_connected(whole, nodes)
    reach = reaches(n, edges, nodes)
    assert sorted(a for comp in comps for a in comp) == sorted(nodes)
    for comp in comps:
        for a in comp:
            assert {b for b in nodes if a in reach[b] and b in reach[a]} == set(comp)
    position = {a: i for i, comp in enumerate(comps) for a in comp}
    for a, b in edges:
        if a in position and b in position:
            assert position[a] <= position[b]
    # Weakly connected: every part sorted, joined by no attack, each connected.
    parts = weak_components(whole, nodes)
    part_of = {a: i for i, part in enumerate(parts) for a in part}
    assert all(part == sorted(part) for part in parts)
    for a, b in edges:
        if a in part_of and b in part_of:
            assert part_of[a] == part_of[b]


def peak_bytes(call: Callable[[], object]) -> int:
    """The most memory Python held at once during a second call (the first imports)."""
    call()
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_small_part_of_a_large_framework_costs_what_the_part_does() -> None:
    # A five-argument part (a three-cycle attacking a two-cycle) among 400,005 arguments:
    # a byte or a pointer per argument would be 400 KB to 3.2 MB.
    fw = padded(5, [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 3)])
    part = [0, 1, 2, 3, 4]
    labels = grounded_labels(fw)
    assert undecided(labels)[:5] == part
    before = bytes(labels[:5])
    assert fw.attackers  # made once for the framework, not for each part
    assert peak_bytes(lambda: strongly_connected(fw, part)) < 20_000
    assert peak_bytes(lambda: weak_components(fw, part)) < 20_000
    assert peak_bytes(lambda: seed.maximal_labelling(fw, part, labels)) < 60_000
    assert peak_bytes(lambda: seed.wide_labelling(fw, part, labels, (3, True))) < 60_000
    # The part's labels are put back after the search wrote into them.
    assert bytes(labels[:5]) == before


@contextmanager
def open_solvers() -> Iterator[list[int]]:
    """``[open now, most open at once]`` for the labelling solvers made meanwhile."""
    count = [0, 0]
    made, close = sat.LabellingSolver.__init__, sat.LabellingSolver.close

    def counting_init(self: sat.LabellingSolver, *args: object, **kwargs: object) -> None:
        made(self, *args, **kwargs)  # type: ignore[arg-type]
        count[0] += 1
        count[1] = max(count)

    def counting_close(self: sat.LabellingSolver) -> None:
        count[0] -= 1
        close(self)

    with (
        mock.patch.object(sat.LabellingSolver, "__init__", counting_init),
        mock.patch.object(sat.LabellingSolver, "close", counting_close),
    ):
        yield count


def cycles(count: int, length: int) -> tuple[int, list[tuple[int, int]]]:
    edges = []
    for first in range(0, count * length, length):
        edges += [(first + i, first + (i + 1) % length) for i in range(length)]
    return count * length, edges


def test_one_extension_of_many_parts_holds_one_solver_at_a_time() -> None:
    for length, semantics in [(2, "preferred"), (3, "preferred"), (3, "semi-stable")]:
        n, edges = cycles(300, length)
        fw = plain(n, edges)
        with open_solvers() as count:
            found = ext.first_extension(fw, semantics)
        assert count[1] <= 2, (length, semantics, count)  # 300 when parts held theirs
        assert count[0] == 0  # every one closed
        # Two-cycles: one argument of each in; odd cycles: nothing.
        assert found is not None
        if length == 2:
            assert sorted(a // 2 for a in found) == list(range(300))
        else:
            assert found == ()


def test_listing_every_extension_still_combines_the_parts() -> None:
    n, edges = cycles(4, 2)
    found = ext.all_extensions(plain(n, edges), "preferred")
    assert len(found) == 16 and len(set(found)) == 16
    assert ext.first_extension(plain(n, edges), "stable") in found


def test_a_part_where_nothing_can_be_in_is_not_searched_for_a_wider_range() -> None:
    # Three-cycles, and self-attacking arguments attacking them: no non-empty admissible
    # set, no stable labelling; the one complete labelling leaves everything undecided.
    n, edges = cycles(40, 3)
    edges += [(n + k, n + k) for k in range(20)] + [(n + k, 3 * k) for k in range(20)]
    fw = plain(n + 20, edges)
    with mock.patch.object(ext, "maximal_labelling") as wide:
        assert ext.first_extension(fw, "semi-stable") == ()
        assert ext.all_extensions(fw, "semi-stable") == [()]
    wide.assert_not_called()
    # A two-cycle attacked from a three-cycle: {y} is admissible, and no labelling is
    # stable; the range search runs, and the widest range takes y in and x out.
    x, y = n + 20, n + 21
    fw = plain(n + 22, [*edges, (x, y), (y, x), (0, x)])
    with mock.patch.object(ext, "maximal_labelling", wraps=ext.maximal_labelling) as wide:
        found = ext.first_extension(fw, "semi-stable")
    assert wide.called
    assert found == (y,)
    assert ext.all_extensions(fw, "semi-stable") == [(y,)]
