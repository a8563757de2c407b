"""The grounded labelling (Dung 1995) in linear time, the base every other semantics extends."""

from __future__ import annotations

import itertools

from argmap.semantics.framework import Framework
from argmap.semantics.sat import IN, OUT

#: Labels to 1 for "in", 0 otherwise: ``bytes.translate`` then picks the members in C.
_IS_IN = bytes(1 if label == IN else 0 for label in range(256))


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
    queue = list(itertools.compress(range(fw.n), map((0).__eq__, count)))
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
    return labels


def members(labels: bytearray) -> tuple[int, ...]:
    """The arguments labelled in, sorted."""
    return tuple(itertools.compress(range(len(labels)), labels.translate(_IS_IN)))


def grounded_extension(fw: Framework) -> tuple[int, ...]:
    """The arguments in the grounded extension, sorted."""
    return members(grounded_labels(fw))
