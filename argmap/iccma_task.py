"""The ICCMA tasks on one ICCMA file: read straight into a framework, solve, format the answer.

``argmap eval`` on a claim map goes through the map model; a competition framework of a
million arguments needs none of it. This use case reads the file into attack arrays,
builds the integer framework once, runs one task (every extension, one extension,
credulous or skeptical acceptance of one argument, or the strengths of a gradual
semantics) and formats the same text and JSON answers as the map path. An extension task
loads no model (and no pydantic), so that a small task starts quickly; a gradual task
loads the settings for the note on what a score means. Runs no subprocess and writes no
file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from argmap.diagnostics import Diagnostic, did_you_mean, has_errors, quote_id
from argmap.errors import EvaluationError, UsageError
from argmap.gcpause import paused_gc
from argmap.numbered import NumberedNames, listed, names_at
from argmap.read.iccma_fast import iccma_format, read_attack_lists
from argmap.semantics import extensions as ext
from argmap.semantics.framework import Framework
from argmap.semantics.gradual import SEMANTICS as GRADUAL
from argmap.semantics.grounded import members
from argmap.semantics.sat import IN, OUT

__all__ = ["TaskAnswer", "format_first", "is_iccma_task", "run_iccma_task"]

#: Above this many arguments an unknown query gets no "did you mean" hint (too slow).
_HINT_LIMIT = 10_000
_STATUS = {IN: "accepted", OUT: "rejected", 0: "undecided"}


@dataclass(frozen=True)
class TaskAnswer:
    """What to print: the answer on stdout, the diagnostics on stderr."""

    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Notes on how the answer was found, for stderr (a text answer holds them too).
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether the file had errors (and ``text`` is empty)."""
        return has_errors(self.diagnostics)


def is_iccma_task(paths: Sequence[str], fmt: str | None, semantics: str) -> bool:
    """Whether ``argmap eval`` on these paths is an ICCMA task: one ICCMA file, and a Dung
    or a gradual semantics."""
    if len(paths) != 1 or semantics not in (*ext.SEMANTICS, *GRADUAL):
        return False
    if not os.path.isfile(paths[0]):
        return False
    return (fmt or iccma_format(paths[0])) in ("apx", "i23")


def run_iccma_task(
    path: str,
    fmt: str | None,
    semantics: str,
    *,
    out_fmt: str = "text",
    query: str | None = None,
    mode: str = "credulous",
    first: bool = False,
) -> TaskAnswer:
    """Solve one task on an ICCMA file.

    Args:
        path: The ``apx`` or ``i23`` file.
        fmt: Its format (``"apx"`` or ``"i23"``), or None to tell by the suffix.
        semantics: An extension semantics, or a gradual one (``dfquad`` or ``qe``).
        out_fmt: ``"text"`` or ``"json"``.
        query: An argument whose acceptance is asked, or None.
        mode: ``"credulous"`` or ``"skeptical"``, with ``query``.
        first: One extension instead of all of them.

    Raises:
        UsageError: when ``query`` names no argument of the file.
        EvaluationError: when gradual strengths do not converge on a cycle.
    """
    name = fmt or iccma_format(path)
    if name not in ("apx", "i23"):
        raise UsageError(f"{path}: not an ICCMA file: expected .apx, .i23 or .af, or --from")
    # Millions of small lists that all stay alive: the collector would only rescan them.
    with paused_gc():
        lists, diags = read_attack_lists(path, name)
        if lists is None:
            return TaskAnswer("", diags)
        if semantics in GRADUAL:
            text, notes = _gradual(lists.names, lists.targets, semantics, out_fmt)
            return TaskAnswer(text, diags, notes)
        fw = Framework(lists.names, lists.lists, arrays=lists.arrays)
        if query is not None:
            text = _acceptance(fw, query, semantics, mode, out_fmt, path)
        elif first:
            text = format_first(fw, semantics, ext.first_extension(fw, semantics), out_fmt)
        else:
            text = _all(fw, semantics, out_fmt)
    return TaskAnswer(text, diags)


