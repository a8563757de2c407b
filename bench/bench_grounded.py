"""Benchmark of the grounded labelling at competition scale, each run a fresh process.

Run: .venv/bin/python bench/bench_grounded.py [--sizes 100000,1000000] [--repeat 5]

For each size, a random framework (every argument attacks 2 others, as
``bench_semantics.random_af`` makes it: 1M arguments, 2M attacks) is built from edge
arrays and labelled, ``--repeat`` times, each time in a new Python process, so no warm
cache or earlier allocation helps. The figures are the median, lowest and highest CPU
seconds of building plus labelling (generating the edges is not counted), and the same
for the labelling alone. Nothing is asserted: the figures are for reading.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONE_RUN = """
import json, sys, time
sys.path.insert(0, {here!r})
import bench_semantics
from argmap.semantics.framework import Framework
from argmap.semantics.grounded import grounded_labels
n = {n}
src, dst = bench_semantics.random_af(n)
import numpy  # imported by the arrays on first use; its import is start-up, not work
start = time.process_time()
fw = Framework.from_arrays(n, src, dst)
built = time.process_time()
labels = grounded_labels(fw)
done = time.process_time()
print(json.dumps({{"total": done - start, "labelling": done - built, "in": labels.count(1)}}))
"""


def spread(runs: list[dict[str, float]], key: str) -> str:
    """The median of one figure over the runs, with the lowest and highest."""
    values = [run[key] for run in runs]
    return f"{statistics.median(values):.3f} s ({min(values):.3f}-{max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--repeat", type=int, default=5)
    opts = parser.parse_args()
    print(f"# {opts.repeat} fresh processes per size; CPU seconds, median (lowest-highest)")
    print("| arguments | attacks | build + label | label alone | in |")
    print("|---:|---:|---|---|---:|")
    for n in map(int, opts.sizes.split(",")):
        code = ONE_RUN.format(here=str(HERE), n=n)
        runs = []
        for _ in range(opts.repeat):
            done = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            )
            runs.append(json.loads(done.stdout))

        print(
            f"| {n:,} | {2 * n:,} | {spread(runs, 'total')} | {spread(runs, 'labelling')} | {runs[0]['in']:,} |"
        )


if __name__ == "__main__":
    main()
