"""Linux calls a tree of files is written with: the atomic exchange of two directory names
(``renameat2`` with ``RENAME_EXCHANGE``), and the flush of a whole file system (``syncfs``)
or of one directory's entries.

``ctypes`` is imported on the first use: a command that writes single files never loads it.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

#: ``renameat2`` flags and the "current directory" file descriptor (linux/fcntl.h, fs.h).
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
#: Errors that mean "this system or file system cannot exchange": fall back to renames.
_UNSUPPORTED = frozenset({errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP})
#: Off in tests that exercise the fallback of two renames.
ENABLED = True
#: Off in tests that exercise the fallback of one flush per file.
SYNCFS_ENABLED = True

_Renameat2 = Callable[[int, bytes, int, bytes, int], int]


@functools.cache
def _renameat2() -> _Renameat2 | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    found: _Renameat2 = function
    return found


@functools.cache
def _syncfs() -> Callable[[int], None] | None:
    """``syncfs`` as a function that raises OSError on failure, or None without it."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int

    def flush(fd: int) -> None:
        if function(fd) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))

    return flush


def can_sync_filesystem() -> bool:
    """Whether :func:`sync_filesystem` flushes (else each file must be flushed itself)."""
    return SYNCFS_ENABLED and _syncfs() is not None


def sync_filesystem(path: Path) -> None:
    """Flush to disk every written file of the file system that holds ``path``, in one call:
    a tree of hundreds of files costs one journal commit, not one per file.

    Raises:
        OSError: The flush failed, or the system cannot flush this way.
    """
    function = _syncfs() if SYNCFS_ENABLED else None
    if function is None:
        raise OSError(errno.ENOSYS, "syncfs is not available", str(path))
    fd = os.open(path, os.O_RDONLY)
    try:
        function(fd)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    finally:
        os.close(fd)


def exchange(first: Path, second: Path) -> bool:
    """Swap the names of two existing paths in one atomic step.

    Returns:
        Whether they were swapped; False when the system cannot do it (then nothing changed).

    Raises:
        OSError: The exchange is supported but failed.
    """
    function = _renameat2() if ENABLED else None
    if function is None:
        return False
    if (
        function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
        == 0
    ):
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def sync_directory(directory: Path) -> None:
    """Flush a directory's entries to disk, so a rename after it never exposes missing files."""
    with suppress(OSError):
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
