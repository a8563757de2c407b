"""Writes the maps Argdown is measured on: each synthetic map (YAML) and its Argdown twin.

Run: .venv/bin/python bench/peers/argdown/make_maps.py OUT_DIR [--sizes 200,1000,3000,10000]

For each size N it writes OUT_DIR/synthetic-N/ (the YAML map of bench/bench_core.py) and
OUT_DIR/synthetic-N.argdown, converted by argmap itself (``argmap convert DIR -o FILE``), so
that both programs draw the same claims and relations. Prints one line per map written.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BENCH))

from bench_core import write_map  # noqa: E402


def to_argdown(source: Path, target: Path) -> None:
    """The map at ``source`` (a directory or file argmap reads) written as Argdown."""
    subprocess.run(
        [sys.executable, "-m", "argmap", "convert", str(source), "-o", str(target)],
        check=True,
        capture_output=True,
    )


def make_map(out: Path, n: int) -> tuple[Path, Path]:
    """The YAML directory and the Argdown file of the synthetic map of ``n`` claims."""
    directory = out / f"synthetic-{n}"
    directory.mkdir(parents=True, exist_ok=True)
    write_map(directory, n)
    argdown = out / f"synthetic-{n}.argdown"
    to_argdown(directory, argdown)
    return directory, argdown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sizes", default="200,1000,3000,10000")
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        directory, argdown = make_map(args.out, n)
        print(f"{n} claims: {directory} and {argdown}")


if __name__ == "__main__":
    main()
