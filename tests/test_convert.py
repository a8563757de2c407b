"""`argmap convert`: any readable format in, any writable format out, checked first."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.convert import FORMATS, convert_map, convert_paths, output_format
from argmap.diagnostics import Severity
from argmap.errors import DataError, UsageError
from argmap.evaluate import evaluate_map
from argmap.formats import FORMATS as TABLE
from argmap.model import ArgumentMap, Claim, ClaimKind
from argmap.read.aif import read_aif
from argmap.read.json import read_json
from argmap.read.yaml import read_yaml
from argmap.write.aif import render_aif
from argmap.write.json import render_json
from argmap.write.yaml import render_yaml

CASES = Path(__file__).resolve().parent / "cases"
AMAP = ArgumentMap(
    claims=(
        Claim(id="t", kind=ClaimKind.THESIS, text="Cities should ban cars."),
        Claim(id="a", text="Cars pollute.", supports=("t",)),
        Claim(id="b", text="Shops need cars.", attacks=("t",)),
    )
)


def _available(name: str) -> bool:
    return importlib.util.find_spec((TABLE[name].writer or "").split(":")[0]) is not None


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("m.yaml", "yaml"),
        ("m.YML", "yaml"),
        ("m.json", "json"),
        ("m.argdown", "argdown"),
        ("m.apx", "apx"),
        ("m.i23", "i23"),
    ],
)
def test_output_format_follows_the_suffix(path: str, name: str) -> None:
    assert output_format(path) == name


def test_output_format_needs_to_when_it_cannot_tell() -> None:
    with pytest.raises(UsageError, match="--to"):
        output_format(None)
    with pytest.raises(UsageError, match=r"'\.txt'"):
        output_format("m.txt")


def test_convert_map_uses_each_formats_writer() -> None:
    assert convert_map(AMAP, "yaml") == render_yaml(AMAP, schema_line=None)
    assert convert_map(AMAP, "json") == render_json(AMAP)
    assert convert_map(AMAP, "aif") == render_aif(AMAP)
    with pytest.raises(UsageError, match="unknown output format 'dot'"):
        convert_map(AMAP, "dot")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_registered_writer_gives_text(name: str) -> None:
    if not _available(name):
        pytest.skip(f"the {name} writer is not in this tree")
    text = convert_map(AMAP, name)
    assert text.endswith("\n") and "t" in text


def test_only_json_carries_an_evaluation() -> None:
    with pytest.raises(UsageError, match="only json output carries an evaluation"):
        convert_map(AMAP, "yaml", semantics="grounded")
    doc = json.loads(convert_map(AMAP, "json", semantics="grounded"))
    assert doc == json.loads(render_json(AMAP, evaluate_map(AMAP, semantics="grounded")))
    assert doc["evaluation"]["reading"] == "grounded"
    statuses = {c["id"]: c["status"] for c in doc["evaluation"]["claims"]}
    assert set(statuses) == {"a", "b", "t"}
    assert set(statuses.values()) <= {"accepted", "rejected", "undecided"}


def test_convert_paths_reads_kialo_and_writes_canonical_yaml() -> None:
    folder = CASES / "kialo_single"
    text = convert_paths([folder / "input.txt"], "yaml", fmt="kialo")
    assert text == (folder / "expected" / "claims.yaml").read_text("utf-8")


def test_convert_paths_aif_to_json_and_back_keeps_the_map(tmp_path: Path) -> None:
    source = CASES / "aif_aifdb" / "input.json"
    as_json = convert_paths([source], "json")
    target = tmp_path / "map.json"
    target.write_text(as_json, encoding="utf-8")
    again = convert_paths([target], "aif")
    assert read_aif(again, "x.json").amap == read_json(as_json, "m.json").amap


def test_yaml_output_renames_ids_that_claim_files_do_not_take_keeping_them_as_labels() -> None:
    amap = ArgumentMap(
        claims=(
            Claim(id="a0_1", text="x", attacks=("B", "a0-1")),
            Claim(id="B", text="x", label="Bee", supports=("c.d",)),
            Claim(id="a0-1", text="x"),
            Claim(id="c.d", text="x", undercuts=("e_f",)),
            Claim(id="e_f", text="x", kind="argument"),
            Claim(id="_", text="x"),
        )
    )
    back = read_yaml(convert_map(amap, "yaml"), "m.yaml")
    assert [d for d in back.diagnostics if d.severity is Severity.ERROR] == []
    by_label = {c.label: c for c in back.amap.claims}
    assert by_label["a0_1"].id == "a0-1-2" and by_label["a0_1"].attacks == ("b", "a0-1")
    assert by_label["Bee"].id == "b" and by_label["Bee"].supports == ("c-d",)
    assert by_label["c.d"].undercuts == ("e-f",)
    assert by_label["_"].id == "n"
    assert back.amap.claim("a0-1").label is None
    assert "a0_1" in convert_map(amap, "json")


def test_iccma_to_yaml_converts_underscored_argument_names(tmp_path: Path) -> None:
    source = tmp_path / "af.apx"
    source.write_text("arg(a0_0).\narg(a0_1).\natt(a0_0,a0_1).\n", encoding="utf-8")
    back = read_yaml(convert_paths([source], "yaml"), "m.yaml")
    assert {(c.id, c.label, c.attacks) for c in back.amap.claims} == {
        ("a0-0", "a0_0", ("a0-1",)),
        ("a0-1", "a0_1", ()),
    }


def test_iccma_output_names_the_support_reading() -> None:
    for support in ("deductive", "necessary"):
        assert support in convert_map(AMAP, "apx", support=support)


def test_convert_paths_refuses_maps_with_errors() -> None:
    with pytest.raises(
        DataError, match=r"nothing was converted\n.*input.json:3:3: error: .*\[aif-syntax\]"
    ):
        convert_paths([CASES / "aif_invalid_syntax" / "input.json"], "yaml")


def test_cli_convert_writes_the_format_the_suffix_names(tmp_path: Path) -> None:
    out = tmp_path / "debate.yaml"
    result = CliRunner().invoke(
        main,
        ["convert", "--from", "kialo", str(CASES / "kialo_single" / "input.txt"), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == (
        CASES / "kialo_single" / "expected" / "claims.yaml"
    ).read_text("utf-8")


def test_a_converted_claim_file_points_its_editor_at_the_projects_schema(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "claims.schema.json").write_text("{}", encoding="utf-8")
    out = tmp_path / "claims" / "debate.yaml"
    out.parent.mkdir()
    source = str(CASES / "kialo_single" / "input.txt")
    result = CliRunner().invoke(main, ["convert", "--from", "kialo", source, "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = out.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/claims.schema.json"
    assert "urn:" not in out.read_text("utf-8")


def test_cli_convert_to_stdout_needs_to(tmp_path: Path) -> None:
    source = str(CASES / "aif_aifdb" / "input.json")
    missing = CliRunner().invoke(main, ["convert", source])
    assert missing.exit_code == 2 and "--to" in missing.stderr
    result = CliRunner().invoke(main, ["convert", source, "--to", "aif"])
    assert result.exit_code == 0, result.output
    assert (
        read_aif(result.stdout, "x.json").amap
        == read_aif(Path(source).read_text("utf-8"), "y").amap
    )


def test_cli_convert_with_errors_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(
        main, ["convert", str(CASES / "aif_invalid_structure" / "input.json"), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "[aif-duplicate-node]" in result.stderr
    assert not out.exists()


def test_cli_convert_json_with_evaluation() -> None:
    source = str(CASES / "aif_aifdb" / "input.json")
    result = CliRunner().invoke(main, ["convert", source, "--to", "json", "--with-evaluation"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["evaluation"]["reading"] == "carneades"
    verdicts = {c["id"]: c["verdict"] for c in doc["evaluation"]["claims"]}
    assert set(verdicts) == {c["id"] for c in doc["claims"]}


def test_one_table_of_formats_serves_loading_convert_and_the_cli() -> None:
    import click

    from argmap.cli import main
    from argmap.formats import INPUT_FORMATS, OUTPUT_FORMATS
    from argmap.read import FORMATS as READ_FORMATS

    for fmt in TABLE.values():
        for spec in (fmt.reader, fmt.writer):
            if spec is not None:
                module, func = spec.split(":")
                assert callable(getattr(importlib.import_module(module), func)), spec
    assert tuple(READ_FORMATS) == INPUT_FORMATS and tuple(FORMATS) == OUTPUT_FORMATS
    ctx = click.Context(main)
    convert = main.get_command(ctx, "convert")
    assert convert is not None
    choices = {
        p.name: tuple(p.type.choices)
        for p in convert.params
        if isinstance(p.type, click.Choice) and p.name in ("to", "fmt")
    }
    assert choices == {"to": OUTPUT_FORMATS, "fmt": INPUT_FORMATS}
    # Every suffix that names an output format is read back as that format.
    for name in OUTPUT_FORMATS:
        for suffix in TABLE[name].suffixes:
            assert output_format(f"m{suffix}") == name
