"""Benchmark of the core pipeline on synthetic maps: load + validate, DOT + Markdown, dot layout.

Run: .venv/bin/python bench/bench_core.py [--sizes 100,1000,2000,10000] [--layout-max 2000]

Prints, per size, the time of each step and argmap's own share of the total (everything
but the Graphviz layout). Nothing is asserted: the figures are for reading.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from argmap.backend import run_dot
from argmap.build import graph_id
from argmap.diagnostics import Diagnostic
from argmap.evaluate import evaluate_map
from argmap.read import load_paths
from argmap.read.result import LoadResult
from argmap.render.dot import render_dot
from argmap.render.markdown import render_markdown
from argmap.structure import thesis_map
from argmap.validate import validate_map

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


T = TypeVar("T")


def timed(func: Callable[[], T], repeat: int) -> tuple[float, T]:
    """Median time of ``repeat`` runs, and the last result."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(n: int, repeat: int, layout: bool) -> str:
    """One row of the table: the figures for a map of n claims."""
    with tempfile.TemporaryDirectory() as tmp:
        write_map(Path(tmp), n)

        def load() -> tuple[LoadResult, list[Diagnostic]]:
            result = load_paths([tmp])
            return result, validate_map(result.amap, result.spans)

        t_load, (loaded, _) = timed(load, repeat)
        amap = loaded.amap
        t_eval, evaluation = timed(lambda: evaluate_map(amap), repeat)

        def render_all() -> list[str]:
            dots = [render_dot(amap, evaluation, graph_id="am-overview")]
            for thesis in amap.theses:
                sub = thesis_map(amap, thesis.id)
                dots.append(render_dot(sub, evaluation, graph_id=graph_id(thesis.id)))
                render_markdown(amap, thesis.id, evaluation)
            return dots

        t_render, dots = timed(render_all, repeat)
        own = t_load + t_eval + t_render
        if layout:
            t_layout, _ = timed(lambda: [run_dot(d, "svg") for d in dots], 1)
            tail = f"{t_layout:10.2f}s {own / (own + t_layout):12.1%} {own / t_layout:10.3f}"
        else:
            tail = f"{'skipped':>11} {'-':>13} {'-':>10}"
        return (
            f"{n:>7} {len(amap.relations):>9} {t_load:13.3f}s {t_eval:7.3f}s "
            f"{t_render:7.3f}s {tail}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,2000,10000")
    parser.add_argument("--layout-max", type=int, default=2000, help="largest size to lay out")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'claims':>7} {'relations':>9} {'load+validate':>14} {'eval':>8} {'DOT+MD':>8} "
        f"{'dot layout':>11} {'argmap share':>13} {'own/layout':>10}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        print(measure(n, args.repeat, n <= args.layout_max), flush=True)


if __name__ == "__main__":
    main()
