"""Building a map's artifacts: per-thesis SVG maps and summaries, an overview and an index page."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from argmap.backend import run_dot
from argmap.check import CheckResult, check_paths
from argmap.compare import Comparison, compare_theses, comparison_pairs
from argmap.diagnostics import Diagnostic
from argmap.errors import UsageError
from argmap.evaluate import DEFAULT_SUPPORT, GRADUAL_SEMANTICS, Evaluation, evaluate_map
from argmap.gcpause import paused_gc
from argmap.model import ArgumentMap
from argmap.output import write_tree
from argmap.render.compare import comparison_title, render_compare_dot, render_compare_markdown
from argmap.render.dot import Linker, render_dot
from argmap.render.html import OVERVIEW, render_html_page
from argmap.render.markdown import render_index, render_markdown
from argmap.render.svg import svg_from_dot
from argmap.render.text import anchor, clean, comparison_stem, map_title
from argmap.render.view import graph_id
from argmap.structure import stances, thesis_map

Progress = Callable[[str], None]


@dataclass
class Artifact:
    """One output file: its path relative to the output directory, and how to make its bytes."""

    path: str
    make: Callable[[], bytes]
    #: A rough measure of the work of making it (the claims a map draws): a parallel build
    #: starts the costliest first, so that no long layout is left to run alone at the end.
    cost: int = 0


@dataclass
class BuildResult:
    """What a build did: the diagnostics of the check, the files written, and the evaluation."""

    check: CheckResult
    written: list[Path] = field(default_factory=list)
    evaluation: Evaluation | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The check's diagnostics."""
        return self.check.diagnostics


ExtraArtifacts = Callable[[ArgumentMap, Evaluation | None], list[Artifact]]


def plan_artifacts(
    amap: ArgumentMap,
    evaluation: Evaluation | None,
    *,
    dot_only: bool = False,
    extra: ExtraArtifacts | None = None,
) -> list[Artifact]:
    """The artifacts of a build, in the order they are made.

    With ``dot_only`` the maps come as DOT text (``.dot``) instead of SVG, which needs no
    Graphviz and is byte-stable across Graphviz versions (the golden tests use it).
    """
    home: dict[str, str] = {}
    for thesis in amap.theses:
        for cid in stances(amap, thesis.id):
            home.setdefault(cid, thesis.id)

    def drawing(name: str, shown: ArgumentMap, title: str, link: Linker) -> Artifact:
        gid = graph_id(name)

        def make() -> bytes:
            dot = render_dot(shown, evaluation, link=link, graph_id=gid, title=title)
            return (dot if dot_only else svg_from_dot(dot, gid, title)).encode("utf-8")

        return Artifact(f"{name}.{'dot' if dot_only else 'svg'}", make, len(shown.claims))

    def summary(tid: str) -> Artifact:
        def make() -> bytes:
            text = render_markdown(
                amap, tid, evaluation, map_image=f"{tid}.svg", index_link="index.md"
            )
            return text.encode("utf-8")

        return Artifact(f"{tid}.md", make)

    def summary_link(tid: str) -> Linker:
        return lambda cid: f"{tid}.md#{anchor(cid)}"

    artifacts = []
    for thesis in amap.theses:
        title = f"{map_title(amap)}: {clean(thesis.label or thesis.text)}"
        artifacts.append(
            drawing(thesis.id, thesis_map(amap, thesis.id), title, summary_link(thesis.id))
        )
        artifacts.append(summary(thesis.id))

    def overview_link(cid: str) -> str:
        return f"{home[cid]}.md#{anchor(cid)}" if cid in home else f"index.md#{anchor(cid)}"

    for a, b in comparison_pairs(amap):
        artifacts += _comparison_artifacts(amap, a, b, evaluation, overview_link, dot_only=dot_only)
    artifacts.append(drawing("overview", amap, f"{map_title(amap)}: overview", overview_link))
    artifacts.append(
        Artifact(
            "index.md",
            lambda: render_index(
                amap, evaluation, overview="overview.svg", comparisons=comparison_pairs(amap)
            ).encode("utf-8"),
        )
    )
    if extra is not None:
        artifacts += extra(amap, evaluation)
    return artifacts


def _compare(amap: ArgumentMap, a: str, b: str, evaluation: Evaluation | None) -> Comparison:
    """Compare under the build's own support reading and semantics, so map and cruxes agree."""
    if evaluation is None:
        return compare_theses(amap, a, b)
    first = [evaluation.gradual] if evaluation.gradual is not None else []
    return compare_theses(
        amap,
        a,
        b,
        support=evaluation.support,
        crux_semantics=evaluation.semantics,
        gradual=tuple(dict.fromkeys([*first, *GRADUAL_SEMANTICS])),
    )


