"""`argmap fmt`: canonical layout, every comment kept, atomic writes, --check for CI."""

from __future__ import annotations

import contextlib
import stat
from pathlib import Path
from random import Random

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.errors import ArgmapError, DataError, InputError, UsageError
from argmap.fmt import format_paths, format_text
from argmap.model import ArgumentMap, Claim
from argmap.write.yaml import render_yaml

from .test_json import full_maps
from .test_yaml_writer import CLAIM_IDS


def render_id(cid: str) -> str:
    """A claim id as the canonical layout writes it (quoted when YAML would not read a string)."""
    return (
        render_yaml(ArgumentMap(claims=(Claim(id=cid, text="x"),)))
        .split("- id: ")[1]
        .split("\n")[0]
    )


MESSY = """\
# yaml-language-server: $schema=../schema/claims.schema.json
# Claims about cars in cities.

claims:
  # The opposing view comes first in this file.
  - text: "Cars keep shops alive # or so they say"   # a quote from a shop owner
    id: shops
    kind: claim
    attacks:
      - ban   # direct
    tags: []
  - id: ban
    kind: thesis
    # the wording was agreed on in May
    text: |
      Cities should ban cars.
      # this line is text, not a comment
map:
  title: Cars   # working title
# end of file
"""


def test_fmt_sorts_claims_orders_fields_and_keeps_every_comment() -> None:
    assert format_text(MESSY, "cars.yaml") == "\n".join(
        [
            "# yaml-language-server: $schema=../schema/claims.schema.json",
            "# Claims about cars in cities.",
            "map:",
            "  title: Cars  # working title",
            "",
            "claims:",
            "  - id: ban",
            "    kind: thesis",
            "    # the wording was agreed on in May",
            "    text: |",
            "      Cities should ban cars.",
            "      # this line is text, not a comment",
            "",
            "  # The opposing view comes first in this file.",
            "  - id: shops",
            "    text: 'Cars keep shops alive # or so they say'  # a quote from a shop owner",
            "    attacks: [ban]  # direct",
            "# end of file",
            "",
        ]
    )


def test_fmt_is_idempotent_and_the_result_reads_back_unchanged() -> None:
    once = format_text(MESSY, "cars.yaml")
    assert format_text(once, "cars.yaml") == once
    before = yaml.safe_load(MESSY)["claims"]
    after = yaml.safe_load(once)["claims"]
    assert sorted(c["id"] for c in before) == [c["id"] for c in after]


def test_fmt_adds_a_schema_line_that_an_editor_can_load_or_none(tmp_path: Path) -> None:
    """A line pointing at the project's schema, relative to the file; where the project
    has no schema file, no line (an editor could load nothing else)."""
    text = "claims:\n  - {id: a, text: A}\n"
    body = "claims:\n  - id: a\n    text: A\n"
    lone = tmp_path / "lone" / "claims" / "a.yaml"
    assert format_text(text, str(lone)) == body
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "claims.schema.json").write_text("{}", encoding="utf-8")
    deep = tmp_path / "claims" / "sub" / "a.yaml"
    line = "# yaml-language-server: $schema=../../schema/claims.schema.json"
    assert format_text(text, str(deep)) == f"{line}\n{body}"
    kept = "# yaml-language-server: $schema=https://example.org/claims.json\n"
    assert format_text(kept + text, str(deep)) == kept + body


def test_a_comment_on_an_omitted_default_moves_to_the_next_line() -> None:
    text = "claims:\n  - id: a\n    # kind is the default\n    kind: claim\n    text: A\n"
    assert "    # kind is the default\n    text: A\n" in format_text(text, "a.yaml")


def test_several_trailing_comments_on_one_line_of_output_stay_in_order() -> None:
    text = "claims:\n  - id: a\n    text: A\n    supports:\n      - b  # one\n      - c  # two\n"
    out = format_text(text, "a.yaml")
    assert "    supports: [b, c]  # one\n" in out
    assert out.index("# two") < out.index("supports")


@settings(max_examples=40)
@given(full_maps(CLAIM_IDS), st.randoms(use_true_random=False))
def test_fmt_moves_each_comment_with_its_claim(amap: ArgumentMap, random: Random) -> None:
    claims = list(amap.claims)
    random.shuffle(claims)
    body = ["claims:"]
    for claim in claims:
        dumped = yaml.safe_dump([claim.model_dump(mode="json")], sort_keys=True, width=60)
        body += [f"  # about {claim.id}"] + [
            f"  {line}" for line in dumped.rstrip("\n").split("\n")
        ]
    meta = yaml.safe_dump({"map": amap.meta.model_dump(mode="json")})
    out = format_text(meta + "\n".join(body) + "\n", "/nonexistent-project/m.yaml")
    lines = out.split("\n")
    for claim in amap.claims:
        assert lines[lines.index(f"  # about {claim.id}") + 1] == f"  - id: {render_id(claim.id)}"
    assert [line for line in lines if not line.startswith("  # about ")] == render_yaml(amap).split(
        "\n"
    )
    assert format_text(out, "/nonexistent-project/m.yaml") == out


