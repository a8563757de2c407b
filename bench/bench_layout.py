"""Benchmark of Graphviz layout and SVG post-processing as maps grow: split maps against whole ones.

Run: .venv/bin/python bench/bench_layout.py [--sizes 200,1000,2000] [--whole-max 1000]

For each size of the synthetic map of bench_core.py, prints: the layout time of the whole
map drawn as one DOT graph, with and without the invisible row-stacking edges argmap used
to add (``stack``: each claim one rank below the claim ``fan`` places before it on its
level), the layout time of every map of ``argmap build`` (split into legible sub-maps,
comparisons and the overview included), one Graphviz process per map and ``BATCH`` maps to
a process as the build runs them, and the SVG post-processing of those maps: the
one-pass scan the build uses against a full XML parse (``check_svg``). Each figure is the
median of ``--repeat`` runs; layout figures are Graphviz's CPU time (user + system), which
a busy machine inflates far less than wall time. Nothing is asserted: the figures are for
reading.
"""

from __future__ import annotations

import argparse
import math
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from argmap.backend import run_dot, run_dot_many
from argmap.build import BATCH, make_artifacts, plan_artifacts
from argmap.check import check_paths
from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap
from argmap.render.dot import render_dot
from argmap.render.svg import check_svg, postprocess_svg
from argmap.render.view import graph_id
from bench_core import write_map


def stacked(dot: str, amap: ArgumentMap) -> str:
    """The DOT text with the invisible row-stacking edges of earlier argmap versions."""
    incoming: dict[str, list[str]] = defaultdict(list)
    for rel in amap.relations:
        incoming[rel.target].append(rel.source)
    fan = max(3, math.ceil(math.sqrt(len(amap.claims)) / 2))
    has_parent = {s for sources in incoming.values() for s in sources}
    level = sorted(t for t in incoming if t not in has_parent)
    seen = set(level)
    extra = []
    while level:
        below: list[str] = []
        for target in level:
            for source in dict.fromkeys(incoming.get(target, ())):
                if source not in seen:
                    seen.add(source)
                    below.append(source)
        extra += [
            f'\t"{below[j]}" -> "{below[j - fan]}" [style=invis]\n' for j in range(fan, len(below))
        ]
        level = below
    head, _, tail = dot.rpartition("}")
    return head + "".join(extra) + "}" + tail


def timed(source: str) -> tuple[float, str]:
    """Graphviz's CPU time (user + system) on ``source``, and the SVG: on a shared machine
    CPU time, unlike wall time, does not count the waits for a core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    svg = run_dot(source, "svg").decode("utf-8")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), svg


def measure(n: int, repeat: int, whole: bool, stack: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        write_map(Path(tmp), n)
        amap = check_paths([tmp]).amap
        evaluation = evaluate_map(amap)
        dot = render_dot(amap, evaluation, legend=False)
        files = make_artifacts(plan_artifacts(amap, evaluation, dot_only=True))
        maps = {name: data.decode() for name, data in files.items() if name.endswith(".dot")}
        rows: dict[str, list[float]] = defaultdict(list)
        for _ in range(repeat):
            if whole:
                rows["plain"].append(timed(dot)[0])
            if stack:
                # 1,000 claims with the stacking edges: over Graphviz's 300 s limit.
                rows["stack"].append(timed(stacked(dot, amap))[0])
            layout = scan = parse = 0.0
            for name, source in maps.items():
                took, raw = timed(source)
                layout += took
                start = time.perf_counter()
                svg = postprocess_svg(raw, graph_id(name), name)
                scan += time.perf_counter() - start
                start = time.perf_counter()
                check_svg(svg)
                parse += time.perf_counter() - start
            rows["build"].append(layout)
            sources = list(maps.values())
            batched = 0.0
            for start in range(0, len(sources), BATCH):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                run_dot_many(sources[start : start + BATCH])
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                batched += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            rows["batched"].append(batched)
            rows["scan"].append(scan)
            rows["parse"].append(parse)

    def med(key: str) -> str:
        return f"{statistics.median(rows[key]):9.2f}s" if rows[key] else f"{'-':>10}"

    return (
        f"{n:>7} {med('stack')} {med('plain')} {len(maps):>5} {med('build')} {med('batched')} "
        f"{med('scan')} {med('parse')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="200,1000,2000")
    parser.add_argument("--whole-max", type=int, default=1000, help="largest whole map to lay out")
    parser.add_argument("--stack-max", type=int, default=500, help="largest map to stack")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'claims':>7} {'whole+stack':>10} {'whole':>10} {'maps':>5} {'build maps':>10} "
        f"{'batched':>10} "
        f"{'SVG scan':>10} {'XML parse':>10}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        print(measure(n, args.repeat, n <= args.whole_max, n <= args.stack_max), flush=True)


if __name__ == "__main__":
    main()
