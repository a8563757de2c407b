"""The Argdown reader: mapping rules, diagnostics with positions, includes, and bad input."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.diagnostics import Severity, Span
from argmap.model import ClaimKind, Relation, RelationKind, SourceRef
from argmap.read.argdown import read_argdown
from argmap.read.argdown.names import slugify, to_tag
from argmap.read.result import LoadResult

S, A, U = RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.UNDERCUTS


def _read(text: str, path: str = "doc.argdown") -> LoadResult:
    return read_argdown(text, path)


def _diags(result: LoadResult) -> list[str]:
    return [str(d) for d in result.diagnostics]


def test_statements_become_claims_with_title_as_label_and_slug_ids() -> None:
    result = _read("[World Models]: Models of the world matter.\n\nAn untitled statement.\n")
    assert _diags(result) == []
    wm = result.amap.claim("world-models")
    assert (wm.kind, wm.label, wm.text) == (
        ClaimKind.CLAIM,
        "World Models",
        "Models of the world matter.",
    )
    untitled = result.amap.claim("an-untitled-statement")
    assert untitled.label is None


def test_ids_are_deduplicated_in_document_order_and_data_ids_win() -> None:
    text = "[A b]: one\n\n<A b>: two\n\n[A-B]: three {id: a-b}\n\n日本\n"
    result = _read(text)
    by_text = {c.text: c.id for c in result.amap.claims}
    assert by_text == {"one": "a-b-2", "two": "a-b-3", "three": "a-b", "日本": "s-1"}


def test_duplicate_data_ids_are_errors_at_the_data_block() -> None:
    result = _read("[A]: a {id: x}\n\n[B]: b {id: x}\n")
    assert _diags(result) == [
        "doc.argdown:3:8: error: [B]: id 'x' is already taken [argdown-duplicate-id]"
    ]


def test_kinds_come_from_hashtags_or_data_and_data_wins() -> None:
    text = (
        "[T]: a thesis #thesis\n\n[E]: evidence {kind: evidence}\n\n"
        "[C]: tagged but a claim #thesis {kind: claim}\n\n<Arg>: an argument\n"
    )
    kinds = {c.label: c.kind for c in _read(text).amap.claims}
    assert kinds == {
        "T": ClaimKind.THESIS,
        "E": ClaimKind.EVIDENCE,
        "C": ClaimKind.CLAIM,
        "Arg": ClaimKind.ARGUMENT,
    }


def test_every_relation_symbol_maps_to_its_relation() -> None:
    text = (
        "[P]: parent\n"
        "  + [a]: a\n  <+ [b]: b\n  +> [c]: c\n"
        "  - [d]: d\n  <- [e]: e\n  -> [f]: f\n"
        "  >< [g]: g\n  _> <h>: h\n"
        "\n<h>\n  <_ [i]: i\n  _ [j]: j\n"
    )
    result = _read(text)
    assert _diags(result) == []
    assert set(result.amap.relations) == {
        Relation("a", S, "p"),
        Relation("b", S, "p"),
        Relation("p", S, "c"),
        Relation("d", A, "p"),
        Relation("e", A, "p"),
        Relation("p", A, "f"),
        Relation("p", A, "g"),
        Relation("g", A, "p"),
        Relation("p", U, "h"),
        Relation("i", U, "h"),
        Relation("j", U, "h"),
    }


def test_premise_conclusion_structure_adds_derived_supports() -> None:
    text = (
        "<Arg>: desc\n\n(1) [P1]: p1\n(2) [P2]: p2\n--\nrule\n--\n(3) [IC]: ic\n"
        "----\n(4) [C]: c\n  <_ <U>: u\n"
    )
    result = _read(text)
    assert set(result.amap.relations) == {
        Relation("p1", S, "arg"),
        Relation("p2", S, "arg"),
        Relation("ic", S, "arg"),
        Relation("arg", S, "c"),
        Relation("u", U, "arg"),
    }
    assert _diags(result) == [
        "doc.argdown:5:1: info: <Arg>: inference rules 'rule' of the inference not kept: "
        "argmap has no place for it [argdown-unsupported]"
    ]


def test_undercut_under_a_statement_hits_the_latest_inference_with_a_warning() -> None:
    text = "<Arg>\n\n(1) p\n--\n--\n(2) c\n\n[S]: s\n  <_ <U>: u\n"
    result = _read(text)
    assert Relation("u", U, "arg") in result.amap.relations
    assert [
        (d.span.line, d.span.col, d.code)
        for d in result.diagnostics
        if d.code != "argdown-undefined"
    ] == [(9, 3, "argdown-undercut")]


def test_relations_of_a_reconstructed_argument_start_from_its_conclusion() -> None:
    text = "<Arg>\n  -> [T]: target\n\n<Arg>\n\n(1) p\n--\n--\n(2) [C]: c\n"
    relations = set(_read(text).amap.relations)
    assert Relation("c", A, "t") in relations
    assert Relation("arg", A, "t") not in relations


def test_strict_mode_reads_contraries_as_mutual_attacks_and_entailment_as_support() -> None:
    text = "===\nmodel: {mode: strict}\n===\n\n[A]: a\n  - [B]: b\n  +> [C]: c\n"
    result = _read(text)
    assert set(result.amap.relations) == {
        Relation("a", A, "b"),
        Relation("b", A, "a"),
        Relation("a", S, "c"),
    }


def test_text_takes_the_canonical_member_and_notes_the_others() -> None:
    text = "[A]: first\n\n[A]: second {isCanonical: true}\n\n[A]: third\n"
    result = _read(text)
    assert result.amap.claim("a").text == "second"
    assert [d.span.line for d in result.diagnostics if d.code == "argdown-equivalent-text"] == [
        1,
        5,
    ]


def test_formatting_links_and_tags_are_read_into_text_tags_and_sources() -> None:
    text = "[A]: **Bold** and _italic_ with [a link](https://x.org) .A. #(two words) #one\n"
    result = _read(text)
    claim = result.amap.claim("a")
    assert claim.text == "Bold and italic with a link ∀"
    assert claim.tags == ("two-words", "one")
    assert claim.sources == (SourceRef(url="https://x.org"),)
    col = text.index("#(") + 1
    assert _diags(result) == [
        f"doc.argdown:1:{col}: info: tag 'two words' kept as 'two-words' [argdown-tag]"
    ]


def test_headings_become_group_tags_unless_marked_not_a_group() -> None:
    text = "# Part One\n\n[A]: a\n\n## Not Grouped {isGroup: false}\n\n[B]: b\n\n# Two\n\n[C]: c\n"
    tags = {c.id: c.tags for c in _read(text).amap.claims}
    assert tags == {"a": ("part-one",), "b": (), "c": ("two",)}


def test_data_sets_weight_sources_label_and_text() -> None:
    text = (
        '[A]: shown {weight: 0.25, label: null, text: "exact\\ntext", '
        "sources: [{source: s1, quote: q, locator: p. 2}]}\n"
    )
    claim = _read(text).amap.claim("a")
    assert (claim.weight, claim.label, claim.text) == (0.25, None, "exact\ntext")
    assert claim.sources == (SourceRef(source="s1", quote="q", locator="p. 2"),)


def test_bad_data_values_are_errors_at_their_data_block() -> None:
    text = "[A]: a\n  + [B]: b {weight: 2, kind: opinion, sources: [{bad: 1}], colour: red}\n"
    assert sorted(_diags(_read(text))) == [
        "doc.argdown:2:12: error: [B]: weight 2 is not a number in [0, 1] [argdown-data]",
        "doc.argdown:2:12: error: unknown field 'bad' in a citation of [B] (expected source, url, locator, quote) [unknown-field]",
        "doc.argdown:2:12: info: [B]: data 'colour' not kept: argmap has no place for it "
        "[argdown-data-ignored]",
        "doc.argdown:2:12: warning: [B]: kind 'opinion' is not one of thesis, claim, evidence, "
        "forecast, question "
        "[argdown-data]",
    ]


def test_front_matter_fills_map_metadata_and_notes_unknown_keys() -> None:
    text = (
        "===\ntitle: Debate\ndescription: About models.\n"
        "sources: [{id: s1, title: An article}]\ncompare: [[a, b]]\nauthor: me\ncolor: {}\n"
        "===\n\n[A]: a #thesis\n\n[B]: b #thesis\n"
    )
    result = _read(text)
    meta = result.amap.meta
    assert (meta.title, meta.description, meta.compare) == (
        "Debate",
        "About models.",
        (("a", "b"),),
    )
    assert [s.id for s in meta.sources] == ["s1"]
    assert _diags(result) == [
        "doc.argdown:1:1: info: front matter 'author' not kept: argmap has no place for it "
        "[argdown-data-ignored]"
    ]


def test_syntax_errors_have_line_and_column_and_the_rest_is_still_read() -> None:
    text = "[A]: fine\n\n[B]: an **open bold\n\n+ [C]: a lost relation\n\n[D]: fine too\n"
    result = _read(text)
    assert _diags(result) == [
        "doc.argdown:3:9: error: bold text opened with '**' is not closed: append '**', or "
        "write '\\*' for the character itself [argdown-syntax]",
        "doc.argdown:5:1: error: a block cannot start with the relation '+': remove the empty "
        "line above it to attach it to the element before [argdown-syntax]",
    ]
    assert [c.id for c in result.amap.claims] == ["a", "d"]


def test_yaml_errors_point_into_the_block() -> None:
    text = "===\ntitle: ok\nbad: [1, 2\n===\n\n[A]: a {id: [x}\n"
    lines = [(d.span.line, d.span.col) for d in _read(text).diagnostics]
    assert lines == [(4, 1), (6, 15)]


def test_premise_conclusion_structure_must_end_in_a_conclusion() -> None:
    diags = _diags(_read("(1) a\n(2) b\n"))
    assert diags[0].startswith("doc.argdown:2:1: error: a premise-conclusion structure must end")


def test_a_second_structure_for_one_argument_is_an_error() -> None:
    text = "<A>\n\n(1) a\n--\n--\n(2) b\n\n<A>\n\n(1) c\n--\n--\n(2) d\n"
    assert (
        "doc.argdown:10:1: error: argument 'A' already has a premise-conclusion structure"
        in (_diags(_read(text))[0])
    )


def test_spans_locate_claims_and_relations() -> None:
    result = _read("[A]: a\n  + [B]: b\n  - <C>: c\n")
    spans = result.spans
    assert spans.get("file", "doc.argdown") == Span("doc.argdown")
    assert spans.get("claim", "a") == Span("doc.argdown", 1, 1)
    assert spans.get("claim", "b") == Span("doc.argdown", 2, 5)
    assert spans.get("claim", "b", "supports", 0) == Span("doc.argdown", 2, 3)
    assert spans.get("claim", "c", "attacks", 0) == Span("doc.argdown", 3, 3)


def test_includes_are_read_relative_to_the_including_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.argdown").write_text(
        "[One]: one\n  - [Two]\n\n@include(two.argdown)\n"
    )
    (tmp_path / "sub" / "two.argdown").write_text("[Two]: two\n\n[Bad]: **bold\n")
    main = tmp_path / "main.argdown"
    main.write_text("[Main]: main\n  + [One]\n\n@include(sub/one.argdown)\n")
    result = read_argdown(main.read_text(), str(main))
    assert set(result.amap.relations) == {Relation("one", S, "main"), Relation("two", A, "one")}
    two = str(tmp_path / "sub" / "two.argdown")
    assert [(d.span.path, d.span.line, d.span.col) for d in result.diagnostics] == [(two, 3, 8)]
    assert result.spans.get("claim", "two") == Span(two, 1, 1)
    assert result.spans.get("file", two) == Span(two)


def test_missing_and_repeated_includes_are_reported(tmp_path: Path) -> None:
    (tmp_path / "part.argdown").write_text("[P]: p\n")
    main = tmp_path / "main.argdown"
    text = "@include(part.argdown)\n\n@include(part.argdown)\n\n@include(gone.argdown)\n\n[M]: m\n"
    result = read_argdown(text, str(main))
    assert [(d.span.line, d.severity, d.code) for d in result.diagnostics] == [
        (3, Severity.WARNING, "argdown-include"),
        (5, Severity.ERROR, "argdown-include"),
    ]
    assert [c.id for c in result.amap.claims] == ["m", "p"]


def test_crlf_line_ends_and_a_byte_order_mark_are_accepted() -> None:
    result = _read("\ufeff[A]: a\r\n  + [B]: b\r\n\r\n[C]: c\r\n  - [A]\r\n")
    assert _diags(result) == []
    assert set(result.amap.relations) == {Relation("b", S, "a"), Relation("a", A, "c")}


def test_empty_document_is_an_empty_map_with_a_warning() -> None:
    result = _read("// nothing here\n")
    assert result.amap.claims == ()
    assert _diags(result) == [
        "doc.argdown:1:1: warning: the document holds no statement or argument [argdown-empty]"
    ]


def test_absurd_nesting_is_an_error_not_a_crash() -> None:
    deep = "[A]: a\n" + "".join("  " * i + f"+ [B{i}]: b\n" for i in range(1, 200))
    emphasis = "[A]: " + "*a " * 500 + "\n"
    for text in (deep, emphasis):
        [problem] = _read(text).diagnostics
        assert problem.code == "too-deep", problem
        assert problem.message == "elements are nested more than 100 levels deep"


def test_slugify_and_to_tag() -> None:
    assert slugify("Énergie & Co. 2024!") == "energie-co-2024"
    assert slugify("word " * 20) == "-".join(["word"] * 9)
    assert to_tag("ok_tag.1") == "ok_tag.1"
    assert to_tag("(x) y") == "x-y"
    assert to_tag("日本") is None


ARGDOWN_BITS = st.sampled_from(
    [
        "[A]", "[B]:", "<C>", "<D>:", " text", "\n", "\n\n", "  ", "    ", "+ ", "- ", "<+ ",
        "+> ", "-> ", "<- ", "_ ", "_> ", "<_ ", ">< ", "(1) ", "(2) ", "--", "----", "#t",
        "# H", "{a: 1}", "{id: x}", "{weight: 2}", "===", "*", "**", "_", "\\", "@[A]", ".A.",
        "//c", "/*", "<!--", "* ", "1. ", "@include(nowhere.argdown)", "{", "}", "\t", "\r\n",
    ]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(ARGDOWN_BITS | st.text(max_size=3), max_size=25).map("".join))
def test_reader_never_raises_and_positions_are_one_based(text: str) -> None:
    result = read_argdown(text, "fuzz.argdown")
    assert all(d.span.line >= 1 and d.span.col >= 1 for d in result.diagnostics)


def test_data_of_every_shape_is_a_diagnostic_never_a_crash() -> None:
    """Each field argmap reads from a statement's data, given a list, a mapping, a flag or
    a number where it wants a name or text."""
    for value in ("[1]", "[{source: s}]", "{a: 1}", "true", "1.5", "null", '"thesis "'):
        fields = ", ".join(
            f"{key}: {value}" for key in ("kind", "standard", "weight", "label", "id", "sources")
        )
        result = _read(f"[e]: X. {{{fields}}}\n  +> [T]\n\n[T]: T. {{kind: thesis}}\n")
        assert [c.kind for c in result.amap.claims if c.id == "t"] == [ClaimKind.THESIS]
        for diag in result.diagnostics:
            assert diag.span.line >= 1 and "\n" not in diag.message, diag


def test_sources_data_may_name_works_and_links_of_other_schemes_stay_text() -> None:
    # As Argdown's own syntax guide writes them: {sources: ["Cleanthes"]}.
    text = (
        '[A]: God is dead. #thesis {sources: ["Nietzsche, The Gay Science", '
        '"https://en.wikipedia.org/wiki/Foo_(bar)", "Nietzsche, The Gay Science"]}\n'
        "  + [B]: Write to [me](mailto:a@b.org), see [it](https://a.example/x).\n"
        '  + [C]: Also by him. {sources: ["Nietzsche, The Gay Science", "ftp://a.example/f"]}\n'
    )
    result = read_argdown(text, "m.argdown")
    codes = [(d.severity.value, d.code) for d in result.diagnostics]
    assert ("error", "unsafe-url") not in codes and ("info", "argdown-link-kept") in codes
    amap = result.amap
    assert [(s.id, s.title) for s in amap.meta.sources] == [
        ("nietzsche-the-gay-science", "Nietzsche, The Gay Science")
    ]
    a, b, c = amap.claim("a"), amap.claim("b"), amap.claim("c")
    assert [(r.source, r.url) for r in a.sources] == [
        ("nietzsche-the-gay-science", None),
        (None, "https://en.wikipedia.org/wiki/Foo_%28bar%29"),
    ]
    assert [r.url for r in b.sources] == ["https://a.example/x"]
    assert [r.source for r in c.sources] == ["nietzsche-the-gay-science"]
    assert "me" in b.text


def test_exploding_arguments_is_a_setting_argmap_says_it_does_not_follow() -> None:
    text = "===\nmodel:\n  explodeArguments: true\n===\n\n<C>\n\n(1) p1.\n----\n(2) c. #thesis\n"
    notes = [d.message for d in read_argdown(text, "e.argdown").diagnostics]
    assert any("explodeArguments is not followed" in m for m in notes)


def test_a_data_text_that_is_not_text_is_said_not_dropped() -> None:
    for value in ("3", "[1, 2]", "true"):
        result = read_argdown(f"[T]: Thesis. #thesis {{text: {value}}}\n", "t.argdown")
        assert result.amap.claim("t").text == "Thesis."
        [warning] = [d for d in result.diagnostics if d.code == "argdown-data"]
        assert warning.severity is Severity.WARNING and "is not text" in warning.message


def test_a_relation_to_nothing_is_an_error_but_at_the_end_an_untitled_statement() -> None:
    """As in Argdown: "+>" with nothing after it is "missing relation content" before a
    blank line, and an "Untitled 1" statement at the end; argmap says so either way."""
    broken = _read("[A]: a\n  +> \n\n[B]: b\n")
    assert [
        (d.span.line, d.span.col, d.message)
        for d in broken.diagnostics
        if d.severity.value == "error"
    ] == [
        (
            2,
            3,
            "the relation '+>' points at nothing: write a statement or an argument after it",
        )
    ]
    for text, shown in (("[A]: a\n  +> \n", "statement"), ("[A]: a\n  -> #tagged\n", "#tagged")):
        result = _read(text)
        assert sorted(claim.text for claim in result.amap.claims) == sorted(["a", shown])
        [empty] = [d for d in result.diagnostics if d.code == "argdown-empty"]
        assert empty.severity.value == "warning"
        assert (
            empty.message
            == f"an untitled statement with no text: kept, with {shown!r} for its text"
        )


def test_a_premise_conclusion_structure_carries_its_conclusion_only_on_all_its_premises() -> None:
    from argmap.evaluate import evaluate_map

    text = (
        "[T]: The thesis. #thesis\n\n<A>: An argument.\n\n"
        "(1) [P1]: First premise.\n(2) [P2]: Second premise.\n----\n(3) [T]\n\n"
        "[P2]\n  - [O]: Objection to the second premise.\n"
    )
    result = _read(text)
    evaluation = evaluate_map(result.amap, gradual=None)
    verdicts = {cid: v.value for cid, v in evaluation.verdicts.items()}
    assert verdicts == {"t": "open", "a": "open", "p1": "stands", "p2": "falls", "o": "stands"}
    # Without the objection, both premises stand and the argument carries the thesis.
    intact = evaluate_map(_read(text.split("\n\n[P2]")[0] + "\n").amap, gradual=None)
    assert intact.verdict("a") is not None and intact.verdict("a").value == "stands"
    assert intact.verdict("t") is not None and intact.verdict("t").value == "stands"
