"""Writing a build's files as one set: staged beside the output directory, then swapped in whole."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path, PurePosixPath

from argmap.errors import OutputError
from argmap.output.atomic import (
    kind_of,
    process_alive,
    reason,
    refuse_non_regular,
    remove_tree,
    stale_temporary,
    sweep_temporaries,
    unlink_inside,
    write_file,
)
from argmap.output.swap import (
    can_sync_filesystem,
    current_umask,
    exchange,
    sync_directory,
    sync_filesystem,
)

MANIFEST = ".argmap-manifest"
#: A manifest larger than this is not argmap's, and is not trusted.
MAX_MANIFEST_BYTES = 4 << 20
#: Staging directories beside the output: ``.<name>.argmap-stage-<pid>-<random>``, and
#: the old tree under ``.<name>.argmap-old-<pid>-<random>`` while two renames swap them.
_BESIDE = re.compile(r"^\.(?P<name>.+)\.argmap-(?P<what>stage|old)-(?P<pid>[0-9]{1,12})-\w+$")
#: A staging directory inside the output, when it cannot be swapped as a whole.
_INSIDE = re.compile(r"^\.argmap-stage-(?P<pid>[0-9]{1,12})-\w+$")


class _CannotSwap(Exception):
    """The directory holds something that cannot be carried into a new tree."""


class _Raced(Exception):
    """Another build made the directory while this one staged its files: start again, with
    the directory there (the last build to finish wins)."""


#: How many times a build starts again when other builds keep making the directory.
_TRIES = 3


def write_tree(directory: str | os.PathLike[str], files: Mapping[str, bytes]) -> list[Path]:
    """Replace the set of files a build wrote in a directory by a new set, as a whole.

    The new files (relative path -> bytes) and everything else the directory holds are
    staged in a directory beside it, which then takes its place by one atomic exchange of
    names (``renameat2``; two renames where the system has none). Files that an earlier
    build wrote (listed in the directory's manifest) and that this one does not produce
    are left out, so the directory holds exactly one build. Where the directory cannot be
    swapped (it is a mount point, holds the working directory, its parent is not
    writable, or it holds what cannot be carried over), each file is replaced atomically
    in place instead. What a signal at any moment leaves is listed in the README. Leftovers
    of builds that died are cleared first. When another build makes the directory while
    this one stages its files, this one starts again and replaces that one's.

    Returns:
        The paths written, in order.

    Raises:
        OutputError: A path to write holds something other than a regular file, or the
            directory cannot be written.
    """
    if not os.fspath(directory):
        raise OutputError("the output directory is an empty path")
    root = Path(directory)
    rels = _checked(files)
    for _ in range(_TRIES - 1):
        with suppress(_Raced):
            return _write_tree(root, files, rels)
    try:
        return _write_tree(root, files, rels)
    except _Raced:
        raise OutputError(
            f"{root}: cannot write: other builds kept creating it meanwhile"
        ) from None


def _write_tree(root: Path, files: Mapping[str, bytes], rels: list[str]) -> list[Path]:
    real = _real_directory(root)
    recover_tree(real)
    exists = os.path.lexists(real)
    owned = _read_manifest(real) if exists else set()
    for rel in [*rels, MANIFEST]:
        _refuse_in_the_way(real, root, rel)
    manifest = ("\n".join(rels) + "\n").encode("utf-8")
    try:
        if not _swappable(real, exists):
            _write_in_place(real, files, owned, manifest)
        else:
            try:
                _write_swapped(real, files, owned | set(rels), manifest, exists=exists)
            except _CannotSwap:
                _write_in_place(real, files, owned, manifest)
    except (OSError, ValueError) as exc:
        raise OutputError(f"{root}: cannot write: {reason(exc)}") from exc
    return [root / rel for rel in rels]


def recover_tree(real: Path) -> None:
    """Clear what builds of ``real`` that died left behind.

    A dead build's old tree is renamed back when the directory itself is missing (the
    build died between two renames); every other staging directory of a dead build, beside
    the directory or inside it, is removed, and so are its stale temporaries.
    """
    olds: list[Path] = []
    for entry in _entries(real.parent):
        found = _BESIDE.match(entry.name)
        if found is None or found["name"] != real.name or process_alive(int(found["pid"])):
            continue
        if not entry.is_dir(follow_symlinks=False):
            continue
        if found["what"] == "old":
            olds.append(Path(entry.path))
        else:
            remove_tree(Path(entry.path))
    for old in olds:
        if os.path.lexists(real):
            remove_tree(old)
            continue
        with suppress(OSError):  # should it fail, the old tree stays where it is
            os.rename(old, real)
    if os.path.isdir(real) and not os.path.islink(real):
        for entry in _entries(real):
            inside = _INSIDE.match(entry.name)
            stale = inside is not None and not process_alive(int(inside["pid"]))
            if stale and entry.is_dir(follow_symlinks=False):
                remove_tree(Path(entry.path))
        sweep_temporaries(real)


def _checked(files: Mapping[str, bytes]) -> list[str]:
    """The relative paths, sorted; each must be a plain relative POSIX path."""
    for rel in files:
        if not _plain_relative(rel) or rel == MANIFEST:
            raise OutputError(f"{rel!r}: not a plain relative path inside the output directory")
    return sorted(files)


def _plain_relative(rel: str) -> bool:
    parts = rel.split("/")
    return (
        bool(rel)
        and "\x00" not in rel
        and all(part not in ("", ".", "..") for part in parts)
        and PurePosixPath(rel).as_posix() == rel
    )


def _real_directory(root: Path) -> Path:
    """The absolute path of the directory to write, a symlink to it resolved, parents made."""
    try:
        mode = os.lstat(root).st_mode
    except FileNotFoundError:
        try:
            root.absolute().parent.mkdir(parents=True, exist_ok=True)
        except (OSError, ValueError) as exc:
            raise OutputError(f"{root}: cannot create: {reason(exc)}") from exc
        real = Path(os.path.realpath(root.absolute().parent)) / root.absolute().name
        # 'new/../out' names 'out' once 'new' is made: look again at what it names now.
        return _real_directory(real) if os.path.lexists(real) else real
    except (OSError, ValueError) as exc:
        raise OutputError(f"{root}: cannot write: {reason(exc)}") from exc
    if stat.S_ISLNK(mode) and os.path.isdir(root):
        return Path(os.path.realpath(root))
    if not stat.S_ISDIR(mode):
        raise OutputError(f"{root}: exists and is not a directory ({kind_of(mode)})")
    return Path(os.path.realpath(root))


def _refuse_in_the_way(real: Path, root: Path, rel: str) -> None:
    """Refuse a path to write that holds, or lies below, something other than what it should."""
    parts = rel.split("/")
    for depth in range(1, len(parts)):
        try:
            mode = os.lstat(real.joinpath(*parts[:depth])).st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            raise OutputError(f"{root}: cannot write: {reason(exc)}") from exc
        if not stat.S_ISDIR(mode):
            shown = root.joinpath(*parts[:depth])
            raise OutputError(
                f"{shown}: is {kind_of(mode)} where a directory of output goes; "
                "refusing to replace it"
            )
    try:
        refuse_non_regular(real / rel)
    except OutputError as exc:
        raise OutputError(str(exc).replace(str(real / rel), str(root / rel), 1)) from None


def _read_manifest(real: Path) -> set[str]:
    """The paths the last build listed, or none when the manifest is not a plain small file."""
    try:
        fd = os.open(real / MANIFEST, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return set()
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MANIFEST_BYTES:
        os.close(fd)
        return set()
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MAX_MANIFEST_BYTES + 1)
    lines = data.decode("utf-8", "replace").splitlines()
    return {line for line in lines if _plain_relative(line) and line != MANIFEST}


def _swappable(real: Path, exists: bool) -> bool:
    """Whether the directory can be replaced by renames beside it."""
    parent = real.parent
    if parent == real or not os.access(parent, os.W_OK | os.X_OK):
        return False
    if not exists:
        return True
    cwd = Path(os.path.realpath(Path.cwd()))
    if cwd == real or real in cwd.parents:
        return False
    try:
        return os.stat(real).st_dev == os.stat(parent).st_dev
    except OSError:
        return False


def _write_swapped(
    real: Path, files: Mapping[str, bytes], owned: set[str], manifest: bytes, *, exists: bool
) -> None:
    try:
        stage = Path(
            tempfile.mkdtemp(prefix=f".{real.name}.argmap-stage-{os.getpid()}-", dir=real.parent)
        )
    except OSError as exc:  # a read-only or full parent: try in place
        raise _CannotSwap(str(real.parent)) from exc
    try:
        os.chmod(stage, stat.S_IMODE(os.stat(real).st_mode) if exists else 0o777 & ~current_umask())
        # One flush of the whole file system at the end, where the system has it, costs
        # far less than one per file: hundreds of journal commits become one.
        batched = can_sync_filesystem()
        for rel in sorted(files):
            _stage_file(stage / rel, real / rel if exists else None, files[rel], not batched)
        write_file(stage / MANIFEST, manifest, flush=not batched)
        if exists:
            _carry(real, stage, "", owned)
        if batched:
            sync_filesystem(stage)  # the stage's own entries with the rest
        else:
            sync_directory(stage)
        if not exists:
            try:
                os.rename(stage, real)
            except OSError as exc:
                if exc.errno in (errno.ENOTEMPTY, errno.EEXIST) and os.path.isdir(real):
                    raise _Raced(str(real)) from exc
                raise
        elif not exchange(stage, real):
            backup = real.parent / f".{real.name}.argmap-old-{os.getpid()}-{stage.name[-8:]}"
            try:
                os.rename(real, backup)
                os.rename(stage, real)
            finally:
                # Killed between the renames, the next build renames the backup back.
                if not os.path.lexists(real) and os.path.lexists(backup):
                    os.rename(backup, real)
            remove_tree(backup)
    finally:
        # Before the exchange the stage holds the unfinished new tree, after it the old tree.
        remove_tree(stage)


def _write_in_place(
    real: Path, files: Mapping[str, bytes], owned: set[str], manifest: bytes
) -> None:
    real.mkdir(parents=True, exist_ok=True)
    sweep_temporaries(real, owned | set(files))
    stage = Path(tempfile.mkdtemp(prefix=f".argmap-stage-{os.getpid()}-", dir=real))
    try:
        changed = [rel for rel in sorted(files) if not _same_content(real / rel, files[rel])]
        for rel in changed:
            _stage_file(stage / rel, None, files[rel])
        # While files are replaced one by one, the manifest lists old and new, so a build
        # killed meanwhile leaves nothing that the next one does not know it wrote.
        both = sorted(owned | set(files))
        write_file(stage / MANIFEST, ("\n".join(both) + "\n").encode("utf-8"))
        os.replace(stage / MANIFEST, real / MANIFEST)
        for rel in changed:
            (real / rel).parent.mkdir(parents=True, exist_ok=True)
            refuse_non_regular(real / rel)
            os.replace(stage / rel, real / rel)
        for rel in sorted(owned - set(files)):
            unlink_inside(real, rel)
        write_file(stage / MANIFEST, manifest)
        os.replace(stage / MANIFEST, real / MANIFEST)
    finally:
        remove_tree(stage)


def _stage_file(target: Path, old: Path | None, data: bytes, flush: bool = True) -> None:
    """Write one new file into the stage, as a hard link to the old one when it is unchanged;
    flushed to disk unless ``flush`` is False."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if old is not None and _same_content(old, data):
        try:
            os.link(old, target, follow_symlinks=False)
            return
        except OSError:
            pass
    write_file(target, data, flush=flush)


