"""The serve command: a live preview of a map's pages in a browser, on loopback by default."""

from __future__ import annotations

import click

from argmap.cli.app import PATHS, guarded, main
from argmap.cli.commands import detail_option, eval_options, settings_of

#: The address served by default (``serve.LOOPBACK``; a test keeps them equal).
LOOPBACK = "127.0.0.1"
_LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}


@main.command("serve")
@PATHS
@click.option("--host", default=LOOPBACK, show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
@eval_options
@detail_option
def serve_command(
    paths: tuple[str, ...],
    host: str,
    port: int,
    semantics: str,
    gradual: str,
    standard: str | None,
    support: str,
    full_detail: bool,
) -> None:
    """Show the map's pages in a browser and reload them when a claim file is saved.

    The pages are those of `argmap build --html`; a map with errors shows its diagnostics
    instead. Only the preview's own pages are served, to this machine unless --host says
    otherwise.

    \b
    Example:
      argmap serve claims
      argmap serve claims --port 8001
    """
    from argmap.diagnostics import printable
    from argmap.serve import run_until_interrupted, serve_paths

    with guarded():
        server = serve_paths(
            paths,
            host=host,
            port=port,
            settings=settings_of(semantics, support, gradual, standard),
            full_detail=full_detail,
        )
    if host not in _LOOPBACK_NAMES:
        click.echo(f"argmap: warning: anyone who can reach {host} can read this map", err=True)
    shown = printable(" ".join(paths))
    click.echo(f"argmap: previewing {shown} at {server.url} (Ctrl-C stops)", err=True)
    try:
        run_until_interrupted(server)
    except KeyboardInterrupt:
        click.echo("argmap: stopped", err=True)
