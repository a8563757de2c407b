"""Building a map's artifacts: per-thesis SVG maps and summaries, an overview and an index page."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argmap.artifacts import Artifact as Artifact
from argmap.artifacts import _once
from argmap.artifacts import default_jobs as default_jobs
from argmap.artifacts import make_artifacts as make_artifacts
from argmap.backend import run_dot_many
from argmap.check import CheckResult, check_paths
from argmap.compare import Comparison, compare_theses, comparison_pairs
from argmap.diagnostics import Diagnostic
from argmap.errors import DataError
from argmap.evaluate import Evaluation, EvaluationSettings, evaluate_or_unscored
from argmap.model import ArgumentMap
from argmap.output import write_tree
from argmap.render import RENDER_FORMATS as RENDER_FORMATS
from argmap.render.artifact import render_artifact as render_artifact
from argmap.render.compare import comparison_title, render_compare_dot
from argmap.render.compare_page import render_compare_markdown
from argmap.render.dot import Linker, Verdicts, render_dot
from argmap.render.html import OVERVIEW, render_html_page
from argmap.render.markdown import render_index, render_markdown
from argmap.render.svg import describe_dot, postprocess_svg, svg_from_dot
from argmap.render.text import anchor, comparison_stem, map_title, thesis_stem
from argmap.render.view import (
    COMPARE_BUDGET,
    MapView,
    More,
    describe_map,
    graph_id,
    plan_views,
    sub_map,
    top_view,
)
from argmap.structure import stances, thesis_map

Progress = Callable[[str], None]
#: Maps laid out by one Graphviz process: starting ``dot`` costs about 20 ms of CPU, laying
#: out a sub-map about 2 ms, so a batch of 64 spends a seventh of its time starting. A
#: build of fewer maps still has four batches, so that a parallel build keeps cores busy.
BATCH = 64
MIN_BATCH = 16


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


#: More artifacts of a build: made of the map, its evaluation and the map its maps draw.
ExtraArtifacts = Callable[[ArgumentMap, Evaluation | None, ArgumentMap], list[Artifact]]


@dataclass(frozen=True)
class _Drawing:
    """One map of a build: its file's stem, its SVG's id and title, and its DOT text."""

    name: str
    graph_id: str
    title: str
    dot: Callable[[], str]
    cost: int


def plan_artifacts(
    amap: ArgumentMap,
    evaluation: Evaluation | None,
    *,
    dot_only: bool = False,
    extra: ExtraArtifacts | None = None,
    legend: bool = True,
    drawn: ArgumentMap | None = None,
) -> list[Artifact]:
    """The artifacts of a build, in the order they are made.

    Every map a page embeds stays legible in an 800 px column: a thesis's map shows its
    top, and "n more →" nodes open the maps of the rest (see
    :func:`argmap.render.view.plan_views`); the overview is an index of those maps.
    With ``dot_only`` the maps come as DOT text (``.dot``) instead of SVG, which needs no
    Graphviz and is byte-stable across Graphviz versions (the golden tests use it).
    Without ``legend`` the maps have none. The maps are laid out in batches, several by
    one Graphviz process (see :func:`argmap.backend.run_dot_many`). ``drawn`` is the map
    the maps draw, when it is not ``amap`` itself (an Argdown map as Argdown draws it, see
    :meth:`argmap.read.result.LoadResult.drawn`); the pages describe ``amap``.
    """
    base = amap if drawn is None else drawn
    # Each claim's home page: that of the first thesis it bears on (hence reversed).
    home = {c: thesis_stem(t.id) for t in reversed(amap.theses) for c in stances(amap, t.id)}
    verdicts = None if evaluation is None else Verdicts(amap, evaluation)

    def drawing(view: MapView, link: Linker, rankdir: str) -> _Drawing:
        def dot() -> str:
            shown = sub_map(base, view.claims)
            return render_dot(
                shown,
                evaluation,
                link=link,
                graph_id=view.graph_id,
                title=view.title,
                legend=legend,
                more=view.more,
                description=describe_map(shown, evaluation, view.more),
                rankdir=rankdir,
                whole=amap,
                verdicts=verdicts,
            )

        return _Drawing(view.name, view.graph_id, view.title, dot, len(view.claims))

    def summary(tid: str) -> Artifact:
        stem = thesis_stem(tid)

        def make() -> bytes:
            leaves_out = base is not amap and len(thesis_map(base, tid).claims) < len(
                thesis_map(amap, tid).claims
            )
            text = render_markdown(
                amap,
                tid,
                evaluation,
                map_image=f"{stem}.svg",
                index_link="index.md",
                drawn_as_argdown=leaves_out,
            )
            return text.encode("utf-8")

        return Artifact(f"{stem}.md", make)

    def summary_link(tid: str) -> Linker:
        stem = thesis_stem(tid)
        return lambda cid: f"{stem}.md#{anchor(cid)}"

    def overview_link(cid: str) -> str:
        return f"{home[cid]}.md#{anchor(cid)}" if cid in home else f"index.md#{anchor(cid)}"

    pairs = comparison_pairs(amap)
    tops = {pair: top_view(base, evaluation, pair, budget=COMPARE_BUDGET) for pair in pairs}
    linked = [m for _, more in tops.values() for m in more]
    views, overview = plan_views(base, evaluation, map_title(amap), linked)
    maps = [drawing(v, summary_link(v.thesis), "BT") for v in views if v.thesis is not None]
    maps += [drawing(v, overview_link, "BT") for v in views if v.thesis is None]
    maps.append(drawing(overview, overview_link, "LR"))
    # The artifacts of the maps, in the order of ``maps``: theses (each followed by its
    # summary), branches, the overview, with the comparisons before the overview.
    laid_out = iter(_draw_all(maps, dot_only))
    artifacts = []
    for view in views:
        if view.thesis is not None:
            artifacts += [next(laid_out), summary(view.thesis)]
    artifacts += [next(laid_out) for view in views if view.thesis is None]
    for a, b in pairs:
        artifacts += _comparison_artifacts(
            amap,
            (a, b),
            tops[a, b],
            evaluation,
            overview_link,
            dot_only=dot_only,
            legend=legend,
            drawn=base,
        )
    artifacts.append(next(laid_out))
    artifacts.append(
        Artifact(
            "index.md",
            lambda: render_index(
                amap,
                evaluation,
                overview="overview.svg",
                comparisons=comparison_pairs(amap),
                drawn_as_argdown=len(base.claims) < len(amap.claims),
            ).encode("utf-8"),
        )
    )
    if extra is not None:
        artifacts += extra(amap, evaluation, base)
    _refuse_clashes(artifacts)
    return artifacts


def _refuse_clashes(artifacts: Sequence[Artifact]) -> None:
    """Refuse a build two of whose files would take one name (or names that differ only in
    case, one file on case-insensitive file systems), rather than lose one of them."""
    seen: dict[str, str] = {}
    for artifact in artifacts:
        key = artifact.path.casefold()
        if key in seen:
            first = seen[key]
            same = "the same name" if first == artifact.path else f"{first!r} and {artifact.path!r}"
            raise DataError(
                f"the build would write two files named {artifact.path!r} ({same}): "
                "rename one of the claims whose ids name them"
            )
        seen[key] = artifact.path


def _draw_all(maps: Sequence[_Drawing], dot_only: bool) -> list[Artifact]:
    """An artifact for each map, in order; the maps are laid out in batches of consecutive
    maps, each batch by one Graphviz process, when its first map is asked for."""
    size = max(MIN_BATCH, min(BATCH, -(-len(maps) // 4)))
    artifacts = []
    for start in range(0, len(maps), size):
        artifacts += _draw_batch(maps[start : start + size], dot_only)
    return artifacts


def _draw_batch(group: Sequence[_Drawing], dot_only: bool) -> list[Artifact]:
    """The artifacts of the maps of ``group``, laid out by one Graphviz process."""
    ext = "dot" if dot_only else "svg"

    def make_all() -> list[bytes]:
        dots = [m.dot() for m in group]
        if dot_only:
            return [dot.encode("utf-8") for dot in dots]
        return [
            postprocess_svg(
                raw.decode("utf-8"),
                m.graph_id,
                m.title,
                description=describe_dot(dot),
                standalone=True,
            ).encode("utf-8")
            for m, dot, raw in zip(group, dots, run_dot_many(dots), strict=True)
        ]

    made = _once(make_all)
    cost = sum(m.cost for m in group)
    return [
        Artifact(f"{m.name}.{ext}", functools.partial(lambda i: made()[i], i), cost, made)
        for i, m in enumerate(group)
    ]


def _compare(amap: ArgumentMap, a: str, b: str, evaluation: Evaluation | None) -> Comparison:
    """Compare on the build's own evaluation, so maps, pages and cruxes agree."""
    return compare_theses(amap, a, b, evaluation=evaluation)


