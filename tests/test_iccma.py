"""ICCMA apx and i23: reading, writing, round trips, eval, and the ICCMA 2019 answers."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.diagnostics import summary_line
from argmap.evaluate import (
    EXTENSION_SEMANTICS,
    attack_framework,
    extensions_of,
    gradual_strengths,
)
from argmap.model import ArgumentMap, Claim
from argmap.read import load_paths
from argmap.read.collect import MAX_FILE_BYTES
from argmap.read.iccma import read_apx, read_i23
from argmap.read.iccma_fast import read_attack_lists
from argmap.write.iccma import render_apx, render_i23

from .conftest import CASES, SHARED, Golden

ICCMA_2019 = SHARED / "data" / "iccma" / "real_2019"
BASIC = CASES / "iccma_basic"


def edges_by_name(amap: ArgumentMap, support: str = "none") -> set[tuple[str, str]]:
    fw = attack_framework(amap, support)
    return {(fw.names[a], fw.names[b]) for a, b in fw.edges()}


def test_apx_names_become_claim_ids_as_written() -> None:
    result = read_apx("arg(a0_1).\narg(B.2).\natt(a0_1,B.2).\n", "x.apx")
    assert result.diagnostics == []
    assert [c.id for c in result.amap.claims] == ["B.2", "a0_1"]
    assert result.amap.claim("a0_1").attacks == ("B.2",)
    assert result.amap.claim("B.2").text == "B.2"
    assert str(result.spans.get("claim", "B.2")) == "x.apx:2:1"


def test_i23_numbers_become_claim_ids() -> None:
    result = read_i23("# comment\np af 3\n1 2\n3 3\n", "x.i23")
    assert result.diagnostics == []
    assert [c.id for c in result.amap.claims] == ["1", "2", "3"]
    assert edges_by_name(result.amap) == {("1", "2"), ("3", "3")}


def test_apx_and_i23_of_the_same_framework_agree() -> None:
    apx = load_paths([BASIC / "input.apx"]).amap
    i23 = load_paths([BASIC / "input.i23"]).amap
    names = dict(zip("abcdefgh", "12345678", strict=True))
    assert {(names[a], names[b]) for a, b in edges_by_name(apx)} == edges_by_name(i23)


def test_invalid_files_give_positioned_diagnostics(golden: Golden) -> None:
    folder = CASES / "iccma_invalid"
    lines = []
    for name in ("input.apx", "input.i23", "noheader.i23"):
        result = load_paths([folder / name])
        lines += [str(d).replace(str(folder) + "/", "") for d in result.diagnostics]
        lines.append(summary_line(result.diagnostics))
    golden.check(folder / "expected" / "diagnostics.txt", "\n".join(lines) + "\n")


def test_eval_refuses_a_broken_framework_without_traceback() -> None:
    result = CliRunner().invoke(main, ["eval", str(CASES / "iccma_invalid" / "input.apx")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "[iccma-syntax]" in result.stderr


def test_writers_give_golden_files(golden: Golden) -> None:
    amap = load_paths([CASES / "iccma_bipolar" / "input.yaml"]).amap
    expected = CASES / "iccma_bipolar" / "expected"
    for support in ("deductive", "necessary", "none"):
        golden.check(expected / f"{support}.apx", render_apx(amap, support))
        golden.check(expected / f"{support}.i23", render_i23(amap, support))


@pytest.mark.parametrize("support", ["deductive", "necessary", "none"])
def test_written_frameworks_read_back_to_the_flattened_graph(support: str) -> None:
    amap = load_paths([CASES / "iccma_bipolar" / "input.yaml"]).amap
    back = read_apx(render_apx(amap, support), "out.apx")
    assert back.diagnostics == []
    assert edges_by_name(back.amap) == edges_by_name(amap, support)
    numbered = read_i23(render_i23(amap, support), "out.i23")
    ids = [c.id for c in amap.claims]
    renamed = {(ids[int(a) - 1], ids[int(b) - 1]) for a, b in edges_by_name(numbered.amap)}
    assert renamed == edges_by_name(amap, support)


NAMES = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,8}", fullmatch=True)


@settings(max_examples=100)
@given(st.lists(NAMES, min_size=1, max_size=8, unique=True), st.data())
def test_apx_round_trip_keeps_names_and_attacks(names: list[str], data: st.DataObject) -> None:
    targets = {n: data.draw(st.lists(st.sampled_from(names), unique=True)) for n in names}
    amap = ArgumentMap(claims=tuple(Claim(id=n, text=n, attacks=tuple(targets[n])) for n in names))
    back = read_apx(render_apx(amap), "round.apx")
    assert back.diagnostics == []
    assert edges_by_name(back.amap) == edges_by_name(amap)
    assert sorted(c.id for c in back.amap.claims) == sorted(names)


@pytest.mark.parametrize("semantics", EXTENSION_SEMANTICS)
def test_eval_json_matches_the_golden_answer(semantics: str, golden: Golden) -> None:
    for name in ("input.apx", "input.i23"):
        result = CliRunner().invoke(
            main, ["eval", str(BASIC / name), "--semantics", semantics, "--format", "json"]
        )
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert list(data) == ["semantics", "extensions"] and data["semantics"] == semantics
        golden.check(
            BASIC / "expected" / f"{Path(name).suffix[1:]}-{semantics}.json", result.stdout
        )


@pytest.mark.parametrize("semantics", ["dfquad", "qe"])
def test_eval_json_gives_strengths_for_gradual_semantics(semantics: str) -> None:
    result = CliRunner().invoke(
        main, ["eval", str(BASIC / "input.apx"), "--semantics", semantics, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["semantics", "strengths"]
    assert sorted(data["strengths"]) == list("abcdefgh")
    assert data["strengths"]["a"] == 0.5


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 9),
    pairs=st.lists(st.tuples(st.integers(1, 9), st.integers(1, 9)), max_size=25),
    semantics=st.sampled_from(["dfquad", "qe"]),
    suffix=st.sampled_from([".i23", ".apx"]),
)
def test_gradual_strengths_of_a_framework_file_are_the_maps_own(
    n: int, pairs: list[tuple[int, int]], semantics: str, suffix: str
) -> None:
    """The framework path scores a file as the map path scores the same file read as a map."""
    attacks = sorted({(a, b) for a, b in pairs if a <= n and b <= n})
    if suffix == ".i23":
        text = f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in attacks)
        amap = read_i23(text, "f.i23").amap
        ids = [str(k) for k in range(1, n + 1)]  # numeric order, as extensions list them
    else:
        text = "".join(f"arg(x{k}).\n" for k in range(1, n + 1))
        text += "".join(f"att(x{a},x{b}).\n" for a, b in attacks)
        amap = read_apx(text, "f.apx").amap
        ids = sorted(f"x{k}" for k in range(1, n + 1))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "f" + suffix)
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(
            main, ["eval", str(path), "--semantics", semantics, "--format", "json"]
        )
        table = CliRunner().invoke(main, ["eval", str(path), "--semantics", semantics])
    assert result.exit_code == 0, result.output
    strengths = json.loads(result.stdout)["strengths"]
    assert list(strengths) == ids
    assert strengths == gradual_strengths(amap, semantics)
    rows = [line.split() for line in table.stdout.splitlines()[4:] if line[:5] != "note:"]
    assert rows == [[k, "0.500000", f"{strengths[k]:.6f}"] for k in ids]
    cyclic = "note: the framework has cycles: " in table.stdout
    assert cyclic == ("argmap: note: the framework has cycles: " in result.stderr)


def test_gradual_strengths_that_do_not_settle_are_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.semantics import gradual

    def unsettled(*args: object, **kwargs: object) -> gradual.GradualResult:
        raise gradual.NotConvergedError([0, 1, 2], 40, oscillating=True)

    monkeypatch.setattr(gradual, "strengths", unsettled)
    path = tmp_path / "odd.i23"
    path.write_text("p af 3\n1 2\n2 3\n3 1\n")
    result = CliRunner().invoke(main, ["eval", str(path), "--semantics", "dfquad"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "argmap: error: DF-QuAD strengths did not converge on the cycle through '1', '2', '3': "
        "their updates kept oscillating, even damped; try the other gradual semantics\n"
    )


def test_eval_answers_acceptance_questions() -> None:
    path = str(BASIC / "input.apx")
    runner = CliRunner()
    yes = runner.invoke(
        main, ["eval", path, "--semantics", "preferred", "--accept", "c", "--mode", "credulous"]
    )
    no = runner.invoke(
        main, ["eval", path, "--semantics", "preferred", "--accept", "c", "--mode", "skeptical"]
    )
    assert (yes.exit_code, yes.stdout, no.exit_code, no.stdout) == (0, "yes\n", 0, "no\n")
    unknown = runner.invoke(main, ["eval", path, "--accept", "zz"])
    assert unknown.exit_code == 2 and "no argument 'zz' in " in unknown.stderr


@pytest.mark.parametrize(
    ("text", "query", "hint"),
    [
        ("p af 3\n1 2\n", "4", "(its arguments are 1 to 3)"),
        ("p af 3\n1 2\n", "01", "(its arguments are 1 to 3)"),
        ("p af 0\n", "1", "(it has none)"),
    ],
)
def test_an_unknown_argument_of_a_numbered_file_is_told_the_range(
    tmp_path: Path, text: str, query: str, hint: str
) -> None:
    path = tmp_path / "f.i23"
    path.write_text(text)
    done = CliRunner().invoke(main, ["eval", str(path), "--accept", query])
    assert done.exit_code == 2
    assert done.stderr == f"argmap: error: no argument '{query}' in {path} {hint}\n"


def test_eval_text_table_lists_every_argument() -> None:
    result = CliRunner().invoke(main, ["eval", str(BASIC / "input.apx"), "--semantics", "stable"])
    assert result.exit_code == 0
    assert "extensions: 0" in result.stdout
    note = "note: the framework has no stable extension: every argument is undecided"
    assert note in result.stdout


def read_expected(path: Path) -> list[tuple[str, ...]]:
    """One name a line, extensions separated by '---', '#' comments; no names: one empty set."""
    blocks: list[list[str]] = [[]]
    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line == "---":
            blocks.append([])
        else:
            blocks[-1].append(line)
    return sorted(tuple(sorted(b)) for b in blocks)


@pytest.mark.skipif(not ICCMA_2019.is_dir(), reason="ICCMA 2019 sample instances not present")
@pytest.mark.parametrize("semantics", EXTENSION_SEMANTICS)
def test_iccma_2019_instances_match_the_published_answers(semantics: str) -> None:
    instances = sorted(ICCMA_2019.glob("*.apx"))
    assert len(instances) == 5
    for instance in instances:
        result = load_paths([instance])
        assert result.diagnostics == []
        expected = read_expected(ICCMA_2019 / "expected" / f"{instance.stem}.{semantics}.txt")
        assert extensions_of(result.amap, semantics) == expected, instance.name


# The fast path: ICCMA files straight into attack arrays, numeric ids, limits, bad input.


def arrays_edges(path: Path, fmt: str) -> tuple[tuple[str, ...], set[tuple[str, str]]]:
    lists, diags = read_attack_lists(str(path), fmt)
    assert lists is not None, diags
    names = lists.names
    return names, {(names[a], names[b]) for a, dsts in enumerate(lists.targets) for b in dsts}


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 14), st.data())
def test_plain_and_unusual_layouts_read_to_the_same_framework(n: int, data: st.DataObject) -> None:
    pairs = data.draw(st.lists(st.tuples(st.integers(1, n), st.integers(1, n)), max_size=30))
    plain = f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in pairs)
    unusual = f"# made up\np af {n}\r\n" + "".join(f"  {a}\t{b} \r\n# c\n" for a, b in pairs)
    apx = "".join(f"arg(x{k}).\n" for k in range(1, n + 1))
    apx += "".join(f"att(x{a},x{b}).\n" for a, b in pairs)
    spaced = "% comment\n" + apx.replace("att(", " att( ").replace(".\n", ". % end\n")
    with tempfile.TemporaryDirectory() as tmp:
        found = []
        for name, text in (("a.i23", plain), ("b.i23", unusual), ("c.apx", apx), ("d.apx", spaced)):
            path = Path(tmp) / name
            path.write_text(text)
            found.append(arrays_edges(path, name[-3:]))
    expected = {(str(a), str(b)) for a, b in pairs}
    assert found[0] == found[1] == (tuple(str(k) for k in range(1, n + 1)), expected)
    assert found[2] == found[3]
    assert found[2][1] == {(f"x{a}", f"x{b}") for a, b in pairs}
    assert list(found[2][0]) == sorted(found[2][0])


def test_i23_arguments_come_in_numeric_order(tmp_path: Path) -> None:
    path = tmp_path / "twelve.i23"
    path.write_text("p af 12\n10 2\n2 1\n")
    result = CliRunner().invoke(main, ["eval", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    members = json.loads(result.stdout)["extensions"][0]
    assert members == ["1", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
    table = CliRunner().invoke(main, ["eval", str(path)]).stdout.splitlines()
    rows = [line.split()[0] for line in table[table.index("argument  status") + 1 :]]
    assert rows == [str(k) for k in range(1, 13)]


def test_a_framework_over_the_claim_file_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.i23"
    path.write_bytes(b"p af 3\n" + b"1 2\n" * (11 * 1024 * 1024 // 4))
    assert path.stat().st_size > MAX_FILE_BYTES
    result = CliRunner().invoke(main, ["eval", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["extensions"] == [["1", "3"]]


#: 200,000 facts on one line: the reader must stay linear in the line's length.
LONG_LINE = "".join(f"arg(a{k})." for k in range(200_000))
BAD_INPUT = [
    ("p af 999999999999\n1 2\n", "x.i23", "x.i23:1:1: error: the header declares 999999999999"),
    (
        "p af " + "9" * 5000 + "\n",
        "x.i23",
        "x.i23:1:1: error: the header declares a 5,000-digit number of arguments",
    ),
    (
        "p af 3\n1 " + "9" * 5000 + "\n",
        "x.i23",
        "x.i23:2:3: error: argument 99999999999999999999...",
    ),
    ("p af 3\n1 2 3\n", "x.i23", "x.i23:2:1: error: expected 'i j'"),
    ("p af 3\n1 -2\n", "x.i23", "x.i23:2:3: error: expected an argument number, found '-2'"),
    ("1 2\n", "x.i23", "x.i23:1:1: error: expected the header 'p af N'"),
    ("\x00\xff garbage", "x.i23", "x.i23:1:1: error: invalid UTF-8"),
    ("arg(a).att(a,b).", "x.apx", "x.apx:1:8: error: attack names undeclared argument 'b'"),
    (LONG_LINE + "junk", "x.apx", f"x.apx:1:{len(LONG_LINE) + 1}: error: expected 'arg(name).'"),
]


@pytest.mark.parametrize(("text", "name", "first"), BAD_INPUT)
def test_bad_iccma_input_is_a_bounded_positioned_error(
    tmp_path: Path, text: str, name: str, first: str
) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8", "surrogateescape") if "\xff" not in text else b"\xff\x00")
    result = CliRunner().invoke(main, ["eval", str(path), "--semantics", "preferred"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) <= 102 and len(result.stderr) < 20_000
    assert lines[0].replace(str(tmp_path) + "/", "").startswith(first), lines[0]


def test_a_garbage_file_of_many_lines_gets_a_bounded_answer(tmp_path: Path) -> None:
    path = tmp_path / "junk.i23"
    path.write_text("p af 5\n" + "x y\n" * 100_000)
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 102 and "[iccma-too-many-problems]" in lines[-2]


@pytest.mark.parametrize("semantics", EXTENSION_SEMANTICS)
def test_first_and_acceptance_through_the_cli_agree_with_the_engine(semantics: str) -> None:
    for name in ("input.apx", "input.i23"):
        path = str(BASIC / name)
        every = extensions_of(load_paths([path]).amap, semantics)
        runner = CliRunner()
        first = runner.invoke(
            main, ["eval", path, "--semantics", semantics, "--first", "--format", "json"]
        )
        assert first.exit_code == 0, first.output
        found = json.loads(first.stdout)["extension"]
        assert (tuple(found) in every) if every else found is None
        for arg in sorted({a for e in every for a in e} | {"1", "a"} & set(arg_names(path))):
            for mode, expected in (
                ("credulous", any(arg in e for e in every)),
                ("skeptical", all(arg in e for e in every)),
            ):
                asked = runner.invoke(
                    main, ["eval", path, "--semantics", semantics, "--accept", arg, "--mode", mode]
                )
                assert asked.stdout == ("yes\n" if expected else "no\n"), (arg, mode)


def arg_names(path: str) -> list[str]:
    return [c.id for c in load_paths([path]).amap.claims]


def test_first_on_a_claim_map_gives_one_extension() -> None:
    path = str(CASES / "iccma_bipolar" / "input.yaml")
    result = CliRunner().invoke(main, ["eval", path, "--semantics", "preferred", "--first"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("extension: {")
    refused = CliRunner().invoke(main, ["eval", path, "--semantics", "dfquad", "--first"])
    assert refused.exit_code == 2


def test_the_text_answer_on_a_framework_speaks_of_arguments_not_supports(tmp_path: Path) -> None:
    odd = tmp_path / "odd.i23"
    odd.write_text("p af 3\n1 2\n2 3\n3 1\n")
    table = CliRunner().invoke(main, ["eval", str(odd), "--semantics", "stable"]).stdout
    assert table.splitlines()[:2] == ["semantics: stable", "extensions: 0"]
    assert "argument  status\n1         undecided\n" in table
    assert table.endswith(
        "note: the framework has no stable extension: every argument is undecided\n"
    )
    first = CliRunner().invoke(main, ["eval", str(odd), "--semantics", "stable", "--first"])
    assert (
        first.stdout
        == "semantics: stable\nextension: none (the framework has no stable extension)\n"
    )
    empty = tmp_path / "empty.i23"
    empty.write_text("p af 0\n")
    answer = CliRunner().invoke(main, ["eval", str(empty), "--semantics", "preferred"]).stdout
    assert answer.endswith("argument  status\nnote: the framework has no arguments\n")
    assert "supports" not in table + first.stdout + answer
