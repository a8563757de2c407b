"""ICCMA apx and i23: reading, writing, round trips, eval, and the ICCMA 2019 answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.diagnostics import summary_line
from argmap.evaluate import EXTENSION_SEMANTICS, attack_framework, extensions_of
from argmap.model import ArgumentMap, Claim
from argmap.read import load_paths
from argmap.read.iccma import read_apx, read_i23
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
    assert unknown.exit_code == 2 and "no claim 'zz'" in unknown.stderr


def test_eval_text_table_lists_every_claim() -> None:
    result = CliRunner().invoke(main, ["eval", str(BASIC / "input.apx"), "--semantics", "stable"])
    assert result.exit_code == 0
    assert "extensions: 0" in result.stdout
    assert "note: the map has no stable extension: every claim is undecided" in result.stdout


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
