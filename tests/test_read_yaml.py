"""The YAML claim-file reader: scalars stay strings, positions are kept, hostile YAML is refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given

from argmap.check import check_paths
from argmap.errors import InputError, UsageError
from argmap.model import ArgumentMap
from argmap.read import load_paths
from argmap.read.yaml import read_yaml
from argmap.read.yamlsafe import parse_yaml
from argmap.write.yaml import render_yaml

from .strategies import maps


def test_yaml_scalars_stay_strings_until_typed() -> None:
    root = parse_yaml("a: on\nb: no\nc: 1.10\nd: ~\ne: ''\n", "x.yaml").root
    assert root is not None
    assert root.plain() == {"a": "on", "b": "no", "c": "1.10", "d": None, "e": ""}


def test_every_untagged_scalar_is_text_and_merge_keys_are_refused() -> None:
    root = parse_yaml("a: =\nb: 2001-12-14\nc: 0x1F\nd: .inf\ne: '<<'\n", "x.yaml").root
    assert root is not None
    assert root.plain() == {"a": "=", "b": "2001-12-14", "c": "0x1F", "d": ".inf", "e": "<<"}
    parsed = parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n", "x.yaml")
    assert [(d.code, d.span.line, d.span.col) for d in parsed.diagnostics] == [("yaml-tag", 3, 3)]


def test_reader_types_yaml_1_1_words_as_text() -> None:
    result = read_yaml(
        "claims:\n  - id: a\n    kind: thesis\n    text: on\n    label: no\n", "x.yaml"
    )
    assert not result.diagnostics
    claim = result.amap.claim("a")
    assert (claim.text, claim.label) == ("on", "no")


def test_reader_records_positions_of_claims_and_relations() -> None:
    result = read_yaml("claims:\n  - id: a\n    text: A\n    supports: [b, c]\n", "x.yaml")
    assert str(result.spans.get("claim", "a")) == "x.yaml:2:5"
    assert str(result.spans.get("claim", "a", "supports", 1)) == "x.yaml:4:19"


def test_reader_reports_duplicate_keys_with_both_positions() -> None:
    result = read_yaml("claims:\n  - id: a\n    text: A\n    text: B\n", "x.yaml")
    [diag] = result.diagnostics
    assert (
        str(diag)
        == "x.yaml:4:5: error: duplicate key 'text' (first defined at line 3, column 5) [duplicate-key]"
    )


def test_reader_refuses_object_tags() -> None:
    result = read_yaml("claims: !!python/object/apply:os.system ['true']\n", "x.yaml")
    assert [d.code for d in result.diagnostics] == ["yaml-tag"]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\ufffe"])
def test_a_character_yaml_forbids_is_reported_where_it_is(char: str) -> None:
    text = f"claims:\n  - id: t\n    kind: thesis\n    text: T{char}x\n"
    [diagnostic] = parse_yaml(text, "x.yaml").diagnostics
    assert (diagnostic.span.line, diagnostic.span.col) == (4, 12)
    assert f"U+{ord(char):04X} is not allowed" in diagnostic.message


def test_reader_bounds_alias_expansion_quickly() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    result = read_yaml("\n".join(levels) + "\n", "bomb.yaml")
    assert [d.code for d in result.diagnostics] == ["too-large"]


def test_reader_refuses_recursive_aliases() -> None:
    result = read_yaml("claims: &a [*a]\n", "x.yaml")
    assert result.diagnostics
    assert result.diagnostics[0].severity.value == "error"


def test_load_paths_reads_directories_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.yaml").write_text("claims:\n  - id: z\n    text: Z\n    supports: [a]\n")
    (tmp_path / "a.yml").write_text("claims:\n  - id: a\n    kind: thesis\n    text: A\n")
    (tmp_path / ".hidden.yaml").write_text("not: [valid\n")
    (tmp_path / "notes.txt").write_text("ignored")
    result = load_paths([tmp_path])
    assert [c.id for c in result.amap.claims] == ["a", "z"]
    assert not result.diagnostics


def test_load_paths_reports_missing_paths_and_unknown_suffixes(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_paths([tmp_path / "missing.yaml"])
    (tmp_path / "x.docx").write_text("")
    with pytest.raises(UsageError, match="unknown file type"):
        load_paths([tmp_path / "x.docx"])


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_load_paths_reports_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("claims: []\n")
    path.chmod(0)
    [diag] = load_paths([path]).diagnostics
    assert diag.code == "unreadable-file"


def test_load_paths_turns_os_errors_into_diagnostics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text("claims: []\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    [diag] = load_paths([path]).diagnostics
    assert str(diag) == f"{path}:1:1: error: cannot read file: Permission denied [unreadable-file]"


@given(maps(hostile=True, undercuts=True))
def test_yaml_dump_and_load_round_trip(amap: ArgumentMap) -> None:
    result = read_yaml(render_yaml(amap), "x.yaml")
    assert [str(d) for d in result.diagnostics if d.code != "malformed-id"] == []
    assert result.amap == amap


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_a_file_that_cannot_be_parsed_is_the_one_error_not_every_reference_to_it(
    tmp_path: Path, suffix: str
) -> None:
    """References into a broken file are not 'unknown', and what leads to its claims is not
    'connected to no thesis': the broken file's own error is the one to fix."""
    (tmp_path / "good.yaml").write_text(
        "claims:\n"
        "  - id: reason\n    text: A reason.\n    supports: [thesis]\n"
        "  - id: deeper\n    text: Deeper.\n    supports: [reason]\n"
        "  - id: typo\n    text: A typo.\n    supports: [thesiss]\n"
    )
    if suffix == "yaml":
        broken = "claims:\n  - id: thesis\n    kind: thesis\n    text: The thesis.\n  - [\n"
    else:
        broken = '{"claims": [{"id": "thesis", "kind": "thesis", "text": "The thesis."},'
    (tmp_path / f"broken.{suffix}").write_text(broken)
    paths = [tmp_path / "good.yaml", tmp_path / f"broken.{suffix}"]
    found = [(Path(d.span.path).name, d.code, d.message) for d in check_paths(paths).diagnostics]
    codes = [(name, code) for name, code, _ in found]
    assert (f"broken.{suffix}", f"{suffix}-syntax") in codes, found
    unknown = [message for _, code, message in found if code == "unknown-claim"]
    assert len(unknown) == 1 and "'typo' supports unknown claim 'thesiss'" in unknown[0], found
    assert all(code not in ("no-thesis", "unconnected-claim") for _, code in codes), found


