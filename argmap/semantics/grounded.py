"""The grounded labelling (Dung 1995) in linear time, the base every other semantics extends."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from argmap.arrays import ARRAYS_FROM, Csr
from argmap.gcpause import paused_gc
from argmap.semantics.framework import Framework
from argmap.semantics.sat import IN, OUT, UNDEC

if TYPE_CHECKING:  # pragma: no cover - annotations only
    import numpy as np
    from numpy.typing import NDArray

#: Labels to 1 for "in", 0 otherwise: ``bytes.translate`` then picks the members in C.
_IS_IN = bytes(1 if label == IN else 0 for label in range(256))
_IS_UNDEC = bytes(1 if label == UNDEC else 0 for label in range(256))
#: Rounds of the array labelling that go in fewer arguments than this are "thin" ...
_THIN = 64
#: ... and after this many thin rounds (a long chain), the rest is labelled one by one.
_THIN_ROUNDS = 32


def grounded_labels(fw: Framework) -> bytearray:
    """The grounded labelling: ``IN``, ``OUT`` or ``UNDEC`` per argument, in O(n + m).

    An argument goes in once every attacker is out; each attack is looked at a bounded
    number of times (the counting version of the characteristic function's least fixed
    point, Dung 1995). From ``ARRAYS_FROM`` arguments on, the same counting runs on the
    framework's arrays, a round of arguments at a time.
    """
    if fw.n >= ARRAYS_FROM:
        return _labels_of_arrays(fw.arrays)
    targets = fw.targets
    count = [0] * fw.n
    for b in itertools.chain.from_iterable(targets):
        count[b] += 1
    labels = bytearray(fw.n)
    queue = list(itertools.compress(range(fw.n), map((0).__eq__, count)))
    _propagate(targets, labels, count, queue)
    return labels


def _propagate(
    targets: list[list[int]], labels: bytearray, count: list[int], queue: list[int]
) -> None:
    """Label ``queue``'s arguments in, and every argument that follows, one at a time.

    ``count[c]`` is how many of ``c``'s attackers are not yet out (counted for the
    arguments still undecided); an argument goes in when it reaches 0.
    """
    push = queue.append
    for a in queue:  # the queue grows while it is read
        labels[a] = IN
        for b in targets[a]:
            if labels[b] != OUT:
                labels[b] = OUT
                for c in targets[b]:
                    # An argument already out needs no count: it can never go in.
                    if not labels[c]:
                        left = count[c] - 1
                        count[c] = left
                        if not left:
                            push(c)


def _labels_of_arrays(csr: Csr) -> bytearray:
    """The grounded labelling on arrays: each round, the arguments whose count reached 0.

    A round is a few numpy operations over the arguments it decides, so a framework that
    is decided in tens of rounds costs tens of C-level passes. A long chain would take a
    round per link: after ``_THIN_ROUNDS`` thin rounds the rest goes one at a time.
    """
    import numpy as np

    n = csr.n
    count = csr.in_degrees()
    state = np.zeros(n, dtype=np.uint8)
    frontier = np.flatnonzero(count == 0)
    thin = 0
    while frontier.size:
        if frontier.size < _THIN:
            thin += 1
            if thin > _THIN_ROUNDS:
                return _finish_one_by_one(csr, state, count, frontier)
        state[frontier] = IN
        hit = csr.rows(frontier)
        hit = _distinct(hit[state[hit] != OUT], n)
        state[hit] = OUT
        reached = csr.rows(hit)
        reached = reached[state[reached] == 0]
        if not reached.size:
            break
        # Each attack from a newly out argument takes one off its target's count.
        if reached.size * 8 > n:  # counting over all arguments costs less than sorting
            lost = np.bincount(reached, minlength=n)
            count -= lost
            frontier = np.flatnonzero((count == 0) & (lost > 0))
        else:
            undecided, taken = np.unique(reached, return_counts=True)
            count[undecided] -= taken
            frontier = undecided[count[undecided] == 0]
    return bytearray(state.tobytes())


def _distinct(args: NDArray[np.int64], n: int) -> NDArray[np.int64]:
    """The distinct values of ``args``, sorted."""
    import numpy as np

    if args.size < 2:
        return args
    if args.size * 8 > n:  # a mask over all arguments costs less than sorting
        mask = np.zeros(n, dtype=np.bool_)
        mask[args] = True
        return np.flatnonzero(mask)
    return np.unique(args)


def _finish_one_by_one(
    csr: Csr, state: NDArray[np.uint8], count: NDArray[np.int64], frontier: NDArray[np.int64]
) -> bytearray:
    labels = bytearray(state.tobytes())
    counts: list[int] = count.tolist()
    with paused_gc():  # a list per argument, all kept: the collector would only rescan them
        targets = csr.lists()
    _propagate(targets, labels, counts, frontier.tolist())
    return labels


def members(labels: bytearray) -> tuple[int, ...]:
    """The arguments labelled in, sorted."""
    if len(labels) >= ARRAYS_FROM:  # numpy is loaded for a framework of this size
        import numpy as np

        picked: list[int] = np.flatnonzero(np.frombuffer(labels, dtype=np.uint8) == IN).tolist()
        return tuple(picked)
    return tuple(itertools.compress(range(len(labels)), labels.translate(_IS_IN)))


def undecided(labels: bytearray) -> list[int]:
    """The arguments labelled undecided, sorted."""
    return list(itertools.compress(range(len(labels)), labels.translate(_IS_UNDEC)))


def grounded_extension(fw: Framework) -> tuple[int, ...]:
    """The arguments in the grounded extension, sorted."""
    return members(grounded_labels(fw))
