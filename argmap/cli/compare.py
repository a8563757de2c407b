"""The compare command: two theses side by side, as Markdown, DOT or SVG."""

from __future__ import annotations

import sys

import click

from argmap.cli.app import (
    PATHS,
    format_option,
    guarded,
    main,
    output_option,
    print_diagnostics,
)
from argmap.cli.commands import eval_options, input_options, settings_of
from argmap.errors import UsageError

COMPARE_FORMATS = ("md", "svg", "dot", "json")


@main.command()
@PATHS
@click.option(
    "--thesis",
    "theses",
    multiple=True,
    required=True,
    metavar="ID",
    help="A thesis to compare; give exactly two.",
)
@format_option(
    COMPARE_FORMATS,
    "md",
    "Markdown tables, the side-by-side map as SVG or DOT, or the comparison as JSON.",
)
@output_option()
@eval_options
@input_options
def compare(
    paths: tuple[str, ...],
    theses: tuple[str, ...],
    out_fmt: str,
    out_file: str | None,
    semantics: str,
    gradual: str,
    standard: str | None,
    support: str,
    fmt: str | None,
    sources_dir: str | None,
) -> None:
    """Compare two theses: their reasons and verdicts, the claims bearing on both, the
    cruxes whose flipping would change a verdict, and what would settle each.

    \b
    Example:
      argmap compare claims --thesis world-model-thesis --thesis scaling-thesis
      argmap compare claims --thesis world-model-thesis --thesis scaling-thesis -f svg -o vs.svg
      argmap compare claims --thesis world-model-thesis --thesis scaling-thesis -f json
    """
    with guarded():
        from argmap.check import check_paths
        from argmap.compare import compare_theses
        from argmap.output import write_atomic
        from argmap.render.compare import comparison_title, render_compare_dot
        from argmap.render.compare_page import render_compare_markdown
        from argmap.render.svg import svg_from_dot
        from argmap.render.text import anchor
        from argmap.render.view import graph_id

        if len(theses) != 2:
            raise UsageError(
                f"compare needs exactly two theses (--thesis A --thesis B), got {len(theses)}"
            )
        result = check_paths(paths, fmt=fmt, sources_dir=sources_dir)
        print_diagnostics(result.diagnostics, quiet_when_clean=True)
        if result.failed():
            sys.exit(1)
        amap = result.amap
        settings = settings_of(semantics, support, gradual, standard)
        if settings is None:
            raise UsageError("compare needs an evaluation: choose a --semantics other than none")
        comparison = compare_theses(amap, *theses, settings=settings)
        if out_fmt == "md":
            text = render_compare_markdown(amap, comparison)
        elif out_fmt == "json":
            import json

            from argmap.write.json import comparison_document

            document = comparison_document(comparison)
            text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        else:
            gid, title = (
                graph_id(f"compare-{theses[0]}-{theses[1]}"),
                comparison_title(amap, *theses),
            )
            text = render_compare_dot(
                amap,
                comparison,
                comparison.evaluation,
                graph_id=gid,
                link=lambda c: f"#{anchor(c)}",
                title=title,
            )
            if out_fmt == "svg":
                text = svg_from_dot(text, gid, title)
        if out_file is None or out_file == "-":
            click.echo(text, nl=False)
        else:
            write_atomic(out_file, text.encode("utf-8"))