def _comparison_artifacts(
    amap: ArgumentMap,
    a: str,
    b: str,
    evaluation: Evaluation | None,
    link: Linker,
    *,
    dot_only: bool,
) -> list[Artifact]:
    """The side-by-side map and the Markdown page of one pair of theses, sharing one comparison."""
    name = comparison_stem(a, b)
    gid = graph_id(f"compare-{a}-{b}")
    title = f"{map_title(amap)}: {comparison_title(amap, a, b)}"
    found = _once(lambda: _compare(amap, a, b, evaluation))

    def drawing() -> bytes:
        dot = render_compare_dot(amap, found(), evaluation, graph_id=gid, link=link, title=title)
        return (dot if dot_only else svg_from_dot(dot, gid, title)).encode("utf-8")

    def page() -> bytes:
        text = render_compare_markdown(
            amap, found(), map_image=f"{name}.svg", index_link="index.md"
        )
        return text.encode("utf-8")

    return [
        Artifact(f"{name}.{'dot' if dot_only else 'svg'}", drawing, len(amap.claims)),
        Artifact(f"{name}.md", page),
    ]


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


def build_map(
    amap: ArgumentMap,
    out_dir: str | os.PathLike[str],
    *,
    evaluation: Evaluation | None = None,
    progress: Progress | None = None,
    extra: ExtraArtifacts | None = None,
    jobs: int = 1,
) -> list[Path]:
    """Render every artifact of a checked map, then write them all.

    Nothing is written until every artifact has rendered, and each file is replaced
    atomically, so a failed or interrupted build leaves the old output intact. With
    ``jobs`` above 1, that many Graphviz layouts run at once (see :func:`make_artifacts`).
    """
    built = None if progress is None else lambda path: progress(f"built {Path(out_dir) / path}")
    files = make_artifacts(plan_artifacts(amap, evaluation, extra=extra), built, jobs=jobs)
    return write_tree(out_dir, files)


def default_jobs() -> int:
    """How many artifacts a build makes at once by default: one per CPU, at most 8."""
    cpus = os.process_cpu_count() if hasattr(os, "process_cpu_count") else os.cpu_count()
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
            costliest = sorted(range(len(artifacts)), key=lambda i: -artifacts[i].cost)
            futures = {i: pool.submit(artifacts[i].make) for i in costliest}
            made = (futures[i].result() for i in range(len(artifacts)))
            _collect(artifacts, made, files, built)
        finally:
            # On a failure, the artifacts not yet started are dropped, not made.
            pool.shutdown(wait=True, cancel_futures=True)
    return files


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


def build_paths(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    sources_dir: str | os.PathLike[str] | None = None,
    semantics: str = "grounded",
    gradual: str | None = "dfquad",
    support: str = DEFAULT_SUPPORT,
    strict: bool = False,
    progress: Progress | None = None,
    evaluate: bool = True,
    extra: ExtraArtifacts | None = None,
    jobs: int = 1,
) -> BuildResult:
    """Check a map and, when it has no errors, build its artifacts into ``out_dir``.

    Returns:
        The build result; ``written`` is empty when the check failed.
    """
    check = check_paths(paths, fmt=fmt, sources_dir=sources_dir)
    result = BuildResult(check)
    if check.failed(strict=strict):
        return result
    if evaluate:
        result.evaluation = evaluate_map(
            check.amap, semantics=semantics, support=support, gradual=gradual
        )
    result.written = build_map(
        check.amap,
        out_dir,
        evaluation=result.evaluation,
        progress=progress,
        extra=extra,
        jobs=jobs,
    )
    return result


def html_artifacts(amap: ArgumentMap, evaluation: Evaluation | None) -> list[Artifact]:
    """The standalone pages of a build: one per thesis (``<thesis>.html``) and ``overview.html``."""

    def page(thesis_id: str | None) -> Callable[[], bytes]:
        return lambda: render_html_page(amap, evaluation, thesis_id).encode("utf-8")

    artifacts = [
        Artifact(f"{t.id}.html", page(t.id), len(thesis_map(amap, t.id).claims))
        for t in amap.theses
    ]
    artifacts.append(Artifact(f"{OVERVIEW}.html", page(None), len(amap.claims)))
    return artifacts


RENDER_FORMATS = ("dot", "svg", "png", "pdf", "md")


def render_artifact(
    amap: ArgumentMap, fmt: str, *, thesis: str | None = None, evaluation: Evaluation | None = None
) -> bytes:
    """One artifact of a map: the whole map (or a thesis's sub-map) as DOT, SVG, PNG or PDF,
    or a thesis's Markdown summary.

    Raises:
        UsageError: Unknown format, unknown thesis, or Markdown asked without a thesis on a
            map with several.
    """
    if fmt not in RENDER_FORMATS:
        raise UsageError(f"unknown format {fmt!r}: expected one of {', '.join(RENDER_FORMATS)}")
    if fmt == "md":
        if thesis is None:
            if len(amap.theses) != 1:
                names = ", ".join(t.id for t in amap.theses) or "none"
                raise UsageError(
                    f"a Markdown summary is per thesis: choose one with --thesis ({names})"
                )
            thesis = amap.theses[0].id
        return render_markdown(amap, thesis, evaluation).encode("utf-8")
    shown = thesis_map(amap, thesis) if thesis is not None else amap
    gid = graph_id(thesis or "overview")
    title = map_title(amap)
    if thesis is not None:
        title += f": {clean(shown.claim(thesis).label or shown.claim(thesis).text)}"
    dot = render_dot(shown, evaluation, link=lambda c: f"#{anchor(c)}", graph_id=gid, title=title)
    if fmt == "dot":
        return dot.encode("utf-8")
    if fmt == "svg":
        return svg_from_dot(dot, gid, title).encode("utf-8")
    return run_dot(dot, fmt)
