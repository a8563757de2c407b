"""The grounded labelling (Dung 1995) in linear time, the base every other semantics extends."""

from __future__ import annotations

import itertools

from argmap.semantics.framework import Framework
from argmap.semantics.sat import IN, OUT


def grounded_labels(fw: Framework) -> bytearray:
    """The grounded labelling: ``IN``, ``OUT`` or ``UNDEC`` per argument, in O(n + m).

    An argument goes in once every attacker is out; each attack is looked at a bounded
    number of times (the counting version of the characteristic function's least fixed
    point, Dung 1995).
    """
    targets = fw.targets
    count = [0] * fw.n
    for b in itertools.chain.from_iterable(targets):
        count[b] += 1
    labels = bytearray(fw.n)
    queue = [a for a in range(fw.n) if not count[a]]
    push = queue.append
    for a in queue:  # the queue grows while it is read
        labels[a] = IN
        for b in targets[a]:
            if labels[b] != OUT:
                labels[b] = OUT
                for c in targets[b]:
                    left = count[c] - 1
                    count[c] = left
                    if not left and not labels[c]:
                        push(c)
    return labels


def grounded_extension(fw: Framework) -> tuple[int, ...]:
    """The arguments in the grounded extension, sorted."""
    return tuple(a for a, label in enumerate(grounded_labels(fw)) if label == IN)
