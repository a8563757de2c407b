"""Attack graphs as compressed sparse rows of numpy arrays, for frameworks at competition scale.

A million arguments as Python lists cost a Python step per attack to build, count and walk;
as two arrays, sorting, counting and gathering the attacks run in C. Frameworks of
``ARRAYS_FROM`` arguments or more are held this way (``argmap.semantics.framework``), and
the ICCMA readers parse such files straight into arrays.

numpy is imported on first use, not with this module: a map of a hundred claims never pays
for its import. Nothing here knows about claims, files or semantics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - annotations only
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["ARRAYS_FROM", "Csr", "int_array"]

#: Frameworks with this many arguments or more are held as arrays. Below it, importing
#: numpy (about 0.08 s) costs more than the lists' Python loops it saves.
ARRAYS_FROM = 50_000


@dataclass(frozen=True, eq=False)
class Csr:
    """What each argument ``0..n-1`` attacks: ``dests[indptr[a]:indptr[a + 1]]``, in input order.

    ``indptr`` has ``n + 1`` entries, from 0 to the number of attacks; both arrays are int64.
    """

    indptr: NDArray[np.int64]
    dests: NDArray[np.int64]

    @property
    def n(self) -> int:
        """The number of arguments."""
        return int(self.indptr.size) - 1

    @classmethod
    def from_edges(
        cls,
        n: int,
        sources: Sequence[int] | NDArray[np.int64],
        dests: Sequence[int] | NDArray[np.int64],
    ) -> Csr:
        """The rows of parallel ``(attacker, target)`` arrays of indices in ``0..n-1``.

        Attacks keep their input order within each row. Sources already in order (as
        ICCMA files and most generators write them) are not sorted again.

        Raises:
            ValueError: when the arrays differ in length or hold an index outside ``0..n-1``.
        """
        import numpy as np

        src = int_array(sources)
        dst = int_array(dests)
        if src.size != dst.size:
            raise ValueError(f"{src.size} attackers but {dst.size} targets")
        for array in (src, dst):
            if array.size and (int(array.min()) < 0 or int(array.max()) >= n):
                raise ValueError(f"an argument index outside 0..{n - 1}")
        if src.size > 1 and not bool((src[1:] >= src[:-1]).all()):
            dst = dst[np.argsort(src, kind="stable")]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
        return cls(indptr, dst)

    @classmethod
    def from_lists(cls, targets: Sequence[Sequence[int]]) -> Csr:
        """The rows of adjacency lists: ``targets[a]`` lists what ``a`` attacks."""
        import numpy as np

        lengths = np.fromiter(map(len, targets), dtype=np.int64, count=len(targets))
        indptr = np.zeros(len(targets) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        total = int(indptr[-1])
        dests = np.fromiter(chain.from_iterable(targets), dtype=np.int64, count=total)
        return cls(indptr, dests)

    def lists(self) -> list[list[int]]:
        """The rows as adjacency lists, one list per argument."""
        flat: list[int] = self.dests.tolist()
        bounds: list[int] = self.indptr.tolist()
        return list(map(flat.__getitem__, map(slice, bounds[:-1], bounds[1:])))

    def rows(self, args: NDArray[np.int64]) -> NDArray[np.int64]:
        """Every attack of the given arguments, their rows one after another."""
        import numpy as np

        starts = self.indptr[args]
        lengths = self.indptr[args + 1] - starts
        ends = np.cumsum(lengths)
        total = int(ends[-1]) if ends.size else 0
        if not total:
            return self.dests[:0]
        # Position k of the output reads dests[starts[row] + (k - first k of the row)].
        offsets = np.repeat(starts - (ends - lengths), lengths)
        picked: NDArray[np.int64] = self.dests[np.arange(total, dtype=np.int64) + offsets]
        return picked

    def in_degrees(self) -> NDArray[np.int64]:
        """How many attacks each argument receives (a repeated attack counts twice)."""
        import numpy as np

        return np.bincount(self.dests, minlength=self.n)


def int_array(values: Sequence[int] | NDArray[np.int64]) -> NDArray[np.int64]:
    """The values as an int64 array (an int64 array as it is).

    Raises:
        ValueError: for an array of anything but integers (a float would be cut short).
    """
    import numpy as np

    if isinstance(values, np.ndarray):
        if values.dtype.kind not in "iu":
            raise ValueError(f"argument indices must be integers, not {values.dtype}")
        return values.astype(np.int64, copy=False)
    return np.fromiter(values, dtype=np.int64, count=len(values))
