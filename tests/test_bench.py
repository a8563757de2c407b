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
        "batched",
        "+SVG/batched",
    ]
    assert [row.split()[0] for row in rows] == ["30", "250"]
    for row in rows:
        assert re.fullmatch(rf"\s*(?:{NUMBER}\s+){{10}}{NUMBER}\s*", row), row


def test_semantics_bench_runs_without_peers() -> None:
    done = run_bench("bench_semantics.py", "--families", "chain", "--sizes", "100", "--no-peers")
    assert done.returncode == 0, done.stderr
    tasks = re.findall(r"^\| chain-100 \| ([\w-]+) \| [\d.]+ ms", done.stdout, re.MULTILINE)
    assert tasks == ["grounded", "preferred-first", "preferred-all", "stable-all", "dfquad", "qe"]
    torus = run_bench("bench_semantics.py", "--families", "torus", "--sizes", "16", "--no-peers")
    assert torus.returncode == 0, torus.stderr
    tasks = re.findall(r"^\| torus-16 \| ([\w-]+) \| [\d.]+ ms", torus.stdout, re.MULTILINE)
    assert tasks == ["grounded", "preferred-first", "dfquad", "qe"]


def test_grounded_bench_prints_a_row_per_size_on_each_side_of_the_arrays() -> None:
    done = run_bench("bench_grounded.py", "--sizes", "1000,60000", "--repeat", "2")
    assert done.returncode == 0, done.stderr
    rows = re.findall(
        r"^\| ([\d,]+) \| ([\d,]+) \| [\d.]+ s \([\d.]+-[\d.]+\) \| .* \| ([\d,]+) \|$",
        done.stdout,
        re.MULTILINE,
    )
    assert [(n, m) for n, m, _ in rows] == [("1,000", "2,000"), ("60,000", "120,000")]
    assert all(int(members.replace(",", "")) > 0 for _, _, members in rows)


def test_startup_bench_prints_a_row_per_command() -> None:
    done = run_bench("bench_startup.py", "--repeat", "1")
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].split(" | ")[0] == "| command"
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows[2:]] == [
        "python -c pass",
        "argmap --version",
        "argmap render --help",
        "argmap render MAP -f svg",
    ]
    for row in rows[2:]:
        assert re.fullmatch(rf"\| [^|]+ (?:\| -?{NUMBER} ){{4}}\|", row), row


ARGDOWN = ROOT / "bench" / ".peers" / "argdown" / "bin" / "argdown"


@pytest.mark.dot
def test_argdown_bench_prints_paired_figures_and_ratios() -> None:
    if not ARGDOWN.exists():
        pytest.skip("Argdown is not installed (bash bench/peers/argdown/setup.sh)")
    done = run_bench("bench_argdown.py", "--sizes", "20", "--repeat", "1", "--no-bundled")
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| map | argmap build wall s |")
    assert len(rows) == 3 and rows[2].startswith("| 20 claims |")
    assert re.fullmatch(rf"\| 20 claims (?:\| {NUMBER} ){{6}}\|", rows[2]), rows[2]
    done = run_bench("bench_argdown.py", "--sizes", "20", "--repeat", "1", "--no-bundled", "--read")
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| map | argmap check wall s | CPU s | argdown json wall s |")
    assert re.fullmatch(rf"\| 20 claims (?:\| {NUMBER} ){{6}}\|", rows[2]), rows[2]


@pytest.mark.dot
def test_jobs_bench_prints_a_row_per_map_and_jobs_value() -> None:
    done = run_bench("bench_jobs.py", "--sizes", "30", "--jobs", "1,2", "--repeat", "1")
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| map | -j | wall s |")
    assert [row.split(" | ")[:2] for row in rows[2:]] == [
        ["| bundled", "1"],
        ["| bundled", "2"],
        ["| 30 claims", "1"],
        ["| 30 claims", "2"],
    ]
    for row in rows[2:]:
        assert re.fullmatch(rf"\| [^|]+ \| \d+ (?:\| {NUMBER} ){{4}}\|", row), row


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


def test_crosscheck_agrees_through_the_cli_and_counts_its_checks() -> None:
    # With clingo set up it is the reference; without, the CLI is checked against the engine.
    done = run_bench("crosscheck_clingo.py", "--count", "6", "--seeds", "4", "--cli", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    found = re.search(r"^6 frameworks, (\d+) checks, 0 disagreements$", done.stdout, re.M)
    assert found is not None, done.stdout
    # Each of the .i23 and .apx files: 5 semantics, each listed, one extension, 2 queries.
    assert int(found.group(1)) >= 2 * 5 * 4


def test_crosscheck_ideal_is_the_largest_admissible_set_inside_every_preferred_one() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import crosscheck_clingo

    # 1 and 2 attack each other, both attack 3, 3 attacks 4: preferred {1, 4} and {2, 4}.
    attacks = [(1, 2), (2, 1), (1, 3), (2, 3), (3, 4)]
    # 4 is in both, but only 1 or 2 defends it against 3: the ideal extension is empty.
    assert crosscheck_clingo.ideal_of([[1, 4], [2, 4]], 4, attacks) == []
    # 5 unattacked, defending 4 by attacking 3: then 4 stays.
    attacks += [(5, 3)]
    assert crosscheck_clingo.ideal_of([[1, 4, 5], [2, 4, 5]], 5, attacks) == [4, 5]
