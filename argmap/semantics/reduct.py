"""The reduct of a framework by its grounded extension: what is left open, on its own.

Every complete labelling agrees with the grounded one (Dung 1995), so a complete
extension is the grounded extension together with a set of the arguments the grounded
labelling leaves undecided. Those arguments, with the attacks among them, form the
reduct. Its extensions are exactly what the open arguments add, for complete, preferred,
stable, semi-stable and ideal semantics:

- an open argument's attackers are open or out (an attacker in would have put it out),
  and the out ones are beaten by the grounded extension already, so defending an open
  argument is defending it against its open attackers: a set ``S`` of open arguments is
  admissible (complete) in the reduct exactly when ``G ∪ S`` is in the framework, ``G``
  the grounded extension, and preferred extensions follow as the maximal ones;
- ``G ∪ S`` attacks every argument outside it exactly when ``S`` attacks every open
  argument outside ``S`` (the rest are in ``G`` or attacked by it), so stable extensions
  correspond;
- the range of ``G ∪ S`` is ``G``, what ``G`` attacks, and the range of ``S`` in the
  reduct: ranges differ by the same arguments, so semi-stable (range-maximal) extensions
  correspond, and so does the ideal extension, the largest admissible set inside every
  preferred one.

The reduct has no unattacked argument (one would be defended by ``G``, hence in it), so
its own grounded extension is empty. Working on it pays when most of a large framework is
decided: no routine then builds lists of attackers for the whole of it.
"""

from __future__ import annotations

from argmap.semantics.framework import Framework
from argmap.semantics.grounded import undecided

__all__ = ["Reduct", "reduct"]

Reduct = tuple[Framework, list[int]]


def reduct(fw: Framework, labels: bytearray) -> Reduct | None:
    """The reduct and, for each of its arguments, the framework's argument it stands for.

    None when the grounded labelling ``labels`` leaves nothing open, or more than half of
    the framework (then the framework itself costs less than a copy of the open part).
    """
    open_ = undecided(labels)
    if not open_ or 2 * len(open_) > fw.n:
        return None
    return fw.induced(open_), open_
