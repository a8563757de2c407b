"""The click group and the helpers every command shares: error mapping and output."""

from __future__ import annotations

import errno
import importlib
import io
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar

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

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the CLI; help or version text that cannot be written (a full disk, a closed
        descriptor) is one line and exit 1, as every command's own output is."""
        # argmap does no linear algebra: without this, importing numpy (for large ICCMA
        # frameworks) starts an OpenBLAS thread per core, about 60 ms of CPU for nothing.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            _silence_stdout()
            what = exc.strerror or type(exc).__name__
            _fail(f"cannot write to standard output: {what}", 1)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main() -> None:
    """Argument maps as code: check claim files, evaluate them, render SVG and Markdown.

    \b
    Example:
      argmap check claims
      argmap build claims -o output
    """


class Terminated(BaseException):
    """SIGTERM arrived: raised in the main thread so that cleanup code runs on the way out."""


@contextmanager
def guarded() -> Iterator[None]:
    """Run a command body with every failure turned into one line on stderr and an exit code.

    Argmap errors exit 1 (2 for usage errors); a failure to write standard output (a full
    disk, a closed pipe or descriptor) exits 1 with one line; Ctrl-C exits 130 and SIGTERM
    143, after the temporaries and running layouts are cleared away.
    """
    previous = _on_signals()
    _guard_closed_stdout()
    try:
        try:
            yield
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()
    except UsageError as exc:
        _fail(str(exc), 2)
    except ArgmapError as exc:
        _fail(str(exc), 1)
    except KeyboardInterrupt:
        _stop_layouts()
        _fail("interrupted", 130, prefix="argmap: ")
    except Terminated:
        _fail("terminated", 143, prefix="argmap: ")
    except MemoryError:
        _stop_layouts()
        _fail("out of memory: the input is too large for this machine", 1)
    except OSError as exc:
        # Only standard output is written outside the library, whose errors are ArgmapErrors.
        _silence_stdout()
        what = exc.strerror or type(exc).__name__
        _fail(f"cannot write to standard output: {what}", 1)
    finally:
        for signum, handler in previous.items():
            if handler is not None:  # None: set outside Python, cannot be restored
                signal.signal(signum, handler)


def _fail(message: str, code: int, prefix: str = "argmap: error: ") -> None:
    from argmap.diagnostics import printable

    with suppress(OSError, ValueError):
        # A path in the message may hold a line break or a terminal's escape: shown escaped.
        click.echo(prefix + printable(message), err=True)
    sys.exit(code)


_Handler = signal.Handlers | Callable[[int, FrameType | None], object] | int | None


def _on_signals() -> dict[int, _Handler]:
    """Make SIGTERM raise :class:`Terminated` and SIGINT ``KeyboardInterrupt`` in the main
    thread, after killing the running layouts (which run in sessions of their own, out of
    the terminal's reach); returns the old handlers."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def terminate(signum: int, frame: FrameType | None) -> None:
        _stop_layouts()
        raise Terminated

    def interrupt(signum: int, frame: FrameType | None) -> None:
        _stop_layouts()
        raise KeyboardInterrupt

    return {
        signal.SIGTERM: signal.signal(signal.SIGTERM, terminate),
        signal.SIGINT: signal.signal(signal.SIGINT, interrupt),
    }


class _ClosedOutput(io.RawIOBase):
    """Standard output when its descriptor was closed: the first write fails, later ones vanish."""

    failed = False

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        if not self.failed:
            self.failed = True
            raise OSError(errno.EBADF, "standard output is closed")
        return len(data) if isinstance(data, bytes | bytearray | memoryview) else 0


def _guard_closed_stdout() -> None:
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedOutput()), encoding="utf-8")


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit cannot fail again."""
    with suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)


def print_diagnostics(diags: list[Diagnostic], *, quiet_when_clean: bool = False) -> None:
    """Diagnostics on stderr, one a line, then the count line."""
    from argmap.diagnostics import summary_line

    for d in diags:
        click.echo(str(d), err=True)
    if diags or not quiet_when_clean:
        click.echo(summary_line(diags), err=True)


class PathType(click.Path):
    """A path given on the command line; one no system call can take is a usage error."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and "\x00" in value:
            self.fail(f"{value!r} holds a NUL character, which no path can hold", param, ctx)
        return super().convert(value, param, ctx)


PATHS = click.argument("paths", nargs=-1, required=True, type=PathType(path_type=str))


#: The name standard input goes by in diagnostics when no --stdin-filename names it.
STDIN_NAME = "<stdin>"


def read_stdin(
    paths: Sequence[str], name: str | None = None
) -> tuple[tuple[str, ...], dict[str, bytes]]:
    """The paths but '-', and standard input as the file it stands for when a path is '-'
    or ``name`` is given (named ``name``, or ``<stdin>``).

    Raises:
        UsageError: Standard input is a terminal: nothing would ever arrive.
        InputError: Standard input cannot be read.
    """
    rest = tuple(p for p in paths if p != "-")
    if len(rest) == len(paths) and name is None:
        return rest, {}
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError("standard input is a terminal: pipe the claims in ('< file.yaml')")
    from argmap.read.collect import read_stream

    return rest, {name or STDIN_NAME: read_stream(sys.stdin.buffer)}


def support_option(func: F) -> F:
    """--support, shared by every command that evaluates."""
    # Imported here, when a command module is imported, so that --version needs no semantics.
    from argmap.cli.choices import DEFAULT_SUPPORT, SUPPORT_READINGS

    return click.option(
        "--support",
        type=click.Choice(SUPPORT_READINGS),
        default=DEFAULT_SUPPORT,
        show_default=True,
        help="How supports turn into derived attacks.",
    )(func)


def from_option(func: F) -> F:
    """--from, shared by every command that reads a map."""
    from argmap.formats import INPUT_FORMATS

    return click.option(
        "--from",
        "fmt",
        type=click.Choice(INPUT_FORMATS),
        help="Input format (default: by suffix).",
    )(func)


#: --sources, shared by the commands that check quotes.
sources_option = click.option(
    "--sources",
    "sources_dir",
    metavar="DIR",
    help="Directory of source texts (<source-id>.txt) to verify quotes against.",
)


def output_option(help: str = "File to write (default, or -: stdout).") -> Callable[[F], F]:
    """-o/--output FILE, shared by the commands that write one file."""
    return click.option("-o", "--output", "out_file", metavar="FILE", help=help)


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


def _stop_layouts() -> None:
    """Stop the Graphviz layouts still running (imported here: --version loads no stage)."""
    from argmap.backend import stop_all

    stop_all()
