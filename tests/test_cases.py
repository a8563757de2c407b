"""Golden case folders: invalid_* cases give their documented diagnostics; valid ones their DOT and Markdown."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.build import graph_id, plan_artifacts
from argmap.check import check_paths
from argmap.cli import main
from argmap.diagnostics import summary_line
from argmap.evaluate import evaluate_map

from .conftest import CASES, Golden

INVALID = sorted(p.name for p in CASES.iterdir() if p.name.startswith("invalid_"))
VALID = sorted(p.name for p in CASES.iterdir() if p.name.startswith("valid_"))


@contextmanager
def inside(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@pytest.mark.parametrize("case", INVALID)
def test_invalid_case_gives_its_golden_diagnostics(case: str, golden: Golden) -> None:
    with inside(CASES / case):
        result = check_paths(["input"])
        text = (
            "".join(f"{d}\n" for d in result.diagnostics) + summary_line(result.diagnostics) + "\n"
        )
        golden.check(Path("expected/diagnostics.txt"), text)
        cli = CliRunner().invoke(main, ["check", "--strict", "input"])
    assert cli.exit_code == 1, cli.output
    assert "Traceback" not in cli.output
    assert cli.stderr == text


@pytest.mark.parametrize("case", VALID)
def test_valid_case_renders_golden_dot_and_markdown(case: str, golden: Golden) -> None:
    with inside(CASES / case):
        result = check_paths(["input"])
        assert not result.failed(strict=True), [str(d) for d in result.diagnostics]
        evaluation = evaluate_map(result.amap)
        for artifact in plan_artifacts(result.amap, evaluation, dot_only=True):
            golden.check(Path("expected") / artifact.path, artifact.make().decode("utf-8"))


def test_graph_ids_are_safe_svg_ids() -> None:
    assert graph_id("World model thesis!") == "am-world-model-thesis"
    assert graph_id("") == "am-map"
