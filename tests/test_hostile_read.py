"""Source texts named in data are read only inside the map's directories, only as regular files, and never leak."""

from __future__ import annotations

import os
import random
import threading
from pathlib import Path

import pytest

from argmap.check import check_paths
from argmap.quotes import MAX_SOURCE_BYTES

SECRET = "the launch codes are swordfish and nothing else at all"


def write_map(claims: Path, text_path: str, quote: str = "swordfish launch codes here") -> None:
    claims.mkdir(parents=True, exist_ok=True)
    (claims / "map.yaml").write_text(
        "map:\n"
        "  sources:\n"
        "    - id: s\n"
        "      title: Work\n"
        f"      text: {text_path!r}\n"
        "claims:\n"
        "  - id: t\n"
        "    kind: thesis\n"
        "    text: The thesis.\n"
        "    sources:\n"
        "      - source: s\n"
        f"        quote: {quote!r}\n",
        encoding="utf-8",
    )


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret" / "shadow"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def messages(claims: Path, **kwargs: object) -> str:
    result = check_paths([claims], **kwargs)  # type: ignore[arg-type]
    return "\n".join(str(d) for d in result.diagnostics)


@pytest.mark.parametrize(
    "named",
    [
        "{secret}",
        "../secret/shadow",
        "../../{rel}",
        "./../secret/shadow",
        "sub/../../secret/shadow",
        "link-to-secret",
        "link-to-dir/shadow",
        "/etc/passwd",
        "/etc/shadow",
        "/proc/self/environ",
        "../secret",
        "..",
        "/",
    ],
)
def test_a_text_outside_the_map_is_never_read_nor_quoted(
    tmp_path: Path, secret: Path, named: str
) -> None:
    claims = tmp_path / "claims"
    write_map(claims, named.format(secret=secret, rel=os.path.relpath(secret, claims.parent)))
    (claims / "link-to-secret").symlink_to(secret)
    (claims / "link-to-dir").symlink_to(secret.parent, target_is_directory=True)
    shown = messages(claims)
    assert "swordfish" not in shown and "launch" not in shown
    assert "quote-not-found" not in shown
    assert "source-text-missing" in shown


def test_an_explicit_sources_directory_widens_what_may_be_read(
    tmp_path: Path, secret: Path
) -> None:
    claims = tmp_path / "claims"
    write_map(claims, "../secret/shadow")
    assert "quote-not-found" not in messages(claims)
    widened = messages(claims, sources_dir=secret.parent)
    assert "quote-not-found" in widened and "launch codes" in widened


def test_a_text_inside_the_map_is_verified(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    write_map(claims, "texts/work.txt", quote="nothing else")
    (claims / "texts").mkdir()
    (claims / "texts" / "work.txt").write_text(SECRET, encoding="utf-8")
    assert messages(claims) == ""
    write_map(claims, "texts/work.txt", quote="something other")
    assert "quote-not-found" in messages(claims)


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_make_fifo, "not a regular file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.symlink_to("/dev/zero"), "outside the map"),
        (lambda p: p.symlink_to(p.parent / "nowhere"), "no such file"),
        (lambda p: p.write_bytes(b"x" * (MAX_SOURCE_BYTES + 1)), "larger than"),
        (lambda p: p.write_bytes(b"caf\xe9"), "not valid UTF-8"),
    ],
    ids=["fifo", "directory", "device", "dangling", "too-large", "not-utf8"],
)
def test_an_odd_text_is_refused_without_blocking(tmp_path: Path, make: object, reason: str) -> None:
    claims = tmp_path / "claims"
    write_map(claims, "work.txt")
    make(claims / "work.txt")  # type: ignore[operator]
    done: list[str] = []
    worker = threading.Thread(target=lambda: done.append(messages(claims)), daemon=True)
    worker.start()
    worker.join(20)
    assert done, "reading the source text blocked"
    assert reason in done[0]


def test_devices_named_directly_are_refused(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    for device in ("/dev/zero", "/dev/urandom", "/dev/stdin"):
        write_map(claims, device)
        assert "outside the map" in messages(claims)


@pytest.mark.parametrize("seed", range(10))
def test_seeded_paths_never_reach_outside(tmp_path: Path, secret: Path, seed: int) -> None:
    rng = random.Random(seed)
    claims = tmp_path / "claims"
    (claims / "a" / "b").mkdir(parents=True)
    (claims / "a" / "up").symlink_to("../..", target_is_directory=True)
    parts = ["..", ".", "a", "b", "up", "secret", "shadow", "claims", "", str(secret)]
    for _ in range(15):
        named = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 6))) or "."
        write_map(claims, named)
        shown = messages(claims)
        assert "swordfish" not in shown, named
