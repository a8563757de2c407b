"""The core commands: check, build, render, schema. Each body parses, calls one function, prints."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from argmap.cli.app import (
    PATHS,
    PathType,
    format_option,
    from_option,
    guarded,
    main,
    output_option,
    print_diagnostics,
    read_stdin,
    sources_option,
    support_option,
)
from argmap.cli.choices import GRADUAL_SEMANTICS, READINGS, STANDARDS
from argmap.render import RENDER_FORMATS

if TYPE_CHECKING:
    from argmap.evaluate import Evaluation
    from argmap.settings import EvaluationSettings

# The map's model (pydantic), the readers and the writers load when a command runs, not
# for its --help.


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--from and --sources, shared by every command that reads and checks a map."""
    return from_option(sources_option(func))


def eval_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--semantics, --standard, --gradual and --support, shared by build and render."""
    func = support_option(func)
    func = standard_option(func)
    func = click.option(
        "--gradual",
        type=click.Choice([*GRADUAL_SEMANTICS, "none"]),
        default="dfquad",
        show_default=True,
        help="Gradual semantics for the scores ('none' to omit them).",
    )(func)
    return click.option(
        "--semantics",
        type=click.Choice([*READINGS, "none"]),
        default="carneades",
        show_default=True,
        help="The reader's proof standards (carneades), a formal extension semantics, "
        "or 'none' to leave the map unevaluated.",
    )(func)


#: --full-detail, shared by the commands that draw maps.
detail_option = click.option(
    "--full-detail",
    is_flag=True,
    help="Draw every claim of an Argdown map, its untitled premises and conclusions too "
    "(by default its maps show what Argdown's own map shows).",
)

#: --standard, shared by every command that evaluates a claim map.
standard_option = click.option(
    "--standard",
    type=click.Choice(STANDARDS),
    help="Proof standard for every claim that sets none (default: the map's, or preponderance).",
)


def settings_of(
    semantics: str, support: str, gradual: str, standard: str | None
) -> EvaluationSettings | None:
    """The evaluation the options ask for, or None for ``--semantics none``."""
    from argmap.settings import EvaluationSettings

    return EvaluationSettings.requested(semantics, support, gradual, standard)


def _default_jobs() -> int:
    from argmap.build import default_jobs

    return default_jobs()


def _scores_note(evaluation: Evaluation | None) -> None:
    """Say on stderr why an evaluation has no scores, where they were left out."""
    from argmap.evaluate import unscored_notes

    for note in unscored_notes(evaluation) if evaluation is not None else ():
        click.echo(f"argmap: note: {note}", err=True)


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        from argmap.diagnostics import printable

        click.echo(printable(message), err=True)


@main.command()
@PATHS
@input_options
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "out_fmt",
    type=click.Choice(("text", "json", "github")),
    default="text",
    show_default=True,
    help="Diagnostics as text lines on stderr, as JSON on stdout, or as GitHub Actions "
    "annotations on stdout.",
)
@click.option(
    "--stdin-filename",
    "stdin_name",
    type=PathType(path_type=str, dir_okay=False),
    help="Read this file's text from standard input (an editor's unsaved buffer): it "
    "stands in for the file among PATHS, or joins them, and names it in diagnostics.",
)
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    sources_dir: str | None,
    strict: bool,
    out_fmt: str,
    stdin_name: str | None,
) -> None:
    """Check claim files: syntax, fields, references, sources and quotes.

    Diagnostics go to stderr as path:line:col: severity: message [code]; with --format json
    or github, to stdout for a program or a CI workflow. The exit code is the same. A path
    '-' is standard input (YAML unless --from or --stdin-filename says otherwise).

    \b
    Example:
      argmap check claims
      argmap check --strict claims/scaling.yaml claims/theses.yaml
      argmap check --format github claims
      argmap check claims --stdin-filename claims/jepa.yaml < edited.yaml
    """
    with guarded():
        from argmap.check import check_paths

        paths, given = read_stdin(paths, stdin_name)
        result = check_paths(paths, fmt=fmt, sources_dir=sources_dir, given=given)
        if out_fmt == "text":
            print_diagnostics(result.diagnostics)
        else:
            from argmap.diagnostics import summary_line
            from argmap.write.diagnostics import diagnostics_json, github_annotations

            write = diagnostics_json if out_fmt == "json" else github_annotations
            click.echo(write(result.diagnostics), nl=False)
            click.echo(summary_line(result.diagnostics), err=True)
        if result.failed(strict=strict):
            sys.exit(1)


@main.command()
@PATHS
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    metavar="DIR",
    help="Directory to write the maps and summaries into.",
)
@input_options
@eval_options
@click.option("--strict", is_flag=True, help="Refuse to build on warnings too.")
@click.option(
    "--html",
    is_flag=True,
    help="Also write a standalone HTML page per map (pan, zoom, claim details; fetches nothing).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=lambda: _default_jobs(),
    show_default="one per CPU, at most 8",
    help="How many Graphviz layouts to run at once.",
)
@click.option("--no-legend", is_flag=True, help="Draw the maps without a legend.")
@detail_option
def build(
    paths: tuple[str, ...],
    out_dir: str,
    fmt: str | None,
    sources_dir: str | None,
    semantics: str,
    gradual: str,
    standard: str | None,
    support: str,
    strict: bool,
    html: bool,
    jobs: int,
    no_legend: bool,
    full_detail: bool,
) -> None:
    """Check a map, then write an SVG map and a Markdown summary per thesis, an overview
    SVG and an index page. With errors nothing is written.

    \b
    Example:
      argmap build claims -o output
      argmap build claims -o site/maps --standard clear-and-convincing --html
      argmap build claims -o formal --semantics preferred --gradual qe
    """
    with guarded():
        from argmap.build import build_paths, html_artifacts
        from argmap.diagnostics import printable

        settings = settings_of(semantics, support, gradual, standard)
        result = build_paths(
            paths,
            out_dir,
            fmt=fmt,
            sources_dir=sources_dir,
            settings=settings,
            strict=strict,
            progress=_progress,
            evaluate=settings is not None,
            extra=html_artifacts if html else None,
            jobs=jobs,
            legend=not no_legend,
            full_detail=full_detail,
        )
        print_diagnostics(result.diagnostics, quiet_when_clean=True)
        _scores_note(result.evaluation)
        if not result.written:
            click.echo("argmap: error: the map has errors; nothing was written", err=True)
            sys.exit(1)
        click.echo(f"wrote {len(result.written)} files to {printable(out_dir)}", err=True)


@main.command()
@PATHS
@format_option(RENDER_FORMATS, "svg", "What to render.")
@click.option("--thesis", help="Render this thesis's sub-map or summary (default: the whole map).")
@output_option()
@input_options
@eval_options
@click.option("--no-legend", is_flag=True, help="Draw the map without a legend.")
@detail_option
def render(
    paths: tuple[str, ...],
    out_fmt: str,
    thesis: str | None,
    out_file: str | None,
    fmt: str | None,
    sources_dir: str | None,
    semantics: str,
    gradual: str,
    standard: str | None,
    support: str,
    no_legend: bool,
    full_detail: bool,
) -> None:
    """Render one artifact: DOT, SVG, PNG, PDF or a Markdown summary. A path '-' is
    standard input (YAML unless --from says otherwise).

    \b
    Example:
      argmap render claims -f svg --thesis world-model-thesis -o wm.svg
      argmap render claims -f md --thesis scaling-thesis
    """
    with guarded():
        from argmap.check import check_paths
        from argmap.evaluate import evaluate_or_unscored
        from argmap.output import write_atomic
        from argmap.render.artifact import render_artifact

        paths, given = read_stdin(paths)
        result = check_paths(paths, fmt=fmt, sources_dir=sources_dir, given=given)
        print_diagnostics(result.diagnostics, quiet_when_clean=True)
        if result.failed():
            sys.exit(1)
        settings = settings_of(semantics, support, gradual, standard)

        evaluation = None if settings is None else evaluate_or_unscored(result.amap, settings)
        _scores_note(evaluation)

        data = render_artifact(
            result.amap,
            out_fmt,
            thesis=thesis,
            evaluation=evaluation,
            legend=not no_legend,
            drawn=result.load.drawn(full_detail=full_detail),
        )
        if out_file is None or out_file == "-":
            if out_fmt in ("png", "pdf") and sys.stdout.isatty():
                raise click.UsageError(
                    f"refusing to write {out_fmt.upper()} to a terminal: use -o FILE"
                )
            sys.stdout.buffer.write(data)
        else:
            write_atomic(out_file, data)


@main.command()
def schema() -> None:
    """Print the JSON Schema of claim files (for editors and CI).

    \b
    Example:
      argmap schema > schema/claims.schema.json
    """
    with guarded():
        from argmap.schema import claim_file_schema_json

        click.echo(claim_file_schema_json(), nl=False)
