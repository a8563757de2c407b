"""Files written and removed safely: one file atomically (a temporary file beside it, then a
rename), never over a non-regular file; a stale file or a tree removed, no symlink followed."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Collection
from contextlib import suppress
from pathlib import Path

from argmap.errors import OutputError

#: Temporaries are named ``.<name>.argmap-<pid>-<random>.tmp``: the pid tells a later run
#: whether their writer still lives, and so whether they are stale.
_TEMP = re.compile(r"^\.(?P<name>.+)\.argmap-(?P<pid>[0-9]{1,12})-[A-Za-z0-9_]+\.tmp$")
#: Temporaries of earlier argmap versions, without a pid (``.<name>.<random>.tmp``).
_LEGACY_TEMP = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words ("a regular file", "a symbolic link")."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def reason(exc: OSError | ValueError) -> str:
    """The short reason of an OS error, for a one-line message."""
    if isinstance(exc, ValueError):  # os functions raise it for a NUL in a path
        return "the path holds a NUL character"
    return exc.strerror or type(exc).__name__


def process_alive(pid: int) -> bool:
    """Whether a process of this id runs on this machine (a zombie counts as alive)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:  # it exists, under another user
        return True
    except (OSError, OverflowError):
        return False
    return True


def refuse_non_regular(path: Path) -> None:
    """Raise unless ``path`` holds nothing or a regular file (a symlink is refused, not followed).

    Raises:
        OutputError: Something other than a regular file is at ``path``.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except (OSError, ValueError) as exc:
        raise OutputError(f"{path}: cannot write: {reason(exc)}") from exc
    if not stat.S_ISREG(mode):
        raise OutputError(f"{path}: is {kind_of(mode)}, not a regular file; refusing to replace it")


def stale_temporary(name: str, names: Collection[str] = ()) -> bool:
    """Whether a file name is one of argmap's temporaries whose writer died.

    Those are the temporaries whose writer's pid no longer runs, and the pid-less ones of
    earlier versions for the file names in ``names``.
    """
    found = _TEMP.match(name)
    if found is not None:
        return not process_alive(int(found["pid"]))
    legacy = _LEGACY_TEMP.match(name) if names else None
    return legacy is not None and legacy["name"] in names


def sweep_temporaries(directory: Path, names: Collection[str] = ()) -> None:
    """Remove the temporaries that writers which died (killed, power lost) left in a directory.

    Only regular files that :func:`stale_temporary` names go.
    """
    try:
        entries = os.scandir(directory)
    except (OSError, ValueError):
        return
    with entries:
        for entry in entries:
            if stale_temporary(entry.name, names):
                with suppress(OSError):
                    if entry.is_file(follow_symlinks=False):
                        os.unlink(entry.path)


def temp_prefix(name: str) -> str:
    """The name prefix of this process's temporaries for a file called ``name``."""
    return f".{name}.argmap-{os.getpid()}-"


def write_file(path: Path, data: bytes, mode: int = 0o644, *, flush: bool = True) -> None:
    """Create a new file at ``path`` (which must not exist) with ``data``, flushed to disk
    unless ``flush`` is False (the caller then flushes the file system itself).

    Raises:
        OSError: The file cannot be created or written.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), mode)  # whatever the umask
        handle.write(data)
        handle.flush()
        if flush:
            os.fsync(handle.fileno())


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a file so that readers see the old content or the new, never a half-written one.

    The target must be absent or a regular file: a directory, symbolic link, named pipe,
    device or socket at the path is refused, never replaced. Missing parent directories
    are created. Temporaries that killed writers left beside the target are removed first.

    Raises:
        OutputError: The target is not a regular file, or it or its directory cannot be
            written.
    """
    if not os.fspath(path):
        raise OutputError("the file to write is an empty path")
    target = Path(path)
    refuse_non_regular(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as exc:
        raise OutputError(f"{target}: cannot write: {reason(exc)}") from exc
    sweep_temporaries(target.parent, (target.name,))
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=temp_prefix(target.name), suffix=".tmp", dir=target.parent
        )
    except (OSError, ValueError) as exc:
        raise OutputError(f"{target}: cannot write: {reason(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        # Checked again just before the rename: the window in which something else can
        # appear at the path is the rename itself.
        refuse_non_regular(target)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write: {reason(exc)}") from exc
        raise


def unlink_inside(real: Path, rel: str) -> None:
    """Remove a stale file of an earlier build (a regular file only), following no symlink
    on the way to it."""
    parts = rel.split("/")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
        mode = os.stat(parts[-1], dir_fd=fd, follow_symlinks=False).st_mode
        if stat.S_ISREG(mode):
            os.unlink(parts[-1], dir_fd=fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_tree(path: Path) -> None:
    """Remove a directory tree; ``shutil.rmtree`` follows no symlink, and a symlink it refuses.

    A signal turned into an exception (Ctrl-C, SIGTERM) that stops the removal halfway
    does not stop it: the removal is finished, then the exception goes on.
    """
    if not os.path.lexists(path):
        return
    try:
        shutil.rmtree(path, ignore_errors=True)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
