"""A large ``apx`` file read with numpy: one fact to a line, every name found by its position.

A million ``arg``/``att`` facts cost a regular-expression match, a bytes object and a dict
lookup each on the plain path. Here the lines are checked as a whole (their first four and
last two bytes, one ``(`` and one ``)`` to a line, one comma to each attack inside its
parentheses, no byte outside the name characters), each name becomes a sort key of up to
four big-endian words read straight from the file's bytes, the declared names are sorted
once, and every name in an attack is found in them by binary search, all in C.

A file this path does not take (several facts on a line, a name over 32 bytes, a repeated
declaration, an undeclared name, a repeated attack) is read the plain way, which reports
what is wrong exactly as ``argmap check`` does. Pure; the caller reads the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.numbered import PackedNames

if TYPE_CHECKING:  # pragma: no cover - annotations only
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["apx_arrays"]

#: The bytes of names (and of the facts' words) and newlines: deleted, they leave a plainly
#: written file's punctuation alone, "()" to a declaration and "(,)" to an attack.
_NAME_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-" + b"\n"
_ARG = int.from_bytes(b"arg(", "big")
_ATT = int.from_bytes(b"att(", "big")
#: The longest name held as a key, in words of eight bytes; a longer one takes the plain path.
_WORDS = 4


def apx_arrays(
    data: bytes,
) -> tuple[PackedNames, NDArray[np.int64], NDArray[np.int64]] | None:
    """The sorted names, attackers and targets of a plainly written ``apx`` file, or None.

    ``data`` holds no space, tab, carriage return or comment sign (the caller has looked).
    Names are numbered in byte order, as the map readers sort claim ids; the attacks
    come in file order, repeats included.
    """
    import numpy as np

    if not data.endswith(b"\n"):
        data += b"\n"
    # One pass over the file: what is left must be parentheses and commas only, as many of
    # each as _name_spans needs (it checks where they are).
    punctuation = data.translate(None, _NAME_BYTES)
    if punctuation.translate(None, b"(),"):
        return None
    # Eight bytes from any position of the file, as one big-endian word: the zero bytes
    # after the end keep in bounds the words that a key reads past a short name's end.
    padded = data + bytes(8 * (_WORDS + 1))
    words = np.ndarray((len(padded) - 7,), dtype=">u8", buffer=padded, strides=(1,))
    spans = _name_spans(data, words, punctuation)
    if spans is None:
        return None
    longest = max(int((end - start).max(initial=0)) for start, end in spans)
    if longest > 8 * _WORDS:
        return None
    size = -(-longest // 8)
    declared, sources, targets = (_keys(words, start, end, size) for start, end in spans)
    # Sorted as the names' bytes are (lexsort's last key is its first).
    order = np.argsort(declared[:, 0]) if size == 1 else np.lexsort(declared.T[::-1])
    declared = declared[order]
    if declared.shape[0] > 1 and bool((declared[1:] == declared[:-1]).all(axis=1).any()):
        return None  # a repeated declaration: the map reader warns about it
    table = _Table(declared)
    src, dst = table.find(sources), table.find(targets)
    if src is None or dst is None:
        return None  # an undeclared name: the map reader says which
    names = declared.astype(">u8").view(f"S{8 * size}").reshape(declared.shape[0])
    return PackedNames(names), src, dst


Spans = tuple[tuple["NDArray[np.int64]", "NDArray[np.int64]"], ...]


def _name_spans(data: bytes, words: NDArray[np.uint64], punctuation: bytes) -> Spans | None:
    """Where the names are (start and end arrays of the declared names, then of the
    attackers and of the targets), or None unless every line is one fact.

    ``data`` ends with a newline; ``words[i]`` is the eight bytes from position ``i``;
    ``punctuation`` is ``data`` without its name bytes and newlines.
    """
    import numpy as np

    bytes_at = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(bytes_at == ord("\n"))
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    kept = ends > starts  # blank lines hold nothing
    if not bool(kept.all()):
        starts, ends = starts[kept], ends[kept]
    lines = starts.size
    if not lines or int((ends - starts).min()) < len(b"arg(a)."):
        return None
    head = words[starts] >> np.uint64(32)
    is_att = head == _ATT
    if not bool((is_att | (head == _ARG)).all()):
        return None
    if not bool(((bytes_at[ends - 2] == ord(")")) & (bytes_at[ends - 1] == ord("."))).all()):
        return None
    # With "(" at the fourth byte and ")." at the end of every line, one of each to a line
    # means no other: no name holds a parenthesis.
    if punctuation.count(b"(") != lines or punctuation.count(b")") != lines:
        return None
    att_starts, att_ends = starts[is_att], ends[is_att]
    commas = np.flatnonzero(bytes_at == ord(","))
    # As many commas as attacks, the k-th inside the k-th attack with a name either side:
    # each attack has exactly one, and no declaration has any.
    if commas.size != att_starts.size or not bool(
        ((commas > att_starts + 4) & (commas < att_ends - 3)).all()
    ):
        return None
    spans = (
        (starts[~is_att] + 4, ends[~is_att] - 2),
        (att_starts + 4, commas),
        (commas + 1, att_ends - 2),
    )
    for start, _ in spans:
        first = bytes_at[start]
        if bool(((first == ord(".")) | (first == ord("-"))).any()):
            return None  # a name starts with a letter, a digit or an underscore
    return spans


def _keys(
    words: NDArray[np.uint64], start: NDArray[np.int64], end: NDArray[np.int64], size: int
) -> NDArray[np.uint64]:
    """The names between ``start`` and ``end`` as rows of ``size`` words, zero-padded.

    Word by word, the rows compare as the names' bytes do.
    """
    import numpy as np

    # The mask that keeps the top k bytes of a word, for k = 0..8.
    masks = np.array([(1 << 64) - (1 << (64 - 8 * k)) for k in range(9)], dtype=np.uint64)
    length = end - start
    keys = np.empty((start.size, size), dtype=np.uint64)
    for w in range(size):
        keys[:, w] = words[start + 8 * w] & masks[np.clip(length - 8 * w, 0, 8)]
    return keys


#: Odd 64-bit multipliers of the hash (the golden ratio's, and two more of its kind).
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5)


class _Table:
    """An open-addressing hash table from key rows to their row numbers, built and
    probed a batch at a time: each round places (or looks up) every key still waiting
    at its next slot, so a million keys take a few dozen vector operations."""

    def __init__(self, keys: NDArray[np.uint64]) -> None:
        import numpy as np

        self.keys = keys
        self.bits = max(1, (2 * keys.shape[0]).bit_length())  # at most half full
        self.owner = np.full(1 << self.bits, -1, dtype=np.int64)
        slot = self._slots(keys)
        waiting = np.arange(keys.shape[0], dtype=np.int64)
        while waiting.size:
            at = slot[waiting]
            free = self.owner[at] == -1
            trying = waiting[free]
            self.owner[slot[trying]] = trying  # of several keys on one slot, one stays
            placed = np.zeros(waiting.size, dtype=np.bool_)
            placed[free] = self.owner[slot[trying]] == trying
            waiting = waiting[~placed]
            slot[waiting] = (slot[waiting] + 1) & ((1 << self.bits) - 1)

    def _slots(self, keys: NDArray[np.uint64]) -> NDArray[np.int64]:
        """Each row's first slot: its words mixed by multiplication, the top bits kept."""
        import numpy as np

        with np.errstate(over="ignore"):
            mixed = keys[:, 0] * np.uint64(_MIX[0])
            for w in range(1, keys.shape[1]):
                mixed ^= keys[:, w] * np.uint64(_MIX[w])
                mixed *= np.uint64(_MIX[0])
        return (mixed >> np.uint64(64 - self.bits)).astype(np.int64)

    def find(self, keys: NDArray[np.uint64]) -> NDArray[np.int64] | None:
        """The row number of each key, or None when one is not in the table.

        A run of equal keys (an argument's attacks, written together) is looked up once.
        """
        import numpy as np

        if not keys.shape[0]:
            return np.zeros(0, dtype=np.int64)
        heads = np.flatnonzero(np.concatenate(([True], (keys[1:] != keys[:-1]).any(axis=1))))
        wanted = keys[heads]
        slot = self._slots(wanted)
        found = np.empty(heads.size, dtype=np.int64)
        waiting = np.arange(heads.size, dtype=np.int64)
        while waiting.size:
            owner = self.owner[slot[waiting]]
            if bool((owner == -1).any()):
                return None
            same = (self.keys[owner] == wanted[waiting]).all(axis=1)
            found[waiting[same]] = owner[same]
            waiting = waiting[~same]
            slot[waiting] = (slot[waiting] + 1) & ((1 << self.bits) - 1)
        return np.repeat(found, np.diff(np.append(heads, keys.shape[0])))
