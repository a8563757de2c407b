"""The eval command: which claims stand under a semantics, as a table or JSON."""

from __future__ import annotations

import json
import sys

import click

from argmap.cli.app import from_option, guarded, main, print_diagnostics, support_option
from argmap.cli.commands import standard_option
from argmap.diagnostics import has_errors, sort_diagnostics
from argmap.errors import UsageError
from argmap.evaluate import (
    DEFAULT_WEIGHT,
    GRADUAL_SEMANTICS,
    MODES,
    Evaluation,
    accepts,
    attack_framework,
    evaluate_map,
)
from argmap.explain import claim_why, score_note
from argmap.iccma_task import format_first, is_iccma_task, run_iccma_task
from argmap.model import ArgumentMap
from argmap.read import load_paths
from argmap.render.text import clean, title_namer
from argmap.semantics.extensions import first_extension
from argmap.settings import EXTENSION_SEMANTICS, READINGS, EvaluationSettings
from argmap.write.json import evaluation_document

#: Input formats of bare attack graphs: evaluated under grounded semantics unless told
#: otherwise, as in the ICCMA competition.
_FRAMEWORK_SUFFIXES = (".apx", ".i23", ".af")


def _is_framework(paths: tuple[str, ...], fmt: str | None) -> bool:
    if fmt is not None:
        return fmt in ("apx", "i23")
    return bool(paths) and all(p.lower().endswith(_FRAMEWORK_SUFFIXES) for p in paths)


@main.command("eval")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--semantics",
    type=click.Choice([*READINGS, *GRADUAL_SEMANTICS]),
    default=None,
    help="carneades (the reader's proof standards; the default for claim maps), a formal "
    "extension semantics (statuses; grounded is the default for ICCMA files) or a gradual "
    "semantics (scores).",
)
@support_option
@standard_option
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
@from_option
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
    statuses and extensions, or scores.

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
        if first or is_iccma_task(paths, fmt, semantics):
            _eval_framework(paths, fmt, semantics, support, out_fmt, claim_id, mode, first)
            return
        result = load_paths(paths, fmt=fmt)
        diags = sort_diagnostics(result.diagnostics)
        print_diagnostics(diags, quiet_when_clean=True)
        if has_errors(diags):
            sys.exit(1)
        if claim_id is not None:
            answer = accepts(result.amap, claim_id, semantics, mode or "credulous", support)
            click.echo(_answer(semantics, claim_id, mode or "credulous", answer, out_fmt))
            return
        gradual = semantics if semantics in GRADUAL_SEMANTICS else None
        reading = "carneades" if gradual else semantics
        settings = EvaluationSettings.from_names(reading, support, gradual, standard)
        evaluation = evaluate_map(result.amap, settings)
        if out_fmt == "json":
            for note in evaluation.notes:
                click.echo(f"argmap: note: {note}", err=True)
            click.echo(render_json(result.amap, semantics, evaluation))
        else:
            click.echo(render_table(result.amap, semantics, evaluation), nl=False)


def _eval_framework(
    paths: tuple[str, ...],
    fmt: str | None,
    semantics: str,
    support: str,
    out_fmt: str,
    claim_id: str | None,
    mode: str | None,
    first: bool,
) -> None:
    """ICCMA tasks straight on the framework; ``--first`` on a claim map too."""
    if not is_iccma_task(paths, fmt, semantics):
        result = load_paths(paths, fmt=fmt)
        print_diagnostics(sort_diagnostics(result.diagnostics), quiet_when_clean=True)
        if has_errors(result.diagnostics):
            sys.exit(1)
        fw = attack_framework(result.amap, support)
        found = first_extension(fw, semantics)
        click.echo(format_first(fw, semantics, found, out_fmt, support), nl=False)
        return
    answer = run_iccma_task(
        paths[0],
        fmt,
        semantics,
        out_fmt=out_fmt,
        support=support,
        query=claim_id,
        mode=mode or "credulous",
        first=first,
    )
    print_diagnostics(answer.diagnostics, quiet_when_clean=True)
    if answer.failed:
        sys.exit(1)
    click.echo(answer.text, nl=False)


def _answer(semantics: str, claim_id: str, mode: str, answer: bool, out_fmt: str) -> str:
    if out_fmt == "json":
        data = {"semantics": semantics, "claim": claim_id, "mode": mode, "accepted": answer}
        return json.dumps(data)
    return "yes" if answer else "no"


def render_json(amap: ArgumentMap, semantics: str, evaluation: Evaluation) -> str:
    """The JSON answer: extensions for an extension semantics, scores for a gradual one,
    and for the proof standards each claim's verdict with the claims that decide it."""
    if semantics in GRADUAL_SEMANTICS:
        strengths = dict(sorted(evaluation.strengths.items()))
        return json.dumps({"semantics": semantics, "strengths": strengths})
    if evaluation.formal:
        extensions = [list(e) for e in evaluation.extensions]
        return json.dumps({"semantics": semantics, "extensions": extensions})
    document = evaluation_document(amap, evaluation)
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


def render_table(amap: ArgumentMap, semantics: str, evaluation: Evaluation) -> str:
    """A readable table: one claim a line with its verdict (and why), status or score,
    then the notes."""
    gradual = semantics in GRADUAL_SEMANTICS
    if not evaluation.formal and not gradual:
        return _verdict_table(amap, evaluation)
    lines = [f"semantics: {semantics} (supports: {evaluation.support})"]
    if gradual:
        lines = [f"semantics: {semantics}", score_note(semantics)]
    if not gradual:
        count = len(evaluation.extensions)
        lines.append(f"extensions: {count}")
        lines += [f"  {i}: {{{', '.join(e)}}}" for i, e in enumerate(evaluation.extensions, 1)]
    lines.append("")
    width = max([5, *(len(c.id) for c in amap.claims)])
    if gradual:
        lines.append(f"{'claim':<{width}}  {'base':>8}  {'strength':>8}")
        for claim in amap.claims:
            base = DEFAULT_WEIGHT if claim.weight is None else claim.weight
            value = evaluation.strengths[claim.id]
            lines.append(f"{claim.id:<{width}}  {base:>8.6f}  {value:>8.6f}")
    else:
        lines.append(f"{'claim':<{width}}  status")
        lines += [f"{c.id:<{width}}  {evaluation.statuses[c.id].value}" for c in amap.claims]
    lines += [f"note: {note}" for note in evaluation.notes]
    return "\n".join(lines) + "\n"


def _verdict_table(amap: ArgumentMap, evaluation: Evaluation) -> str:
    lines = [f"reading: {evaluation.settings.describe()}", ""]
    width = max([5, *(len(c.id) for c in amap.claims)])
    lines.append(f"{'claim':<{width}}  {'verdict':<12}  why")
    for claim in amap.claims:
        why = claim_why(amap, evaluation, claim.id, title_namer(amap))
        lines.append(f"{claim.id:<{width}}  {evaluation.state(claim.id):<12}  {clean(why)}")
    lines += [f"note: {note}" for note in evaluation.notes]
    return "\n".join(lines) + "\n"
