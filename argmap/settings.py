"""How a map is evaluated, as one typed value: the reading, the support reading, the gradual semantics.

Every entry point (library, CLI, fences, docs plugins) builds an :class:`EvaluationSettings`
through :meth:`EvaluationSettings.from_names`, so names are checked, and ``"none"`` decoded,
in this one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from argmap.diagnostics import did_you_mean, quote_id
from argmap.errors import UsageError
from argmap.model import ProofStandard


class Semantics(StrEnum):
    """How verdicts are reached: the reader's proof standards, or a formal extension semantics."""

    #: The default for claim maps: proof standards after Carneades.
    CARNEADES = "carneades"
    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"
    SEMI_STABLE = "semi-stable"
    IDEAL = "ideal"

    @property
    def formal(self) -> bool:
        """Whether this is an extension semantics of abstract argumentation (Dung 1995)."""
        return self is not Semantics.CARNEADES


class SupportReading(StrEnum):
    """How the formal readings turn supports into derived attacks."""

    DEDUCTIVE = "deductive"
    NECESSARY = "necessary"
    NONE = "none"


class GradualSemantics(StrEnum):
    """Gradual strengths from base weights."""

    DFQUAD = "dfquad"
    QE = "qe"

    @property
    def display_name(self) -> str:
        """The name a reader knows it by."""
        return "DF-QuAD" if self is GradualSemantics.DFQUAD else "quadratic energy"


class Mode(StrEnum):
    """Acceptance in some extension (credulous) or in every one (skeptical)."""

    CREDULOUS = "credulous"
    SKEPTICAL = "skeptical"


#: Names of the formal readings, in the order they are offered.
EXTENSION_SEMANTICS = tuple(s.value for s in Semantics if s.formal)
READINGS = tuple(s.value for s in Semantics)
SUPPORT_READINGS = tuple(s.value for s in SupportReading)
GRADUAL_SEMANTICS = tuple(g.value for g in GradualSemantics)
MODES = tuple(m.value for m in Mode)
STANDARDS = tuple(s.value for s in ProofStandard)
#: The support reading of the formal readings unless another is asked for.
DEFAULT_SUPPORT = SupportReading.DEDUCTIVE.value
#: The proof standard of a claim when neither it nor its map sets one.
DEFAULT_STANDARD = ProofStandard.PREPONDERANCE
#: A claim's weight when it states none.
DEFAULT_WEIGHT = 0.5
E = TypeVar("E", bound=StrEnum)
#: Words that mean "none": no evaluation (as a semantics), no strengths (as a gradual semantics).
_NONE_WORDS = frozenset({"none", "off", ""})


def means_none(value: object) -> bool:
    """Whether a user's word for a semantics or gradual semantics means "none"."""
    return value is None or str(value).strip().lower() in _NONE_WORDS


def _pick(kind: type[E], value: str | E, what: str) -> E:
    if isinstance(value, kind):
        return value
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        allowed = [m.value for m in kind]
        raise UsageError(
            f"unknown {what} {quote_id(str(value))}{did_you_mean(str(value), allowed)}; "
            f"expected one of {', '.join(allowed)}"
        ) from None


def _typed(
    semantics: str | Semantics | None,
    support: str | SupportReading | None,
    gradual: str | GradualSemantics | None,
    standard: str | ProofStandard | None,
) -> tuple[Semantics, SupportReading, GradualSemantics | None, ProofStandard | None]:
    """The four settings from names, checked; ``None`` (or an empty name) keeps the default
    reading and support, and a gradual semantics of None or "none" means no strengths."""
    grad = None
    if gradual is not None and not means_none(gradual):
        grad = _pick(GradualSemantics, gradual, "gradual semantics")
    return (
        _pick(Semantics, semantics or Semantics.CARNEADES, "semantics"),
        _pick(SupportReading, support or SupportReading.DEDUCTIVE, "support reading"),
        grad,
        None if standard is None else _pick(ProofStandard, standard, "standard"),
    )


@dataclass(frozen=True)
class EvaluationSettings:
    """The reading a map is evaluated under.

    Attributes:
        semantics: The reader's proof standards (``carneades``, the default) or a formal
            extension semantics.
        support: How the formal readings flatten supports into attacks (unused by the
            proof standards, which read supports as independent reasons).
        gradual: The gradual semantics of the strengths, or None for no strengths.
        standard: A proof standard for every claim that sets none, overriding the map's.
    """

    semantics: Semantics = Semantics.CARNEADES
    support: SupportReading = SupportReading.DEDUCTIVE
    gradual: GradualSemantics | None = GradualSemantics.DFQUAD
    standard: ProofStandard | None = None

    def __post_init__(self) -> None:
        # Names as users write them ("preferred", "QE", "none") become the enums here too,
        # so that settings built directly are checked as those from from_names are.
        typed = _typed(self.semantics, self.support, self.gradual, self.standard)
        for name, value in zip(("semantics", "support", "gradual", "standard"), typed, strict=True):
            object.__setattr__(self, name, value)

    @classmethod
    def from_names(
        cls,
        semantics: str | Semantics | None = None,
        support: str | SupportReading | None = None,
        gradual: str | GradualSemantics | None = GradualSemantics.DFQUAD,
        standard: str | ProofStandard | None = None,
    ) -> EvaluationSettings:
        """Settings from names as users write them; ``None`` keeps a default, and a gradual
        semantics of ``"none"`` means no strengths.

        Raises:
            UsageError: A name is unknown (with a did-you-mean hint).
        """
        return cls(*_typed(semantics, support, gradual, standard))

    @classmethod
    def requested(
        cls,
        semantics: str | Semantics | None,
        support: str | SupportReading | None = None,
        gradual: str | GradualSemantics | None = GradualSemantics.DFQUAD,
        standard: str | ProofStandard | None = None,
    ) -> EvaluationSettings | None:
        """The settings a user's names ask for, or None when the semantics is ``"none"``
        (leave the map unevaluated); names as for :meth:`from_names`.

        Raises:
            UsageError: A name is unknown.
        """
        if semantics is not None and means_none(semantics):
            return None
        return cls.from_names(semantics, support, gradual, standard)

    @property
    def formal(self) -> bool:
        """Whether the verdicts come from a formal extension semantics."""
        return self.semantics.formal

    def describe(self) -> str:
        """The reading in words, as every output names it."""
        if self.formal:
            text = (
                f"formal reading: {self.semantics.value} semantics, "
                f"supports read as {self.support.value}"
            )
        else:
            text = "reader's verdicts: proof standards after Carneades"
            if self.standard is not None:
                text += f", every claim under {self.standard.value}"
        if self.gradual is not None:
            text += f"; scores by {self.gradual.display_name}"
        return text


def check_names(names: Iterable[str], allowed: Iterable[str], what: str) -> None:
    """Raise a UsageError naming the first of ``names`` that is not ``allowed``."""
    known = tuple(allowed)
    for name in names:
        if name not in known:
            raise UsageError(
                f"unknown {what} {quote_id(name)}{did_you_mean(name, known)}; "
                f"expected one of {', '.join(known)}"
            )
