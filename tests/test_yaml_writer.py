"""The canonical YAML writer: one layout, read back to the same map by any YAML 1.1 loader."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from argmap.fmt import format_text
from argmap.model import ArgumentMap, Claim, ClaimFile, ClaimKind, MapMeta, Source, SourceRef
from argmap.read.yaml import read_yaml
from argmap.write.yaml import Comments, render_claim_file, render_yaml

from .test_json import LONG, full_maps, visible

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/claims.schema.json"

CLAIM_IDS = st.from_regex(r"[a-z0-9]{1,4}(-[a-z0-9]{1,3})?", fullmatch=True)


def _loaded(text: str) -> ArgumentMap:
    cfile = ClaimFile.model_validate(yaml.safe_load(text))
    return ArgumentMap(meta=cfile.map or MapMeta(), claims=cfile.claims)


@given(full_maps())
def test_safe_load_gives_back_the_same_map(amap: ArgumentMap) -> None:
    assert _loaded(render_yaml(amap)) == amap


@given(full_maps(CLAIM_IDS))
def test_the_claim_file_reader_gives_back_the_same_map(amap: ArgumentMap) -> None:
    result = read_yaml(render_yaml(amap), "map.yaml")
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    assert result.amap == amap


@given(LONG)
def test_long_strings_fold_and_read_back(text: str) -> None:
    label = text[:200] if visible(text[:200]) else None
    amap = ArgumentMap(claims=(Claim(id="a", text=text, label=label),))
    out = render_yaml(amap)
    assert _loaded(out) == amap
    assert all(
        len(line) <= 88 or " " not in line.strip()
        for line in out.split("\n")
        if line.startswith("      ")
    )


@given(full_maps())
def test_layout_is_canonical_and_clean(amap: ArgumentMap) -> None:
    text = render_yaml(amap, schema_line=SCHEMA_LINE)
    assert text.startswith(SCHEMA_LINE + "\n")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert all(line == line.rstrip() for line in text.split("\n"))
    assert render_yaml(_loaded(text), schema_line=SCHEMA_LINE) == text


def test_the_layout_in_full() -> None:
    amap = ArgumentMap(
        meta=MapMeta(
            title="Cars",
            sources=(Source(id="eea", title="Air quality", year="2023"),),
            compare=(("t", "u"),),
        ),
        claims=(
            Claim(id="u", kind=ClaimKind.THESIS, text="Keep cars."),
            Claim(
                id="t",
                kind=ClaimKind.THESIS,
                text="Ban cars: they pollute.\nSecond paragraph.\n",
                label="Ban cars",
                tags=("air", "city"),
                sources=(SourceRef(source="eea", locator="p. 3", quote="NO2 fell"),),
                weight=0.75,
                attacks=("u",),
            ),
            Claim(id="x", text="yes", supports=("t",), undercuts=("a-1",)),
        ),
    )
    assert render_yaml(amap) == "\n".join(
        [
            "map:",
            "  title: Cars",
            "  sources:",
            "    - id: eea",
            "      title: Air quality",
            "      year: '2023'",
            "  compare:",
            "    - [t, u]",
            "",
            "claims:",
            "  - id: t",
            "    kind: thesis",
            "    text: |",
            "      Ban cars: they pollute.",
            "      Second paragraph.",
            "    label: Ban cars",
            "    tags: [air, city]",
            "    sources:",
            "      - source: eea",
            "        locator: p. 3",
            "        quote: NO2 fell",
            "    weight: 0.75",
            "    attacks: [u]",
            "",
            "  - id: u",
            "    kind: thesis",
            "    text: Keep cars.",
            "",
            "  - id: x",
            "    text: 'yes'",
            "    supports: [t]",
            "    undercuts: [a-1]",
            "",
        ]
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("plain words", "plain words"),
        ("no", "'no'"),
        ("1.10", "'1.10'"),
        ("~", "'~'"),
        ("key: value", "'key: value'"),
        ("a # not a comment", "'a # not a comment'"),
        ("- dash first", "'- dash first'"),
        ("it's", "it's"),
        ("'quoted'", "'''quoted'''"),
        (" leading space", "' leading space'"),
        ("tab\there", '"tab\\there"'),
        ("bell\x07", '"bell\\x07"'),
        ("line\u2028sep", '"line\\u2028sep"'),
        ("two\n\n", '"two\\n\\n"'),
        ("\n  indented first", '"\\n  indented first"'),
        ("trailing \nspace", '"trailing \\nspace"'),
    ],
)
def test_string_styles_are_chosen_deterministically(text: str, written: str) -> None:
    out = render_yaml(ArgumentMap(claims=(Claim(id="a", text=text),)))
    assert f"    text: {written}\n" in out
    assert _loaded(out).claim("a").text == text


def test_comments_are_placed_before_and_after_their_lines() -> None:
    notes = Comments(
        header=["# header"],
        before={
            ("claim", "b"): ["# about b"],
            ("claim", "a", "supports"): ["# why"],
            ("end",): ["# bye"],
        },
        trailing={("claim", "a", "id"): "# first", ("claims",): "# all"},
    )
    claims = [Claim(id="b", text="B"), Claim(id="a", text="A", supports=("b",))]
    assert render_claim_file(None, claims, comments=notes, schema_line=SCHEMA_LINE) == "\n".join(
        [
            SCHEMA_LINE,
            "# header",
            "claims:  # all",
            "  - id: a  # first",
            "    text: A",
            "    # why",
            "    supports: [b]",
            "",
            "  # about b",
            "  - id: b",
            "    text: B",
            "# bye",
            "",
        ]
    )


def test_an_empty_map_is_an_empty_claim_list() -> None:
    assert render_yaml(ArgumentMap()) == "claims: []\n"


def test_the_documented_layout_is_canonical() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "formats" / "yaml.md").read_text("utf-8")
    example = doc.split("```yaml\n")[1].split("```")[0]
    assert format_text(example, "example.yaml") == example
