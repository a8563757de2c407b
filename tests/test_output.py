"""Writing output: atomic replacement, no partial files, stale artifacts removed, races."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.errors import OutputError
from argmap.output import MANIFEST, swap, tree, write_atomic, write_tree


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


@pytest.mark.parametrize("syncfs", [True, False])
def test_a_build_that_another_build_beats_to_a_new_directory_starts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, syncfs: bool
) -> None:
    # Two builds into one new directory: the other one creates it while this one stages
    # its files; this one then replaces the other's files instead of failing.
    out = tmp_path / "out"
    monkeypatch.setattr(swap, "SYNCFS_ENABLED", syncfs)
    flushes = {"sync_filesystem": tree.sync_filesystem, "sync_directory": tree.sync_directory}
    raced = []

    def hook(name: str) -> Callable[[Path], None]:
        def flush(path: Path) -> None:
            flushes[name](path)
            if not raced:
                raced.append(path)
                write_tree(out, {"a.md": b"other", "b.md": b"other"})

        return flush

    for name in flushes:
        monkeypatch.setattr(tree, name, hook(name))
    assert write_tree(out, {"a.md": b"mine", "c/d.md": b"mine"}) == [out / "a.md", out / "c/d.md"]
    assert raced
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == [
        MANIFEST,
        "a.md",
        "c",
        "c/d.md",
    ]
    assert (out / "a.md").read_bytes() == b"mine"
    assert (out / MANIFEST).read_bytes() == b"a.md\nc/d.md\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_build_raced_again_and_again_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tries = []

    def raced(*args: object) -> list[Path]:
        tries.append(args)
        raise tree._Raced("out")

    monkeypatch.setattr(tree, "_write_tree", raced)
    with pytest.raises(OutputError, match="other builds kept creating it meanwhile"):
        write_tree(tmp_path / "out", {"a.md": b"a"})
    assert len(tries) == tree._TRIES
