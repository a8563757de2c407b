"""Standard input, the way editors lint and format a buffer that is not saved yet: `check -`,
`check --stdin-filename FILE PATHS` (the buffer stands in for FILE within the map), `fmt -`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.cli.app import read_stdin
from argmap.errors import UsageError
from argmap.fmt import format_text
from argmap.read import load_paths
from argmap.read.collect import MAX_FILE_BYTES, read_stream

THESIS = "claims:\n  - id: ban\n    kind: thesis\n    text: Ban cars from the centre.\n"
REASON = "claims:\n  - id: air\n    text: The air gets cleaner.\n    supports: [ban]\n"


def run(*args: str, stdin: bytes | str = b"") -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A two-file map; the reason's file on disk is broken (it supports a claim that is not
    there), as an editor's file is before its buffer is saved."""
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "theses.yaml").write_text(THESIS)
    (tmp_path / "claims" / "reasons.yaml").write_text(REASON.replace("[ban]", "[bna]"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_dash_reads_a_claim_file_from_stdin() -> None:
    code, _, err = run("check", "-", stdin=THESIS)
    assert code == 0, err
    assert err.strip().splitlines()[-1] == "0 errors, 0 warnings"


def test_check_dash_names_stdin_in_every_diagnostic() -> None:
    code, _, err = run("check", "-", stdin=THESIS.replace("text:", "txt:"))
    assert code == 1
    lines = [line for line in err.splitlines() if ": error: " in line]
    assert lines and all(line.startswith("<stdin>:") for line in lines)
    assert "[unknown-field]" in err


def test_the_buffer_stands_in_for_its_file_within_the_map(project: Path) -> None:
    code, _, err = run("check", "claims")
    assert code == 1 and "claims/reasons.yaml:4:" in err  # the file on disk is broken
    code, _, err = run("check", "claims", "--stdin-filename", "claims/reasons.yaml", stdin=REASON)
    assert code == 0, err  # the buffer mends it, and nothing is read twice
    code, _, err = run("check", "claims", "--stdin-filename", "claims/theses.yaml", stdin=REASON)
    assert code == 1  # the buffer replaces the theses: 'ban' is gone, 'air' is there twice
    assert "claims/theses.yaml:2:5: error: duplicate id 'air'" in err
    assert "no-thesis" in err and "Ban cars" not in err


@pytest.mark.parametrize("spelling", ["./claims/reasons.yaml", "claims/../claims/reasons.yaml"])
def test_any_spelling_of_the_path_meets_its_file(project: Path, spelling: str) -> None:
    code, _, err = run("check", "claims", "--stdin-filename", spelling, stdin=REASON)
    assert code == 0, err
    assert "duplicate-id" not in err


def test_a_new_file_joins_the_map_in_the_format_of_its_suffix(project: Path) -> None:
    argdown = "[Shops]: Shops lose trade. #(cars)\n"
    code, out, _ = run(
        "check", "claims", "--stdin-filename", "claims/new.argdown", "--format", "json",
        stdin=argdown,
    )  # fmt: skip
    assert code == 1  # the broken file on disk is still read
    found = {(d["path"], d["code"]) for d in json.loads(out)["diagnostics"]}
    assert ("claims/reasons.yaml", "unknown-claim") in found
    assert ("claims/new.argdown", "unconnected-claim") in found
    load = load_paths(["claims"], given={"claims/new.argdown": argdown.encode()})
    assert load.amap.by_id["shops"].tags == ("cars",)
    assert set(load.amap.by_id) == {"shops", "ban", "air"}


def test_a_dash_named_by_stdin_filename(project: Path) -> None:
    code, _, err = run("check", "-", "--stdin-filename", "claims/x.yaml", stdin="claims: [\n")
    assert code == 1
    assert err.startswith("claims/x.yaml:2:1: error:")


def test_stdin_beyond_the_limit_or_not_utf8_is_one_error() -> None:
    code, _, err = run("check", "-", stdin=b"#" * (MAX_FILE_BYTES + 1))
    assert code == 1 and "<stdin>:1:1: error:" in err and "[too-large]" in err
    code, _, err = run("check", "-", stdin=THESIS.encode() + b"\xff\n")
    assert code == 1 and "[invalid-utf8]" in err and "<stdin>:5:1" in err


def test_read_stream_stops_one_byte_past_the_limit() -> None:
    stream = io.BytesIO(b"x" * 100)
    assert read_stream(stream, limit=10) == b"x" * 11
    assert read_stream(io.BytesIO(b"abc"), limit=10) == b"abc"


def test_a_terminal_on_stdin_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    with pytest.raises(UsageError, match="standard input is a terminal"):
        read_stdin(["-"], None)
    assert read_stdin(["claims"]) == (("claims",), {})  # nothing asks for it: nothing is read


def test_an_unknown_suffix_is_a_usage_error() -> None:
    code, _, err = run("check", "-", "--stdin-filename", "notes.txt", stdin=THESIS)
    assert code == 2 and "unknown file type '.txt'" in err


def test_fmt_dash_writes_the_canonical_layout_to_stdout(project: Path) -> None:
    messy = "claims:\n  - text: Hi.  # kept\n    id: b\n  - {id: a, text: X.}\n"
    code, out, err = run("fmt", "-", "--stdin-filename", "claims/b.yaml", stdin=messy)
    assert code == 0, err
    assert out == format_text(messy, "claims/b.yaml")
    assert out.index("id: a") < out.index("id: b") and "# kept" in out
    assert not (project / "claims" / "b.yaml").exists()  # nothing written to disk


def test_fmt_check_dash_says_whether_the_buffer_would_change() -> None:
    canonical = format_text(THESIS, "<stdin>")
    assert run("fmt", "--check", "-", stdin=canonical)[:2] == (0, "")
    code, out, _ = run("fmt", "--check", "-", stdin=THESIS.replace("  - id: ban\n", "  - id: ban\n    tags: []\n"))  # fmt: skip
    assert (code, out.strip()) == (1, "<stdin>")


def test_fmt_dash_refuses_broken_claims_in_one_line_and_writes_nothing() -> None:
    code, out, err = run("fmt", "-", stdin="claims:\n  - id: a\n    txt: x\n")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith(
        "argmap: error: <stdin>:2:5: cannot format:"
    )


def test_fmt_dash_stands_alone(project: Path) -> None:
    code, _, err = run("fmt", "claims", "-", stdin=THESIS)
    assert code == 2 and "'argmap fmt -'" in err


def test_convert_eval_and_render_read_a_dash_too() -> None:
    argdown = "[Ban]: Ban cars. #thesis\n  + [Air]: The air gets cleaner.\n"
    code, out, err = run("convert", "-", "--from", "argdown", "--to", "yaml", stdin=argdown)
    assert code == 0, err
    assert "id: ban\n    kind: thesis" in out and "supports: [ban]" in out
    code, out, err = run("eval", "-", "--format", "json", stdin=REASON + THESIS.split("\n", 1)[1])
    assert code == 0, err
    verdicts = {c["id"]: c["verdict"] for c in json.loads(out)["claims"]}
    assert verdicts == {"air": "stands", "ban": "stands"}
    code, out, err = run("render", "-", "-f", "dot", stdin=THESIS)
    assert code == 0 and out.startswith("//") and "digraph" in out, err


def test_an_iccma_framework_on_stdin_is_evaluated_like_a_file() -> None:
    apx = "arg(1).\narg(2).\narg(3).\natt(1,2).\natt(2,3).\n"
    code, _, err = run("eval", "-", "--from", "apx", "--semantics", "preferred", "--accept", "3")
    assert code == 2 and "no claim '3'" in err  # empty input: no argument 3 to ask about
    code, out, err = run(
        "eval", "-", "--from", "apx", "--semantics", "preferred", "--accept", "3", stdin=apx
    )
    assert (code, out.strip()) == (0, "yes"), err
    code, out, err = run("eval", "-", "--from", "i23", stdin="p af 2\n1 2\n1 3\n")
    assert code == 1 and "<stdin>:3:3: error:" in err, err


def test_a_file_named_twice_in_two_spellings_is_read_once(project: Path) -> None:
    (project / "claims" / "reasons.yaml").write_text(REASON)
    load = load_paths(["claims", "./claims/reasons.yaml", "claims/../claims/theses.yaml"])
    assert not load.diagnostics
    assert sorted(load.amap.by_id) == ["air", "ban"]
