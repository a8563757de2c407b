"""The README stays true: its quick-start commands work, its tables match the code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pydantic import BaseModel

from argmap.model import Claim, ClaimFile, MapMeta, Source, SourceRef
from argmap.validate import CODES

from .conftest import CASES, ROOT

README = (ROOT / "README.md").read_text("utf-8")
BUILD_COMMAND = "./scripts/build-maps"
TEST_COMMAND = "./scripts/test"


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_holds_the_build_and_test_commands() -> None:
    assert quick_start() == [BUILD_COMMAND, TEST_COMMAND]
    for command in quick_start():
        script = ROOT / command
        assert script.exists() and os.access(script, os.X_OK), command


def test_ci_runs_exactly_the_readme_test_command() -> None:
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))
    ]
    assert lines == [TEST_COMMAND]


@pytest.mark.parametrize("model", [ClaimFile, MapMeta, Source, Claim, SourceRef])
def test_field_tables_match_the_model(model: type[BaseModel]) -> None:
    section = README.split(f"#### {model.__name__}\n", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (yes|no) \| (.*) \|$", section, re.MULTILINE)
    expected = [
        (name, "yes" if field.is_required() else "no", field.description)
        for name, field in model.model_fields.items()
    ]
    assert rows == expected


def test_diagnostic_table_lists_every_validation_code_and_each_has_a_case() -> None:
    section = README.split("### Diagnostics", 1)[1].split("\n## ", 1)[0]
    table = set(re.findall(r"^\| `([a-z0-9-]+)`(?:, `([a-z0-9-]+)`)? \|", section, re.MULTILINE))
    documented = {code for pair in table for code in pair if code}
    assert set(CODES) <= documented
    golden = "".join(p.read_text("utf-8") for p in CASES.glob("invalid_*/expected/diagnostics.txt"))
    # unreadable-file cannot be provoked by a committed file; it has a unit test instead.
    missing = [c for c in sorted(documented - {"unreadable-file"}) if f"[{c}]" not in golden]
    assert missing == []


@pytest.mark.dot
@pytest.mark.slow
def test_build_command_works_on_a_fresh_copy(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout")
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    copy = tmp_path / "argmap"
    for name in files:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    shutil.rmtree(copy / "output", ignore_errors=True)
    shared = ROOT.parent / "shared"
    if shared.exists():
        os.symlink(shared, tmp_path / "shared")
    proc = subprocess.run(
        [BUILD_COMMAND], cwd=copy, capture_output=True, text=True, check=False, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    built = sorted(p.name for p in (copy / "output").iterdir())
    committed = sorted(p.name for p in (ROOT / "output").iterdir())
    assert built == committed


def test_the_worked_example_gives_the_verdicts_the_readme_says() -> None:
    import yaml

    from argmap.evaluate import evaluate_map
    from argmap.model import ArgumentMap, Claim

    section = README.split("A worked example", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    claims = [Claim(**c) for c in yaml.safe_load(block.group(1))["claims"]]
    verdicts = evaluate_map(ArgumentMap(claims=tuple(claims))).verdicts
    assert {k: v.value for k, v in verdicts.items()} == {
        "four-day-week": "contested",
        "fuel-savings": "stands",
        "tired-pupils": "stands",
    }
    heavier = [
        c.model_copy(update={"weight": 0.7}) if c.id == "tired-pupils" else c for c in claims
    ]
    assert (
        evaluate_map(ArgumentMap(claims=tuple(heavier))).verdict("four-day-week").value == "falls"
    )
    answer = Claim(
        id="shorter-day", text="The youngest keep a shorter day.", attacks=("tired-pupils",)
    )
    answered = evaluate_map(ArgumentMap(claims=(*claims, answer)))
    assert answered.verdict("four-day-week").value == "stands"
