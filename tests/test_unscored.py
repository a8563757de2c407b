"""Scores are a second measure: where DF-QuAD does not settle on a cycle, every command still
gives the verdicts, without scores, and says why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.errors import EvaluationError
from argmap.evaluate import NO_SCORES, evaluate_map, evaluate_or_unscored
from argmap.integrations.fence import render_fence
from argmap.model import ArgumentMap

# A cycle whose DF-QuAD strengths settle neither by plain nor by damped sweeps (steps down
# to 0.01 were tried), their moves never shrinking: found by a random search over small maps.
UNSETTLED = """\
claims:
  - {id: c0, text: C0, weight: 1.0, supports: [c1, c5], attacks: [c2]}
  - {id: c1, kind: argument, text: C1, weight: 0.0, supports: [c5, c2], attacks: [c4]}
  - {id: c2, kind: argument, text: C2, weight: 1.0, undercuts: [c0]}
  - {id: c3, kind: argument, text: C3, weight: 0.1, undercuts: [c5, c2, c4]}
  - {id: c4, text: C4, weight: 0.9, attacks: [c1]}
  - {id: c5, kind: argument, text: C5, weight: 0.0, supports: [c2, c0]}
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("unsettled")
    (path / "m.yaml").write_text(UNSETTLED, encoding="utf-8")
    return path


def _amap() -> ArgumentMap:
    from argmap.read.yaml import read_yaml

    return read_yaml(UNSETTLED, "m.yaml").amap


def test_the_library_gives_the_verdicts_without_scores_and_says_why() -> None:
    amap = _amap()
    with pytest.raises(EvaluationError, match="their updates kept oscillating, even damped"):
        evaluate_map(amap)
    evaluation = evaluate_or_unscored(amap)
    assert evaluation.gradual is None and not evaluation.strengths
    assert set(evaluation.verdicts) == {f"c{i}" for i in range(6)}
    assert [n for n in evaluation.notes if n.startswith(NO_SCORES)]


def test_build_writes_its_pages_without_scores_and_says_why(folder: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "argmap: note: no scores: DF-QuAD strengths did not converge" in result.stderr
    index = (tmp_path / "out" / "index.md").read_text("utf-8")
    assert "Scores are" not in index


def test_convert_with_evaluation_gives_no_strengths(folder: Path) -> None:
    result = CliRunner().invoke(
        main, ["convert", str(folder / "m.yaml"), "--to", "json", "--with-evaluation"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert {c["strength"] for c in document["evaluation"]["claims"]} == {None}
    assert any(n.startswith(NO_SCORES) for n in document["evaluation"]["notes"])


def test_a_fence_draws_the_map_and_warns(folder: Path) -> None:
    result = render_fence("m.yaml", "", base_dir=folder, root=folder, page="page.md", cache=None)
    assert not result.failed and "<svg" in result.html
    assert any(": warning: no scores:" in p for p in result.problems)


def test_compare_says_once_that_the_scores_are_left_out() -> None:
    from argmap.compare import compare_theses
    from argmap.model import Claim, ClaimKind

    amap = _amap()
    theses = (
        Claim(id="t", kind=ClaimKind.THESIS, text="T"),
        Claim(id="u", kind=ClaimKind.THESIS, text="U"),
        Claim(id="x", text="X", supports=("t",), attacks=("u",)),
    )
    comparison = compare_theses(ArgumentMap(claims=amap.claims + theses), "t", "u")
    said = [n for n in comparison.notes if "did not converge" in n]
    assert len(said) == 1 and said[0].endswith("; scores are left out")
    assert comparison.evaluation.gradual is None
