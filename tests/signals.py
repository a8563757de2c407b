"""Builds killed at seeded moments of their write phase, for the signal suite and its bench script."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = '<svg width="10pt" height="10pt" viewBox="0 0 10 10"><g id="graph0"></g></svg>'
#: A stand-in for dot: one SVG document for each graph of its input, as dot writes (a build
#: lays out several maps with one process).
SVG_PER_GRAPH = (
    "n=$(grep -c '^digraph'); [ \"$n\" -gt 0 ] || n=1; "
    f"while [ \"$n\" -gt 0 ]; do echo '{SVG}'; n=$((n - 1)); done"
)

#: Runs the CLI with every file write of the write phase slowed down, so that a signal
#: lands inside it; says on stderr when the write phase starts.
_WRAPPER = """
import sys, time
from argmap.output import atomic, swap, tree
mode = sys.argv.pop(1)
swap.ENABLED = mode != "renames"
if mode == "in-place":
    tree._swappable = lambda real, exists: False
slow = atomic.write_file
def write_file(*args, **kwargs):
    time.sleep(0.01)
    return slow(*args, **kwargs)
tree.write_file = write_file
start = tree.write_tree
def write_tree(*args, **kwargs):
    print("WRITE-PHASE", file=sys.stderr, flush=True)
    return start(*args, **kwargs)
tree.write_tree = write_tree
import argmap.build
argmap.build.write_tree = write_tree
from argmap.cli import main
main(prog_name="argmap")
"""


def write_claims(claims: Path, version: int, count: int = 12) -> None:
    """A map of three theses whose every output changes with ``version``."""
    claims.mkdir(parents=True, exist_ok=True)
    lines = ["claims:"]
    for t in range(3):
        lines += [f"  - id: t{t}", "    kind: thesis", f"    text: Thesis {t}, version {version}."]
    for i in range(count):
        lines += [
            f"  - id: c{i}",
            f"    text: Reason {i}, version {version}.",
            f"    supports: [t{i % 3}]",
        ]
    (claims / "map.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def fake_dot(directory: Path) -> Path:
    path = directory / "bin" / "dot"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{SVG_PER_GRAPH}\n")
    path.chmod(0o755)
    return path


def run_build(
    work: Path, out: Path, mode: str = "exchange", *, kill: tuple[int, float] | None = None
) -> int:
    """Build ``work/claims`` into ``out``; with ``kill``, send that signal that long after
    the write phase starts. Returns the exit code (negative: killed by a signal)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARGMAP_DOT": str(fake_dot(work))}
    command = [sys.executable, "-c", _WRAPPER, mode, "build", "claims", "-o", str(out), "-j", "1"]
    proc = subprocess.Popen(command, cwd=work, env=env, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    if kill is not None:
        signum, delay = kill
        for line in proc.stderr:
            if "WRITE-PHASE" in line:
                break
        time.sleep(delay)
        proc.send_signal(signum)
    proc.communicate(timeout=120)
    return proc.returncode


def snapshot(root: Path) -> dict[str, bytes]:
    """The regular files under ``root`` by relative path (nothing else may be there)."""
    files = {}
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = Path(dirpath) / name
            files[str(path.relative_to(root))] = path.read_bytes()
    return files


def leftovers(work: Path) -> list[str]:
    """Temporaries and staging directories anywhere under ``work``."""
    found = []
    for dirpath, dirnames, filenames in os.walk(work):
        for name in dirnames + filenames:
            if ".argmap-stage-" in name or ".argmap-old-" in name or name.endswith(".tmp"):
                found.append(str(Path(dirpath, name).relative_to(work)))
    return found


def killed_build_case(work: Path, seed: int, mode: str = "exchange") -> str:
    """One seeded case: build v1, build v2 killed at a seeded moment, check, build again.

    Returns:
        What the killed build left: "old" or "new" (or "mixed" in place, where that is
        what the README promises).

    Raises:
        AssertionError: A promise broke.
    """
    rng = random.Random(seed)
    out = work / "out"
    write_claims(work / "claims", 1)
    assert run_build(work, out, mode) == 0
    old = snapshot(out)
    write_claims(work / "claims", 2)
    signum = rng.choice([signal.SIGTERM, signal.SIGKILL, signal.SIGINT])
    code = run_build(work, out, mode, kill=(signum, rng.uniform(0.0, 1.0)))
    # (A signal after the command is done, as the interpreter exits, kills it outright.)
    assert code in (0, 1, 130, 143, -signal.SIGKILL, -signal.SIGTERM, -signal.SIGINT), code
    left = snapshot(out) if out.exists() else None
    if left is not None and mode == "in-place" and signum == signal.SIGKILL:
        # In place, the stage is inside the directory: a build killed outright leaves it
        # there for the next build to clear (the README's table says so).
        left = {k: v for k, v in left.items() if not k.startswith(".argmap-stage-")}
    if signum != signal.SIGKILL:
        # A signal argmap handles: it cleans up on its way out.
        assert leftovers(work) == [], leftovers(work)
    assert run_build(work, out, mode) == 0
    new = snapshot(out)
    assert leftovers(work) == [], leftovers(work)
    assert new != old
    if left == old:
        return "old"
    if left == new:
        return "new"
    if left is None and mode == "renames":
        return "old"  # killed between the two renames: the next build renamed it back
    assert mode == "in-place", f"seed {seed}: a mix of old and new files was left"
    assert left is not None and set(left) <= set(old) | set(new)
    return "mixed"