def test_a_misspelt_value_or_field_gets_a_hint_and_a_nested_field_its_place() -> None:
    text = (
        "claims:\n"
        "  - id: t\n    kind: Thesis\n    text: T.\n    standard: preponderence\n"
        "  - id: r\n    text: R.\n    supports: [t]\n"
        "    sources:\n      - url: https://example.org/\n      - source: s\n        page: 3\n"
    )
    messages = [d.message for d in read_yaml(text, "a.yaml").diagnostics]
    assert any(m.endswith("not 'Thesis' (did you mean 'thesis'?)") for m in messages), messages
    assert any("not 'preponderence' (did you mean 'preponderance'?)" in m for m in messages)
    assert (
        "unknown field 'page' in citation 2 of claim 'r' (expected source, url, locator, quote)"
        in messages
    ), messages


_THESIS = "claims:\n  - id: t\n    kind: thesis\n    text: T\n"


@pytest.mark.parametrize(
    ("written", "code", "col"),
    [
        ("bär", "malformed-id", 9),
        ('""', "malformed-id", 9),
        ("-a", "malformed-id", 9),
        ("R_1", "malformed-id", 9),
        ("a" * 201, "malformed-id", 9),
        ("[r]", "invalid-type", 9),
        ("{x: 1}", "invalid-type", 9),
        ("", "invalid-type", 8),
    ],
)
def test_a_bad_claim_id_gets_one_diagnostic(written: str, code: str, col: int) -> None:
    text = _THESIS + f"  - id: {written}\n    text: x\n    supports: [t]\n".replace(
        "id: \n", "id:\n"
    )
    result = read_yaml(text, "x.yaml")
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [(code, 5, col)]
    assert result.diagnostics[0].severity == "error"


def test_a_malformed_id_is_shown_as_written_with_the_rule_and_a_hint() -> None:
    (problem,) = read_yaml(_THESIS + "  - id: Bär_Grund\n    text: x\n", "x.yaml").diagnostics
    assert "'Bär_Grund'" in problem.message and "(did you mean 'b-r-grund'?)" in problem.message
    assert "lowercase ASCII letters" in problem.message
    (long,) = read_yaml(_THESIS + f"  - id: {'a' * 201}\n    text: x\n", "x.yaml").diagnostics
    assert "up to 200" in long.message


