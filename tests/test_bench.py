"""The benchmarks run and print their tables (tiny sizes: the figures themselves are not tested)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .conftest import ROOT

NUMBER = r"\d+(?:\.\d+)?s?"


def run_bench(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.dot
def test_core_bench_prints_a_row_per_size_with_every_step_and_the_ratios() -> None:
    done = run_bench("bench_core.py", "--sizes", "30,250", "--repeat", "1")
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split() == [
        "claims",
        "relations",
        "load+validate",
        "eval",
        "DOT+MD",
        "SVG",
        "post",
        "dot",
        "layout",
        "own/layout",
        "+SVG/layout",
    ]
    assert [row.split()[0] for row in rows] == ["30", "250"]
    for row in rows:
        assert re.fullmatch(rf"\s*(?:{NUMBER}\s+){{8}}{NUMBER}\s*", row), row


def test_semantics_bench_runs_without_peers() -> None:
    done = run_bench("bench_semantics.py", "--families", "chain", "--sizes", "100", "--no-peers")
    assert done.returncode == 0, done.stderr
    tasks = re.findall(r"^\| chain-100 \| ([\w-]+) \| [\d.]+ ms", done.stdout, re.MULTILINE)
    assert tasks == ["grounded", "preferred-first", "preferred-all", "stable-all", "dfquad"]


def test_iccma_bench_runs_without_clingo_and_prints_its_table() -> None:
    done = run_bench(
        "bench_iccma.py",
        *("--families", "random,torus", "--sizes", "30", "--cyclic-sizes", "16"),
        *("--tasks", "SE-GR,EE-PR,DS-PR,SE-ID", "--repeat", "1", "--no-clingo"),
    )
    assert done.returncode == 0, done.stderr
    rows = re.findall(r"^\| ([\w-]+) \| ([\w-]+) \| [\w-]+ \| [\d.]+ m?s \|", done.stdout, re.M)
    assert rows == [
        ("random-30", "SE-GR"),
        ("random-30", "EE-PR"),
        ("random-30", "DS-PR"),
        ("random-30", "SE-ID"),
        ("torus-16", "SE-GR"),
        ("torus-16", "DS-PR"),
        ("torus-16", "SE-ID"),
    ]
    assert "DISAGREES" not in done.stdout
