"""Kialo text exports: the numbered outline read as claims, pros as supports, cons as attacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.diagnostics import Severity, sort_diagnostics
from argmap.model import ClaimKind, RelationKind
from argmap.read import load_text
from argmap.read.kialo import read_kialo
from argmap.write.yaml import render_yaml

from .conftest import Golden

CASES = Path(__file__).resolve().parent / "cases"
KIALO_CASES = sorted(p.name for p in CASES.iterdir() if p.name.startswith("kialo_"))


@pytest.mark.parametrize("case", KIALO_CASES)
def test_kialo_case_reads_to_its_golden_claims_and_diagnostics(case: str, golden: Golden) -> None:
    folder = CASES / case
    result = read_kialo((folder / "input.txt").read_text("utf-8"), "input.txt")
    diags = "".join(f"{d}\n" for d in sort_diagnostics(result.diagnostics))
    golden.check(folder / "expected" / "diagnostics.txt", diags)
    golden.check(folder / "expected" / "claims.yaml", render_yaml(result.amap, schema_line=None))
    has_errors = any(d.severity is Severity.ERROR for d in result.diagnostics)
    assert has_errors == ("invalid" in case)


def test_pro_supports_and_con_attacks_the_parent() -> None:
    text = "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: For.\n1.1.1. Con: Against the reason.\n"
    amap = read_kialo(text, "k.txt").amap
    assert amap.claim("1").kind is ClaimKind.THESIS
    assert [(r.source, r.kind, r.target) for r in amap.relations] == [
        ("1-1", RelationKind.SUPPORTS, "1"),
        ("1-1-1", RelationKind.ATTACKS, "1-1"),
    ]
    assert amap.meta.title == "T"


def test_a_see_link_relates_the_linked_claim_to_this_parent() -> None:
    text = "1. T.\n1.1. Pro: A.\n1.2. Con: B.\n1.2.1. Con: -> See 1.1.\n"
    amap = read_kialo(text, "k.txt").amap
    assert amap.claim("1-1").supports == ("1",)
    assert amap.claim("1-1").attacks == ("1-2",)
    assert "1-2-1" not in amap.by_id


def test_markdown_escapes_are_undone_and_links_become_sources() -> None:
    text = "1. Costs \\(in \\$\\) rise \\*fast\\* \\- see [report](https://example.org/r).\n"
    claim = read_kialo(text, "k.txt").amap.claim("1")
    assert claim.text == "Costs (in $) rise *fast* - see [report](https://example.org/r)."
    assert [s.url for s in claim.sources] == ["https://example.org/r"]


def test_lines_without_a_number_continue_the_claim_above() -> None:
    text = "1. First line.\nsecond line\n\n1.1. Pro: Next.\n"
    assert read_kialo(text, "k.txt").amap.claim("1").text == "First line.\nsecond line"


def test_a_claim_line_without_its_final_dot_is_read_as_text_and_named() -> None:
    text = "1. T.\n1.1. Pro: Cheap.\n1.2 Con: Slow.\n"
    result = read_kialo(text, "k.txt")
    assert result.amap.claim("1-1").text == "Cheap.\n1.2 Con: Slow."
    [diag] = result.diagnostics
    assert str(diag) == (
        "k.txt:3:1: warning: this line is read as more text of claim 1.1.: a claim's number "
        "ends in a dot (write '1.2. ...') [kialo-number]"
    )


def test_a_number_inside_text_is_not_a_claim() -> None:
    text = "1. Prices rose by\n1.5 percent last year.\n"
    amap = read_kialo(text, "k.txt").amap
    assert [c.id for c in amap.claims] == ["1"]


def test_windows_line_ends_are_read() -> None:
    amap = read_kialo("1. T.\r\n1.1. Con: C.\r\n", "k.txt").amap
    assert amap.claim("1-1").text == "C."


def test_empty_and_chained_links_give_positions() -> None:
    result = read_kialo("", "k.txt")
    assert [str(d) for d in result.diagnostics] == [
        "k.txt:1:1: error: no claims found: a Kialo export lists claims as '1. ...', '1.1. Pro: "
        "...' [kialo-empty]"
    ]
    looped = read_kialo("1. T.\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1.\n", "k.txt")
    assert [d.code for d in looped.diagnostics] == ["kialo-unknown-link", "kialo-unknown-link"]


def test_the_loader_reads_kialo_when_asked() -> None:
    result = load_text("1. T.\n1.1. Pro: P.\n", "export.txt", "kialo")
    assert [c.id for c in result.amap.claims] == ["1", "1-1"]


@given(st.text(st.sampled_from(list("1.2 3ProCnThesi:->See\\\n\r\t[]()x#\x07")), max_size=120))
def test_kialo_reader_never_raises(text: str) -> None:
    result = read_kialo(text, "k.txt")
    assert all(d.span.line >= 1 and d.span.col >= 1 for d in result.diagnostics)


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_every_line_ending_gives_the_same_claims(end: str) -> None:
    text = end.join(["Discussion Title: T", "", "1. Thesis", "1.1. Pro: a", "1.2. Con: b", ""])
    result = load_text(text, "k.txt", fmt="kialo")
    assert [c.id for c in result.amap.claims] == ["1", "1-1", "1-2"]
    assert result.amap.claim("1").text == "Thesis"
    assert [d for d in result.diagnostics if d.severity is Severity.ERROR] == []


def test_a_link_with_parentheses_is_cited_encoded_and_a_script_link_is_noted() -> None:
    export = (
        "Discussion Title: T\n\n1. Thesis.\n"
        "1.1. Pro: See [Mercury](https://en.wikipedia.org/wiki/Mercury_(planet)) here.\n"
        "  and [mail](mailto:a@b.org), [top](#top), [again](https://a.org/x)\n"
        "1.2. Con: Click [me](javascript:alert(1)) and [a](https://a.org/x).\n"
    )
    result = read_kialo(export, "k.txt")
    cited = {c.id: [s.url for s in c.sources] for c in result.amap.claims}
    assert cited["1-1"] == [
        "https://en.wikipedia.org/wiki/Mercury_%28planet%29",
        "https://a.org/x",
    ]
    assert cited["1-2"] == ["https://a.org/x"]
    assert "javascript:alert(1)" in result.amap.by_id["1-2"].text  # the text is kept whole
    notes = [(str(d.span), d.severity, d.code, d.message) for d in result.diagnostics]
    assert notes == [
        (
            "k.txt:5:14",
            Severity.INFO,
            "kialo-link-kept",
            "the link 'mailto:a@b.org' of claim 1.1. is no http(s) URL, so it is not cited",
        ),
        (
            "k.txt:6:22",
            Severity.INFO,
            "kialo-link-kept",
            "the link 'javascript:alert(1)' of claim 1.2. is no http(s) URL, so it is not cited",
        ),
    ]


def test_a_branch_nested_too_deep_for_its_ids_is_one_error() -> None:
    # Each level adds "12." to the number: past 200 characters the id could not be made.
    lines, number = ["1. Thesis."], "1."
    for depth in range(90):
        number += "12."
        lines.append(f"{number} {'Pro' if depth % 2 else 'Con'}: Level {depth}.")
    lines += [f"1.2. Pro: -> See {number}", "1.3. Con: Shallow."]
    result = read_kialo("\n".join(lines) + "\n", "k.txt")
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert [d.code for d in errors] == ["kialo-too-deep"]
    # The first number whose id is too long: 1 + 67 times "-12" is 202 characters.
    assert errors[0].span.line == 68
    assert "nested 68 levels deep" in errors[0].message
    assert "the 23 claims under it" in errors[0].message
    assert {"1", "1-3"} <= {c.id for c in result.amap.claims}
