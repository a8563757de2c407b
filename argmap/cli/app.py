"""The click group and the helpers every command shares: error mapping and output."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

import click

from argmap import __version__
from argmap.errors import ArgmapError, UsageError

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic

F = TypeVar("F", bound=Callable[..., object])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """A group whose commands are imported when first used, not when the CLI starts.

    ``lazy_commands`` maps a command's name to the module that registers it on the group:
    ``argmap --version`` then imports click alone, and each command only what it uses.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy_commands: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            importlib.import_module(self.lazy_commands[cmd_name])
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main() -> None:
    """Argument maps as code: check claim files, evaluate them, render SVG and Markdown.

    \b
    Example:
      argmap check claims
      argmap build claims -o output
    """


@contextmanager
def guarded() -> Iterator[None]:
    """Turn argmap errors into a one-line message and exit code (1 data, 2 usage)."""
    try:
        yield
    except UsageError as exc:
        click.echo(f"argmap: error: {exc}", err=True)
        sys.exit(2)
    except ArgmapError as exc:
        click.echo(f"argmap: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("argmap: interrupted", err=True)
        sys.exit(130)


def print_diagnostics(diags: list[Diagnostic], *, quiet_when_clean: bool = False) -> None:
    """Diagnostics on stderr, one a line, then the count line."""
    from argmap.diagnostics import summary_line

    for d in diags:
        click.echo(str(d), err=True)
    if diags or not quiet_when_clean:
        click.echo(summary_line(diags), err=True)


PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))


def support_option(func: F) -> F:
    """--support, shared by every command that evaluates."""
    # Imported here, when a command module is imported, so that --version needs no evaluator.
    from argmap.evaluate import DEFAULT_SUPPORT, SUPPORT_READINGS

    return click.option(
        "--support",
        type=click.Choice(SUPPORT_READINGS),
        default=DEFAULT_SUPPORT,
        show_default=True,
        help="How supports turn into derived attacks.",
    )(func)


def from_option(func: F) -> F:
    """--from, shared by every command that reads a map."""
    from argmap.read import FORMATS

    return click.option(
        "--from", "fmt", type=click.Choice(list(FORMATS)), help="Input format (default: by suffix)."
    )(func)


#: --sources, shared by the commands that check quotes.
sources_option = click.option(
    "--sources",
    "sources_dir",
    type=click.Path(file_okay=False, path_type=str),
    help="Directory of source texts (<source-id>.txt) to verify quotes against.",
)


def output_option(help: str = "File to write (default: stdout).") -> Callable[[F], F]:
    """-o/--output FILE, shared by the commands that write one file."""
    return click.option(
        "-o", "--output", "out_file", type=click.Path(dir_okay=False, path_type=str), help=help
    )


def format_option(choices: Sequence[str], default: str, help: str) -> Callable[[F], F]:
    """-f/--format, shared by the commands that write one of several formats."""
    return click.option(
        "-f",
        "--format",
        "out_fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=help,
    )
