"""The fmt command: claim files rewritten in the canonical layout, comments kept."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from argmap.cli.app import PathType, guarded, main

if TYPE_CHECKING:
    from argmap.fmt import FormatReport


def _summary(report: FormatReport, check: bool) -> str:
    def files(n: int) -> str:
        return f"{n} file{'' if n == 1 else 's'}"

    done = "would be reformatted" if check else "reformatted"
    parts = [
        f"{files(len(report.changed))} {done}",
        f"{files(len(report.unchanged))} already canonical",
    ]
    if report.errors:
        parts.append(f"{files(len(report.errors))} could not be formatted")
    return ", ".join(parts)


@main.command("fmt")
@click.argument("paths", nargs=-1, required=True, type=PathType(path_type=str))
@click.option(
    "--check", is_flag=True, help="Change nothing: list files that would change, exit 1 if any."
)
def fmt_command(paths: tuple[str, ...], check: bool) -> None:
    """Rewrite claim files in the canonical layout, keeping comments and the schema line.

    Claims are sorted by id and fields put in model order; each file is replaced
    atomically, and only when it changes.

    \b
    Example:
      argmap fmt claims
      argmap fmt --check claims
    """
    with guarded():
        from argmap.diagnostics import printable
        from argmap.fmt import format_paths

        report = format_paths(paths, check=check)
        for message in report.errors:
            click.echo(f"argmap: error: {printable(message)}", err=True)
        for path in report.changed:
            shown = printable(path)
            click.echo(shown if check else f"reformatted {shown}", err=not check)
        click.echo(_summary(report, check), err=True)
        sys.exit(1 if report.errors or (check and report.changed) else 0)
