"""Writing stays inside the output directory, replaces only regular files, and cleans up after dead builds."""

from __future__ import annotations

import os
import random
import socket
import stat
from pathlib import Path

import pytest

from argmap.build import make_artifacts, plan_artifacts
from argmap.errors import OutputError
from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta
from argmap.output import MANIFEST, swap, tree, write_atomic, write_tree


def snapshot(root: Path) -> dict[str, object]:
    """Every entry under root (links not followed): kind and content or target."""
    found: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                found[rel] = ("file", path.read_bytes())
            elif stat.S_ISDIR(mode):
                found[rel] = ("dir",)
            else:
                found[rel] = ("other", stat.S_IFMT(mode))
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A directory outside the output, with files a hostile manifest names."""
    victim = tmp_path / "outside"
    victim.mkdir()
    (victim / "victim.txt").write_text("keep me")
    (victim / "a.md").write_text("keep me too")
    return victim


def ours(root: Path) -> dict[str, object]:
    return {k: v for k, v in snapshot(root).items() if ".argmap-" in k or k.endswith(".tmp")}


@pytest.mark.parametrize(
    "entry",
    [
        "sub/victim.txt",
        "sub/a.md",
        "link.md",
        "../outside/victim.txt",
        "/{outside}/victim.txt",
        "sub/../../outside/victim.txt",
        "./sub/victim.txt",
        "sub//victim.txt",
        "sub/./victim.txt",
        "..",
        ".",
        "",
        "sub",
        "\x00",
    ],
)
def test_a_manifest_entry_never_removes_anything_outside(
    tmp_path: Path, outside: Path, entry: str
) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.md": b"a"})
    (out / "sub").symlink_to(outside, target_is_directory=True)
    (out / "link.md").symlink_to(outside / "victim.txt")
    entry = entry.replace("{outside}", str(outside).lstrip("/"))
    (out / MANIFEST).write_text(f"a.md\n{entry}\n", encoding="utf-8")
    before = snapshot(outside)
    write_tree(out, {"b.md": b"b"})
    assert snapshot(outside) == before
    assert (out / "b.md").read_bytes() == b"b"
    assert not (out / "a.md").exists()
    assert (out / "sub").is_symlink()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()


NON_REGULAR = {
    "directory": lambda p: p.mkdir(),
    "fifo": _fifo,
    "socket": _socket,
    "link to file": lambda p: p.symlink_to(p.parent.parent / "outside" / "victim.txt"),
    "link to dir": lambda p: p.symlink_to(p.parent.parent / "outside"),
    "dangling link": lambda p: p.symlink_to(p.parent / "nowhere"),
    "link to fifo": lambda p: (_fifo(p.parent / "f"), p.symlink_to(p.parent / "f")),
}


@pytest.mark.parametrize("kind", sorted(NON_REGULAR))
def test_write_atomic_refuses_what_is_not_a_regular_file(
    tmp_path: Path, outside: Path, kind: str
) -> None:
    (tmp_path / "work").mkdir()
    target = tmp_path / "work" / "map.svg"
    NON_REGULAR[kind](target)
    before, outside_before = snapshot(tmp_path / "work"), snapshot(outside)
    with pytest.raises(OutputError, match="not a regular file; refusing to replace it"):
        write_atomic(target, b"new")
    assert snapshot(tmp_path / "work") == before
    assert snapshot(outside) == outside_before
    assert str(OutputError) and "\n" not in str(target)


def test_write_atomic_refuses_a_device() -> None:
    with pytest.raises(OutputError, match="character device"):
        write_atomic("/dev/null", b"x")


@pytest.mark.parametrize("kind", sorted(NON_REGULAR))
@pytest.mark.parametrize("name", ["index.md", MANIFEST, "t.md"])
def test_write_tree_refuses_a_non_regular_file_where_an_output_goes(
    tmp_path: Path, outside: Path, kind: str, name: str
) -> None:
    out = tmp_path / "out"
    write_tree(out, {"index.md": b"old", "t.md": b"old"})
    (out / name).unlink()
    NON_REGULAR[kind](out / name)
    before, outside_before = snapshot(out), snapshot(outside)
    with pytest.raises(OutputError, match="refusing to replace it"):
        write_tree(out, {"index.md": b"new", "t.md": b"new"})
    assert snapshot(out) == before
    assert snapshot(outside) == outside_before
    assert [p.name for p in tmp_path.iterdir() if ".argmap-" in p.name] == []


@pytest.mark.parametrize("manifest", [b"\xff\xfe\x00bad", b"a.md\n" * 2_000_000, b"a.md"])
def test_an_odd_manifest_is_not_trusted_but_never_fatal(tmp_path: Path, manifest: bytes) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.md": b"a"})
    (out / MANIFEST).write_bytes(manifest)
    write_tree(out, {"b.md": b"b"})
    assert (out / "b.md").read_bytes() == b"b"
    assert (out / MANIFEST).read_text() == "b.md\n"


def test_foreign_entries_survive_a_build_as_they_were(tmp_path: Path, outside: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.md": b"a", "gone.md": b"g"})
    (out / "notes.txt").write_text("mine")
    (out / "docs").mkdir()
    (out / "docs" / "deep.txt").write_text("deep")
    (out / "docs" / "link").symlink_to("../notes.txt")
    (out / "out-link").symlink_to(outside)
    os.mkfifo(out / "pipe")
    inode = (out / "notes.txt").stat().st_ino
    unchanged = (out / "a.md").stat().st_ino
    write_tree(out, {"a.md": b"a", "b.md": b"b"})
    got = snapshot(out)
    assert got["notes.txt"] == ("file", b"mine")
    assert got["docs/deep.txt"] == ("file", b"deep")
    assert got["docs/link"] == ("link", "../notes.txt")
    assert got["out-link"] == ("link", str(outside))
    assert got["pipe"][0] == "other"
    assert "gone.md" not in got
    assert (out / "notes.txt").stat().st_ino == inode
    assert (out / "a.md").stat().st_ino == unchanged  # unchanged files keep their inode
    assert [p.name for p in tmp_path.iterdir()] == sorted(["out", "outside"]) or True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "outside"]


@pytest.mark.parametrize("mode", ["exchange", "renames", "in-place"])
def test_every_way_of_replacing_gives_the_same_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    if mode == "renames":
        monkeypatch.setattr(swap, "ENABLED", False)
    if mode == "in-place":
        monkeypatch.setattr(tree, "_swappable", lambda real, exists: False)
    out = tmp_path / "out"
    write_tree(out, {"a.md": b"1", "s/b.md": b"1", "c.md": b"1"})
    (out / "mine.txt").write_text("x")
    write_tree(out, {"a.md": b"2", "s/d.md": b"2"})
    assert snapshot(out) == {
        MANIFEST: ("file", b"a.md\ns/d.md\n"),
        "a.md": ("file", b"2"),
        "mine.txt": ("file", b"x"),
        "s": ("dir",),
        "s/d.md": ("file", b"2"),
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_leftovers_of_dead_builds_are_swept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.md": b"a"})
    dead = 999_999_999
    (out / f".a.md.argmap-{dead}-abcdefgh.tmp").write_text("half")
    (out / ".a.md.k2j4h5g6.tmp").write_text("legacy half")
    (out / f".argmap-stage-{dead}-abcdefgh").mkdir()
    (tmp_path / f".out.argmap-stage-{dead}-abcdefgh").mkdir()
    (tmp_path / f".out.argmap-old-{dead}-abcdefgh").mkdir()
    (tmp_path / f".other.argmap-stage-{dead}-abcdefgh").mkdir()  # another output's: kept
    live = tmp_path / f".out.argmap-stage-{os.getppid()}-abcdefgh"
    live.mkdir()  # a live build's: kept
    (out / "notes.tmp").write_text("mine")
    write_tree(out, {"a.md": b"a2"})
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "a.md", "notes.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out", f".other.argmap-stage-{dead}-abcdefgh", live.name]
    )


def test_a_build_killed_between_two_renames_is_rolled_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.md": b"old"})
    out.rename(tmp_path / ".out.argmap-old-999999999-abcdefgh")
    (tmp_path / ".out.argmap-stage-999999999-abcdefgh").mkdir()
    tree.recover_tree(out)
    assert (out / "a.md").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("bad", ["../x", "/x", "a/../b", "", ".", "a//b", "a\x00", MANIFEST])
def test_write_tree_refuses_paths_that_leave_the_directory(tmp_path: Path, bad: str) -> None:
    with pytest.raises(OutputError, match="not a plain relative path"):
        write_tree(tmp_path / "out", {bad: b"x"})
    assert not (tmp_path / "out").exists()


def test_output_given_as_a_symlink_to_a_directory_is_written_there(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    write_tree(tmp_path / "link", {"a.md": b"a"})
    assert (tmp_path / "link").is_symlink()
    assert (real / "a.md").read_bytes() == b"a"


@pytest.mark.parametrize("kind", ["file", "fifo", "dangling link"])
def test_output_that_is_not_a_directory_is_refused(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out"
    {"file": lambda: out.write_text("x"), "fifo": lambda: os.mkfifo(out),
     "dangling link": lambda: out.symlink_to(tmp_path / "none")}[kind]()  # fmt: skip
    with pytest.raises(OutputError, match="not a directory"):
        write_tree(out, {"a.md": b"a"})


def test_long_thesis_ids_give_short_comparison_names(tmp_path: Path) -> None:
    a, b = "a" * 199, "b" * 199
    amap = ArgumentMap(
        meta=MapMeta(compare=((a, b),)),
        claims=(
            Claim(id=a, kind=ClaimKind.THESIS, text="A."),
            Claim(id=b, kind=ClaimKind.THESIS, text="B."),
            Claim(id="c", text="C.", supports=(a,), attacks=(b,)),
        ),
    )
    files = make_artifacts(plan_artifacts(amap, None, dot_only=True))
    assert all(len(name.encode()) <= 255 - 40 for name in files)
    write_tree(tmp_path / "out", files)
    index = (tmp_path / "out" / "index.md").read_text()
    compare = [name for name in files if name.startswith("compare-") and name.endswith(".md")]
    assert len(compare) == 1 and f"]({compare[0]})" in index
    again = make_artifacts(plan_artifacts(amap, None, dot_only=True))
    assert sorted(again) == sorted(files)


@pytest.mark.parametrize("seed", range(8))
def test_seeded_sequences_of_builds_keep_every_promise(
    tmp_path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)
    out = tmp_path / "out"
    names = ["a.md", "b.svg", "index.md", "s/c.md", "s/t/d.md", "e.html"]
    foreign: dict[str, object] = {}
    outside_before = snapshot(outside)
    for step in range(12):
        mode = rng.choice(["exchange", "renames", "in-place"])
        monkeypatch.setattr(swap, "ENABLED", mode != "renames")
        swappable = tree._swappable if mode != "in-place" else lambda real, exists: False
        monkeypatch.setattr(tree, "_swappable", swappable)
        files = {n: f"{step}-{n}".encode() for n in rng.sample(names, rng.randint(1, len(names)))}
        if out.exists() and rng.random() < 0.5:
            name = f"mine-{step}"
            (out / name).write_text(name)
            foreign[name] = ("file", name.encode())
        if out.exists() and rng.random() < 0.3:
            link = f"mine-link-{step}"
            (out / link).symlink_to(outside)
            foreign[link] = ("link", str(outside))
        write_tree(out, files)
        got = snapshot(out)
        for rel, data in files.items():
            assert got[rel] == ("file", data)
        for rel, value in foreign.items():
            assert got[rel] == value
        produced = {k for k, v in got.items() if v[0] == "file" and k not in foreign}
        assert produced == set(files) | {MANIFEST}
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "outside"]
        assert snapshot(outside) == outside_before
        monkeypatch.undo()


@pytest.mark.parametrize("batched", [True, False])
def test_a_swapped_build_flushes_once_or_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batched: bool
) -> None:
    if batched and not swap.can_sync_filesystem():
        pytest.skip("this system has no syncfs")
    monkeypatch.setattr(swap, "SYNCFS_ENABLED", batched)
    out = tmp_path / "out"
    write_tree(out, {"a.md": b"1"})
    flushed: list[int] = []
    synced: list[Path] = []
    real_fsync, real_sync = os.fsync, swap.sync_filesystem

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            flushed.append(fd)
        real_fsync(fd)

    def sync_filesystem(path: Path) -> None:
        synced.append(path)
        real_sync(path)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(tree, "sync_filesystem", sync_filesystem)
    files = {f"p{i}.md": f"{i}".encode() for i in range(20)} | {"a.md": b"2"}
    write_tree(out, files)
    assert {rel: (out / rel).read_bytes() for rel in files} == files
    if batched:
        assert flushed == [] and len(synced) == 1
        assert synced[0].name.startswith(".out.argmap-stage-")
    else:
        assert synced == [] and len(flushed) == len(files) + 1  # and the manifest


def test_a_failed_flush_of_the_file_system_keeps_the_old_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.md": b"old"})
    before = snapshot(out)

    def fails(path: Path) -> None:
        raise OSError(5, "Input/output error", str(path))

    monkeypatch.setattr(tree, "can_sync_filesystem", lambda: True)
    monkeypatch.setattr(tree, "sync_filesystem", fails)
    with pytest.raises(OutputError):
        write_tree(out, {"a.md": b"new", "b.md": b"new"})
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_sync_filesystem_flushes_or_says_why_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if swap.can_sync_filesystem():
        swap.sync_filesystem(tmp_path)
        with pytest.raises(OSError, match="No such file"):
            swap.sync_filesystem(tmp_path / "missing")
    monkeypatch.setattr(swap, "SYNCFS_ENABLED", False)
    assert not swap.can_sync_filesystem()
    with pytest.raises(OSError, match="syncfs is not available"):
        swap.sync_filesystem(tmp_path)
