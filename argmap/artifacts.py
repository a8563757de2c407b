"""Making a build's artifacts: each file's bytes, made once, several Graphviz layouts at once."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from argmap.errors import UsageError
from argmap.gcpause import paused_gc


@dataclass
class Artifact:
    """One output file: its path relative to the output directory, and how to make its bytes."""

    path: str
    make: Callable[[], bytes]
    #: A rough measure of the work of making it (the claims a map draws): a parallel build
    #: starts the costliest first, so that no long layout is left to run alone at the end.
    cost: int = 0
    #: Artifacts made together (maps laid out by one Graphviz process) share a group: a
    #: parallel build starts one of each group before any other, so that no thread waits
    #: on the work of another while there is work of its own to start.
    group: object | None = None


T = TypeVar("T")


def _once(make: Callable[[], T]) -> Callable[[], T]:
    """``make``, called at most once even from several threads; later calls get its value."""
    lock = threading.Lock()
    made: list[T] = []

    def get() -> T:
        with lock:
            if not made:
                made.append(make())
            return made[0]

    return get


def default_jobs() -> int:
    """How many artifacts a build makes at once by default: one per CPU this process may
    use (``taskset`` and container limits count), at most 8.

    Measured on 2 cores, two at once pay even on a busy machine: a build's Python work (DOT,
    Markdown) and Graphviz's layouts each take about half of a one-job build, and the second
    job runs one while the first waits on the other (see bench/bench_jobs.py).
    """
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        cpus = os.process_cpu_count()
    elif hasattr(os, "sched_getaffinity"):
        cpus = len(os.sched_getaffinity(0))
    else:
        cpus = os.cpu_count()
    return max(1, min(8, cpus or 1))


def make_artifacts(
    artifacts: Sequence[Artifact], built: Callable[[str], None] | None = None, *, jobs: int = 1
) -> dict[str, bytes]:
    """The bytes of each artifact, keyed by path; ``built`` is called with each path, in
    the artifacts' order, once its artifact is made.

    With ``jobs`` above 1 the artifacts are made by that many threads: Graphviz runs in a
    process of its own, so that many layouts run at once while Python renders the rest.
    The bytes are the same either way (every renderer is a pure function of the map).
    The cyclic garbage collector is paused meanwhile: rendering makes many short-lived
    objects that reference counting frees, and a map's claims and caches are alive
    throughout, so collections would only rescan them.

    Raises:
        UsageError: ``jobs`` is below 1.
        RenderError: An artifact failed (the first one, in order).
    """
    if jobs < 1:
        raise UsageError(f"jobs must be 1 or more, not {jobs}")
    files: dict[str, bytes] = {}
    with paused_gc():
        if jobs == 1 or len(artifacts) < 2:
            made: Iterable[bytes] = (artifact.make() for artifact in artifacts)
            _collect(artifacts, made, files, built)
            return files
        pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="argmap-build")
        try:
            futures = {i: pool.submit(artifacts[i].make) for i in _start_order(artifacts)}
            made = (futures[i].result() for i in range(len(artifacts)))
            _collect(artifacts, made, files, built)
        finally:
            # On a failure, the artifacts not yet started are dropped, not made.
            pool.shutdown(wait=True, cancel_futures=True)
    return files


def _start_order(artifacts: Sequence[Artifact]) -> list[int]:
    """The order a parallel build starts the artifacts in: the costliest first, and one of
    each group before the rest of its group (which it makes, so they only collect)."""
    costliest = sorted(range(len(artifacts)), key=lambda i: -artifacts[i].cost)
    seen: set[int] = set()
    leaders, followers = [], []
    for i in costliest:
        group = artifacts[i].group
        if group is not None and id(group) in seen:
            followers.append(i)
        else:
            leaders.append(i)
            if group is not None:
                seen.add(id(group))
    return leaders + followers


def _collect(
    artifacts: Sequence[Artifact],
    made: Iterable[bytes],
    files: dict[str, bytes],
    built: Callable[[str], None] | None,
) -> None:
    for artifact, data in zip(artifacts, made, strict=True):
        files[artifact.path] = data
        if built is not None:
            built(artifact.path)
