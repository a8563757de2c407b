"""The ICCMA fast path: argmap eval on framework files against the brute-force reference,
repeated attacks noted as the map readers note them, numeric order, limits, light imports."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import settings as opts
from argmap.cli import eval as eval_cli
from argmap.cli import main
from argmap.formats import FORMATS as TABLE
from argmap.read import FORMATS, detect_format
from argmap.read.collect import MAX_FILE_BYTES
from argmap.read.iccma import read_apx, read_i23
from argmap.read.iccma_fast import ICCMA_FORMATS, MAX_ICCMA_BYTES, iccma_format, read_attack_lists
from argmap.semantics import extensions as ext

from .test_semantics_extensions import Edges, frameworks, reference


def write_pair(folder: str, n: int, edges: Edges, repeat: bool = False) -> tuple[str, str]:
    """The framework as ``a.apx`` (names ``x1..``) and ``a.i23``; attacks in shuffled order."""
    listed = sorted(edges, key=lambda e: (e[1] * 7 + e[0] * 3) % 11) + (edges if repeat else [])
    apx, i23 = str(Path(folder) / "a.apx"), str(Path(folder) / "a.i23")
    Path(apx).write_text(
        "".join(f"arg(x{k + 1}).\n" for k in range(n))
        + "".join(f"att(x{a + 1},x{b + 1}).\n" for a, b in listed)
    )
    Path(i23).write_text(f"p af {n}\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in listed))
    return apx, i23


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["eval", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return result.stdout


@settings(max_examples=60, deadline=None)
@given(frameworks(max_n=7), st.booleans())
def test_every_task_through_the_cli_matches_the_brute_force_reference(
    case: tuple[int, Edges], repeat: bool
) -> None:
    n, edges = case
    if n == 0:
        return
    expected = reference(n, edges)
    with tempfile.TemporaryDirectory() as tmp:
        for path, name in zip(write_pair(tmp, n, edges, repeat), ("x{}", "{}"), strict=True):
            for semantics in ext.SEMANTICS:
                want = [[name.format(a + 1) for a in e] for e in expected[semantics]]
                every = json.loads(run(path, "--semantics", semantics))["extensions"]
                assert sorted(sorted(e) for e in every) == sorted(sorted(e) for e in want)
                one = json.loads(run(path, "--semantics", semantics, "--first"))["extension"]
                assert (sorted(one) in [sorted(e) for e in want]) if want else one is None
                for a in range(n):
                    arg = name.format(a + 1)
                    for mode, accepted in (
                        ("credulous", any(arg in e for e in want)),
                        ("skeptical", all(arg in e for e in want)),
                    ):
                        answer = run(
                            path, "--semantics", semantics, "--accept", arg, "--mode", mode
                        )
                        assert json.loads(answer)["accepted"] == accepted, (semantics, arg, mode)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 6),
    st.lists(st.tuples(st.integers(1, 6), st.integers(1, 6)), max_size=260),
    st.booleans(),
    st.booleans(),
)
def test_repeated_attacks_get_the_map_readers_notes(
    n: int, pairs: list[tuple[int, int]], comments: bool, joined: bool
) -> None:
    pairs = [(min(a, n), min(b, n)) for a, b in pairs]
    i23 = f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in pairs)
    if comments:
        i23 = "# made up\n" + i23.replace("\n", "\r\n", 3)
    end = "" if joined else "\n"
    apx = "".join(f"arg(x{k}).\n" for k in range(1, n + 1))
    apx += "".join(f"att(x{a},x{b}).{end}" for a, b in pairs)
    with tempfile.TemporaryDirectory() as tmp:
        for name, text, reader in (("a.i23", i23, read_i23), ("a.apx", apx, read_apx)):
            path = str(Path(tmp) / name)
            Path(path).write_bytes(text.encode())
            lists, diags = read_attack_lists(path, name[-3:])
            expected = reader(text, path)
            assert lists is not None
            assert [str(d) for d in diags] == [str(d) for d in expected.diagnostics]
            got = {
                (lists.names[a], lists.names[b]) for a, ts in enumerate(lists.targets) for b in ts
            }
            assert got == {(c.id, t) for c in expected.amap.claims for t in c.attacks}
            assert all(len(set(ts)) == len(ts) for ts in lists.targets)


def test_many_repeated_attacks_are_notes_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "many.i23"
    path.write_text("p af 3\n" + "1 2\n" * 500)
    result = CliRunner().invoke(main, ["eval", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 102 and "info: more than 100 problems" in lines[-2]
    assert lines[0].endswith(
        "many.i23:3:1: info: attack of '2' by '1' repeats line 2 [iccma-duplicate-attack]"
    )
    assert not any("many.i23:2:1:" in line for line in lines)
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert checked.exit_code == 0
    assert set(lines[:-1]) <= set(checked.stderr.splitlines())


def test_numeric_ids_come_in_numeric_order_in_every_answer(tmp_path: Path) -> None:
    path = tmp_path / "ten.i23"
    path.write_text("p af 11\n10 9\n2 10\n11 1\n")
    grounded = json.loads(run(str(path)))["extensions"][0]
    assert grounded == ["2", "3", "4", "5", "6", "7", "8", "9", "11"]
    first = json.loads(run(str(path), "--semantics", "stable", "--first"))["extension"]
    assert first == grounded
    lists, _ = read_attack_lists(str(path), "i23")
    assert lists is not None and lists.names == tuple(str(k) for k in range(1, 12))


@pytest.mark.parametrize("suffix", [".i23", ".af", ".apx"])
def test_check_and_convert_read_frameworks_over_the_claim_file_limit(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"big{suffix}"
    if suffix == ".apx":
        path.write_bytes(b"arg(a).\narg(b).\n" + b"%" * (MAX_FILE_BYTES + 10) + b"\natt(a,b).\n")
    else:
        path.write_bytes(b"p af 2\n#" + b"x" * (MAX_FILE_BYTES + 10) + b"\n1 2\n")
    assert MAX_FILE_BYTES < path.stat().st_size < MAX_ICCMA_BYTES
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert checked.exit_code == 0, checked.output
    converted = CliRunner().invoke(main, ["convert", str(path), "--to", "i23"])
    assert converted.exit_code == 0, converted.output
    assert converted.stdout.splitlines()[0] == "p af 2"
    claim_file = tmp_path / "big.yaml"
    claim_file.write_bytes(b"#" * (MAX_FILE_BYTES + 10))
    refused = CliRunner().invoke(main, ["check", str(claim_file)])
    assert refused.exit_code == 1 and "[too-large]" in refused.stderr


@pytest.mark.parametrize("fmt", ["i23", "apx"])
def test_a_framework_named_by_from_gets_the_iccma_limit_whatever_its_suffix(
    tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "big.txt"
    if fmt == "apx":
        path.write_bytes(b"arg(a).\narg(b).\n" + b"%" * (MAX_FILE_BYTES + 10) + b"\natt(a,b).\n")
    else:
        path.write_bytes(b"p af 2\n#" + b"x" * (MAX_FILE_BYTES + 10) + b"\n1 2\n")
    for command in (["check"], ["convert", "--to", "json"]):
        done = CliRunner().invoke(main, [*command, str(path), "--from", fmt])
        assert done.exit_code == 0, done.output
    # Read as a claim file, the same bytes are over the claim-file limit.
    refused = CliRunner().invoke(main, ["check", str(path), "--from", "yaml"])
    assert refused.exit_code == 1 and "[too-large]" in refused.stderr


def test_iccma_suffixes_and_option_names_agree_with_the_map_path() -> None:
    assert {s: detect_format(f"x{s}") for s in ICCMA_FORMATS} == ICCMA_FORMATS
    assert iccma_format("x.APX") == "apx" and iccma_format("x.yaml") is None
    assert {s for name in FORMATS for s in TABLE[name].suffixes} >= set(ICCMA_FORMATS)
    assert tuple(FORMATS) == eval_cli.FORMATS
    assert eval_cli.STANDARDS == opts.STANDARDS
    assert eval_cli.READINGS == opts.READINGS
    assert eval_cli.GRADUAL_SEMANTICS == opts.GRADUAL_SEMANTICS
    assert eval_cli.MODES == opts.MODES
    assert eval_cli.SUPPORT_READINGS == opts.SUPPORT_READINGS
    assert eval_cli.SUPPORT_READINGS[0] == opts.DEFAULT_SUPPORT


@pytest.mark.parametrize(
    ("text", "semantics", "answer", "solver"),
    [
        ("p af 3\n1 2\n2 3\n", "grounded", '[["1", "3"]]', []),
        # A SAT task loads the compiled solver alone: not pysat.solvers (about 11 ms).
        ("p af 3\n1 2\n2 1\n2 3\n", "stable", '[["1", "3"], ["2"]]', ["pysolvers"]),
    ],
)
def test_eval_on_a_framework_loads_no_model_and_only_the_solver_it_needs(
    tmp_path: Path, text: str, semantics: str, answer: str, solver: list[str]
) -> None:
    path = tmp_path / "a.i23"
    path.write_text(text)
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        f"try:\n    main(['eval', {str(path)!r}, '--format', 'json', '--semantics', {semantics!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'argmap.model', "
        "'argmap.read', 'pysat', 'pysolvers', 'yaml'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        f'{{"semantics": "{semantics}", "extensions": {answer}}}',
        str(["argmap.read", "argmap.read.iccma_fast", *solver]),
    ]
