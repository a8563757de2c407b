"""Argdown as the Argdown project writes it: in-page links, default selection, round trips, theses.

The documents are small ones written for these tests after the shapes of the Argdown
project's examples (the primer, the censorship and Semmelweis debates).
"""

from __future__ import annotations

from pathlib import Path

from argmap.check import check_paths
from argmap.convert import convert_paths
from argmap.read import load_paths
from argmap.read.argdown import read_argdown
from argmap.read.argdown.selection import selected_view
from argmap.read.yaml import read_yaml
from argmap.write.argdown import render_argdown

DEBATE = """===
title: Censorship, in small
===

# Two central claims

[Censorship]: Censorship is not wrong in principle.

[Free Speech]: Freedom of speech is an absolute right.
  - <No Harm>

# Arguments

<Free Speech Argument>: Censorship is wrong in principle.

(1) [Free Speech]
(2) Censorship violates free speech.
----
(3) Censorship is wrong in principle.
  -> [Censorship]

<No Harm>: Freedom of speech ends where harm starts.

(1) Speech can harm. {isInMap: true}
(2) [Hidden]: What harms may be limited. {isInMap: false}
----
(3) Freedom of speech is not absolute.
  >< [Free Speech]

[Loner]: An untitled thought has a title here but no relation.

A loose statement with no title and no relation.

See the [primer](#heading-welcome-to-argdown) or [a relative page](guide/intro.md).
"""


def _write(tmp_path: Path, text: str = DEBATE, name: str = "debate.argdown") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_in_page_and_relative_links_are_text_not_unsafe_urls(tmp_path: Path) -> None:
    result = check_paths([_write(tmp_path)])
    assert not [d for d in result.diagnostics if d.code == "unsafe-url"]
    loose = [c for c in result.amap.claims if c.text.startswith("See the")]
    assert loose and loose[0].sources == () and "primer" in loose[0].text


def test_a_link_with_a_scheme_other_than_http_is_never_cited(tmp_path: Path) -> None:
    # Its text stays, with a note; the URL goes nowhere in the map.
    path = _write(tmp_path, "[A]: see [x](javascript:alert(1)). #thesis\n")
    checked = check_paths([path])
    assert "argdown-link-kept" in [d.code for d in checked.diagnostics]
    assert not checked.failed()
    [claim] = checked.amap.claims
    assert claim.sources == () and "javascript" not in claim.model_dump_json()


def test_default_selection_leaves_out_untitled_premises_and_conclusions(tmp_path: Path) -> None:
    result = load_paths([_write(tmp_path)])
    shown = {c.id for c in result.amap.claims} - result.details
    labels = {c.id: c.label for c in result.amap.claims}
    assert {labels[i] for i in shown if labels[i]} == {
        "Censorship",
        "Free Speech",
        "Free Speech Argument",
        "No Harm",
    }
    # isInMap: true draws an untitled premise; isInMap: false hides a titled one.
    assert any(result.amap.claim(i).text == "Speech can harm." for i in shown)
    assert result.amap.claim("hidden").id in result.details
    hidden_texts = {result.amap.claim(i).text for i in result.details}
    assert "Censorship violates free speech." in hidden_texts
    assert "Censorship is wrong in principle." in hidden_texts  # an untitled conclusion
    assert "A loose statement with no title and no relation." in hidden_texts
    assert "An untitled thought has a title here but no relation." in hidden_texts


def test_claim_files_and_full_detail_have_no_hidden_claims(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("claims:\n  - id: t\n    kind: thesis\n    text: T.\n", encoding="utf-8")
    assert load_paths([path]).details == set()


def test_an_imported_map_without_a_thesis_says_so_once_with_a_hint(tmp_path: Path) -> None:
    result = load_paths([_write(tmp_path)])
    [note] = [d for d in result.diagnostics if d.code == "no-thesis-imported"]
    assert note.severity.value == "info"
    assert "'#thesis'" in note.message and "perhaps" in note.message
    tagged = DEBATE.replace(
        "[Censorship]: Censorship is not wrong in principle.",
        "[Censorship]: Censorship is not wrong in principle. #thesis",
    )
    again = load_paths([_write(tmp_path, tagged, "tagged.argdown")])
    assert "no-thesis-imported" not in [d.code for d in again.diagnostics]


def test_round_trip_through_yaml_keeps_structures_and_contradictions(tmp_path: Path) -> None:
    source = _write(tmp_path)
    yaml_text = convert_paths([source], "yaml")
    claims = tmp_path / "claims.yaml"
    claims.write_text(yaml_text, encoding="utf-8")
    argdown = convert_paths([claims], "argdown")
    assert "label: null" not in argdown
    assert argdown.count("----") == 2 and "\n  >< [" in argdown
    first = read_argdown(source.read_text(encoding="utf-8"), str(source))
    back = read_argdown(argdown, "back.argdown")
    assert back.amap == first.amap
    assert read_yaml(yaml_text, "claims.yaml").amap == first.amap
    # An untitled premise or conclusion used nowhere else stays untitled, so Argdown's map
    # and argmap's leave it out again. ({isInMap: ...} is not kept.)
    assert "[censorship-violates-free-speech]" not in argdown
    assert "\n(1) Censorship violates free speech. #arguments {" in argdown
    assert "\n(3) Censorship is wrong in principle. #arguments {" in argdown
    untitled = {"censorship-violates-free-speech", "censorship-is-wrong-in-principle"}
    assert untitled <= first.details and untitled <= back.details


def test_writer_expresses_an_argument_with_premises_as_a_structure() -> None:
    amap = read_argdown("<A>: a.\n\n(1) [P]: p.\n----\n(2) [C]: c.\n", "x.argdown").amap
    text = render_argdown(amap)
    assert "(1) [P]\n----\n(2) [C]" in text
    assert read_argdown(text, "y.argdown").amap == amap


def test_a_premise_of_several_arguments_stays_a_premise_of_each() -> None:
    source = (
        "[P]: p.\n\n<A>: a.\n\n(1) [P]\n(2) [Q]: q.\n----\n(3) [C]: c.\n\n"
        "<B>: b.\n\n(1) [P]\n(2) [R]: r.\n----\n(3) [D]: d.\n\n"
        "<E>: e.\n\n(1) [P]\n----\n(2) [F]: f.\n"
    )
    amap = read_argdown(source, "x.argdown").amap
    assert amap.by_id["p"].supports == ("a", "b", "e")
    text = render_argdown(amap)
    assert text.count("(1) [P]\n") == 3 and "+> <" not in text
    assert read_argdown(text, "y.argdown").amap == amap


def test_the_default_view_draws_relations_of_hidden_premises_and_conclusions_on_arguments(
    tmp_path: Path,
) -> None:
    result = load_paths([_write(tmp_path)])
    ids, edges = selected_view(result.amap, result.details)
    label = {c.id: c.label or c.text for c in result.amap.claims}
    drawn = {(label[e.source], e.kind.value, label[e.target]) for e in edges}
    assert set(ids) == {c.id for c in result.amap.claims} - result.details
    # The untitled conclusion's attack on [Censorship] is drawn from its argument, and
    # the contradiction of <No Harm>'s conclusion with [Free Speech] from <No Harm>.
    assert ("Free Speech Argument", "attacks", "Censorship") in drawn
    assert ("No Harm", "attacks", "Free Speech") in drawn
    assert ("Free Speech", "supports", "Free Speech Argument") in drawn
    assert all(e.source in ids and e.target in ids for e in edges)
    full_ids, full_edges = selected_view(result.amap, set())
    assert len(full_ids) == len(result.amap.claims)
    assert full_edges == sorted(result.amap.relations)
