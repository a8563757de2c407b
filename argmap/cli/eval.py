"""The eval command: which claims stand under a semantics, as a table or JSON.

An ICCMA task (one framework file, a Dung semantics) runs straight on the framework; only
claim maps load the model, the evaluator and the renderers (``argmap.cli.eval_map``), so
that a small framework is answered about as fast as Python starts. The option choices
are therefore spelled here from model-free modules; a test keeps them equal to the
settings' own.
"""

from __future__ import annotations

import sys

import click

from argmap.cli.app import PathType, guarded, main, print_diagnostics
from argmap.cli.choices import (
    DEFAULT_SUPPORT,
    EXTENSION_SEMANTICS,
    FORMATS,
    GRADUAL_SEMANTICS,
    MODES,
    READINGS,
    STANDARDS,
    SUPPORT_READINGS,
)
from argmap.errors import UsageError
from argmap.iccma_task import is_iccma_task, run_iccma_task
from argmap.read.iccma_fast import ICCMA_FORMATS

#: Input formats of bare attack graphs: evaluated under grounded semantics unless told
#: otherwise, as in the ICCMA competition.
_FRAMEWORK_SUFFIXES = tuple(ICCMA_FORMATS)


def _is_framework(paths: tuple[str, ...], fmt: str | None) -> bool:
    if fmt is not None:
        return fmt in ("apx", "i23")
    return bool(paths) and all(p.lower().endswith(_FRAMEWORK_SUFFIXES) for p in paths)


@main.command("eval")
@click.argument("paths", nargs=-1, required=True, type=PathType(path_type=str))
@click.option(
    "--semantics",
    type=click.Choice([*READINGS, *GRADUAL_SEMANTICS]),
    default=None,
    help="carneades (the reader's proof standards; the default for claim maps), a formal "
    "extension semantics (statuses; grounded is the default for ICCMA files) or a gradual "
    "semantics (scores).",
)
@click.option(
    "--support",
    type=click.Choice(SUPPORT_READINGS),
    default=DEFAULT_SUPPORT,
    show_default=True,
    help="How supports turn into derived attacks.",
)
@click.option(
    "--standard",
    type=click.Choice(STANDARDS),
    help="Proof standard for every claim that sets none (default: the map's, or preponderance).",
)
@click.option(
    "--format",
    "out_fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A readable table, or JSON.",
)
@click.option(
    "--accept", "claim_id", metavar="ID", help="Answer yes or no: is this claim accepted?"
)
@click.option(
    "--mode",
    type=click.Choice(MODES),
    help="With --accept: in some extension (credulous, the default) or in all (skeptical).",
)
@click.option(
    "--first", is_flag=True, help="One extension (the first found) instead of all of them."
)
@click.option(
    "--from", "fmt", type=click.Choice(FORMATS), help="Input format (default: by suffix)."
)
def eval_command(
    paths: tuple[str, ...],
    semantics: str | None,
    support: str,
    standard: str | None,
    out_fmt: str,
    claim_id: str | None,
    mode: str | None,
    first: bool,
    fmt: str | None,
) -> None:
    """Evaluate a map or an ICCMA framework: verdicts with their reasons, formal
    statuses and extensions, or scores. A path '-' is standard input (YAML unless --from
    says otherwise).

    \b
    Example:
      argmap eval claims
      argmap eval claims --format json
      argmap eval claims --semantics preferred
      argmap eval framework.apx --semantics stable --format json
      argmap eval claims --semantics dfquad
      argmap eval framework.i23 --semantics preferred --accept 7 --mode skeptical
      argmap eval framework.apx --semantics stable --first
    """
    with guarded():
        if semantics is None:
            semantics = "grounded" if _is_framework(paths, fmt) else "carneades"
        if mode is not None and claim_id is None:
            raise UsageError("--mode needs --accept ID")
        if claim_id is not None and semantics not in EXTENSION_SEMANTICS:
            raise UsageError(
                f"--accept needs a formal extension semantics (--semantics grounded, preferred, "
                f"…), not {semantics!r}"
            )
        if first and (semantics not in EXTENSION_SEMANTICS or claim_id is not None):
            raise UsageError("--first needs a formal extension semantics and no --accept")
        if not is_iccma_task(paths, fmt, semantics):
            from argmap.cli.eval_map import eval_map

            mode = mode or "credulous"
            eval_map(paths, fmt, semantics, support, standard, out_fmt, claim_id, mode, first)
            return
        answer = run_iccma_task(
            paths[0],
            fmt,
            semantics,
            out_fmt=out_fmt,
            query=claim_id,
            mode=mode or "credulous",
            first=first,
        )
        print_diagnostics(answer.diagnostics, quiet_when_clean=True)
        if answer.failed:
            sys.exit(1)
        if out_fmt == "json":  # a text answer holds its notes
            for note in answer.notes:
                click.echo(f"argmap: note: {note}", err=True)
        click.echo(answer.text, nl=False)
