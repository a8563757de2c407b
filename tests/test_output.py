"""Writing output: atomic replacement, no partial files, stale artifacts removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import OutputError
from argmap.output import MANIFEST, write_atomic, write_tree


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "map.svg"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.svg"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.svg"]


def test_interrupted_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.svg"]


def test_write_tree_removes_artifacts_of_earlier_builds_only(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.md": b"a", "b.md": b"b"})
    (tmp_path / "notes.txt").write_text("mine")
    write_tree(tmp_path, {"a.md": b"a2"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "a.md", "notes.txt"]
    assert (tmp_path / "a.md").read_bytes() == b"a2"


def test_write_tree_refuses_a_file_as_directory(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x")
    with pytest.raises(OutputError, match="not a directory"):
        write_tree(tmp_path / "out", {"a.md": b"a"})
