"""Names that are numbers in a row (``"1"``, ``"2"``, ...), as a sequence that makes each
name only when it is asked for: a framework of a million numbered arguments needs no
million strings to be solved, only to print its answer. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import overload

__all__ = ["NumberedNames", "names_at"]


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


def names_at(names: Sequence[str], indices: Iterable[int]) -> list[str]:
    """The names at ``indices``, made in C-level loops (a million in a fraction of a second)."""
    if isinstance(names, NumberedNames):
        return list(map(str, map(names.first.__add__, indices)))
    return list(map(names.__getitem__, indices))
