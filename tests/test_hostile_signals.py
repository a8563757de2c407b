"""SIGTERM, SIGINT or SIGKILL at seeded moments of a build leave the output wholly old or wholly new.

Many more seeds, in every mode, run from ``bench/fuzz_hostile.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .signals import killed_build_case


@pytest.mark.parametrize("seed", range(5))
def test_a_killed_build_leaves_the_old_output_or_the_new(tmp_path: Path, seed: int) -> None:
    assert killed_build_case(tmp_path, seed) in ("old", "new")


def test_without_an_exchange_a_killed_build_is_rolled_back_or_done(tmp_path: Path) -> None:
    assert killed_build_case(tmp_path, 100, mode="renames") in ("old", "new")


def test_in_place_a_killed_build_leaves_whole_files_and_is_completed_next(tmp_path: Path) -> None:
    assert killed_build_case(tmp_path, 200, mode="in-place") in ("old", "new", "mixed")
