"""Slow hostile fuzzing: Markdown injection, output directory faults and killed builds, with fixed seeds.

Run: .venv/bin/python bench/fuzz_hostile.py [--seeds 200] [--kills 30] [--start 0]
         [--only markdown,output,signals]

The fast parts of the same suites run in the test command (``tests/test_hostile_*.py``);
this script runs many more seeded cases of each: every hostile text in every field alone,
fuzzed mixtures of fragments in every field and URL (rendered by markdown-it-py and
Python-Markdown), seeded sequences of builds over a directory with foreign files and
symlinks in every replacing mode, and builds killed by SIGTERM, SIGINT or SIGKILL at
seeded moments of their write phase. It prints a line per part with its case count and
exits 1 on the first broken promise, naming its seed.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile import HOSTILE_TEXTS, HOSTILE_URLS, Fields, fuzz_strings
from tests.signals import killed_build_case
from tests.test_hostile_markdown import SHOWN, TEXT_FIELDS, assert_inert


def fuzz_markdown(seeds: int, start: int = 0) -> int:
    """Every hostile text in every field alone, then ``seeds`` fuzzed maps from seed
    ``10_000 + start`` on."""
    cases = 0
    for name in TEXT_FIELDS:
        for value in HOSTILE_TEXTS:
            assert_inert(
                dataclasses.replace(Fields(), **{name: value}), *([name] if name in SHOWN else [])
            )
            cases += 1
    for where in ("source_url", "ref_url"):
        for url in HOSTILE_URLS:
            assert_inert(dataclasses.replace(Fields(), **{where: url}))
            cases += 1
    for seed in range(start, start + seeds):
        values = list(fuzz_strings(10_000 + seed, 2 * len(TEXT_FIELDS) + 2))
        fields = Fields(**dict(zip(TEXT_FIELDS, values, strict=False)))
        fields = dataclasses.replace(fields, source_url=values[-2], ref_url=values[-1])
        try:
            assert_inert(fields, "text", "source_title")
        except AssertionError as exc:
            raise AssertionError(f"markdown fuzz seed {10_000 + seed}: {exc}") from exc
        cases += 1
    return cases


def fuzz_output(seeds: int, start: int = 0) -> int:
    """Seeded sequences of builds (the test's own check, run under many more seeds)."""
    import pytest

    from tests import test_hostile_output as suite

    cases = 0
    for seed in range(start, start + seeds):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            outside = root / "outside"
            outside.mkdir()
            (outside / "victim.txt").write_text("keep me")
            patch = pytest.MonkeyPatch()
            try:
                suite.test_seeded_sequences_of_builds_keep_every_promise(
                    root, outside, patch, 20_000 + seed
                )
            finally:
                patch.undo()
        cases += 1
    return cases


def fuzz_signals(kills: int, start: int = 0) -> int:
    """Builds killed at seeded moments, in each replacing mode."""
    seen: Counter[str] = Counter()
    for seed in range(start, start + kills):
        for mode in ("exchange", "renames", "in-place"):
            with tempfile.TemporaryDirectory() as tmp:
                seen[f"{mode}:{killed_build_case(Path(tmp), 30_000 + seed, mode)}"] += 1
    print("  outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(seen.items())))
    return sum(seen.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200, help="fuzzed maps and build sequences")
    parser.add_argument("--kills", type=int, default=30, help="killed builds per mode")
    parser.add_argument("--only", default="markdown,output,signals", help="parts to run")
    parser.add_argument("--start", type=int, default=0, help="the first seed of each part")
    args = parser.parse_args()
    parts: dict[str, Callable[[], int]] = {
        "markdown": lambda: fuzz_markdown(args.seeds, args.start),
        "output": lambda: fuzz_output(args.seeds, args.start),
        "signals": lambda: fuzz_signals(args.kills, args.start),
    }
    for name in args.only.split(","):
        started = time.monotonic()
        try:
            cases = parts[name]()
        except AssertionError as exc:
            print(f"{name}: FAILED: {exc}")
            return 1
        print(f"{name}: {cases} cases passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
