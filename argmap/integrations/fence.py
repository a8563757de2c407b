"""The one function every docs integration calls to turn an ``argmap`` fence into HTML, and its
content-hash cache."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Mapping, MutableSet
from dataclasses import asdict, dataclass
from pathlib import Path

from argmap import __version__
from argmap.check import map_diagnostics
from argmap.diagnostics import Diagnostic, Severity, Span, sort_diagnostics
from argmap.errors import ArgmapError
from argmap.evaluate import Evaluation, evaluate_or_unscored, unscored_notes
from argmap.integrations.confine import check_confined, confined_files, inside
from argmap.integrations.options import FenceError, FenceOptions, FenceSpec, parse_fence
from argmap.model import ArgumentMap
from argmap.output import write_atomic
from argmap.read import load_text
from argmap.render.asset import stylesheet
from argmap.render.dot import render_dot
from argmap.render.records import claim_record, sources_html, status_phrase
from argmap.render.svg import svg_from_dot
from argmap.render.text import anchor, clean, escape_html, map_title
from argmap.render.view import graph_id
from argmap.structure import limit_depth, require_thesis, thesis_map

#: Code of the problems a fence itself has (as opposed to the claims it draws).
FENCE_CODE = "argmap-fence"
_RANKDIR = re.compile(r"\brankdir=\w+")


def fence_css() -> str:
    """The stylesheet of fence figures: layout, light and dark themes, the error box."""
    text = re.sub(r"/\*.*?\*/", "", stylesheet("fence.css"), flags=re.DOTALL)
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


@dataclass(frozen=True)
class FenceResult:
    """What a fence became: its HTML, the problems to report as build warnings, and the
    files it read (for rebuilds)."""

    html: str
    problems: tuple[str, ...] = ()
    failed: bool = False
    files: tuple[str, ...] = ()
    graph_id: str | None = None
    #: The directories among its claim paths: a file added to one changes the map.
    directories: tuple[str, ...] = ()


class FenceCache:
    """Rendered figures keyed by a hash of everything they depend on.

    Kept in memory (the most recent ``max_entries``) and, when ``directory`` is given, on
    disk too, so that a docs site rebuilds without running Graphviz for unchanged maps.
    """

    def __init__(
        self, directory: str | os.PathLike[str] | None = None, max_entries: int = 256
    ) -> None:
        self.directory = Path(directory) if directory is not None else None
        self.max_entries = max_entries
        self.hits = 0
        self.misses = 0
        self._memory: OrderedDict[str, str] = OrderedDict()

    def get(self, key: str) -> str | None:
        """The cached HTML for a key, if any."""
        found = self._memory.get(key)
        if found is None and self.directory is not None:
            path = self.directory / f"{key}.html"
            try:
                found = path.read_text("utf-8")
            except OSError:
                found = None
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._remember(key, found)
        return found

    def put(self, key: str, html: str) -> None:
        """Store the HTML for a key (on disk too when the cache has a directory)."""
        self._remember(key, html)
        if self.directory is not None:
            write_atomic(self.directory / f"{key}.html", html.encode("utf-8"))

    def _remember(self, key: str, html: str) -> None:
        self._memory[key] = html
        self._memory.move_to_end(key)
        while len(self._memory) > self.max_entries:
            self._memory.popitem(last=False)


DEFAULT_CACHE = FenceCache()
Resolver = Callable[[str], Path]


def _where(page: str, line: int | None, column: int = 0) -> str:
    return page if line is None else f"{page}:{line}:{1 + column}"


def error_box(lines: list[str]) -> str:
    """The box a fence that cannot be drawn shows instead: its problems, one a line."""
    body = escape_html_lines(lines)
    return (
        f'<div class="argmap-error" role="alert"><style>{fence_css()}</style>'
        f"<p><strong>argmap:</strong> this map could not be drawn.</p><pre>{body}</pre></div>\n"
    )


def escape_html_lines(lines: list[str]) -> str:
    """Lines of text for a ``<pre>`` element: each escaped, joined with newlines."""
    return "\n".join(escape_html(line) for line in lines)


def _load(
    spec: FenceSpec, page: str, line: int | None, resolve: Resolver, root: Path, column: int = 0
) -> tuple[ArgumentMap, list[Diagnostic], tuple[str, ...], ArgumentMap]:
    """The map, its diagnostics, the files it was read from, and the map to draw."""
    if spec.paths:
        resolved = [resolve(p) for p in spec.paths]
        check = check_confined(confined_files(spec.paths, resolved, root), root)
        files = tuple(sorted({str(k[1]) for k in check.load.spans.spans if k[0] == "file"}))
        drawn = check.load.drawn(full_detail=spec.options.full_detail)
        return check.amap, check.diagnostics, files, drawn
    load = load_text(spec.yaml, page, fmt="yaml")
    diags = map_diagnostics(load)
    shift = (line or 0) + spec.yaml_line - 1
    moved = [
        Diagnostic(
            Span(page, d.span.line + shift, d.span.col + column), d.severity, d.code, d.message
        )
        if d.span.path == page
        else d
        for d in diags
    ]
    return load.amap, sort_diagnostics(moved), (), load.amap


def _shown(amap: ArgumentMap, options: FenceOptions) -> tuple[ArgumentMap, str]:
    """The part of the map to draw, and its title (the caption goes under the figure)."""
    title = map_title(amap)
    shown = amap
    if options.thesis is not None:
        require_thesis(amap, options.thesis)
        shown = thesis_map(amap, options.thesis)
        thesis = shown.claim(options.thesis)
        title = f"{title}: {clean(thesis.label or thesis.text)}"
    if options.depth is not None:
        roots = [options.thesis] if options.thesis else [t.id for t in amap.theses]
        shown = limit_depth(shown, roots, options.depth)
    return shown, title


def content_key(amap: ArgumentMap, options: FenceOptions, drawn: ArgumentMap | None = None) -> str:
    """The hash a figure is cached under: the map's content (and what of it is drawn), the
    options and argmap's version."""
    document = {
        "argmap": __version__,
        "map": amap.model_dump(mode="json"),
        "options": asdict(options),
    }
    if drawn is not None and drawn is not amap:
        document["drawn"] = drawn.model_dump(mode="json")
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode("utf-8")).hexdigest()


