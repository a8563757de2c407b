"""Scores in words: what a gradual strength means, said wherever scores are shown. Pure."""

from __future__ import annotations

from argmap.evaluation import Evaluation
from argmap.settings import DEFAULT_WEIGHT, GradualSemantics

__all__ = ["score_note", "score_phrase"]


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
