"""Benchmark of the core pipeline on synthetic maps: load + validate, DOT + Markdown, dot layout.

Run: .venv/bin/python bench/bench_core.py [--sizes 100,1000,2000,10000] [--layout-max 2000]

Prints, per size, the time of each step of ``argmap build``: check (load + validate),
evaluation, DOT and Markdown of every artifact, Graphviz's layout of every map, and the
post-processing that makes its SVG inline-ready and checks it. Then argmap's own work as a
ratio of the layout time: ``own/layout`` counts check, evaluation, DOT and Markdown, and
``+SVG/layout`` also the SVG post-processing, both against one Graphviz process per map;
``batched`` is the layout as the build runs it, ``BATCH`` maps to a process, and
``+SVG/batched`` argmap's own work (post-processing included) against it. Each figure is the median of ``--repeat``
runs (a ratio, the median of the runs' ratios), each run a new process, so no cache makes
a later run look faster. Every step runs on one core (Linux), which steadies the figures;
on a shared machine they still vary by a tenth or more from run to run. Nothing is
asserted: the figures are for reading.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from argmap.backend import run_dot, run_dot_many
from argmap.build import BATCH, graph_id, make_artifacts, plan_artifacts
from argmap.check import check_paths
from argmap.diagnostics import Severity
from argmap.evaluate import evaluate_map
from argmap.render.svg import postprocess_svg

WORDS = [
    "model",
    "world",
    "scaling",
    "text",
    "video",
    "physics",
    "data",
    "compute",
    "thesis",
    "claim",
    "evidence",
    "lab",
    "research",
]


def write_map(directory: Path, n: int, seed: int = 1) -> None:
    """A synthetic map of n claims in 10 files: one thesis per 100 claims, a random tree of
    supports and attacks below each, plus cross links between the trees."""
    rnd = random.Random(seed)
    n_theses = max(1, n // 100)
    files: list[list[str]] = [[] for _ in range(10)]
    for i in range(n):
        cid = f"c{i}"
        lines = [f"  - id: {cid}"]
        if i < n_theses:
            lines.append("    kind: thesis")
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 30)))
        lines.append(f"    text: {text.capitalize()}.")
        lines.append(f"    tags: [{rnd.choice(WORDS)}]")
        if i >= n_theses:
            # Each claim argues within its thesis's block (claims i with the same i % n_theses),
            # as in a real map where theses have their own reasons, with 20% cross links
            # to a claim of another block.
            block = list(range(i % n_theses, i, n_theses))[-50:]
            targets = {rnd.choice(block)}
            if rnd.random() < 0.2:
                targets.add(rnd.randrange(0, i))
            kind = "supports" if rnd.random() < 0.6 else "attacks"
            lines.append(f"    {kind}: [{', '.join(f'c{t}' for t in sorted(targets))}]")
        files[i % 10].append("\n".join(lines))
    for k, claims in enumerate(files):
        (directory / f"part{k}.yaml").write_text("claims:\n" + "\n".join(claims) + "\n", "utf-8")


def run_once(directory: str) -> dict[str, float]:
    """Check, evaluate and render the map in ``directory`` once, in this process, as
    ``argmap build`` does; the DOT texts are written next to it for the layout step."""
    start = time.perf_counter()
    checked = check_paths([directory])
    t_load = time.perf_counter() - start
    amap = checked.amap
    start = time.perf_counter()
    evaluation = evaluate_map(amap)
    t_eval = time.perf_counter() - start
    start = time.perf_counter()
    # Every artifact of a build (thesis maps and summaries, comparisons, the overview, the
    # index), with the maps as DOT text: what the build computes before running Graphviz.
    files = make_artifacts(plan_artifacts(amap, evaluation, dot_only=True))
    t_render = time.perf_counter() - start
    out = Path(directory, "dot")
    out.mkdir(exist_ok=True)
    for name, data in files.items():
        if name.endswith(".dot"):
            (out / name).write_bytes(data)
    return {
        "load": t_load,
        "eval": t_eval,
        "render": t_render,
        "claims": len(amap.claims),
        "relations": len(amap.relations),
        "errors": sum(d.severity is Severity.ERROR for d in checked.diagnostics),
    }


def lay_out(directory: Path) -> tuple[float, float, float]:
    """Lay out every DOT file of a run with Graphviz, then make its SVG inline-ready as the
    build does: the time of ``dot`` itself, one process per map, and of argmap's
    post-processing; then the time of ``dot`` as the build runs it, ``BATCH`` maps to a
    process (a process costs about 20 ms to start, a sub-map about 2 ms to lay out)."""
    t_layout = t_post = 0.0
    sources = []
    for path in sorted(directory.glob("*.dot")):
        source = path.read_text("utf-8")
        sources.append(source)
        start = time.perf_counter()
        raw = run_dot(source, "svg").decode("utf-8")
        t_layout += time.perf_counter() - start
        start = time.perf_counter()
        postprocess_svg(raw, graph_id(path.stem), path.stem)
        t_post += time.perf_counter() - start
    start = time.perf_counter()
    for first in range(0, len(sources), BATCH):
        run_dot_many(sources[first : first + BATCH])
    return t_layout, t_post, time.perf_counter() - start


def measure(n: int, repeat: int, layout: bool) -> str:
    """One row of the table: the figures for a map of n claims.

    Each repetition runs argmap in a new process, then (up to 2,000 claims by default)
    Graphviz on its output, so that the ratios compare runs made at the same moment.
    """
    with tempfile.TemporaryDirectory() as tmp:
        write_map(Path(tmp), n)
        runs = []
        for _ in range(repeat):
            done = subprocess.run(
                [sys.executable, __file__, "--run-once", tmp],
                check=True,
                capture_output=True,
                text=True,
            )
            run = json.loads(done.stdout)
            if run["errors"]:
                raise SystemExit(f"the synthetic map of {n} claims has errors")
            run["own"] = run["load"] + run["eval"] + run["render"]
            if layout:
                run["layout"], run["post"], run["batched"] = lay_out(Path(tmp, "dot"))
                run["ratio"] = run["own"] / run["layout"]
                run["ratio+"] = (run["own"] + run["post"]) / run["layout"]
                run["batched+"] = (run["own"] + run["post"]) / run["batched"]
            runs.append(run)

        def median(key: str) -> float:
            return statistics.median(run[key] for run in runs)

        row = (
            f"{n:>7} {runs[0]['relations']:>9} {median('load'):13.3f}s {median('eval'):7.3f}s "
            f"{median('render'):7.3f}s"
        )
        if not layout:
            return f"{row} {'-':>9} {'skipped':>10} {'-':>10} {'-':>11} {'-':>8} {'-':>12}"
        return (
            f"{row} {median('post'):8.3f}s {median('layout'):9.2f}s {median('ratio'):10.3f} "
            f"{median('ratio+'):11.3f} {median('batched'):7.2f}s {median('batched+'):12.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,2000,10000")
    parser.add_argument("--layout-max", type=int, default=2000, help="largest size to lay out")
    parser.add_argument("--repeat", type=int, default=3, help="cold runs per size (median)")
    parser.add_argument("--run-once", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity") and not args.run_once:
        # Every step, Graphviz included, runs on the same one core (the last, which on a
        # small machine sees fewer interrupts): the figures vary less from run to run.
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    if args.run_once:
        print(json.dumps(run_once(args.run_once)))
        return
    print(
        f"{'claims':>7} {'relations':>9} {'load+validate':>14} {'eval':>8} {'DOT+MD':>8} "
        f"{'SVG post':>9} {'dot layout':>10} {'own/layout':>10} {'+SVG/layout':>11} "
        f"{'batched':>8} {'+SVG/batched':>12}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        print(measure(n, args.repeat, n <= args.layout_max), flush=True)


if __name__ == "__main__":
    main()
