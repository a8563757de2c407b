"""What a reader is told of gradual strengths: the note on a graph's cycles, and the error
when a cycle does not settle."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.diagnostics import quote_id
from argmap.semantics.gradual import GradualResult, NotConvergedError


def cycles_note(result: GradualResult, title: str, subject: str) -> str:
    """``the map has cycles: DF-QuAD converged after 29 iterations`` (``subject`` is what
    has them: "map" or "framework"), or an empty string when there are none."""
    if not result.cycles:
        return ""
    damped = f" with damped steps of {result.step:g}" if result.step < 1.0 else ""
    plural = "s" if result.iterations != 1 else ""
    return (
        f"the {subject} has cycles: {title} converged after {result.iterations} "
        f"iteration{plural}{damped}"
    )


def not_converged(error: NotConvergedError, names: Sequence[str], title: str) -> str:
    """The error's message: the cycle, by up to five names, and why it did not settle."""
    ids = ", ".join(quote_id(names[a]) for a in error.members[:5])
    more = f" and {len(error.members) - 5} more" if len(error.members) > 5 else ""
    why = "their updates kept oscillating, even damped"
    if not error.oscillating:
        why = f"not within {error.iterations} iterations, even with damped updates"
    return (
        f"{title} strengths did not converge on the cycle through {ids}{more}: {why}; "
        "try the other gradual semantics"
    )
