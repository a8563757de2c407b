"""Faults end in one line and exit 1, never a traceback: fake dots, odd outputs, full or closed stdout."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap import backend
from argmap.errors import RenderError
from argmap.render.svg import svg_from_dot

from .conftest import ROOT

SVG = '<svg width="10pt" height="10pt" viewBox="0 0 10 10"><g id="graph0"></g></svg>'
#: A stand-in for dot: one SVG document for each graph of its input, as dot writes (a build
#: lays out several maps with one process).
SVG_PER_GRAPH = (
    "n=$(grep -c '^digraph'); [ \"$n\" -gt 0 ] || n=1; "
    f"while [ \"$n\" -gt 0 ]; do echo '{SVG}'; n=$((n - 1)); done"
)
#: Fake dots: each a shell script body, and what the error must say.
FAKE_DOTS = {
    "crash": ("kill -SEGV $$", "killed by SIGSEGV"),
    "fail": ("echo 'Error: syntax error in line 1' >&2; exit 3", "syntax error in line 1"),
    "fail-silently": ("exit 7", "exit code 7"),
    "garbage-stderr": ("printf '\\377\\376\\033[31mboom\\n' >&2; exit 1", "boom"),
    "not-utf8": ("cat >/dev/null; printf '<svg>\\377\\376</svg>'", "not UTF-8"),
    "garbage": ("cat >/dev/null; echo 'hello, I am not SVG'", "no SVG"),
    "malformed": ("cat >/dev/null; echo '<svg><g></svg>'", "malformed SVG"),
    "script": ("cat >/dev/null; echo '<svg><script>alert(1)</script></svg>'", "<script>"),
    "handler": ("cat >/dev/null; echo '<svg onload=\"x()\"></svg>'", "event handler"),
    "empty": ("cat >/dev/null", "returned nothing"),
    "no-read": (f"echo '{SVG}'; exec 0<&-", ""),
    "killed": ("kill -KILL $$", "killed by SIGKILL"),
}


def fake_dot(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bin" / "dot"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("name", sorted(FAKE_DOTS))
def test_a_fake_dot_gives_a_render_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    body, words = FAKE_DOTS[name]
    monkeypatch.setenv("ARGMAP_DOT", str(fake_dot(tmp_path, body)))
    big = "digraph { " + "a -> b; " * 50_000 + "}"
    if not words:
        assert svg_from_dot(big, "g", "t").startswith("<svg")
        return
    with pytest.raises(RenderError) as info:
        svg_from_dot(big, "g", "t")
    assert words in str(info.value)
    assert "\n" not in str(info.value) and "\x1b" not in str(info.value)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers: read its state.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("shape", ["sleeps", "forks-and-sleeps", "ignores-term"])
def test_a_hanging_dot_is_stopped_with_its_whole_process_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str
) -> None:
    pids = tmp_path / "pids"
    body = {
        "sleeps": f"echo $$ >> {pids}; exec sleep 600",
        "forks-and-sleeps": f"sleep 600 & echo $! >> {pids}; echo $$ >> {pids}; wait",
        "ignores-term": f"trap '' TERM; sleep 600 & echo $! >> {pids}; wait",
    }[shape]
    monkeypatch.setenv("ARGMAP_DOT", str(fake_dot(tmp_path, body)))
    monkeypatch.setattr(backend, "TIMEOUT_SECONDS", 1)
    started = time.monotonic()
    with pytest.raises(RenderError, match="longer than 1 s"):
        backend.run_dot("digraph {}", "svg")
    assert time.monotonic() - started < 30
    time.sleep(0.2)
    for pid in map(int, pids.read_text().split()):
        assert not _alive(pid), f"process {pid} of the fake dot outlived the timeout"


def test_a_dot_that_writes_without_end_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMAP_DOT", str(fake_dot(tmp_path, "exec yes")))
    monkeypatch.setattr(backend, "MAX_OUTPUT_BYTES", 1 << 20)
    with pytest.raises(RenderError, match="wrote more than 1 MB"):
        backend.run_dot("digraph {}", "svg")


def test_a_missing_dot_or_a_nul_in_its_name_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("/nonexistent/dot", "dot\x00x"):
        monkeypatch.setenv("ARGMAP_DOT", name) if "\x00" not in name else monkeypatch.setattr(
            os, "environ", {**os.environ, "ARGMAP_DOT": name}
        )
        with pytest.raises(RenderError, match="apt-get install graphviz"):
            backend.run_dot("digraph {}", "svg")


MAP = """\
claims:
  - id: t
    kind: thesis
    text: The thesis.
  - id: a
    text: A reason.
    supports: [t]
