"""Seeded mutation fuzzing of every reader: no exception escapes, every diagnostic has a position."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.read import load_paths
from tests import fuzzing


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutated_documents_of_every_format_give_positioned_diagnostics(
    seed: int, tmp_path: Path
) -> None:
    # 3 seeds x 8 documents x 15 mutations: 360 cases in the fast run.
    assert fuzzing.run(15, seed, tmp_path) == 15 * len(fuzzing.SEEDS)


@pytest.mark.slow
def test_many_mutated_documents_give_positioned_diagnostics(tmp_path: Path) -> None:
    assert fuzzing.run(300, 99, tmp_path) == 300 * len(fuzzing.SEEDS)


@pytest.mark.parametrize("digits", [10, 4_301, 5_000, 100_000])
def test_an_iccma_number_of_any_length_is_a_diagnostic(tmp_path: Path, digits: int) -> None:
    """Python refuses to read integers of more than 4,300 digits; a header or an argument
    that long is a file's error like any other."""
    for name, text in (
        ("header.i23", f"p af {'9' * digits}\n1 2\n"),
        ("attack.i23", f"p af 3\n1 {'9' * digits}\n"),
        ("name.apx", f"arg({'7' * digits}).\natt(a,a).\n"),
    ):
        path = tmp_path / name
        path.write_text(text)
        found = load_paths([path]).diagnostics
        assert found and all(d.span.line >= 1 and "\n" not in d.message for d in found), found
        assert all(len(d.message) < 300 for d in found), found


def test_mutations_are_reproducible_from_their_seed() -> None:
    assert list(fuzzing.cases(3, 7)) == list(fuzzing.cases(3, 7))
    assert list(fuzzing.cases(3, 7)) != list(fuzzing.cases(3, 8))
