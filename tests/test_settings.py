"""Evaluation settings: names are checked, and "none" decoded, in one place."""

from __future__ import annotations

import pytest

from argmap.errors import UsageError
from argmap.settings import (
    EvaluationSettings,
    GradualSemantics,
    Semantics,
    SupportReading,
    means_none,
)


@pytest.mark.parametrize("word", ["none", "NONE", " off ", ""])
def test_words_for_none(word: str) -> None:
    assert means_none(word)
    assert EvaluationSettings.requested(word) is None
    assert EvaluationSettings.from_names("grounded", gradual=word).gradual is None


def test_requested_settings_are_checked_typed_values() -> None:
    settings = EvaluationSettings.requested("Preferred", "necessary", "qe", "scintilla")
    assert settings == EvaluationSettings(
        semantics=Semantics.PREFERRED,
        support=SupportReading.NECESSARY,
        gradual=GradualSemantics.QE,
        standard=settings.standard if settings else None,
    )
    assert settings is not None and settings.standard is not None
    assert settings.standard.value == "scintilla"
    assert EvaluationSettings.requested(None) == EvaluationSettings()


def test_unknown_names_get_a_hint() -> None:
    with pytest.raises(UsageError, match="did you mean 'preferred'"):
        EvaluationSettings.requested("prefered")
    with pytest.raises(UsageError, match="unknown support reading"):
        EvaluationSettings.from_names(support="sometimes")


def test_settings_built_directly_are_typed_and_checked_too() -> None:
    """A library user may write the names; they are the enums after, or a clear error."""
    settings = EvaluationSettings(semantics="Preferred", support="none", gradual="QE")  # type: ignore[arg-type]
    assert settings.semantics is Semantics.PREFERRED and settings.formal
    assert settings.support is SupportReading.NONE and settings.gradual is GradualSemantics.QE
    assert EvaluationSettings(gradual="none").gradual is None  # type: ignore[arg-type]
    assert settings == EvaluationSettings.from_names("preferred", "none", "qe")
    with pytest.raises(UsageError, match="unknown semantics 'bogus'"):
        EvaluationSettings(semantics="bogus")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="did you mean 'scintilla'"):
        EvaluationSettings(standard="scintila")  # type: ignore[arg-type]