def _same_content(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a symlink) holding exactly ``data``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except (OSError, ValueError):
        return False
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        return handle.read(len(data) + 1) == data


def _carry(source: Path, target: Path, prefix: str, owned: set[str]) -> None:
    """Link everything of the old tree that no build owns into the new one, no link followed.

    Raises:
        _CannotSwap: An entry cannot be linked (a device, a socket, a file system that
            refuses hard links).
    """
    for entry in _entries(source):
        rel = prefix + entry.name
        mode = entry.stat(follow_symlinks=False).st_mode
        if rel == MANIFEST or stale_temporary(entry.name, owned):
            continue
        inside = _INSIDE.match(entry.name) if not prefix else None
        if inside is not None and not process_alive(int(inside["pid"])):
            continue
        if rel in owned and stat.S_ISREG(mode):
            continue  # replaced by the new build, or stale: dropped
        there = target / entry.name
        if stat.S_ISDIR(mode):
            if not os.path.lexists(there):
                os.mkdir(there)
                os.chmod(there, stat.S_IMODE(mode))
            _carry(Path(entry.path), there, rel + "/", owned)
        elif os.path.lexists(there):
            continue  # a file of the new build takes the place of one of the old tree
        elif stat.S_ISLNK(mode):
            os.symlink(os.readlink(entry.path), there)
        elif stat.S_ISREG(mode):
            try:
                os.link(entry.path, there, follow_symlinks=False)
            except OSError as exc:
                raise _CannotSwap(entry.path) from exc
        elif stat.S_ISFIFO(mode):
            os.mkfifo(there, stat.S_IMODE(mode))
        else:
            raise _CannotSwap(entry.path)


def _entries(directory: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as entries:
            return sorted(entries, key=lambda e: e.name)
    except (OSError, ValueError):
        return []