"""


def argmap(
    *args: str, cwd: Path, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "argmap", *args],
        cwd=cwd,
        env=environ,
        capture_output=kwargs.pop("capture", True),
        text=True,
        timeout=120,
        check=False,
        **kwargs,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("argmap: error:")]
    assert len(errors) == 1, proc.stderr
    for word in words:
        assert word in errors[0], proc.stderr


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "map.yaml").write_text(MAP)
    return tmp_path / "claims"


@pytest.mark.parametrize(
    "args", [("render", "claims", "-f", "dot"), ("eval", "claims"), ("schema",),
             ("convert", "claims", "--to", "json"), ("compare", "claims", "--thesis", "t", "--thesis", "t")],
)  # fmt: skip
@pytest.mark.parametrize("stdout", ["full", "closed"])
def test_standard_output_that_cannot_be_written_is_one_line(
    claims: Path, args: tuple[str, ...], stdout: str
) -> None:
    if stdout == "full":
        with open("/dev/full", "w") as full:
            proc = argmap(
                *args, cwd=claims.parent, stdout=full, stderr=subprocess.PIPE, capture=False
            )
    else:
        proc = argmap(
            *args, cwd=claims.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            capture=False, pass_fds=(), preexec_fn=lambda: os.close(1),
        )  # fmt: skip
    if args[0] == "compare" and proc.returncode == 2:
        return  # the same thesis twice is a usage error before anything is written
    assert_one_line_error(proc, "standard output")


@pytest.mark.parametrize("stdout", ["full", "closed"])
def test_fmt_check_listing_to_an_unwritable_stdout_is_one_line(tmp_path: Path, stdout: str) -> None:
    (tmp_path / "m.yaml").write_text("claims:\n  - text: B\n    id: b\n", "utf-8")
    if stdout == "full":
        with open("/dev/full", "w") as full:
            proc = argmap(
                "fmt", "--check", "m.yaml", cwd=tmp_path, stdout=full,
                stderr=subprocess.PIPE, capture=False,
            )  # fmt: skip
    else:
        proc = argmap(
            "fmt", "--check", "m.yaml", cwd=tmp_path, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, capture=False, pass_fds=(), preexec_fn=lambda: os.close(1),
        )  # fmt: skip
    assert_one_line_error(proc, "standard output")
    assert (tmp_path / "m.yaml").read_text("utf-8") == "claims:\n  - text: B\n    id: b\n"


@pytest.mark.parametrize("kind", ["fifo", "symlink", "directory", "device"])
@pytest.mark.parametrize("command", ["render", "convert"])
def test_dash_o_refuses_what_is_not_a_regular_file(
    claims: Path, tmp_path: Path, kind: str, command: str
) -> None:
    target = tmp_path / "target"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(victim)
    elif kind == "directory":
        target.mkdir()
    else:
        target = Path("/dev/null")
    extra = ["-f", "dot"] if command == "render" else ["--to", "json"]
    proc = argmap(command, "claims", *extra, "-o", str(target), cwd=tmp_path)
    if kind == "directory" and proc.returncode == 2:
        return  # click refuses a directory for a file option: a usage error, one line too
    assert_one_line_error(proc, "not a regular file")
    assert victim.read_text() == "keep"
    assert target.is_fifo() or target.is_symlink() or target.is_dir() or target.is_char_device()


@pytest.mark.parametrize("what", ["index-dir", "manifest-dir", "manifest-binary", "index-fifo"])
def test_build_over_odd_files_is_one_line_or_works(claims: Path, tmp_path: Path, what: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if what == "index-dir":
        (out / "index.md").mkdir()
    elif what == "manifest-dir":
        (out / ".argmap-manifest").mkdir()
    elif what == "manifest-binary":
        (out / ".argmap-manifest").write_bytes(b"\xff\xfe\x00\x80index.md\n")
    else:
        os.mkfifo(out / "index.md")
    proc = argmap("build", "claims", "-o", str(out), cwd=tmp_path, env={"ARGMAP_DOT": "/bin/false"})
    # /bin/false as dot: the build fails at layout time, before anything is written
    assert_one_line_error(proc)
    fake = fake_dot(tmp_path, SVG_PER_GRAPH)
    proc = argmap("build", "claims", "-o", str(out), cwd=tmp_path, env={"ARGMAP_DOT": str(fake)})
    if what == "manifest-binary":
        assert proc.returncode == 0, proc.stderr
        assert (out / "index.md").is_file()
    else:
        assert_one_line_error(proc, "refusing to replace it")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "claims", "out"]


def test_two_long_thesis_ids_build_with_a_short_comparison_name(tmp_path: Path) -> None:
    a, b = "a" * 199, "b" * 199
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "map.yaml").write_text(
        f"claims:\n  - id: {a}\n    kind: thesis\n    text: A.\n"
        f"  - id: {b}\n    kind: thesis\n    text: B.\n"
        f"  - id: c\n    text: C.\n    supports: [{a}]\n    attacks: [{b}]\n"
    )
    fake = fake_dot(tmp_path, SVG_PER_GRAPH)
    proc = argmap("build", "claims", "-o", "out", cwd=tmp_path, env={"ARGMAP_DOT": str(fake)})
    assert proc.returncode == 0, proc.stderr
    names = [p.name for p in (tmp_path / "out").iterdir()]
    assert all(len(n) < 255 for n in names)
    assert sum(n.startswith("compare-") for n in names) == 2