def _acceptance(
    fw: Framework, query: str, semantics: str, mode: str, out_fmt: str, path: str
) -> str:
    try:
        a = fw.names.index(query)
    except ValueError:
        names = fw.names
        if isinstance(names, NumberedNames):
            last = names.first + names.size - 1
            hint = (
                f" (its arguments are {names.first} to {last})" if names.size else " (it has none)"
            )
        else:
            hint = did_you_mean(query, names) if fw.n <= _HINT_LIMIT else ""
        raise UsageError(f"no argument {quote_id(query)} in {path}{hint}") from None
    answer = ext.accepts(fw, a, semantics, mode)
    if out_fmt == "json":
        data = {"semantics": semantics, "claim": query, "mode": mode, "accepted": answer}
        return json.dumps(data) + "\n"
    return "yes\n" if answer else "no\n"


def _heading(semantics: str, support: str | None) -> str:
    """The text answer's first line: the semantics, and how supports were read when the
    framework came from a map that has them (an ICCMA file has none)."""
    return f"semantics: {semantics}" + (f" (supports: {support})" if support else "")


def format_first(
    fw: Framework,
    semantics: str,
    found: tuple[int, ...] | None,
    out_fmt: str,
    support: str | None = None,
) -> str:
    """The answer of ``argmap eval --first``: one extension, or none; ``support`` is named
    in the text answer when the framework came from a claim map."""
    names = fw.names
    if out_fmt == "json":
        members = "null" if found is None else "[" + listed(names, found, quoted=True) + "]"
        return f'{{"semantics": {json.dumps(semantics)}, "extension": {members}}}\n'
    head = _heading(semantics, support) + "\n"
    if found is None:
        what = "map" if support else "framework"
        return head + f"extension: none (the {what} has no {semantics} extension)\n"
    return head + "extension: {" + listed(names, found, quoted=False) + "}\n"


def _all(fw: Framework, semantics: str, out_fmt: str) -> str:
    if semantics == "grounded":
        labels = ext.grounded_labels(fw)
        found = [members(labels)]
    else:
        found = sorted(ext.iter_extensions(fw, semantics))
    names = fw.names
    if out_fmt == "json":
        extensions = ", ".join("[" + listed(names, e, quoted=True) + "]" for e in found)
        return f'{{"semantics": {json.dumps(semantics)}, "extensions": [{extensions}]}}\n'
    if semantics != "grounded":  # the labels are for the text answer's table only
        labels = ext.overall_labels(fw, found)
    lines = [_heading(semantics, None), f"extensions: {len(found)}"]
    lines += [f"  {i}: {{{listed(names, e, quoted=False)}}}" for i, e in enumerate(found, 1)]
    lines.append("")
    every = names_at(names, range(len(names)))
    width = max(8, max(map(len, every), default=0))
    lines.append(f"{'argument':<{width}}  status")
    suffix = {label: "  " + word for label, word in _STATUS.items()}
    lines += map(
        str.__add__, [name.ljust(width) for name in every], map(suffix.__getitem__, labels)
    )
    if not every:
        lines.append("note: the framework has no arguments")
    elif not found:
        lines.append(
            f"note: the framework has no {semantics} extension: every argument is undecided"
        )
    return "\n".join(lines) + "\n"


def _gradual(
    names: Sequence[str], targets: list[list[int]], semantics: str, out_fmt: str
) -> tuple[str, list[str]]:
    """Strengths of a gradual semantics: every argument at the default weight, attacks
    only (an ICCMA file has no supports); the answer, and the note on its cycles."""
    from argmap.evaluation import STRENGTH_DIGITS
    from argmap.explain_scores import scores_table
    from argmap.semantics.bipolar import BipolarGraph
    from argmap.semantics.gradual import NotConvergedError, strengths
    from argmap.semantics.gradual_notes import cycles_note, not_converged
    from argmap.settings import DEFAULT_WEIGHT, GradualSemantics

    every = tuple(names_at(names, range(len(names))))
    graph = BipolarGraph(every, targets, [[] for _ in every])
    title = GradualSemantics(semantics).display_name
    try:
        result = strengths(graph, [DEFAULT_WEIGHT] * len(every), semantics)
    except NotConvergedError as exc:
        raise EvaluationError(not_converged(exc, every, title)) from None
    notes = [note] if (note := cycles_note(result, title, "framework")) else []
    values = [round(value, STRENGTH_DIGITS) for value in result.strengths]
    if out_fmt == "json":
        data = {"semantics": semantics, "strengths": dict(zip(every, values, strict=True))}
        return json.dumps(data) + "\n", notes
    rows = ((name, DEFAULT_WEIGHT, value) for name, value in zip(every, values, strict=True))
    return scores_table(semantics, rows, notes), notes