def _comparison_artifacts(
    amap: ArgumentMap,
    pair: tuple[str, str],
    top: tuple[frozenset[str], tuple[More, ...]],
    evaluation: Evaluation | None,
    link: Linker,
    *,
    dot_only: bool,
    legend: bool = True,
    drawn: ArgumentMap | None = None,
) -> list[Artifact]:
    """The side-by-side map and the Markdown page of one pair of theses, sharing one comparison;
    ``top`` is what the map shows (see :func:`argmap.render.view.top_view`) of ``drawn``.

    The map is laid out by a Graphviz process of its own: after other graphs, Graphviz
    may order its two clusters the other way round.
    """
    a, b = pair
    name = comparison_stem(a, b)
    gid = graph_id(f"compare-{a}-{b}")
    title = f"{map_title(amap)}: {comparison_title(amap, a, b)}"
    found = _once(lambda: _compare(amap, a, b, evaluation))

    def drawing() -> bytes:
        shown, more = top
        dot = render_compare_dot(
            amap if drawn is None else drawn,
            found(),
            evaluation,
            graph_id=gid,
            link=link,
            title=title,
            shown=shown,
            more=more,
            legend=legend,
        )
        made = dot if dot_only else svg_from_dot(dot, gid, title, standalone=True)
        return made.encode("utf-8")

    def page() -> bytes:
        text = render_compare_markdown(
            amap, found(), map_image=f"{name}.svg", index_link="index.md"
        )
        return text.encode("utf-8")

    return [
        Artifact(f"{name}.{'dot' if dot_only else 'svg'}", drawing, len(amap.claims)),
        Artifact(f"{name}.md", page),
    ]


