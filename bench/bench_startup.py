"""Benchmark of start-up: the time a command spends starting Python and importing argmap.

Run: .venv/bin/python bench/bench_startup.py [--repeat 11]

Each command runs ``--repeat`` times as a fresh process, the commands taking turns, and
each figure is the median (wall-clock and CPU seconds, user + system, Graphviz included);
argmap's bytecode is compiled first, as an installed package has it:

- ``python -c pass``: the interpreter alone, the floor under every command;
- ``argmap --version``: the CLI's own start-up;
- ``argmap render --help``: what rendering imports before it does any work (its start-up);
- ``argmap render MAP -f svg``: a whole render of the bundled map, for scale.

The last columns are the times above the bare interpreter. On a shared machine wall-clock
figures vary with the load (printed before and after), CPU figures less. Nothing is
asserted: the figures are for reading.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of a command (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=11, help="runs per command (median)")
    parser.add_argument("--map", default=str(ROOT / "claims"), help="map to render")
    args = parser.parse_args()
    # An installed package has its bytecode; compile it once, as the first run there would.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "argmap", quiet=1)
    argmap = [sys.executable, "-m", "argmap"]
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "argmap --version": [*argmap, "--version"],
            "argmap render --help": [*argmap, "render", "--help"],
            "argmap render MAP -f svg": [
                *argmap,
                "render",
                args.map,
                "-f",
                "svg",
                "-o",
                str(Path(tmp, "map.svg")),
            ],
        }
        print(load_line())
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                runs[name].append(timed(command))
    floor = statistics.median(wall for wall, _ in runs["python -c pass"])
    print()
    floor_cpu = statistics.median(cpu for _, cpu in runs["python -c pass"])
    print("| command | wall s | CPU s | wall above python s | CPU above python s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, figures in runs.items():
        wall = statistics.median(w for w, _ in figures)
        cpu = statistics.median(c for _, c in figures)
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {wall - floor:.3f} | {cpu - floor_cpu:.3f} |")
    print()
    print(load_line())


if __name__ == "__main__":
    main()
