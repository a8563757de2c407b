"""Scores in words: what a gradual strength means, said wherever scores are shown. Pure."""

from __future__ import annotations

from collections.abc import Iterable

from argmap.evaluation import Evaluation
from argmap.settings import DEFAULT_WEIGHT, GradualSemantics

__all__ = ["score_note", "score_phrase", "scores_table"]

#: The note under a table where a claim has no score (a dash).
UNSCORED_NOTE = "– marks a forecast or a question: it has no score until it is settled"


def score_note(gradual: GradualSemantics | str | None) -> str:
    """What a score means, said once wherever scores are shown."""
    if gradual is None:
        return ""
    title = GradualSemantics(gradual).display_name
    return (
        f"Scores are {title} strengths in [0, 1]: a claim starts at its weight "
        f"({DEFAULT_WEIGHT:.2f} unless set); its reasons raise it and its objections lower "
        "it, the more the stronger they are. A score is not a probability; 0.50 with nothing "
        "bearing on it means untested, not a coin toss."
    )


def score_phrase(evaluation: Evaluation, claim_id: str) -> str:
    """``Score 0.62 by DF-QuAD (not a probability).``, or an empty string."""
    value = evaluation.strength(claim_id)
    if value is None or evaluation.settings.gradual is None:
        return ""
    return f"Score {value:.2f} by {evaluation.settings.gradual.display_name} (not a probability)."


def scores_table(
    semantics: str, rows: Iterable[tuple[str, float, float | None]], notes: Iterable[str]
) -> str:
    """The readable answer of a gradual semantics: what a score means, then a line per
    ``(id, base weight, strength)`` (a dash for no strength), then the notes."""
    rows = list(rows)
    width = max([5, *(len(name) for name, _, _ in rows)])
    lines = [f"semantics: {semantics}", score_note(semantics), ""]
    lines.append(f"{'claim':<{width}}  {'base':>8}  {'strength':>8}")
    for name, base, value in rows:
        shown = "–" if value is None else f"{value:.6f}"
        lines.append(f"{name:<{width}}  {base:>8.6f}  {shown:>8}")
    notes = list(notes)
    if any(value is None for _, _, value in rows):
        notes.append(UNSCORED_NOTE)
    lines += [f"note: {note}" for note in notes]
    return "\n".join(lines) + "\n"