def _figure(
    amap: ArgumentMap,
    options: FenceOptions,
    evaluation: Evaluation | None,
    gid: str,
    key: str,
    drawn: ArgumentMap,
) -> str:
    shown, title = _shown(drawn, options)
    details = options.details

    def link(claim_id: str) -> str | None:
        if options.link_none:
            return None
        if options.link is not None:
            return options.link.format(id=claim_id, anchor=anchor(claim_id))
        return f"#{gid}-{anchor(claim_id)}-text" if details else f"#{anchor(claim_id)}"

    # A map without a title draws none: "Argument map" above a figure in a page says nothing
    # (its caption goes under it). The SVG is still named, by the caption if there is one.
    drawn_title = title if amap.meta.title else ""
    name = title if amap.meta.title or not options.caption else clean(options.caption)
    dot = render_dot(shown, evaluation, link=link, graph_id=gid, title=drawn_title, whole=amap)
    if options.direction != "BT":
        dot = _RANKDIR.sub(f"rankdir={options.direction}", dot, count=1)
    svg = svg_from_dot(dot, gid, name)
    parts = [
        f'<figure class="argmap-figure argmap-theme-{options.theme}" id="{gid}-figure" '
        f'data-argmap-key="{key[:16]}"><style>{fence_css()}</style>',
        f'<div class="argmap-canvas">{svg.rstrip()}</div>',
    ]
    if options.caption:
        parts.append(f"<figcaption>{escape_html(options.caption)}</figcaption>")
    if details:
        parts.append(_details(shown, evaluation, gid))
    parts.append("</figure>")
    return "\n".join(parts) + "\n"


def _details(amap: ArgumentMap, evaluation: Evaluation | None, gid: str) -> str:
    items = []
    for claim in amap.claims:
        record = claim_record(amap, claim, evaluation)
        status = status_phrase(record)
        badge = f' <span class="argmap-status">{escape_html(status)}</span>' if status else ""
        text = f"<p>{escape_html(record['text'])}</p>" if record["text"] != record["title"] else ""
        kind = f'<span class="argmap-kind">{record["kind"]}</span>'
        items.append(
            f'<dt id="{gid}-{anchor(claim.id)}-text">{kind} '
            f"{escape_html(record['title'])}{badge}</dt><dd>{text}{sources_html(record)}"
            f'<p class="argmap-id"><code>{escape_html(claim.id)}</code></p></dd>'
        )
    count = len(items)
    return (
        f'<details class="argmap-details"><summary>The {count} claim{"s" if count != 1 else ""} '
        f"of this map</summary><dl>{''.join(items)}</dl></details>"
    )


