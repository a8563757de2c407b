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
@click.option(
    "--stdin-filename",
    "stdin_name",
    type=PathType(path_type=str, dir_okay=False),
    help="With the path '-': the name of the file on standard input, for messages.",
)
def fmt_command(paths: tuple[str, ...], check: bool, stdin_name: str | None) -> None:
    """Rewrite claim files in the canonical layout, keeping comments and the schema line.

    Claims are sorted by id and fields put in model order; each file is replaced
    atomically, and only when it changes. The path '-' formats standard input to standard
    output (an editor's format-on-save), or with --check only says whether it would change.

    \b
    Example:
      argmap fmt claims
      argmap fmt --check claims
      argmap fmt - --stdin-filename claims/jepa.yaml < claims/jepa.yaml
    """
    with guarded():
        from argmap.diagnostics import printable

        if "-" in paths or stdin_name is not None:
            _format_stdin(paths, check, stdin_name)
            return
        from argmap.fmt import format_paths

        report = format_paths(paths, check=check)
        for message in report.errors:
            click.echo(f"argmap: error: {printable(message)}", err=True)
        for path in report.changed:
            shown = printable(path)
            click.echo(shown if check else f"reformatted {shown}", err=not check)
        click.echo(_summary(report, check), err=True)
        sys.exit(1 if report.errors or (check and report.changed) else 0)


def _format_stdin(paths: tuple[str, ...], check: bool, name: str | None) -> None:
    """Standard input in the canonical layout, on standard output (or, with ``check``, the
    exit code only)."""
    from argmap.cli.app import read_stdin
    from argmap.errors import UsageError
    from argmap.fmt import format_bytes

    if paths != ("-",):
        raise UsageError("fmt reads standard input only as its one path: 'argmap fmt -'")
    ((shown, data),) = read_stdin(paths, name)[1].items()
    formatted = format_bytes(data, shown)
    if check:
        if formatted.encode("utf-8") != data:
            from argmap.diagnostics import printable

            click.echo(printable(shown))
            sys.exit(1)
        return
    click.echo(formatted, nl=False)
