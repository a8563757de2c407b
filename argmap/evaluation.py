"""What an evaluation holds: verdicts with their reasons, formal statuses, strengths. Data only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from argmap.diagnostics import did_you_mean, quote_id
from argmap.errors import UsageError
from argmap.model import ClaimKind, ProofStandard
from argmap.settings import EvaluationSettings

#: Decimal places kept in reported strengths.
STRENGTH_DIGITS = 6


class Status(StrEnum):
    """Whether a claim stands under a formal extension semantics."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


class Verdict(StrEnum):
    """A claim's verdict under the reader's proof standards."""

    STANDS = "stands"
    FALLS = "falls"
    #: Standing reasons on both sides that its standard does not settle.
    CONTESTED = "contested"
    #: Undecided for any other reason: no standing reason, or a cycle that settles nothing.
    OPEN = "open"
    #: A forecast or a question: conditional, so not weighed.
    NOT_ASSESSED = "not-assessed"


class Answer(NamedTuple):
    """A reason or objection that does not stand, and the standing claims that strike it."""

    claim_id: str
    by: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """A claim's verdict under the proof standards, with the claims that decide it.

    Attributes:
        verdict: The verdict.
        standard: The proof standard that weighed its reasons and objections.
        weight: Its own weight.
        reasons: Its standing reasons, weightiest first (then by id).
        objections: Its standing objections, weightiest first (then by id).
        answered: Objections that fall, each with the standing claims that answer it.
        struck: Reasons that fall, each with the standing claims that strike them.
        undecided: Reasons and objections that neither stand nor fall (open or contested).
        contested: Those of ``undecided`` that are contested.
        cyclic: Those of ``undecided`` that a cycle of relations leaves undecided (the
            rest, neither contested nor cyclic, are open for reasons of their own).
        open_objections: Those of ``undecided`` that are objections (the rest are reasons).
        circular: Its open reasons that rest, through open reasons, on this claim itself
            (circular reasoning, which lends a claim no support).
        conditional: Forecasts and questions bearing on it, which count for nothing.
        questions: Those of ``conditional`` that are questions (the rest are forecasts).
        supported: Whether anything but a forecast or question supports it at all.
        cycle: Whether it is open because a cycle of relations settles nothing.
        kind: Its kind.
        reason_weight: The weight of its weightiest standing reason (0 without one).
        objection_weight: The weight of its weightiest standing objection (0 without one).
        claim_id: The claim's own id.
    """

    verdict: Verdict
    standard: ProofStandard
    weight: float
    reasons: tuple[str, ...] = ()
    objections: tuple[str, ...] = ()
    answered: tuple[Answer, ...] = ()
    struck: tuple[Answer, ...] = ()
    undecided: tuple[str, ...] = ()
    contested: tuple[str, ...] = ()
    cyclic: tuple[str, ...] = ()
    open_objections: tuple[str, ...] = ()
    circular: tuple[str, ...] = ()
    conditional: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    supported: bool = False
    cycle: bool = False
    kind: ClaimKind = ClaimKind.CLAIM
    reason_weight: float = 0.0
    objection_weight: float = 0.0
    claim_id: str = ""
    #: Whether its reasons are the premises of an argument, which count only together:
    #: ``reasons`` lists them all when every one stands, and none otherwise.
    linked: bool = False
    #: Those of ``objections`` that undercut it (deny its inference): any one of them
    #: strikes it, whatever the weights.
    undercut_by: tuple[str, ...] = ()

    @property
    def deciding(self) -> tuple[str, ...]:
        """The claims the verdict rests on: standing reasons and objections, then the
        claims that answer objections or strike reasons."""
        seen = dict.fromkeys(self.reasons + self.objections)
        for answer in self.answered + self.struck:
            seen.update(dict.fromkeys(answer.by))
        return tuple(seen)


@dataclass(frozen=True)
class Evaluation:
    """Verdicts (or formal statuses) and strengths of every claim of a map.

    Under the default reading ``verdicts`` and ``assessments`` are filled and ``statuses``
    is empty; under a formal reading it is the other way round, and ``attackers`` gives
    each attacked claim its attackers in the attack graph read (derived attacks included).
    """

    settings: EvaluationSettings
    statuses: Mapping[str, Status] = field(default_factory=dict)
    verdicts: Mapping[str, Verdict] = field(default_factory=dict)
    assessments: Mapping[str, Assessment] = field(default_factory=dict)
    strengths: Mapping[str, float] = field(default_factory=dict)
    extensions: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()
    attackers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def semantics(self) -> str:
        """The reading's name: ``carneades`` or a formal semantics."""
        return self.settings.semantics.value

    @property
    def support(self) -> str:
        """The support reading of the formal readings."""
        return self.settings.support.value

    @property
    def gradual(self) -> str | None:
        """The gradual semantics of the strengths, if any."""
        return None if self.settings.gradual is None else self.settings.gradual.value

    @property
    def formal(self) -> bool:
        """Whether the statuses come from a formal extension semantics."""
        return self.settings.formal

    def _known(self, claim_id: str) -> None:
        if claim_id not in self.statuses and claim_id not in self.verdicts:
            raise UsageError(_unknown_claim(claim_id, (*self.statuses, *self.verdicts)))

    def state(self, claim_id: str) -> str:
        """The word for a claim's result: a verdict, or a formal status.

        Raises:
            UsageError: when the map has no such claim.
        """
        self._known(claim_id)
        found = self.verdicts.get(claim_id) or self.statuses[claim_id]
        return found.value

    def stands(self, claim_id: str) -> bool:
        """Whether a claim stands (its verdict) or is accepted (its formal status)."""
        self._known(claim_id)
        if self.formal:
            return self.statuses[claim_id] is Status.ACCEPTED
        return self.verdicts[claim_id] is Verdict.STANDS

    def status(self, claim_id: str) -> Status:
        """The formal status of one claim; under the proof standards a claim that stands
        reads as accepted, one that falls as rejected, and any other as undecided.

        Raises:
            UsageError: when the map has no such claim.
        """
        self._known(claim_id)
        if self.formal:
            return self.statuses[claim_id]
        verdict = self.verdicts[claim_id]
        if verdict is Verdict.STANDS:
            return Status.ACCEPTED
        return Status.REJECTED if verdict is Verdict.FALLS else Status.UNDECIDED

    def verdict(self, claim_id: str) -> Verdict | None:
        """A claim's verdict under the proof standards (None under a formal reading)."""
        self._known(claim_id)
        return self.verdicts.get(claim_id)

    def assessment(self, claim_id: str) -> Assessment | None:
        """The verdict with its reasons (None under a formal reading)."""
        self._known(claim_id)
        return self.assessments.get(claim_id)

    def strength(self, claim_id: str) -> float | None:
        """The strength of one claim, or None when none was computed for it."""
        return self.strengths.get(claim_id)


def _unknown_claim(claim_id: str, known: Mapping[str, object] | tuple[str, ...]) -> str:
    return f"no claim {quote_id(claim_id)} in the map{did_you_mean(claim_id, known)}"
