"""The convert command: a map from any readable format written in another."""

from __future__ import annotations

import sys

import click

from argmap.cli.app import PATHS, guarded, main, output_option, print_diagnostics, read_stdin
from argmap.cli.commands import eval_options, input_options, settings_of
from argmap.formats import OUTPUT_FORMATS


@main.command()
@PATHS
@output_option(
    "File to write (default: stdout); its suffix chooses the format unless --to is given."
)
@click.option("--to", type=click.Choice(OUTPUT_FORMATS), help="Output format.")
@click.option("--with-evaluation", is_flag=True, help="Include the evaluation (json output only).")
@input_options
@eval_options
def convert(
    paths: tuple[str, ...],
    out_file: str | None,
    to: str | None,
    with_evaluation: bool,
    fmt: str | None,
    sources_dir: str | None,
    semantics: str,
    gradual: str,
    standard: str | None,
    support: str,
) -> None:
    """Convert a map between formats: YAML, argmap JSON, AIF, Argdown, ICCMA apx and i23.

    Inputs are checked first; with errors nothing is written. A path '-' is standard
    input (YAML unless --from says otherwise).

    \b
    Example:
      argmap convert debate.argdown -o claims/debate.yaml
      argmap convert nodeset.json --to argdown
      argmap convert claims --to json --with-evaluation --semantics preferred
    """
    with guarded():
        from argmap.check import check_paths
        from argmap.convert import convert_map, output_format
        from argmap.output import write_atomic

        target = to or output_format(out_file)
        paths, given = read_stdin(paths)
        result = check_paths(paths, fmt=fmt, sources_dir=sources_dir, given=given)
        print_diagnostics(result.diagnostics, quiet_when_clean=True)
        if result.failed():
            sys.exit(1)
        settings = settings_of(semantics, support, gradual, standard)
        text = convert_map(
            result.amap,
            target,
            settings=settings if with_evaluation else None,
            support=support,
            output=None if out_file in (None, "-") else out_file,
        )
        if out_file is None or out_file == "-":
            click.echo(text, nl=False)
        else:
            write_atomic(out_file, text.encode("utf-8"))
