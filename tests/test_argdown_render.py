"""The Argdown writer: deterministic output that the Argdown reader reads back into the same map."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    MapMeta,
    Relation,
    RelationKind,
    Source,
    SourceRef,
)
from argmap.read import load_paths
from argmap.read.argdown import read_argdown
from argmap.write.argdown import escape_text, render_argdown, yaml_float, yaml_string

from .strategies import maps

CASES = Path(__file__).parent / "cases" / "argdown"

IDS = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}", fullmatch=True)
TAGS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,8}", fullmatch=True) | st.sampled_from(
    ["thesis", "evidence", "a.b", "x_y", "2024"]
)
ARGDOWN_ISH = st.sampled_from(
    [
        "[Title]: text",
        "<Arg>: text",
        "e.g. .A. x: x .->. y :v: z",
        "a === b ===",
        "// not a comment",
        "/* nor */ this",
        "<!-- nor this -->",
        "*em* _em_ **strong** __strong__",
        "#notatag #(nor this)",
        "@[Mention] and @<Mention>",
        "{data: 1}",
        "ends with a backslash \\",
        "(1) numbered",
        "-- inference --",
        "+ > - < _ ><",
        "snake_case and 2*3",
        "https://example.org/a?b=c#d",
        "tab\there",
        "two  spaces",
        " leading and trailing ",
        "line\nbreak\r\nand\rcarriage",
        "\u2028separator\u2029",
        "\ufeffbom",
        'quote " and } brace {',
        "\x00\x07\x1b\x7f\x85\x9f",
        "emoji 😀 and 𝗣",
        "x:a.b:c.d.",
    ]
)
TEXT = (
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40) | ARGDOWN_ISH
).filter(lambda s: "".join(ch for ch in s if ch.isprintable()).strip() != "")
LABEL = st.none() | TEXT.map(lambda s: s[:200]) | st.sampled_from(["Title", "-dash", "a]b", "a>b"])


@st.composite
def source_refs(draw: st.DrawFn, source_ids: list[str]) -> SourceRef:
    use_source: bool = bool(source_ids) and draw(st.booleans())
    if use_source:
        target = {"source": draw(st.sampled_from(source_ids))}
    else:
        target = {"url": draw(st.sampled_from(["https://example.org/x", "http://a.b/c?d=e}f"]))}
    return SourceRef(
        **target,
        locator=draw(st.none() | TEXT),
        quote=draw(st.none() | TEXT),
    )


@st.composite
def rich_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps with every claim field set in every way, arguments and undercuts included."""
    ids = draw(st.lists(IDS, min_size=0, max_size=8, unique=True))
    source_ids = draw(st.lists(IDS, max_size=3, unique=True))
    sources = tuple(
        Source(id=s, title=draw(TEXT), author=draw(st.none() | TEXT), url=draw(st.none() | TEXT))
        for s in source_ids
    )

    def pick(n: int) -> tuple[str, ...]:
        return tuple(draw(st.lists(st.sampled_from(ids), unique=True, max_size=n))) if ids else ()

    claims = []
    for cid in ids:
        claims.append(
            Claim(
                id=cid,
                kind=draw(st.sampled_from(list(ClaimKind))),
                text=draw(TEXT),
                label=draw(LABEL),
                tags=tuple(draw(st.lists(TAGS, max_size=3, unique=True))),
                sources=tuple(draw(st.lists(source_refs(source_ids), max_size=2))),
                weight=draw(st.none() | st.floats(0, 1) | st.sampled_from([0.0, 1.0, 1e-05, 0.1])),
                supports=pick(3),
                attacks=pick(3),
                undercuts=pick(2),
            )
        )
    compare: tuple[tuple[str, str], ...] = ()
    if ids:
        pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids))
        compare = tuple(draw(st.lists(pairs, max_size=2)))
    meta = MapMeta(
        title=draw(st.none() | TEXT),
        description=draw(st.none() | TEXT),
        sources=sources,
        compare=compare,
    )
    return ArgumentMap(meta=meta, claims=tuple(claims))


def _round_trip(amap: ArgumentMap) -> ArgumentMap:
    text = render_argdown(amap)
    result = read_argdown(text, "map.argdown")
    # Expected: the empty-document warning for a map without claims, and the warning that
    # Argdown itself would drop a self-relation; nothing else.
    expected = {"argdown-self-relation"} | ({"argdown-empty"} if not amap.claims else set())
    problems = [str(d) for d in result.diagnostics if d.code not in expected]
    assert problems == [], (problems, text)
    return result.amap


@settings(max_examples=300)
@given(rich_maps())
def test_argdown_round_trip_keeps_claims_and_relations(amap: ArgumentMap) -> None:
    back = _round_trip(amap)
    assert back.claims == amap.claims
    assert back.relations == amap.relations
    assert back.meta == amap.meta


