"""The map path of the eval command: load a claim map, evaluate it, print a table or JSON.

Imported by ``argmap.cli.eval`` only when the input is no ICCMA task, so that a framework
file never loads the model, the evaluator or the renderers.
"""

from __future__ import annotations

import json
import sys

import click

from argmap.check import check_paths
from argmap.cli.app import print_diagnostics, read_stdin
from argmap.errors import EvaluationError
from argmap.evaluate import (
    DEFAULT_WEIGHT,
    GRADUAL_SEMANTICS,
    Evaluation,
    accepts,
    attack_framework,
    evaluate_map,
    scores,
)
from argmap.explain import claim_why
from argmap.explain_scores import score_note, scores_table
from argmap.iccma_task import format_first
from argmap.model import ArgumentMap
from argmap.read import LoadResult
from argmap.render.text import clean, title_namer
from argmap.semantics.extensions import first_extension
from argmap.settings import EvaluationSettings
from argmap.write.json import evaluation_document


def eval_map(
    paths: tuple[str, ...],
    fmt: str | None,
    semantics: str,
    support: str,
    standard: str | None,
    out_fmt: str,
    claim_id: str | None,
    mode: str,
    first: bool,
) -> None:
    """Evaluate a claim map (or several files read as one) and print the answer."""
    result = _load(paths, fmt)
    if first:
        fw = attack_framework(result.amap, support)
        found = first_extension(fw, semantics)
        click.echo(format_first(fw, semantics, found, out_fmt, support), nl=False)
        return
    if claim_id is not None:
        answer = accepts(result.amap, claim_id, semantics, mode, support)
        click.echo(_answer(semantics, claim_id, mode, answer, out_fmt))
        return
    if semantics in GRADUAL_SEMANTICS:
        # Scores alone: no verdicts are computed, and no note of theirs is printed.
        values, note = scores(result.amap, semantics)
        notes = [note] if note else []
        if out_fmt == "json":
            for line in notes:
                click.echo(f"argmap: note: {line}", err=True)
            strengths = dict(sorted(values.items()))
            click.echo(json.dumps({"semantics": semantics, "strengths": strengths}))
        else:
            click.echo(render_scores(result.amap, semantics, values, notes), nl=False)
        return
    scored = semantics == "carneades"
    gradual = "dfquad" if scored else None  # the score beside each verdict, as on the pages
    settings = EvaluationSettings.from_names(semantics, support, gradual, standard)
    try:
        evaluation = evaluate_map(result.amap, settings)
    except EvaluationError as exc:
        if not scored:
            raise
        # The scores were not asked for: the verdicts come without them, and say why.
        click.echo(f"argmap: note: no scores: {exc}", err=True)
        settings = EvaluationSettings.from_names(semantics, support, None, standard)
        evaluation = evaluate_map(result.amap, settings)
    if out_fmt == "json":
        for note in evaluation.notes:
            click.echo(f"argmap: note: {note}", err=True)
        click.echo(render_json(result.amap, semantics, evaluation))
    else:
        click.echo(render_table(result.amap, semantics, evaluation), nl=False)


def _load(paths: tuple[str, ...], fmt: str | None) -> LoadResult:
    """The map, checked as ``argmap check`` checks it: a map with errors is not evaluated."""
    paths, given = read_stdin(paths)
    checked = check_paths(paths, fmt=fmt, given=given)
    print_diagnostics(checked.diagnostics, quiet_when_clean=True)
    if checked.failed():
        click.echo("argmap: error: the map has errors; nothing was evaluated", err=True)
        sys.exit(1)
    return checked.load


def _answer(semantics: str, claim_id: str, mode: str, answer: bool, out_fmt: str) -> str:
    if out_fmt == "json":
        data = {"semantics": semantics, "claim": claim_id, "mode": mode, "accepted": answer}
        return json.dumps(data)
    return "yes" if answer else "no"


def render_json(amap: ArgumentMap, semantics: str, evaluation: Evaluation) -> str:
    """The JSON answer: each claim's verdict (or formal status) with the claims that decide
    it, and a formal reading's extensions."""
    document = evaluation_document(amap, evaluation)
    if evaluation.formal:
        # Named as an ICCMA framework's answer names it, beside the claims' statuses.
        document["semantics"] = semantics
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


#: What a formal reading's statuses mean, for a reader who expects verdicts.
_FORMAL_NOTE = (
    "formal reading: accepted means in every extension, rejected attacked from every one, "
    "undecided neither; these are the semantics' labels, not the reader's verdicts (argmap "
    "eval without --semantics gives those, with their reasons)"
)


def render_table(amap: ArgumentMap, semantics: str, evaluation: Evaluation) -> str:
    """A readable table: one claim a line with its verdict (and why) or status, then the
    notes."""
    if not evaluation.formal:
        return _verdict_table(amap, evaluation)
    from argmap.explain_formal import formal_why

    lines = [f"semantics: {semantics} (supports: {evaluation.support})", _FORMAL_NOTE]
    lines.append(f"extensions: {len(evaluation.extensions)}")
    lines += [f"  {i}: {{{', '.join(e)}}}" for i, e in enumerate(evaluation.extensions, 1)]
    lines.append("")
    width = max([5, *(len(c.id) for c in amap.claims)])
    name = title_namer(amap)
    lines.append(f"{'claim':<{width}}  {'status':<9}  why")
    for claim in amap.claims:
        why = clean(formal_why(amap, evaluation, claim.id, name, brief=True))
        status = evaluation.statuses[claim.id].value
        lines.append(f"{claim.id:<{width}}  {status:<9}  {why}")
    lines += [f"note: {note}" for note in evaluation.notes]
    return "\n".join(lines) + "\n"


def render_scores(
    amap: ArgumentMap, semantics: str, values: dict[str, float], notes: list[str]
) -> str:
    """A readable table of a gradual semantics: each claim's base weight and strength; a
    forecast or question has no strength (a dash) until it is settled."""
    rows = [
        (c.id, DEFAULT_WEIGHT if c.weight is None else c.weight, values.get(c.id))
        for c in amap.claims
    ]
    return scores_table(semantics, rows, notes)


def _verdict_table(amap: ArgumentMap, evaluation: Evaluation) -> str:
    lines = [f"reading: {evaluation.settings.describe()}", ""]
    width = max([5, *(len(c.id) for c in amap.claims)])
    scored = bool(evaluation.strengths)
    lines.append(f"{'claim':<{width}}  {'verdict':<12}  " + ("score  " if scored else "") + "why")
    for claim in amap.claims:
        why = claim_why(amap, evaluation, claim.id, title_namer(amap))
        value = evaluation.strength(claim.id)
        score = ("–" if value is None else f"{value:.2f}").rjust(5) + "  " if scored else ""
        state = evaluation.state(claim.id)
        lines.append(f"{claim.id:<{width}}  {state:<12}  {score}{clean(why)}")
    if scored:
        lines += ["", score_note(evaluation.settings.gradual)]
    lines += [f"note: {note}" for note in evaluation.notes]
    return "\n".join(lines) + "\n"