def build_map(
    amap: ArgumentMap,
    out_dir: str | os.PathLike[str],
    *,
    evaluation: Evaluation | None = None,
    progress: Progress | None = None,
    extra: ExtraArtifacts | None = None,
    jobs: int = 1,
    legend: bool = True,
    drawn: ArgumentMap | None = None,
) -> list[Path]:
    """Render every artifact of a checked map, then write them all.

    Nothing is written until every artifact has rendered, and each file is replaced
    atomically, so a failed or interrupted build leaves the old output intact. With
    ``jobs`` above 1, that many Graphviz layouts run at once (see :func:`make_artifacts`).
    """
    built = None if progress is None else lambda path: progress(f"built {Path(out_dir) / path}")
    files = make_artifacts(
        plan_artifacts(amap, evaluation, extra=extra, legend=legend, drawn=drawn),
        built,
        jobs=jobs,
    )
    return write_tree(out_dir, files)


def build_paths(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    sources_dir: str | os.PathLike[str] | None = None,
    settings: EvaluationSettings | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    evaluate: bool = True,
    extra: ExtraArtifacts | None = None,
    jobs: int = 1,
    legend: bool = True,
    full_detail: bool = False,
) -> BuildResult:
    """Check a map and, when it has no errors, build its artifacts into ``out_dir``.

    Args:
        paths: Claim files or directories.
        out_dir: The output directory.
        fmt: Force the input format.
        sources_dir: A directory of source texts to verify quotes against.
        settings: The reading to evaluate under (default: the reader's proof standards).
        strict: Refuse to build on warnings too.
        progress: Called with a line for each file made.
        evaluate: Whether to evaluate the map at all.
        extra: More artifacts to make (the HTML pages).
        jobs: How many Graphviz layouts to run at once.
        legend: Whether the maps have a legend.
        full_detail: Draw every claim of an Argdown map, not only what Argdown draws.

    Returns:
        The build result; ``written`` is empty when the check failed.
    """
    check = check_paths(paths, fmt=fmt, sources_dir=sources_dir)
    result = BuildResult(check)
    if check.failed(strict=strict):
        return result
    if evaluate:
        result.evaluation = evaluate_or_unscored(check.amap, settings or EvaluationSettings())
    result.written = build_map(
        check.amap,
        out_dir,
        evaluation=result.evaluation,
        progress=progress,
        extra=extra,
        jobs=jobs,
        legend=legend,
        drawn=check.load.drawn(full_detail=full_detail),
    )
    return result


def html_artifacts(
    amap: ArgumentMap, evaluation: Evaluation | None, drawn: ArgumentMap | None = None
) -> list[Artifact]:
    """The standalone pages of a build: one per thesis (``<thesis>.html``) and ``overview.html``;
    their maps draw ``drawn`` when it is given."""

    def page(thesis_id: str | None) -> Callable[[], bytes]:
        return lambda: render_html_page(amap, evaluation, thesis_id, drawn=drawn).encode("utf-8")

    artifacts = [
        Artifact(f"{thesis_stem(t.id)}.html", page(t.id), len(thesis_map(amap, t.id).claims))
        for t in amap.theses
    ]
    artifacts.append(Artifact(f"{OVERVIEW}.html", page(None), len(amap.claims)))
    return artifacts