def test_fmt_refuses_files_with_errors_with_a_position() -> None:
    with pytest.raises(
        DataError,
        match=r"^bad\.yaml:2:5: cannot format: claim 'a' has no 'text' "
        r"\[missing-field\] \(and 1 more",
    ):
        format_text("claims:\n  - id: a\n    txet: A\n", "bad.yaml")
    with pytest.raises(DataError, match=r"^bad\.yaml:1:1: cannot format: YAML directives"):
        format_text("%YAML 1.1\n---\nclaims: []\n", "bad.yaml")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_format_paths_rewrites_changed_files_only_and_keeps_their_mode(tmp_path: Path) -> None:
    messy = _write(tmp_path / "claims" / "cars.yaml", MESSY)
    messy.chmod(0o600)
    clean = _write(tmp_path / "claims" / "sub" / "ok.yml", format_text(MESSY, "x"))
    _write(tmp_path / "claims" / ".hidden" / "skip.yaml", "not: [valid")
    clean_mtime = clean.stat().st_mtime_ns
    report = format_paths([tmp_path / "claims"])
    assert (
        report.changed == [str(messy)] and report.unchanged == [str(clean)] and report.errors == []
    )
    assert messy.read_text("utf-8") == format_text(MESSY, "x")
    assert stat.S_IMODE(messy.stat().st_mode) == 0o600
    assert clean.stat().st_mtime_ns == clean_mtime
    assert not [p for p in messy.parent.iterdir() if p.name.endswith(".tmp")]


def test_format_paths_check_writes_nothing(tmp_path: Path) -> None:
    messy = _write(tmp_path / "cars.yaml", MESSY)
    report = format_paths([messy], check=True)
    assert report.changed == [str(messy)]
    assert messy.read_text("utf-8") == MESSY


def test_format_paths_reports_a_broken_file_and_formats_the_rest(tmp_path: Path) -> None:
    broken = _write(tmp_path / "a.yaml", "claims: [\n")
    messy = _write(tmp_path / "b.yaml", MESSY)
    report = format_paths([tmp_path])
    assert report.changed == [str(messy)]
    assert len(report.errors) == 1 and report.errors[0].startswith(f"{broken}:")
    assert broken.read_text("utf-8") == "claims: [\n"


def test_format_paths_refuses_missing_and_non_yaml_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        format_paths([tmp_path / "missing.yaml"])
    with pytest.raises(UsageError, match="YAML claim files"):
        format_paths([_write(tmp_path / "map.json", "{}")])


def test_cli_fmt_check_lists_files_and_exits_1(tmp_path: Path) -> None:
    messy = _write(tmp_path / "cars.yaml", MESSY)
    result = CliRunner().invoke(main, ["fmt", "--check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == f"{messy}\n"
    assert "1 file would be reformatted, 0 files already canonical" in result.stderr
    assert messy.read_text("utf-8") == MESSY


def test_cli_fmt_rewrites_then_check_passes(tmp_path: Path) -> None:
    messy = _write(tmp_path / "cars.yaml", MESSY)
    first = CliRunner().invoke(main, ["fmt", str(messy)])
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    assert f"reformatted {messy}" in first.stderr
    second = CliRunner().invoke(main, ["fmt", "--check", str(messy)])
    assert second.exit_code == 0 and second.stdout == ""


def test_cli_fmt_errors_exit_1_without_traceback(tmp_path: Path) -> None:
    _write(tmp_path / "bad.yaml", "claims:\n  - id: a\n    text: [\n")
    result = CliRunner().invoke(main, ["fmt", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"argmap: error: {tmp_path / 'bad.yaml'}:")
    missing = CliRunner().invoke(main, ["fmt", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1 and "no such file" in missing.stderr


@settings(max_examples=60)
@given(full_maps(CLAIM_IDS), st.data())
def test_comments_anywhere_are_kept_or_the_file_is_refused(
    amap: ArgumentMap, data: st.DataObject
) -> None:
    lines = render_yaml(amap).split("\n")
    for k in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(1, len(lines) - 1))
        if data.draw(st.booleans()):
            lines.insert(at, " " * data.draw(st.sampled_from([0, 2, 4, 6])) + f"# own {k}")
        elif lines[at].strip():
            lines[at] += f"  # end {k}"
    text = "\n".join(lines)
    try:
        out = format_text(text, "m.yaml")
    except DataError as exc:
        assert "could not be placed" not in str(exc)
        return
    assert format_text(out, "m.yaml") == out


@given(st.text(st.sampled_from(list("claims:- id{}[]ab#'\"|>\n text12.map%&*!")), max_size=120))
def test_fmt_never_raises_anything_but_argmap_errors(text: str) -> None:
    with contextlib.suppress(ArgmapError):
        format_text(text, "f.yaml")
