"""The one module that writes output files: each atomically (temporary file, then rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from argmap.errors import InputError

MANIFEST = ".argmap-manifest"


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a file so that readers see the old content or the new, never a half-written one.

    Raises:
        InputError: The file or its directory cannot be written.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
        raise


def write_tree(directory: str | os.PathLike[str], files: Mapping[str, bytes]) -> list[Path]:
    """Write every file (relative path -> bytes) under a directory, each atomically.

    Files that an earlier run wrote (listed in the directory's manifest) and that this run
    no longer produces are removed, so the directory always holds exactly one build.

    Returns:
        The paths written, in order.
    """
    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise InputError(f"{root}: exists and is not a directory")
    written = []
    for rel in sorted(files):
        target = root / rel
        if target.exists() and target.read_bytes() == files[rel]:
            written.append(target)
            continue
        write_atomic(target, files[rel])
        written.append(target)
    manifest = root / MANIFEST
    if manifest.exists():
        for old in manifest.read_text("utf-8").splitlines():
            stale = PurePosixPath(old)
            if old and old not in files and not stale.is_absolute() and ".." not in stale.parts:
                (root / old).unlink(missing_ok=True)
    write_atomic(manifest, ("\n".join(sorted(files)) + "\n").encode("utf-8"))
    return written
