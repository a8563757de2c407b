"""Benchmark against Argdown: ``argmap build`` beside Argdown's ``argdown map -f svg`` on the same maps.

Setup, once: bash bench/peers/argdown/setup.sh   (Argdown's CLI 2.0.0 and Node 22, in bench/.peers/)
Run: .venv/bin/python bench/bench_argdown.py [--sizes 200,1000,3000,10000] [--repeat 3]
         [--read]

The maps: the bundled one (claims/) and synthetic maps of each size (those of
bench/bench_core.py), each also written as Argdown by argmap itself, so both programs draw
the same claims and relations. argmap's figure is a whole ``argmap build``: check,
evaluation, every thesis map and summary, the comparisons, the overview and the index;
Argdown's is one map of the whole file. With ``--read`` both only read the Argdown file:
``argmap check`` on it beside Argdown's ``json`` export. Both run as fresh processes, in
pairs that take turns going first, and each figure is the median of ``--repeat`` pairs:
wall-clock seconds, and CPU seconds (user + system, of the process and its children:
Graphviz for argmap); argmap's bytecode is compiled first, as an installed package has it.
The ratios are medians of the pairs' ratios, Argdown's time / argmap's, so above 1 means
argmap is faster. The machine's load average is printed before and after: on a shared
machine wall-clock figures vary, CPU figures less. Without Argdown installed, argmap's
column is still measured.
Nothing is asserted: the figures are for reading.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGDOWN = ROOT / "bench" / ".peers" / "argdown" / "bin" / "argdown"
sys.path.insert(0, str(ROOT / "bench" / "peers" / "argdown"))

from make_maps import make_map, to_argdown  # noqa: E402

Run = tuple[float, float] | str  # (wall, CPU) seconds, or why the run failed


def timed(command: list[str], timeout: float) -> Run:
    """Run a command to its end: its wall-clock and CPU seconds, or why it failed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"over {timeout:.0f} s"
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode != 0:
        errors = [line for line in done.stderr.decode(errors="replace").splitlines() if line]
        return f"failed: {errors[-1][:80] if errors else f'exit {done.returncode}'}"
    return wall, cpu


def argmap_build(directory: Path, out: Path, jobs: int | None, timeout: float) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "argmap", "build", str(directory), "-o", str(out)]
    return timed([*command, *(["-j", str(jobs)] if jobs else [])], timeout)


def argdown_map(argdown: Path, out: Path, timeout: float) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    run = timed([str(ARGDOWN), "map", "-f", "svg", str(argdown), str(out)], timeout)
    # Argdown exits 0 even when it writes nothing; only an SVG counts.
    return run if isinstance(run, str) or any(out.glob("*.svg")) else "failed: no SVG written"


def argmap_read(argdown: Path, timeout: float) -> Run:
    return timed([sys.executable, "-m", "argmap", "check", str(argdown)], timeout)


def argdown_json(argdown: Path, out: Path, timeout: float) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    run = timed([str(ARGDOWN), "json", str(argdown), str(out)], timeout)
    return run if isinstance(run, str) or any(out.glob("*.json")) else "failed: no JSON written"


def argdown_version() -> str | None:
    """Argdown's version when it is installed, else None."""
    if not os.access(ARGDOWN, os.X_OK):
        return None
    done = subprocess.run([str(ARGDOWN), "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip().splitlines()[-1] if done.returncode == 0 and done.stdout else None


def shown(runs: list[Run], index: int) -> str:
    """The median of one figure (0 wall, 1 CPU) over the runs, or why there is none."""
    failed = [run for run in runs if isinstance(run, str)]
    if failed:
        return failed[0].replace("|", "/")
    return f"{statistics.median(run[index] for run in runs if not isinstance(run, str)):.2f}"


def ratio(ours: list[Run], theirs: list[Run], index: int) -> str:
    pairs = [
        (a, b)
        for a, b in zip(ours, theirs, strict=True)
        if not isinstance(a, str) and not isinstance(b, str)
    ]
    if len(pairs) < len(ours):
        return "-"
    return f"{statistics.median(b[index] / a[index] for a, b in pairs):.2f}"


def measure(name: str, directory: Path, argdown: Path, args: argparse.Namespace, peer: bool) -> str:
    """One row of the table: ``--repeat`` alternated pairs of runs on one map."""
    ours: list[Run] = []
    theirs: list[Run] = []
    with tempfile.TemporaryDirectory() as tmp:

        def run_ours() -> Run:
            if args.read:
                return argmap_read(argdown, args.timeout)
            return argmap_build(directory, Path(tmp, "a"), args.jobs, args.timeout)

        def run_theirs() -> Run:
            if args.read:
                return argdown_json(argdown, Path(tmp, "b"), args.timeout)
            return argdown_map(argdown, Path(tmp, "b"), args.timeout)

        for i in range(args.repeat):
            first_ours = i % 2 == 0
            if first_ours or not peer:
                ours.append(run_ours())
            if peer:
                theirs.append(run_theirs())
                if not first_ours:
                    ours.append(run_ours())
    cells = [name, shown(ours, 0), shown(ours, 1)]
    if peer:
        cells += [shown(theirs, 0), shown(theirs, 1)]
        cells += [ratio(ours, theirs, 0), ratio(ours, theirs, 1)]
    else:
        cells += ["not installed", "-", "-", "-"]
    return "| " + " | ".join(cells) + " |"


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="200,1000,3000,10000", help="synthetic map sizes")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of runs per map (median)")
    parser.add_argument("--no-bundled", action="store_true", help="leave out the bundled map")
    parser.add_argument("--jobs", type=int, help="argmap build -j (default: argmap's own)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a run fails")
    parser.add_argument(
        "--read",
        action="store_true",
        help="compare reading the Argdown file: argmap check beside argdown json",
    )
    args = parser.parse_args()
    # An installed package has its bytecode; compile it once, as the first run there would.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "argmap", quiet=1)
    version = argdown_version()
    peer = version is not None
    print(f"argdown: {version or 'not installed (bash bench/peers/argdown/setup.sh)'}")
    print(load_line())
    print()
    ours, theirs = ("check", "json") if args.read else ("build", "map -f svg")
    print(
        f"| map | argmap {ours} wall s | CPU s | argdown {theirs} wall s | CPU s "
        "| ratio wall | ratio CPU |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        maps: list[tuple[str, Path, Path]] = []
        if not args.no_bundled:
            bundled = Path(tmp, "bundled.argdown")
            to_argdown(ROOT / "claims", bundled)
            maps.append(("bundled", ROOT / "claims", bundled))
        for n in (int(s) for s in args.sizes.split(",") if s):
            directory, argdown = make_map(Path(tmp), n)
            maps.append((f"{n:,} claims", directory, argdown))
        for name, directory, argdown in maps:
            print(measure(name, directory, argdown, args, peer), flush=True)
    print()
    print(load_line())


if __name__ == "__main__":
    main()
