"""Benchmark of ``argmap build -j``: the same artifacts made with 1, 2, ... layouts at once.

Run: .venv/bin/python bench/bench_jobs.py [--sizes 200,1000] [--jobs 1,2] [--repeat 5]

For the bundled map and synthetic maps of each size (those of bench/bench_core.py), every
artifact of a build (SVG maps and pages, as ``argmap build`` makes them, without writing)
is made with each ``--jobs`` value in turn, the order rotating from one repetition to the
next. Per value: the median wall-clock seconds, argmap's own CPU seconds (DOT, Markdown, SVG
post-processing) and Graphviz's, and the speed-up over the first value (the median of the
repetitions' ratios). On a busy machine the figures vary: the load average is printed
before and after. Nothing is asserted: the figures are for reading.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from argmap.build import make_artifacts, plan_artifacts
from argmap.check import check_paths
from argmap.evaluate import evaluate_map
from bench_core import write_map  # the folder of this script is on sys.path

ROOT = Path(__file__).resolve().parent.parent

Figures = tuple[float, float, float]  # wall, own CPU, Graphviz CPU


def cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def make_once(directory: Path, jobs: int) -> Figures:
    """Make every artifact of the map in ``directory`` once, with ``jobs`` at once."""
    amap = check_paths([directory]).amap
    artifacts = plan_artifacts(amap, evaluate_map(amap))
    own, dot, start = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    make_artifacts(artifacts, jobs=jobs)
    wall = time.perf_counter() - start
    return wall, cpu(resource.RUSAGE_SELF) - own, cpu(resource.RUSAGE_CHILDREN) - dot


def measure(name: str, directory: Path, jobs: list[int], repeat: int) -> list[str]:
    """The rows of one map: one per ``--jobs`` value."""
    runs: dict[int, list[Figures]] = {j: [] for j in jobs}
    for i in range(repeat):
        turn = i % len(jobs)
        for j in jobs[turn:] + jobs[:turn]:
            runs[j].append(make_once(directory, j))
    rows = []
    for j in jobs:
        wall, own, dot = (statistics.median(run[k] for run in runs[j]) for k in range(3))
        gain = statistics.median(a[0] / b[0] for a, b in zip(runs[jobs[0]], runs[j], strict=True))
        rows.append(f"| {name} | {j} | {wall:.2f} | {own:.2f} | {dot:.2f} | {gain:.2f} |")
    return rows


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="200,1000", help="synthetic map sizes")
    parser.add_argument("--jobs", default="1,2", help="the -j values to compare")
    parser.add_argument("--repeat", type=int, default=5, help="runs per value (median)")
    parser.add_argument("--no-bundled", action="store_true", help="leave out the bundled map")
    args = parser.parse_args()
    # An installed package has its bytecode; compile it once, as the first run there would.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "argmap", quiet=1)
    jobs = [int(j) for j in args.jobs.split(",")]
    print(load_line())
    print()
    print("| map | -j | wall s | argmap CPU s | Graphviz CPU s | speed-up |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    maps = [] if args.no_bundled else [("bundled", ROOT / "claims")]
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",") if s):
            directory = Path(tmp, str(n))
            directory.mkdir()
            write_map(directory, n)
            maps.append((f"{n:,} claims", directory))
        for name, directory in maps:
            for row in measure(name, directory, jobs, args.repeat):
                print(row, flush=True)
    print()
    print(load_line())


if __name__ == "__main__":
    main()
