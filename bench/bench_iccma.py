"""Benchmark of the ICCMA tasks through ``argmap eval``, side by side with clingo.

Run: .venv/bin/python bench/bench_iccma.py [--families random,grid,torus,smallworld,guarded]
         [--sizes 10000,100000,1000000] [--tasks SE-GR,DS-PR,...] [--repeat 3]
         [--timeout 60] [--no-clingo]

Set clingo up first with ``bash bench/peers/clingo/setup.sh``: it lives in its own
virtualenv under bench/.peers and runs in a subprocess (bench/peers/clingo/run_clingo.py)
with ASPARTIX-style encodings; argmap never imports it. Each task runs as a fresh process
on the same files: ``argmap eval`` on the ``.apx`` and on the ``.i23`` file, and clingo on
the ``.apx`` file (its own input language), alternated within each repetition so that the
machine's load hits both alike. Times are CPU seconds (user + system of the child
process, which a busy machine disturbs less than wall-clock time), medians of the
repetitions, and include starting Python and importing (argmap's bytecode is compiled
first, as an installed package has it); the ratio is clingo's time divided by argmap's,
per repetition, then the median (above 1: argmap is faster). ``engine`` is the task alone
on a framework built from arrays in memory (CPU time, building included), and
``cli/eng`` the CLI's time on the ``.i23`` file divided by it.

Frameworks (seeded, so every run is the same):
- random-N: every argument attacks 2 other arguments picked uniformly;
- grid-N: a cyclic grid of side sqrt(N), every cell attacking its right and lower
  neighbour, wrapping around: one strongly connected component of odd and even cycles;
- torus-N: a torus of side sqrt(N) where every cell attacks all four neighbours;
- smallworld-N (only when asked for): a Watts-Strogatz ring, many small components in one
  large weakly connected part, where a maximal range is searched for across all of them;
- guarded-N (only when asked for): a chain of two-cycles, each with a self-attacking
  guard only its own cycle can beat, where a stable choice fails far from where it is made;
- parts-N (only when asked for): N/5 small parts, each a two-cycle attacking a three-cycle;
- neighbours-N (only when asked for): a grid where every cell meets its eight neighbours,
  each pair attacking both ways or one way at random;
- selfattacks-N (only when asked for): random attacks, three arguments in ten attacking
  themselves.

The query of DC and DS tasks is the middle argument. Nothing is asserted: the figures are
for reading; an answer that differs from clingo's is flagged in the table.
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# Imported once here, so that no engine time holds the import of what it uses.
import numpy  # noqa: F401
import pysolvers  # type: ignore[import-not-found]  # noqa: F401

import bench_semantics
from argmap.semantics import extensions as ext
from argmap.semantics.framework import Framework

HERE = Path(__file__).resolve().parent
CLINGO = HERE / ".peers" / "clingo" / "bin" / "python"
RUNNER = HERE / "peers" / "clingo" / "run_clingo.py"
SEMANTICS = {
    "GR": "grounded",
    "CO": "complete",
    "PR": "preferred",
    "ST": "stable",
    "SST": "semi-stable",
    "ID": "ideal",
}
TASKS = (
    "SE-GR",
    "EE-CO",
    "SE-CO",
    "DC-CO",
    "EE-PR",
    "SE-PR",
    "DC-PR",
    "DS-PR",
    "EE-ST",
    "SE-ST",
    "DC-ST",
    "DS-ST",
    "EE-SST",
    "SE-SST",
    "DC-SST",
    "DS-SST",
    "SE-ID",
)
#: Grids, tori, guarded chains and frameworks of many parts have exponentially many
#: (complete) extensions: listing them all is no task. Their sizes are --cyclic-sizes.
CYCLIC = ("grid", "torus", "guarded", "parts", "neighbours")

Edges = tuple[int, list[int], list[int]]


def random_af(n: int, seed: int = 0) -> Edges:
    """The random frameworks of bench_semantics: each argument attacks two others."""
    return (n, *bench_semantics.random_af(n, seed))


def grid_af(n: int) -> Edges:
    """The cyclic grids of bench_semantics, of side sqrt(n)."""
    return (max(2, round(math.sqrt(n))) ** 2, *bench_semantics.grid_af(n))


def torus_af(n: int) -> Edges:
    """The tori of bench_semantics, of side sqrt(n), every cell attacking its four neighbours."""
    return (max(3, round(math.sqrt(n))) ** 2, *bench_semantics.torus_af(n))


def small_world_af(n: int, seed: int = 3) -> Edges:
    """A small-world framework (Watts and Strogatz 1998): a ring where every argument meets
    its two neighbours on each side, one link in ten rewired to a random argument, and each
    link an attack one way or the other, picked at random."""
    rng = random.Random(seed)
    edges = set()
    for v in range(n):
        for step in (1, 2):
            u = rng.randrange(n) if rng.random() < 0.1 else (v + step) % n
            if u != v:
                edges.add((v, u) if rng.random() < 0.5 else (u, v))
    ordered = sorted(edges)
    return n, [a for a, _ in ordered], [b for _, b in ordered]


def guarded_af(n: int) -> Edges:
    """A chain of two-cycles a <-> b where each a attacks the next cycle's a and each b
    beats a self-attacking guard: one stable extension (every b), which a choice of a
    spoils only at its guard."""
    src, dst = [], []
    for i in range(n // 3):
        a, b, guard = 3 * i, 3 * i + 1, 3 * i + 2
        pairs = [(a, b), (b, a), (b, guard), (guard, guard)]
        if 3 * i + 3 < n // 3 * 3:
            pairs.append((a, a + 3))
        for x, y in sorted(pairs):
            src.append(x)
            dst.append(y)
    return n // 3 * 3, src, dst


def neighbours_af(n: int, seed: int = 21) -> Edges:
    """A grid of side sqrt(n) (no wrapping) where every cell meets its eight neighbours:
    each pair attacks both ways with odds 1/2, else one way or the other, as the grid
    generators of ICCMA draw them. One strongly connected component, with a stable
    extension, where a preferred one grown a step at a time took 355 steps at 10,000."""
    rng = random.Random(seed)
    side = max(2, round(math.sqrt(n)))
    edges = set()
    for r in range(side):
        for c in range(side):
            for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
                if 0 <= r + dr < side and 0 <= c + dc < side:
                    a, b = r * side + c, (r + dr) * side + c + dc
                    if rng.random() < 0.5:
                        edges |= {(a, b), (b, a)}
                    else:
                        edges.add((a, b) if rng.random() < 0.5 else (b, a))
    ordered = sorted(edges)
    return side * side, [a for a, _ in ordered], [b for _, b in ordered]


def parts_af(n: int) -> Edges:
    """Many small weakly connected parts: units of five arguments, a two-cycle a <-> b
    where b attacks a three-cycle c -> d -> e -> c. Each part has two preferred
    extensions and the framework 2 ** (n / 5): a search per part, one answer each."""
    src, dst = [], []
    for first in range(0, n // 5 * 5, 5):
        a, b, c, d, e = range(first, first + 5)
        for x, y in ((a, b), (b, a), (b, c), (c, d), (d, e), (e, c)):
            src.append(x)
            dst.append(y)
    return n // 5 * 5, src, dst


def self_attacks_af(n: int, seed: int = 5) -> Edges:
    """Random attacks (two from each argument) with three arguments in ten attacking
    themselves: no stable extension, and one large part where no argument can be in."""
    rng = random.Random(seed)
    edges = set()
    for a in range(n):
        if rng.random() < 0.3:
            edges.add((a, a))
        for _ in range(2):
            edges.add((a, rng.randrange(n)))
    ordered = sorted(edges)
    return n, [a for a, _ in ordered], [b for _, b in ordered]


FAMILIES: dict[str, Callable[[int], Edges]] = {
    "random": random_af,
    "grid": grid_af,
    "torus": torus_af,
    "smallworld": small_world_af,
    "guarded": guarded_af,
    "parts": parts_af,
    "neighbours": neighbours_af,
    "selfattacks": self_attacks_af,
}


def write_files(folder: Path, stem: str, edges: Edges) -> tuple[Path, Path]:
    n, src, dst = edges
    apx, i23 = folder / f"{stem}.apx", folder / f"{stem}.i23"
    with apx.open("w") as handle:
        handle.writelines(f"arg(a{i}).\n" for i in range(1, n + 1))
        handle.writelines(f"att(a{a + 1},a{b + 1}).\n" for a, b in zip(src, dst, strict=True))
    with i23.open("w") as handle:
        handle.write(f"p af {n}\n")
        handle.writelines(f"{a + 1} {b + 1}\n" for a, b in zip(src, dst, strict=True))
    return apx, i23


def engine(task: str, edges: Edges, query: int) -> float:
    """Seconds for the task on a framework built from the arrays (building included)."""
    kind, sem = task.split("-")
    n, src, dst = edges
    start = time.process_time()
    fw = Framework.from_arrays(n, src, dst)
    semantics = SEMANTICS[sem]
    if kind == "EE":
        sum(1 for _ in ext.iter_extensions(fw, semantics))
    elif kind == "SE":
        ext.first_extension(fw, semantics)
    else:
        ext.accepts(fw, query, semantics, "credulous" if kind == "DC" else "skeptical")
    return time.process_time() - start


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], timeout: float) -> tuple[float, str]:
    """CPU seconds of a process and its stdout; inf when it fails or times out."""
    start = _children_cpu()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return math.inf, "timeout"
    seconds = _children_cpu() - start
    if done.returncode != 0:
        return math.inf, "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:60]
    return seconds, done.stdout


def argmap_command(task: str, path: Path, query: str) -> list[str]:
    kind, sem = task.split("-")
    command = [sys.executable, "-m", "argmap", "eval", str(path), "--format", "json"]
    command += ["--semantics", SEMANTICS[sem]]
    if kind == "SE":
        command.append("--first")
    elif kind in ("DC", "DS"):
        command += ["--accept", query, "--mode", "credulous" if kind == "DC" else "skeptical"]
    return command


def argmap_answer(task: str, out: str) -> str:
    data = json.loads(out)
    if "accepted" in data:
        return "yes" if data["accepted"] else "no"
    return str(len(data["extensions"])) if "extensions" in data else "-"


def clingo_answer(task: str, out: str) -> str:
    data = json.loads(out.strip().splitlines()[-1])
    if task.startswith(("DC", "DS")) and not task.endswith("GR"):
        return str(data["answer"])
    return str(data["count"]) if task.startswith("EE") else "-"


def fmt(seconds: float) -> str:
    if math.isinf(seconds):
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def row(
    task: str, stem: str, edges: Edges, files: tuple[Path, Path], opts: argparse.Namespace
) -> str:
    n = edges[0]
    query = n // 2
    apx, i23 = files
    runs: dict[str, list[float]] = {"apx": [], "i23": [], "clingo": [], "engine": []}
    ratios: list[float] = []
    answers: dict[str, str] = {}
    clingo_ok = not opts.no_clingo and not task.endswith("ID") and CLINGO.exists()
    for _ in range(opts.repeat):
        for key, path in (("apx", apx), ("i23", i23)):
            name = f"a{query + 1}" if key == "apx" else str(query + 1)
            seconds, out = timed(argmap_command(task, path, name), opts.timeout)
            runs[key].append(seconds)
            answers[key] = argmap_answer(task, out) if not math.isinf(seconds) else out
            if key == "apx" and clingo_ok:
                command = [str(CLINGO), str(RUNNER), *task.split("-"), str(apx), f"a{query + 1}"]
                theirs, out = timed(command, opts.timeout)
                runs["clingo"].append(theirs)
                answers["clingo"] = clingo_answer(task, out) if not math.isinf(theirs) else out
                ratios.append(theirs / seconds if not math.isinf(seconds) else 0.0)
        runs["engine"].append(engine(task, edges, query))
    med = {key: statistics.median(values) if values else math.inf for key, values in runs.items()}
    ratio = f"{statistics.median(ratios):.1f}" if ratios else "-"
    if clingo_ok and ratios and math.isinf(med["clingo"]):
        ratio = f"> {opts.timeout / med['apx']:.1f}"
    agree = answers.get("apx") == answers.get("i23")
    if clingo_ok and not math.isinf(med["clingo"]) and answers.get("clingo") != "-":
        agree = agree and answers.get("clingo") == answers.get("apx")
    flag = "" if agree else f" DISAGREES {answers}"
    cells = [
        stem,
        task,
        answers.get("i23", "-"),
        fmt(med["apx"]),
        fmt(med["i23"]),
        fmt(med["clingo"]) if clingo_ok else "-",
        ratio,
        fmt(med["engine"]),
        f"{med['i23'] / med['engine']:.2f}" if med["engine"] > 0 else "-",
    ]
    return "| " + " | ".join(cells) + " |" + flag


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", default="random,grid,torus")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--cyclic-sizes", default="10000", help="Sizes of grids and tori.")
    parser.add_argument("--tasks", default=",".join(TASKS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--no-clingo", action="store_true")
    opts = parser.parse_args()
    tasks = opts.tasks.split(",")
    compileall.compile_dir(HERE.parent / "argmap", quiet=1)
    if not opts.no_clingo and not CLINGO.exists():
        print("# clingo: not set up (run bash bench/peers/clingo/setup.sh)")
    print(f"# {opts.repeat} paired repetitions per task, timeout {opts.timeout:g} s per run")
    startup = statistics.median(
        timed([sys.executable, "-m", "argmap", "--version"], opts.timeout)[0] for _ in range(3)
    )
    print(f"# argmap start-up alone (argmap --version): {fmt(startup)}, in every argmap time")
    header = ["framework", "task", "answer", "argmap apx", "argmap i23", "clingo", "clingo/argmap"]
    header += ["engine", "cli/eng"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for family in opts.families.split(","):
            sizes = opts.cyclic_sizes if family in CYCLIC else opts.sizes
            for size in (int(s) for s in sizes.split(",")):
                edges = FAMILIES[family](size)
                stem = f"{family}-{edges[0]}"
                files = write_files(Path(tmp), stem, edges)
                for task in tasks:
                    if family in CYCLIC and task.startswith("EE"):
                        continue
                    print(row(task, stem, edges, files, opts), flush=True)


if __name__ == "__main__":
    sys.exit(main())
