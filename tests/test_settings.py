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
