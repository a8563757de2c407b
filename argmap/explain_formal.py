"""Why a claim has its status under a formal reading, in one sentence.

A formal reading labels the attack graph the map is read as (supports turned into
derived attacks): under grounded semantics a claim is accepted when every claim that
attacks it is rejected, rejected when an accepted claim attacks it, and undecided
otherwise; under the others it is accepted when every extension holds it and rejected
when every extension attacks it. The sentence names the attackers that decide, and says
which of those attacks the support reading derived rather than the map drew.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.evaluation import Evaluation, Status
from argmap.explain import Namer, series
from argmap.model import ArgumentMap, RelationKind

__all__ = ["formal_why"]


def formal_why(
    amap: ArgumentMap, evaluation: Evaluation, claim_id: str, name: Namer, *, brief: bool = False
) -> str:
    """The sentence for ``claim_id``'s formal status (claims named by ``name``); ``brief``
    leaves out the semantics, for a table headed by it ("Rejected: ...")."""
    status = evaluation.status(claim_id)
    semantics = evaluation.semantics
    head = status.value.capitalize()
    if not brief:
        head += f" under {semantics} semantics (a formal reading)"
    attackers = evaluation.attackers.get(claim_id, ())
    drawn = {
        r.source for r in amap.incoming.get(claim_id, ()) if r.kind is not RelationKind.SUPPORTS
    }

    def shown(c: str) -> str:
        return "itself" if c == claim_id else name(c)

    def named(ids: Sequence[str]) -> str:
        """The claims, and a note on those whose attack the support reading derived."""
        text = series([shown(c) for c in ids])
        derived = [c for c in ids if c not in drawn]
        if not derived:
            return text
        reading = f"supports read as {evaluation.support}"
        if len(derived) == len(ids):
            kind = "a derived attack" if len(ids) == 1 else "derived attacks"
            return f"{text} ({kind}: {reading})"
        return f"{text} (derived from {reading}: {series([shown(c) for c in derived])})"

    def having(wanted: Status) -> list[str]:
        return [c for c in attackers if evaluation.status(c) is wanted]

    grounded = semantics == "grounded"
    # Grounded and ideal semantics have one extension each; the others may have many.
    every = (
        f"the {semantics} extension"
        if len(evaluation.extensions) == 1
        else (f"every {semantics} extension")
    )
    if status is Status.ACCEPTED:
        if not attackers:
            return f"{head}: nothing attacks it."
        if grounded:
            return f"{head}: every claim that attacks it is rejected: {named(attackers)}."
        return f"{head}: {every} holds it."
    if status is Status.REJECTED:
        accepted = having(Status.ACCEPTED)
        if len(accepted) == 1:
            return f"{head}: an accepted claim attacks it: {named(accepted)}."
        if accepted:
            return f"{head}: accepted claims attack it: {named(accepted)}."
        return f"{head}: {every} attacks it."
    if not evaluation.extensions:
        return f"{head}: the map has no {semantics} extension."
    undecided = having(Status.UNDECIDED)
    if grounded and undecided:
        some = "an undecided claim does" if len(undecided) == 1 else "undecided claims do"
        return f"{head}: nothing accepted attacks it, but {some}: {named(undecided)}."
    if len(evaluation.extensions) == 1:
        return f"{head}: {every} neither holds it nor attacks it."
    if any(claim_id in e for e in evaluation.extensions):
        return f"{head}: some {semantics} extensions hold it and others do not."
    return f"{head}: no {semantics} extension holds it, and not every one attacks it."
