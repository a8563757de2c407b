"""The CLI: a thin adapter whose output matches the library's, with clean errors and exit codes."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from argmap import __version__
from argmap.build import render_artifact
from argmap.check import check_paths
from argmap.cli import main
from argmap.evaluate import evaluate_map
from argmap.schema import claim_file_schema_json

from .conftest import CASES, ROOT

BASIC = str(CASES / "valid_basic" / "input")


def run(*args: str) -> CliRunner.invoke:  # type: ignore[valid-type]
    return CliRunner().invoke(main, list(args))


def test_version_and_help() -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output
    for command in main.list_commands(click.Context(main)):
        help_text = run(command, "-h")
        assert help_text.exit_code == 0, command
        assert "Example" in help_text.output, command


def test_python_m_argmap_runs_the_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_check_clean_map_exits_zero_with_count_line() -> None:
    result = run("check", BASIC)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith("0 errors, 0 warnings")


def test_check_strict_fails_on_warnings() -> None:
    path = str(CASES / "invalid_unconnected_claim" / "input")
    assert run("check", path).exit_code == 0
    assert run("check", "--strict", path).exit_code == 1


def test_missing_path_is_one_line_error_exit_1() -> None:
    result = run("check", "no/such/dir")
    assert result.exit_code == 1
    assert result.stderr == "argmap: error: no/such/dir: no such file or directory\n"


def test_a_symbolic_link_that_leads_nowhere_says_so(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "broken.yaml").symlink_to("gone.yaml")
    looped = run("check", str(tmp_path / "loop.yaml"))
    assert looped.exit_code == 1
    assert looped.stderr.endswith("loop.yaml: a loop of symbolic links\n")
    broken = run("check", str(tmp_path / "broken.yaml"))
    assert broken.exit_code == 1
    assert broken.stderr.endswith("broken.yaml: a broken symbolic link (to gone.yaml)\n")


def test_a_directory_that_cannot_be_listed_stops_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its claims would otherwise be dropped without a word."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text("claims: []\n")
    listed = os.scandir

    def refusing(path: Any = ".") -> Any:
        if os.fspath(path).endswith("sub"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return listed(path)

    monkeypatch.setattr(os, "scandir", refusing)
    result = run("check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.endswith("sub: cannot read directory: Permission denied\n")


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("build", BASIC, "-o", ""), "the output directory is an empty path"),
        (("build", BASIC, "-o", "{file}"), "exists and is not a directory (a regular file)"),
        (("render", BASIC, "-f", "dot", "-o", ""), "the file to write is an empty path"),
        (("render", BASIC, "-f", "dot", "-o", "{dir}"), "is a directory, not a regular file"),
        (("check", BASIC, "--sources", "{file}"), "not a directory (the directory of source"),
        (("check", BASIC, "--sources", "{dir}/none"), "no such directory (the directory of"),
        (("check", ""), "an empty path names no file"),
    ],
)
def test_a_path_of_the_wrong_kind_is_a_one_line_error_exit_1(
    tmp_path: Path, args: tuple[str, ...], error: str
) -> None:
    """Not a usage message: the command line was well formed, the path is wrong."""
    (tmp_path / "file").write_text("x")
    (tmp_path / "dir").mkdir()
    filled = [a.format(file=tmp_path / "file", dir=tmp_path / "dir") for a in args]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run(*filled)
    assert result.exit_code == 1, result.output
    last = result.stderr.splitlines()[-1]
    assert last.startswith("argmap: error: ") and error in last, result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_render_to_a_dash_writes_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("render", BASIC, "-f", "dot", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("// Argument map")
    assert not (tmp_path / "-").exists()


def test_unknown_option_is_usage_error_exit_2() -> None:
    assert run("check", "--nope", BASIC).exit_code == 2


@pytest.mark.dot
def test_render_matches_the_library(tmp_path: Path) -> None:
    checked = check_paths([BASIC])
    evaluation = evaluate_map(checked.amap)
    for fmt in ("dot", "md"):
        result = CliRunner().invoke(main, ["render", BASIC, "-f", fmt, "--thesis", "coffee-helps"])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes == render_artifact(
            checked.amap, fmt, thesis="coffee-helps", evaluation=evaluation
        )
    out = tmp_path / "map.png"
    assert run("render", BASIC, "-f", "png", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"\x89PNG")


def test_render_unknown_thesis_is_usage_error() -> None:
    result = run("render", BASIC, "-f", "dot", "--thesis", "nope")
    assert result.exit_code == 2
    assert "coffee-helps" in result.stderr


@pytest.mark.dot
def test_build_writes_every_artifact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", BASIC, "-o", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        ".argmap-manifest",
        "coffee-helps.md",
        "coffee-helps.svg",
        "index.md",
        "overview.svg",
    ]


def test_build_with_errors_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(CASES / "invalid_unknown_claim" / "input"), "-o", str(out))
    assert result.exit_code == 1
    assert "unknown-claim" in result.stderr
    assert "nothing was written" in result.stderr
    assert not out.exists()


def test_build_without_dot_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMAP_DOT", "argmap-no-such-dot")
    result = run("build", BASIC, "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "apt-get install graphviz" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_schema_matches_library_and_committed_file() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert result.stdout == claim_file_schema_json()
    assert (ROOT / "schema" / "claims.schema.json").read_text("utf-8") == result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["check", "a\x00b.yaml"],
        ["render", "claims\x00"],
        ["eval", "\x00.i23", "--semantics", "preferred"],
        ["fmt", "--check", "x\x00.yaml"],
        ["build", "claims\x00", "-o", "out"],
    ],
)
def test_a_path_with_a_nul_is_a_usage_error_not_a_traceback(args: list[str]) -> None:
    # No shell can pass a NUL, but a program calling the command line can.
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "holds a NUL character" in result.output


def test_eval_refuses_a_map_that_check_refuses(tmp_path: Path) -> None:
    # A relation to an unknown claim is never dropped in silence, nor a self-attack read.
    for relation in ("attacks: [zz]", "attacks: [a]"):
        (tmp_path / "m.yaml").write_text(
            "claims:\n  - {id: t, kind: thesis, text: T.}\n"
            f"  - {{id: a, text: A., supports: [t], {relation}}}\n",
            "utf-8",
        )
        for extra in ((), ("--format", "json"), ("--semantics", "grounded")):
            result = run("eval", str(tmp_path / "m.yaml"), *extra)
            assert result.exit_code == 1, (relation, extra)
            assert "m.yaml:3:" in result.output
            assert "nothing was evaluated" in result.output
            assert "stands" not in result.output


def test_a_framework_that_attacks_itself_is_data_not_a_slip(tmp_path: Path) -> None:
    (tmp_path / "f.i23").write_text("p af 2\n1 1\n1 2\n", "utf-8")
    (tmp_path / "f.apx").write_text("arg(a).\narg(b).\natt(a,a).\natt(a,b).\n", "utf-8")
    for name in ("f.i23", "f.apx"):
        checked = run("check", "--strict", str(tmp_path / name))
        assert checked.exit_code == 0, checked.output
        assert "0 errors, 0 warnings" in checked.output
        scored = run("eval", str(tmp_path / name), "--semantics", "dfquad")
        assert scored.exit_code == 0, scored.output
    # In a claim map the same self-attack is a slip.
    (tmp_path / "m.yaml").write_text(
        "claims:\n  - {id: t, kind: thesis, text: T., attacks: [t]}\n", "utf-8"
    )
    assert "[self-relation]" in run("check", str(tmp_path / "m.yaml")).output


def test_running_out_of_memory_is_one_line_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.check

    def exhausted(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(argmap.check, "check_paths", exhausted)
    result = run("check", BASIC)
    assert result.exit_code == 1
    assert (
        result.output == "argmap: error: out of memory: the input is too large for this machine\n"
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["check", "--help"], ["--version"], ["eval", "-h"]])
def test_help_to_a_full_disk_is_one_line_and_exit_1(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert (
        done.stderr == "argmap: error: cannot write to standard output: No space left on device\n"
    )


def test_eval_prints_a_score_beside_each_verdict_as_the_pages_do(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        "claims:\n  - {id: t, kind: thesis, text: T.}\n"
        "  - {id: a, text: A., supports: [t]}\n"
        "  - {id: b, text: B., attacks: [t], weight: 0.2}\n"
        "  - {id: w, kind: forecast, text: W., supports: [t]}\n",
        "utf-8",
    )
    document = json.loads(run("eval", str(tmp_path / "m.yaml"), "--format", "json").stdout)
    assert document["gradual"] == "dfquad"
    scores = {c["id"]: c["strength"] for c in document["claims"]}
    assert scores == {"a": 0.5, "b": 0.2, "t": pytest.approx(0.65), "w": None}
    table = run("eval", str(tmp_path / "m.yaml")).stdout
    assert "verdict       score  why" in table and "A score is not a probability" in table
    assert "stands         0.65" in table and "not-assessed      –" in table
    # DF-QuAD: 0.5 + (1 - 0.5) * (0.5 - 0.2); the forecast counts for nothing yet.
    # A formal reading answers with statuses and extensions, not scores.
    formal = json.loads(
        run("eval", str(tmp_path / "m.yaml"), "--semantics", "grounded", "--format", "json").stdout
    )
    assert "strengths" not in formal and formal["semantics"] == formal["reading"] == "grounded"
    assert formal["extensions"] == [["b"]]
    # Each claim with its status, its attackers (derived ones too) and why, as the table has.
    statuses = {c["id"]: (c["status"], c["attackers"]) for c in formal["claims"]}
    assert statuses == {
        "a": ("rejected", ["b"]),
        "b": ("accepted", []),
        "t": ("rejected", ["b"]),
        "w": ("rejected", ["b"]),
    }
    why = {c["id"]: c["why"] for c in formal["claims"]}
    assert (
        why["t"]
        == "Rejected under grounded semantics (a formal reading): an accepted claim attacks it: “B”."
    )
    assert why["a"].endswith("(a derived attack: supports read as deductive).")
    # Its table says what its statuses mean, for a reader who expects verdicts, and why
    # each claim has its status, as the JSON does.
    lines = run("eval", str(tmp_path / "m.yaml"), "--semantics", "grounded").stdout.split("\n")
    assert lines[1].startswith("formal reading: accepted means in every extension,")
    assert "not the reader's verdicts" in lines[1]
    assert "claim  status     why" in lines
    assert "t      rejected   Rejected: an accepted claim attacks it: “B”." in lines
    assert "b      accepted   Accepted: nothing attacks it." in lines


def test_eval_gives_the_verdicts_when_the_scores_it_adds_do_not_settle(tmp_path: Path) -> None:
    # DF-QuAD creeps toward 1 by about 1e-9 a sweep on this cycle and stops with its error.
    (tmp_path / "m.yaml").write_text(
        "claims:\n  - {id: a, kind: thesis, text: A., weight: 0, supports: [b]}\n"
        "  - {id: b, text: B., weight: 0.000000001, supports: [a]}\n",
        "utf-8",
    )
    table = run("eval", str(tmp_path / "m.yaml"))
    assert table.exit_code == 0 and "argmap: note: no scores: DF-QuAD" in table.stderr
    assert "claim  verdict       why" in table.stdout and "score" not in table.stdout
    document = json.loads(run("eval", str(tmp_path / "m.yaml"), "--format", "json").stdout)
    assert {c["verdict"] for c in document["claims"]} == {"open"} and document["gradual"] is None
    asked = run("eval", str(tmp_path / "m.yaml"), "--semantics", "dfquad")
    assert asked.exit_code == 1 and "did not converge" in asked.stderr


@pytest.mark.parametrize("semantics", ["dfquad", "qe"])
def test_eval_scores_leave_forecasts_and_questions_unscored_and_say_nothing_of_verdicts(
    tmp_path: Path, semantics: str
) -> None:
    # A cycle (for its note), a forecast and a question: neither has a score yet.
    (tmp_path / "m.yaml").write_text(
        "claims:\n  - {id: t, kind: thesis, text: T.}\n"
        "  - {id: a, text: A., attacks: [b, t]}\n  - {id: b, text: B., attacks: [a]}\n"
        "  - {id: f, kind: forecast, text: F., supports: [t]}\n"
        "  - {id: q, kind: question, text: Q., attacks: [a]}\n",
        "utf-8",
    )
    table = run("eval", str(tmp_path / "m.yaml"), "--semantics", semantics)
    assert table.exit_code == 0, table.output
    rows = {line.split()[0]: line.split()[1:] for line in table.stdout.splitlines()[4:9]}
    assert rows["f"] == ["0.500000", "–"] and rows["q"] == ["0.500000", "–"]
    assert rows["b"][1] == rows["a"][1] != "–"  # a and b attack each other alike
    notes = [line for line in table.stdout.splitlines() if line.startswith("note: ")]
    assert notes[0].startswith("note: the map has cycles: ")
    assert notes[1] == "note: – marks a forecast or a question: it has no score until it is settled"
    assert len(notes) == 2  # nothing of the verdicts (a and b are left open by their cycle)
    answer = run("eval", str(tmp_path / "m.yaml"), "--semantics", semantics, "--format", "json")
    assert answer.exit_code == 0, answer.output
    assert list(json.loads(answer.stdout)["strengths"]) == ["a", "b", "t"]
    assert "left open" not in answer.stderr and "the map has cycles: " in answer.stderr


@pytest.mark.parametrize("name", ["two\nlines.yaml", "e\x1b[31mvil.yaml", "bell\x07.yaml"])
def test_a_file_name_cannot_break_a_line_or_restyle_the_terminal(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("claims:\n  - {id: A, text: x}\n", encoding="utf-8")
    # color=True: the runner passes escapes through as a terminal would receive them.
    checked = CliRunner().invoke(main, ["check", str(tmp_path)], color=True)
    lines = checked.output.splitlines()
    assert checked.exit_code == 1 and len(lines) == 3, lines
    shown = name.encode("unicode_escape").decode()
    assert all(line.startswith(f"{tmp_path}/{shown}:") for line in lines[:2]), lines
    assert not any(c in checked.output for c in "\x1b\x07")
    missing = CliRunner().invoke(main, ["check", str(tmp_path / "gone" / name)], color=True)
    assert missing.exit_code == 1 and missing.output.count("\n") == 1
    assert f"gone/{shown}: no such file or directory" in missing.output


def test_a_build_into_a_path_that_names_a_file_once_made_is_refused(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("mine\n", encoding="utf-8")
    out = tmp_path / "new" / ".." / "taken"
    result = run("build", BASIC, "-o", str(out))
    assert result.exit_code == 1
    assert "taken: exists and is not a directory (a regular file)" in result.output
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "mine\n"


def test_check_gives_diagnostics_as_json_or_as_github_annotations(tmp_path: Path) -> None:
    folder = tmp_path / "a,b: c"
    folder.mkdir()
    path = folder / "m.yaml"
    path.write_text(
        "claims:\n  - {id: t, kind: thesis, text: T}\n  - {id: a, text: A, attacks: [x]}\n"
        "  - {id: u, text: U, supports: [t], 'b%0Ad': 1}\n",
        encoding="utf-8",
    )
    text = run("check", str(path))
    as_json = run("check", str(path), "--format", "json")
    assert as_json.exit_code == text.exit_code == 1
    document = json.loads(as_json.stdout)
    assert (document["errors"], document["warnings"], document["notes"]) == (2, 1, 0)
    # The same diagnostics as the text lines, field by field.
    assert [
        f"{d['path']}:{d['line']}:{d['col']}: {d['severity']}: {d['message']} [{d['code']}]"
        for d in document["diagnostics"]
    ] == text.stderr.splitlines()[:-1]
    assert as_json.stderr == "2 errors, 1 warning\n"
    github = run("check", str(path), "--format", "github")
    assert github.exit_code == 1
    where = str(path).replace(":", "%3A").replace(",", "%2C")
    assert github.stdout.splitlines() == [
        f"::warning file={where},line=3,col=5,title=argmap unconnected-claim::"
        "claim 'a' is connected to no thesis (it supports or attacks nothing that leads to one)",
        f"::error file={where},line=3,col=32,title=argmap unknown-claim::"
        "'a' attacks unknown claim 'x'",
        # A '%' in a message is escaped, so that GitHub does not read '%0A' as a line break.
        f"::error file={where},line=4,col=37,title=argmap unknown-field::"
        "unknown field 'b%250Ad' in claim 'u'",
    ]