def test_a_relation_to_a_malformed_id_names_the_rule_not_a_pattern() -> None:
    text = _THESIS + "  - id: c\n    text: x\n    supports: [t, 'a b']\n"
    (problem,) = read_yaml(text, "x.yaml").diagnostics
    assert (problem.code, problem.span.line, problem.span.col) == ("malformed-id", 7, 19)
    assert problem.message == (
        "malformed id 'a b' in entry 2 of supports of claim 'c': expected 1 to 200 ASCII "
        "letters, digits, '_', '.' and '-', not first '.' or '-' (did you mean 'a-b'?)"
    )
    text = _THESIS + "    tags: [ok, 'bad tag!']\n    sources:\n      - source: Bad Id\n"
    tag, cited = read_yaml(text, "x.yaml").diagnostics
    assert tag.message == (
        "entry 2 of tags of claim 't' should be a tag (1 to 64 ASCII letters, digits, '_', "
        "'.' and '-', the first a letter or digit), found 'bad tag!' (did you mean 'bad-tag'?)"
    )
    assert cited.code == "malformed-id" and cited.message.startswith(
        "malformed id 'Bad Id' in source of citation 1 of claim 't': expected 1 to 200"
    )


def test_a_pair_an_empty_kind_and_nan_are_told_in_words() -> None:
    text = "map:\n  compare: [[t], [t, u, v], []]\n" + _THESIS
    text += "  - id: u\n    kind:\n    text: U\n    weight: NaN\n"
    messages = [d.message for d in read_yaml(text, "x.yaml").diagnostics]
    assert messages == [
        "entry 1 of compare of map metadata should be a pair, [a, b], found 1 entry",
        "entry 2 of compare of map metadata should be a pair, [a, b], found 3 entries",
        "entry 3 of compare of map metadata should be a pair, [a, b], found 0 entries",
        "kind of claim 'u' has no value: write 'thesis', 'claim', 'evidence', 'argument', "
        "'forecast' or 'question'",
        "weight of claim 'u' should be a number, found 'NaN'",
    ]


def test_a_refused_value_inside_a_list_or_a_citation_is_named_in_words(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "map:\n  title: M\n  sources:\n    - id: s\n      url: [1]\n    - url: https://e.org\n"
        "claims:\n  - id: t\n    kind: thesis\n    text: T\n"
        "    attacks: [~]\n    tags: [ok, [nested]]\n"
        "    sources:\n      - source: s\n        quote: [x]\n"
    )
    messages = [d.message for d in check_paths([path]).diagnostics]
    assert messages == [
        "source 1 of map metadata has no 'title'",
        "url of source 1 of map metadata should be a string, found a list",
        "source 2 of map metadata has no 'id'",
        "source 2 of map metadata has no 'title'",
        "entry 1 of attacks of claim 't' should be a string, found no value",
        "entry 2 of tags of claim 't' should be a string, found a list",
        "quote of citation 1 of claim 't' should be a string, found a list",
    ]


def test_a_value_of_the_wrong_type_is_told_in_words_with_how_to_write_it(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "map:\n  sources:\n    - ami-article\n"
        "claims:\n"
        "  - {id: t, kind: thesis, text: T., weight: high, tags: x}\n"
        "  - id: a\n    text: [A, B]\n    supports: t\n    weight: -1\n"
        "    sources: [ami-article, 'https://example.org/r', [x]]\n"
        "  - {id: b, text: B., weight: 1.5, attacks: [t], standard: {a: 1}}\n",
        encoding="utf-8",
    )
    messages = [d.message for d in check_paths([path]).diagnostics if d.severity.value == "error"]
    assert messages == [
        "source 1 of map metadata should be a mapping, found 'ami-article'",
        "weight of claim 't' should be a number, found 'high'",
        "tags of claim 't' should be a list, found 'x' (write [x])",
        "text of claim 'a' should be a string, found a list",
        "supports of claim 'a' should be a list, found 't' (write [t])",
        "weight of claim 'a' should be at least 0, found '-1'",
        "citation 1 of claim 'a' should be a mapping, found 'ami-article' "
        "(write {source: ami-article})",
        "citation 2 of claim 'a' should be a mapping, found 'https://example.org/r' "
        "(write {url: https://example.org/r})",
        "citation 3 of claim 'a' should be a mapping, found a list",
        "weight of claim 'b' should be at most 1, found '1.5'",
        "standard of claim 'b' must be 'scintilla', 'preponderance', 'clear-and-convincing', "
        "'beyond-reasonable-doubt' or 'dialectical', not a mapping",
    ]
