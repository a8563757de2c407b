"""Names as sequences that make each name only when it is asked for: numbers in a row
(``"1"``, ``"2"``, ...), or sorted names packed in one numpy array. A framework of a
million arguments needs no million strings to be solved, only to print its answer. Pure."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:  # pragma: no cover - annotations only
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["NumberedNames", "PackedNames", "listed", "names_at"]

#: From this many names on, a list of numbered or packed names is written with numpy, once
#: numpy is loaded; importing it for the list (about 80 ms) pays only from the second count
#: on, where strings take longer than the import and numpy's own work together.
LISTED_WITH_ARRAYS = 4096
LISTED_IMPORTING_NUMPY = 1_000_000


class NumberedNames(Sequence[str]):
    """The names ``str(start)``, ``str(start + 1)``, ... of ``count`` arguments."""

    __slots__ = ("first", "size")

    def __init__(self, start: int, count: int) -> None:
        if count < 0:
            raise ValueError(f"count must be 0 or more, not {count}")
        self.first = start
        self.size = count

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return tuple(map(str, range(self.first, self.first + self.size)[index]))
        if index < 0:
            index += self.size
        if not 0 <= index < self.size:
            raise IndexError("name index out of range")
        return str(self.first + index)

    def __iter__(self) -> Iterator[str]:
        return map(str, range(self.first, self.first + self.size))

    def _position(self, name: object) -> int:
        """The index of ``name``, or -1: only the plain decimal form of a number is a name."""
        digits = name[1:] if isinstance(name, str) and name.startswith("-") else name
        if not isinstance(digits, str) or not digits.isascii() or not digits.isdigit():
            return -1
        number = int(str(name))
        if str(number) != name or not self.first <= number < self.first + self.size:
            return -1
        return number - self.first

    def __contains__(self, name: object) -> bool:
        return self._position(name) >= 0

    def index(self, name: object, start: int = 0, stop: int | None = None) -> int:
        """The index of ``name``.

        Raises:
            ValueError: No argument has that name (in the range given).
        """
        found = self._position(name)
        end = self.size if stop is None else stop
        if found < 0 or not start <= found < end:
            raise ValueError(f"{name!r} is not in the names")
        return found

    def __eq__(self, other: object) -> bool:
        if isinstance(other, NumberedNames):
            return (self.first, self.size) == (other.first, other.size) or (
                self.size == other.size == 0
            )
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == self.size and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"NumberedNames(start={self.first}, count={self.size})"


class PackedNames(Sequence[str]):
    """ASCII names, sorted and distinct, held as one numpy array of fixed-width byte strings.

    The array's zero padding is no part of a name (no name holds a zero byte).
    """

    __slots__ = ("keys",)

    def __init__(self, keys: NDArray[np.bytes_]) -> None:
        self.keys = keys

    def __len__(self) -> int:
        return int(self.keys.size)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return tuple(map(bytes.decode, self.keys[index].tolist()))
        if not -self.keys.size <= index < self.keys.size:
            raise IndexError("name index out of range")
        return bytes(self.keys[index]).decode()

    def __iter__(self) -> Iterator[str]:
        return map(bytes.decode, self.keys.tolist())

    def at(self, indices: Iterable[int]) -> list[str]:
        """The names at ``indices``, picked out in C."""
        import numpy as np

        picked = np.fromiter(indices, dtype=np.int64)
        return list(map(bytes.decode, self.keys[picked].tolist()))

    def _position(self, name: object) -> int:
        """The index of ``name``, or -1."""
        import numpy as np

        if not isinstance(name, str) or not name.isascii() or "\0" in name:
            return -1
        key = name.encode()
        if not key or len(key) > self.keys.itemsize:
            return -1
        found = int(np.searchsorted(self.keys, np.array(key, dtype=self.keys.dtype)))
        return found if found < self.keys.size and self.keys[found] == key else -1

    def __contains__(self, name: object) -> bool:
        return self._position(name) >= 0

    def index(self, name: object, start: int = 0, stop: int | None = None) -> int:
        """The index of ``name``.

        Raises:
            ValueError: No argument has that name (in the range given).
        """
        found = self._position(name)
        end = len(self) if stop is None else stop
        if found < 0 or not start <= found < end:
            raise ValueError(f"{name!r} is not in the names")
        return found

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"PackedNames({len(self)} names)"


def names_at(names: Sequence[str], indices: Iterable[int]) -> list[str]:
    """The names at ``indices``, made in C-level loops (a million in a fraction of a second)."""
    if isinstance(names, NumberedNames):
        return list(map(str, map(names.first.__add__, indices)))
    if isinstance(names, PackedNames):
        return names.at(indices)
    return list(map(names.__getitem__, indices))


def listed(names: Sequence[str], indices: Sequence[int], *, quoted: bool) -> str:
    """The names at ``indices`` joined by ``", "``, each in double quotes if ``quoted``.

    Quoted, the list is the inside of a JSON array of strings, exactly as ``json.dumps``
    writes one, for names that need no escaping: numbered and packed names (ASCII name
    characters only). Other names go through ``json.dumps`` one by one. A long list of
    numbered or packed names is written as one byte array by numpy, with no string per name.
    """
    plain = isinstance(names, NumberedNames | PackedNames)
    count = len(indices)
    if isinstance(names, PackedNames) or (isinstance(names, NumberedNames) and names.first >= 0):
        loaded = "numpy" in sys.modules or count >= LISTED_IMPORTING_NUMPY
        if count >= LISTED_WITH_ARRAYS and loaded:
            return _listed_with_arrays(names, indices, quoted)
    found = names_at(names, indices)
    if not quoted:
        return ", ".join(found)
    if plain:
        return '"' + '", "'.join(found) + '"' if found else ""
    return ", ".join(map(json.dumps, found))


def _listed_with_arrays(
    names: NumberedNames | PackedNames, indices: Sequence[int], quoted: bool
) -> str:
    import numpy as np

    picked = np.fromiter(indices, dtype=np.int64, count=len(indices))
    if isinstance(names, PackedNames):
        chars = names.keys[picked].view(np.uint8).reshape(picked.size, names.keys.itemsize)
    else:
        chars = _digits(picked + names.first)
    quote = [ord('"')] if quoted else []
    rows, width = chars.shape
    cells = np.zeros((rows, width + 2 * len(quote) + 2), dtype=np.uint8)
    cells[:, 0 : len(quote)] = quote
    cells[:, len(quote) : len(quote) + width] = chars
    cells[:, len(quote) + width : len(quote) * 2 + width] = quote
    cells[:-1, -2:] = (ord(","), ord(" "))  # the last name has no separator after it
    flat = cells.reshape(-1)
    text: str = flat[flat != 0].tobytes().decode()
    return text


def _digits(numbers: NDArray[np.int64]) -> NDArray[np.uint8]:
    """The decimal digits of ``numbers`` (0 or more), a row each, zero bytes before them."""
    import numpy as np

    top = int(numbers.max(initial=0))
    width = len(str(top))
    chars = np.zeros((numbers.size, width), dtype=np.uint8)
    rest = numbers.copy()
    for column in range(width - 1, -1, -1):
        chars[:, column] = rest % 10 + ord("0")
        rest //= 10
    # A leading zero is no digit of the number; the units are, even of 0.
    power = 10 ** np.arange(width - 1, 0, -1, dtype=np.int64)
    chars[:, : width - 1][numbers[:, None] < power[None, :]] = 0
    return chars
