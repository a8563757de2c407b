"""Mutation fuzzing of every reader at volume, with fixed seeds (the fast part runs in the tests).

Run: .venv/bin/python bench/fuzz_readers.py [--count 1000] [--seeds 1-20] [--formats yaml,json]

Each seed mutates every seed document ``--count`` times (see tests/fuzzing.py) and checks
that reading it raises nothing but argmap's own errors and that every diagnostic has a
position and fits on one line. Stops at the first broken case and prints it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import fuzzing


def main() -> int:
    """Run the fuzzing; 0 when no case broke a promise."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seeds", default="1-10")
    parser.add_argument("--formats", default="")
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    formats = frozenset(args.formats.split(",")) if args.formats else None
    start = time.perf_counter()
    total = 0
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(int(first), int(last or first) + 1):
            try:
                total += fuzzing.run(args.count, seed, Path(folder), formats=formats)
            except AssertionError as exc:
                print(f"seed {seed}: {exc}", file=sys.stderr)
                return 1
    print(f"{total} cases, no failure, {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
