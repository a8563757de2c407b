"""SIGTERM, SIGINT or SIGKILL at seeded moments of a build leave the output wholly old or wholly new.

Many more seeds, in every mode, run from ``bench/fuzz_hostile.py``.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
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


def _hard_framework(path: Path) -> None:
    """10,000 arguments each attacking 5 at random: credulous acceptance under complete
    semantics is a long SAT search here (clingo, too, does not finish in minutes)."""
    rng = random.Random(1)
    lines = [f"p af {10000}"]
    for a in range(10000):
        for _ in range(5):
            t = rng.randrange(10000)
            if t != a:
                lines.append(f"{a + 1} {t + 1}")
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize(
    ("signum", "code", "line"),
    [(signal.SIGTERM, 143, "argmap: terminated"), (signal.SIGINT, 130, "argmap: interrupted")],
)
def test_a_signal_stops_a_long_sat_search_with_one_line(
    tmp_path: Path, signum: int, code: int, line: str
) -> None:
    framework = tmp_path / "hard.i23"
    _hard_framework(framework)
    command = [sys.executable, "-m", "argmap", "eval", str(framework)]
    command += ["--semantics", "complete", "--accept", "5001"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        pass
    else:
        pytest.skip("the search ended before the signal")
    process.send_signal(signum)
    started = time.monotonic()
    try:
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
        process.communicate()
    assert time.monotonic() - started < 5
    assert process.returncode == code
    assert err == line + "\n" and out == ""
