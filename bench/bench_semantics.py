"""Benchmark of the argumentation semantics, with the Python peer libraries as yardsticks.

Run: .venv/bin/python bench/bench_semantics.py [--families random,grid,torus,chain]
         [--sizes 1000,10000,100000,1000000] [--timeout 10] [--no-peers]

Set the peers up first with ``bash bench/peers/setup.sh``: each lives in its own virtualenv
under bench/.peers and runs in a subprocess (bench/peers/run_peer.py) with a timeout; argmap
never imports them. For each framework and task the table gives argmap's time and each
peer's time as a multiple of it. A peer that errs or times out is reported as such and is
not run on the larger frameworks of that family for that task.

Frameworks (seeded, so every run is the same):
- random-N: every argument attacks 2 other arguments picked uniformly;
- grid-N: a cyclic grid (torus) of side sqrt(N), every cell attacking its right and lower
  neighbour, wrapping around: one strongly connected component full of odd and even cycles;
- torus-N: the same torus with every cell attacking all four neighbours, where quadratic
  energy's update has slope -1 at its fixed point (plain sweeps creep; damped ones settle);
- chain-N: argument i attacks argument i+1.

The gradual tasks (``dfquad``, ``qe``: DF-QuAD and quadratic energy, every weight 0.5) run
up to ``--gradual-max`` arguments; no peer computes them.

Times cover building the framework from edge lists and running the task, not generating
or reading the input. Nothing is asserted: the figures are for reading.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argmap.semantics import extensions as ext
from argmap.semantics.bipolar import BipolarGraph
from argmap.semantics.framework import Framework
from argmap.semantics.gradual import strengths

HERE = Path(__file__).resolve().parent
PEERS_DIR = HERE / ".peers"
RUNNER = HERE / "peers" / "run_peer.py"
PEERS = ("formal-argumentation", "python-argumentation", "pygarg", "afsolver")
TASKS = ("grounded", "preferred-first", "preferred-all", "stable-all")
#: Grids have exponentially many preferred and stable extensions: enumerating them is no task.
SKIP = {(f, t) for f in ("grid", "torus") for t in ("preferred-all", "stable-all")}
GRADUAL = ("dfquad", "qe")

Edges = tuple[list[int], list[int]]


def random_af(n: int, seed: int = 0) -> Edges:
    rng = random.Random(seed)
    src: list[int] = []
    dst: list[int] = []
    for a in range(n):
        picked: set[int] = set()
        while len(picked) < min(2, n - 1):
            b = rng.randrange(n)
            if b != a:
                picked.add(b)
        for b in sorted(picked):
            src.append(a)
            dst.append(b)
    return src, dst


def _wrapped(side: int, steps: tuple[tuple[int, int], ...]) -> Edges:
    """Each cell of a ``side`` x ``side`` torus attacks the cells ``steps`` away, wrapping."""
    src: list[int] = []
    dst: list[int] = []
    for i in range(side):
        for j in range(side):
            for di, dj in steps:
                src.append(i * side + j)
                dst.append(((i + di) % side) * side + (j + dj) % side)
    return src, dst


def grid_af(n: int) -> Edges:
    return _wrapped(max(2, round(math.sqrt(n))), ((0, 1), (1, 0)))


def torus_af(n: int) -> Edges:
    return _wrapped(max(3, round(math.sqrt(n))), ((0, 1), (1, 0), (0, -1), (-1, 0)))


def chain_af(n: int) -> Edges:
    return list(range(n - 1)), list(range(1, n))


FAMILIES: dict[str, Callable[[int], Edges]] = {
    "random": random_af,
    "grid": grid_af,
    "torus": torus_af,
    "chain": chain_af,
}


def count_args(edges: Edges, n: int, family: str) -> int:
    if family == "torus":
        return max(3, round(math.sqrt(n))) ** 2
    return max(2, round(math.sqrt(n))) ** 2 if family == "grid" else n


def argmap_task(task: str, n: int, edges: Edges) -> tuple[float, int]:
    """Seconds for one task, and how many extensions it found."""
    start = time.perf_counter()
    fw = Framework.from_arrays(n, *edges)
    if task == "grounded":
        ext.grounded_labels(fw)
        count = 1
    elif task == "preferred-first":
        count = int(ext.first_extension(fw, "preferred") is not None)
    elif task in GRADUAL:
        graph = BipolarGraph(fw.names, fw.targets, [[] for _ in range(n)])
        strengths(graph, [0.5] * n, task)
        count = 1
    else:
        count = sum(1 for _ in ext.iter_extensions(fw, task.split("-")[0]))
    return time.perf_counter() - start, count


def write_apx(path: Path, n: int, edges: Edges) -> None:
    with path.open("w") as handle:
        handle.writelines(f"arg(a{i}).\n" for i in range(n))
        handle.writelines(f"att(a{a},a{b}).\n" for a, b in zip(*edges, strict=True))


def peer_status(peer: str) -> str | None:
    """None when the peer can run, else why not."""
    python = PEERS_DIR / peer / "bin" / "python"
    if not python.exists():
        return "not set up (run bash bench/peers/setup.sh)"
    probe = subprocess.run(
        [str(python), "-m", "pip", "show", "--quiet", peer], capture_output=True, check=False
    )
    if probe.returncode != 0:
        log = PEERS_DIR / f"{peer}.log"
        lines = log.read_text().splitlines() if log.exists() else []
        reason = next((line for line in lines if line.startswith("ERROR")), "install failed")
        return f"not installed: {reason.removeprefix('ERROR: ')}"
    if peer == "afsolver":
        return "installed, but the bench has no adapter for it"
    return None


def run_peer(peer: str, task: str, apx: Path, timeout: float) -> dict[str, object]:
    python = PEERS_DIR / peer / "bin" / "python"
    try:
        done = subprocess.run(
            [str(python), str(RUNNER), peer, task, str(apx)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timeout > {timeout:g} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"failed: {tail[:80]}"}
    result: dict[str, object] = json.loads(lines[-1])
    return result


def fmt_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", default="random,grid,torus,chain")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--peer-max", type=int, default=1_000_000, help="Largest size for peers.")
    parser.add_argument(
        "--gradual-max", type=int, default=100_000, help="Largest size for the gradual tasks."
    )
    parser.add_argument("--no-peers", action="store_true")
    opts = parser.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]
    status = {p: ("skipped (--no-peers)" if opts.no_peers else peer_status(p)) for p in PEERS}
    live = [p for p in PEERS if status[p] is None]
    for peer in PEERS:
        if status[peer] is not None:
            print(f"# {peer}: {status[peer]}")
    print(f"# peers run: {', '.join(live) or 'none'}; timeout {opts.timeout:g} s per run")
    header = ["framework", "task", "argmap", *live]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    given_up: dict[tuple[str, str, str], str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for family in opts.families.split(","):
            for size in sizes:
                edges = FAMILIES[family](size)
                n = count_args(edges, size, family)
                apx = Path(tmp) / f"{family}-{n}.apx"
                tasks = [t for t in (*TASKS, *GRADUAL) if (family, t) not in SKIP]
                if family in ("grid", "torus") and n > 100_000:
                    tasks = ["grounded", "preferred-first"]
                if n > opts.gradual_max:
                    tasks = [t for t in tasks if t not in GRADUAL]
                for task in tasks:
                    seconds, count = argmap_task(task, n, edges)
                    cells = [f"{family}-{n}", task, f"{fmt_seconds(seconds)} ({count} ext)"]
                    for peer in live:
                        cells.append(
                            peer_cell(
                                peer, family, task, n, edges, apx, seconds, count, opts, given_up
                            )
                        )
                    print("| " + " | ".join(cells) + " |", flush=True)


def peer_cell(
    peer: str,
    family: str,
    task: str,
    n: int,
    edges: Edges,
    apx: Path,
    seconds: float,
    count: int,
    opts: argparse.Namespace,
    given_up: dict[tuple[str, str, str], str],
) -> str:
    if task in GRADUAL:
        return "-"
    key = (peer, family, task)
    if key in given_up:
        return f"not run ({given_up[key]} at a smaller size)"
    if n > opts.peer_max:
        return f"not run (> {opts.peer_max:,} args)"
    if not apx.exists():
        write_apx(apx, n, edges)
    result = run_peer(peer, task, apx, opts.timeout)
    if "error" in result:
        given_up[key] = str(result["error"]).split(":")[0]
        return str(result["error"])
    theirs = float(str(result["seconds"]))
    agree = "" if task == "preferred-first" or result.get("count") == count else " DISAGREES"
    return f"{fmt_seconds(theirs)} ({theirs / max(seconds, 1e-9):.0f}x){agree}"


if __name__ == "__main__":
    sys.exit(main())