@settings(max_examples=100)
@st.composite
def structured_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps of arguments with one conclusion each and statements that support several of
    them in any order, attacked here and there: premise-conclusion structures to share."""
    n_statements, n_arguments = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    statements = [f"s{i}" for i in range(n_statements)]
    arguments = [f"a{i}" for i in range(n_arguments)]
    order = draw(st.permutations(statements + arguments))
    claims = []
    for cid in order:
        supports: tuple[str, ...]
        if cid in arguments:
            supports = (draw(st.sampled_from(statements)),)
            attacks = tuple(draw(st.lists(st.sampled_from(arguments), max_size=1)))
        else:
            supports = tuple(draw(st.lists(st.sampled_from(arguments), unique=True, max_size=4)))
            attacks = tuple(draw(st.lists(st.sampled_from(order), unique=True, max_size=1)))
        kind = ClaimKind.ARGUMENT if cid in arguments else ClaimKind.CLAIM
        text = draw(st.sampled_from([cid.upper(), "----", "- x", "+> [y]", "(1) z"]) | TEXT)
        claims.append(Claim(id=cid, kind=kind, text=text, supports=supports, attacks=attacks))
    return ArgumentMap(claims=tuple(claims))


@settings(max_examples=200)
@given(structured_maps())
def test_argdown_round_trip_keeps_shared_premises(amap: ArgumentMap) -> None:
    back = _round_trip(amap)
    assert back == amap
    assert _round_trip(back) == back


@given(maps(hostile=True, undercuts=True))
def test_argdown_round_trip_on_shared_hostile_maps(amap: ArgumentMap) -> None:
    assert _round_trip(amap) == amap


@given(rich_maps())
def test_argdown_render_is_deterministic_and_stable(amap: ArgumentMap) -> None:
    text = render_argdown(amap)
    assert render_argdown(amap) == text
    assert render_argdown(read_argdown(text, "m.argdown").amap) == text
    assert text == "" or (text.endswith("\n") and not text.endswith("\n\n"))
    assert all(line == line.rstrip() for line in text.splitlines())


def test_render_argdown_writes_titles_tags_data_and_relations() -> None:
    amap = ArgumentMap(
        meta=MapMeta(title="Debate"),
        claims=(
            Claim(id="wm", kind=ClaimKind.THESIS, text="World models win.", label="World models"),
            Claim(id="llm", text="Scale wins.", tags=("llm", "a.b"), weight=0.5, attacks=("wm",)),
            Claim(
                id="arg", kind=ClaimKind.ARGUMENT, text="Babies learn physics.", supports=("wm",)
            ),
            Claim(id="cut", text="Babies have priors.", label="[odd]", undercuts=("arg",)),
        ),
    )
    assert render_argdown(amap) == (
        '===\ntitle: "Debate"\n===\n\n'
        '<arg>: Babies learn physics. {id: "arg"}\n  +> [World models]\n\n'
        '[cut]: Babies have priors. {id: "cut", label: "[odd]"}\n  _> <arg>\n\n'
        '[llm]: Scale wins. #llm #(a.b) {id: "llm", weight: 0.5}\n'
        "  -> [World models]\n\n"
        '[World models]: World models win. {id: "wm", kind: thesis}\n'
    )


def test_render_argdown_of_empty_map_is_empty() -> None:
    assert render_argdown(ArgumentMap()) == ""


def test_escape_text_escapes_markup_only_where_needed() -> None:
    assert escape_text("Plain, simple text.") == "Plain, simple text."
    assert escape_text("a_b *c* #d [e] <f> {g} @h") == "a\\_b \\*c\\* \\#d \\[e] \\<f> \\{g} \\@h"
    assert escape_text("e.g. x") == "e\\.g\\. x"
    assert escape_text("see http://x") == "see http:\\//x"


def test_yaml_helpers_escape_what_breaks_a_data_block() -> None:
    assert yaml_string('a "b" {c}') == '"a \\"b\\" \\x7bc\\x7d"'
    assert yaml_string("x\ny\u2028") == '"x\\x0ay\\u2028"'
    assert yaml_float(1e-05) == "1.0e-05"
    assert yaml_float(1) == "1.0"


WRITTEN = ArgumentMap(
    meta=MapMeta(
        title="Written by argmap === for Argdown",
        sources=(Source(id="ami", title="The {AMI} article", url="https://example.org/a?b=c"),),
        compare=(("wm", "llm"),),
    ),
    claims=(
        Claim(
            id="wm",
            kind=ClaimKind.THESIS,
            text="World models, e.g. JEPA, lead to human-level AI: #1 [claim] <here>.",
            label="World models",
            tags=("thesis", "jepa.v2"),
            weight=0.75,
            sources=(SourceRef(source="ami", quote='"learn how the world works"', locator="p. 2"),),
        ),
        Claim(
            id="llm", kind=ClaimKind.THESIS, text="Scaling text models suffices.", label="-Scale"
        ),
        Claim(
            id="arg",
            kind=ClaimKind.ARGUMENT,
            text="Infants learn physics before language (*not* from text).",
            label="_Infants",
            supports=("wm",),
            attacks=("llm",),
        ),
        Claim(
            id="cut",
            kind=ClaimKind.EVIDENCE,
            text="Line one\nline two,  with spacing Argdown cannot show.",
            label="Priors",
            undercuts=("arg",),
            attacks=("cut",),
        ),
        Claim(id="same", text="A label used twice.", label="Twin", supports=("wm",)),
        Claim(id="twin", text="The other one.", label="Twin", attacks=("same",)),
    ),
)


def test_written_fixture_is_what_the_writer_gives_and_reads_back() -> None:
    path = CASES / "written.argdown"
    assert render_argdown(WRITTEN) == path.read_text(encoding="utf-8")
    assert _round_trip(WRITTEN) == WRITTEN


def test_argdown_reads_the_written_fixture_into_the_same_relations() -> None:
    peer = json.loads((CASES / "written.json").read_text(encoding="utf-8"))
    text = (CASES / "written.argdown").read_text(encoding="utf-8")
    titles = {c.id: c.label for c in read_argdown(text, "written.argdown").amap.claims}
    back = {c.id: c.label for c in WRITTEN.claims}
    titles_written = {  # the written titles: labels, or ids where a label cannot be a title
        c.id: (c.label if c.label in ("World models", "Priors") else c.id) for c in WRITTEN.claims
    }
    assert titles == back
    kinds = {"support": RelationKind.SUPPORTS, "attack": RelationKind.ATTACKS}
    kinds["undercut"] = RelationKind.UNDERCUTS
    by_title = {t: i for i, t in titles_written.items()}
    relations = {
        Relation(by_title[r["from"]], kinds[r["relationType"]], by_title[r["to"]])
        for r in peer["relations"]
    }
    assert relations == set(WRITTEN.relations)
    assert len(peer["statements"]) + len(peer["arguments"]) == len(WRITTEN.claims)


def test_bundled_map_round_trips_through_argdown() -> None:
    amap = load_paths([CASES.parents[2] / "claims"]).amap
    assert len(amap.claims) > 50
    assert _round_trip(amap) == amap


@pytest.mark.parametrize("label", ["0 \x0c", "a\x0bb", "x\x1cy", "p\x85q", "tab\tx", "u\u2028v"])
def test_a_label_with_a_line_breaking_control_goes_to_the_data_not_the_title(label: str) -> None:
    amap = ArgumentMap(claims=(Claim(id="a", text="Text \x1e with\x0ccontrols.", label=label),))
    text = render_argdown(amap)
    assert text.startswith("[a]: ") and len(text.splitlines()) == 1
    back = read_argdown(text, "m.argdown").amap
    assert back.claims[0].label == label and back.claims[0].text == amap.claims[0].text
    assert render_argdown(back) == text


def test_a_text_that_names_an_include_is_written_so_that_nothing_is_spliced_in(
    tmp_path: Path,
) -> None:
    # Argdown replaces '@include(path)' with the file it names wherever it stands, before
    # it parses anything: the writer must never write one, whatever a claim says.
    include = "@include(notes.argdown)"
    (tmp_path / "notes.argdown").write_text("[Injected]: I come from notes.argdown.\n", "utf-8")
    amap = ArgumentMap(
        meta=MapMeta(
            title=f"Map {include}",
            description=f"About {include}",
            sources=(Source(id="s", title=f"Book {include}", url="https://a.example/x"),),
        ),
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text=f"Write {include} to include a file."),
            Claim(
                id="r",
                text=f"Two lines,\nthen {include}.",
                label=f"Label {include}",
                tags=("tag",),
                supports=("t",),
                sources=(SourceRef(source="s", locator=f"p. {include}"),),
            ),
        ),
    )
    text = render_argdown(amap)
    assert "@include(" not in text
    path = tmp_path / "map.argdown"
    path.write_text(text, "utf-8")
    result = load_paths([path])
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    back = result.amap
    assert back.claim("t").text == f"Write {include} to include a file."
    assert back.claim("r").text == f"Two lines,\nthen {include}."
    assert back.claim("r").label == f"Label {include}"
    assert "Injected" not in render_argdown(back)


def test_control_characters_never_reach_the_written_lines_and_the_text_comes_back() -> None:
    text = "A \x1b]0;PWNED\x07 B\x00 C\u200b D"
    amap = ArgumentMap(claims=(Claim(id="t", kind=ClaimKind.THESIS, text=text),))
    written = render_argdown(amap)
    assert not [ch for ch in written if unicodedata.category(ch) == "Cc" and ch != "\n"]
    assert "\u200b" not in written.split("{")[0]  # the line shows no format character
    assert _round_trip(amap).claim("t").text == text
