"""SIGTERM, SIGINT or SIGKILL at seeded moments of a build leave the output wholly old or wholly new."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from .signals import killed_build_case


@pytest.mark.parametrize("seed", range(5))
def test_a_killed_build_leaves_the_old_output_or_the_new(tmp_path: Path, seed: int) -> None:
    assert killed_build_case(tmp_path, seed) in ("old", "new")


@pytest.mark.parametrize("seed", range(1))
def test_without_an_exchange_a_killed_build_is_rolled_back_or_done(
    tmp_path: Path, seed: int
) -> None:
    assert killed_build_case(tmp_path, 100 + seed, mode="renames") in ("old", "new")


@pytest.mark.slow
def test_many_killed_builds_in_every_mode(tmp_path: Path) -> None:
    seen: Counter[str] = Counter()
    for seed in range(12):
        for mode in ("exchange", "renames", "in-place"):
            work = tmp_path / f"{mode}-{seed}"
            work.mkdir()
            seen[killed_build_case(work, 1000 + seed, mode)] += 1
    assert seen["old"] and seen["new"]