def render_fence(
    info: str = "",
    body: str = "",
    *,
    base_dir: str | os.PathLike[str] = ".",
    page: str = "<page>",
    line: int | None = None,
    extra: Mapping[str, str] | None = None,
    extra_lines: Mapping[str, int] | None = None,
    used_ids: MutableSet[str] | None = None,
    resolve: Resolver | None = None,
    cache: FenceCache | None = DEFAULT_CACHE,
    root: str | os.PathLike[str] | None = None,
    column: int = 0,
) -> FenceResult:
    """Render an ``argmap`` fence as an HTML figure (inline SVG), or as an error box.

    Never raises for problems in the fence or the map: they come back as ``problems``
    (lines like ``page.md:12:1: error: ... [code]``) for the integration to log as build
    warnings, and the HTML then shows them in a visible box.

    Args:
        info: The info string after ``argmap`` (options ``key=value`` and claim paths).
        body: The fence's content: option lines, then inline claim YAML or claim paths.
        base_dir: Directory that relative claim paths are resolved against.
        page: The page's name, shown in messages.
        line: The 1-based line of the fence's opening line in the page, if known.
        extra: Options given outside the fence text (directive options).
        extra_lines: The line of each of ``extra``, counted like body lines.
        used_ids: Graph ids already used on this page; the new id is added, so several
            maps on one page never share an id.
        resolve: Turns a claim path as written into a file path (default: against
            ``base_dir``, or ``root`` for a path starting with ``/``).
        cache: Where rendered figures are kept (``None``: no caching).
        root: The site's root folder (default: ``base_dir``): claim paths, and the source
            texts of the claims they hold, are read only inside it, and only regular files
            within the size limit.
        column: How far the fence's lines are indented in the page (inside a list item,
            an admonition or a tab): added to the columns of what the body's lines hold.
    """
    base = Path(base_dir)
    top = Path(root) if root is not None else base
    resolver = resolve or (lambda p: top / p.lstrip("/") if p.startswith("/") else base / p)
    try:
        spec = parse_fence(info, body, extra, extra_lines)
    except FenceError as exc:
        at = None if line is None else line + exc.line
        message = f"{_where(page, at, column)}: error: {exc} [{FENCE_CODE}]"
        return FenceResult(error_box([message]), (message,), failed=True)
    files: tuple[str, ...] = ()
    directories = tuple(
        str(d) for d in map(resolver, spec.paths) if inside(d, top) and Path(d).is_dir()
    )
    try:
        amap, diags, files, drawn = _load(spec, page, line, resolver, top, column)
        shown = [d for d in diags if d.severity in (Severity.ERROR, Severity.WARNING)]
        problems = tuple(str(d) for d in shown)
        if any(d.severity is Severity.ERROR for d in shown):
            return FenceResult(
                error_box(list(problems)),
                problems,
                failed=True,
                files=files,
                directories=directories,
            )
        if spec.options.thesis is not None:
            try:
                require_thesis(amap, spec.options.thesis)
            except ArgmapError as exc:
                at = None if line is None else line + spec.option_lines.get("thesis", 0)
                message = f"{_where(page, at, column)}: error: {exc} [{FENCE_CODE}]"
                return FenceResult(
                    error_box([message]),
                    (message,),
                    failed=True,
                    files=files,
                    directories=directories,
                )
        key = content_key(amap, spec.options, drawn)
        base_id = f"{graph_id(spec.options.thesis or 'map')}-{key[:8]}"
        gid = base_id
        taken = used_ids if used_ids is not None else set()
        n = 1
        while gid in taken:
            n += 1
            gid = f"{base_id}-{n}"
        taken.add(gid)
        cache_key = hashlib.sha256(f"{key}\n{gid}".encode()).hexdigest()
        html = cache.get(cache_key) if cache is not None else None
        if html is None:
            options = spec.options
            evaluation = None
            if options.semantics is not None:
                evaluation = evaluate_or_unscored(amap, options.settings)
                problems += tuple(
                    f"{_where(page, line)}: warning: {note} [{FENCE_CODE}]"
                    for note in unscored_notes(evaluation)
                )
            html = _figure(amap, options, evaluation, gid, key, drawn)
            if cache is not None:
                cache.put(cache_key, html)
        return FenceResult(
            html, problems, failed=False, files=files, graph_id=gid, directories=directories
        )
    except ArgmapError as exc:
        message = f"{_where(page, line)}: error: {exc} [{FENCE_CODE}]"
        return FenceResult(
            error_box([message]), (message,), failed=True, files=files, directories=directories
        )
