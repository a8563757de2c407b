"""Tests for source verification: normalisation, loading source texts, finding quotes."""

from __future__ import annotations

import difflib
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import quotes
from argmap.diagnostics import Severity, Span, SpanIndex
from argmap.model import ArgumentMap, Claim, MapMeta, Source, SourceRef
from argmap.quotes import load_source_texts, normalise_text, verify_quotes

FIXTURE = Path(__file__).parent / "fixtures" / "quotes" / "harbour-report.txt"
REPORT = FIXTURE.read_text(encoding="utf-8")


def make_map(*refs: SourceRef, sources: tuple[Source, ...] | None = None) -> ArgumentMap:
    """A map with one claim per citation, ids c0, c1, ..."""
    claims = tuple(
        Claim(id=f"c{i}", text=f"Claim {i}.", sources=(ref,)) for i, ref in enumerate(refs)
    )
    meta = MapMeta(sources=sources or (Source(id="report", title="Harbour survey"),))
    return ArgumentMap(meta=meta, claims=claims)


def quote_spans(amap: ArgumentMap) -> SpanIndex:
    """Spans as the YAML loader records them: one line per claim's quote."""
    spans = SpanIndex()
    spans.add(("file", "claims/a.yaml"), Span("claims/a.yaml", 1, 1))
    for line, claim in enumerate(amap.claims, start=10):
        spans.add(("claim", claim.id), Span("claims/a.yaml", line, 3))
        spans.add(("claim", claim.id, "sources", 0, "quote"), Span("claims/a.yaml", line, 14))
    return spans


def check(*quoted: str) -> list[str]:
    amap = make_map(*(SourceRef(source="report", quote=q) for q in quoted))
    return [str(d) for d in verify_quotes(amap, quote_spans(amap), {"report": REPORT})]


# normalise_text


def test_normalise_maps_typography_to_ascii() -> None:
    assert (
        normalise_text("“It’s ‘fine’” — she said – twice…")
        == "\"It's 'fine'\" - she said - twice..."
    )


def test_normalise_collapses_whitespace_keeps_case_and_strips() -> None:
    assert normalise_text("  The\tNorth\n\n Wall\u00a0Stands \r\n") == "The North Wall Stands"


def test_normalise_drops_invisible_characters_and_folds_compatibility_forms() -> None:
    assert normalise_text("re\u00adpair\u200bs \ufb01nd ″x″") == 'repairs find "x"'


@settings(derandomize=True)
@given(st.text())
def test_normalise_is_idempotent_and_leaves_single_spaces(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert not any(ch.isspace() and ch != " " for ch in once)


# verify_quotes


def test_exact_quote_is_found() -> None:
    assert check("the tide gauge still reads about 4 cm high") == []


def test_quote_across_line_break_with_straight_quotes_is_found() -> None:
    assert check('the north wall - built in 1887 - has settled by "a few centimetres"') == []


def test_typographic_quote_against_plain_text_is_found() -> None:
    amap = make_map(SourceRef(source="report", quote="the council’s “timetable”"))
    text = 'They say the council\'s "timetable" is too slow.'
    assert verify_quotes(amap, quote_spans(amap), {"report": text}) == []


def test_missing_quote_is_an_error_at_the_quote_with_closest_passage() -> None:
    [message] = check("the council will close the harbour to the public")
    assert message.startswith(
        "claims/a.yaml:10:14: error: quote in 'c0' not found in source 'report'"
    )
    assert 'closest passage: "the council will close the pier to the public"' in message
    assert message.endswith("[quote-not-found]")


def test_quote_differing_only_in_case_is_reported() -> None:
    [message] = check("Engineers said the Wall is")
    assert 'closest passage: "Engineers said the wall is"' in message


def test_quote_must_start_and_end_on_word_boundaries() -> None:
    assert len(check("own survey of the old harb")) == 1
    assert len(check("ouncil's survey")) == 1
    assert check("council's survey of the old harbour") == []


def test_unrelated_quote_has_no_passage_hint() -> None:
    [message] = check("quantum entanglement")
    assert message.endswith("not found in source 'report' (no similar passage) [quote-not-found]")


def test_empty_quote_is_reported() -> None:
    [message] = check("  \n ")
    assert "quote in 'c0' is empty" in message


def test_every_bad_quote_is_reported_in_claim_order() -> None:
    messages = check("no such words here", "a second survey is planned", "also absent")
    assert [m.split("quote in ")[1][:4] for m in messages] == ["'c0'", "'c1'", "'c2'"]


def test_sources_without_text_and_url_citations_are_skipped() -> None:
    amap = make_map(
        SourceRef(source="other", quote="anything at all"),
        SourceRef(url="https://example.org/a", quote="anything at all"),
        SourceRef(source="report", locator="Findings"),
    )
    assert verify_quotes(amap, quote_spans(amap), {"report": REPORT}) == []


def test_diagnostic_falls_back_to_the_claim_span() -> None:
    amap = make_map(SourceRef(source="report", quote="absent words"))
    spans = SpanIndex()
    spans.add(("claim", "c0"), Span("claims/b.yaml", 4, 3))
    [diag] = verify_quotes(amap, spans, {"report": REPORT})
    assert diag.span == Span("claims/b.yaml", 4, 3)


@settings(derandomize=True, max_examples=60)
@given(st.data())
def test_any_passage_of_the_text_is_found_however_it_is_typeset(data: st.DataObject) -> None:
    words = REPORT.split()
    start = data.draw(st.integers(0, len(words) - 1))
    stop = data.draw(st.integers(start + 1, min(len(words), start + 25)))
    seps = data.draw(
        st.lists(st.sampled_from([" ", "  ", "\n", "\t", "\u00a0"]), min_size=stop - start)
    )
    quote = "".join(w + s for w, s in zip(words[start:stop], seps, strict=False))
    quote = quote.replace("“", '"').replace("”", '"').replace("’", "'").replace("—", "-")
    assert check(quote) == []


def test_closest_passage_scores_a_bounded_number_of_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(7)
    vocabulary = [f"term{i}" for i in range(400)] + ["the", "of", "and"] * 60
    text = " ".join(rng.choice(vocabulary) for _ in range(9_000))
    assert len(text) > 45_000
    words = text.split()
    quoted: list[str] = []
    originals: dict[str, str] = {}
    for i in range(200):
        start = rng.randrange(len(words) - 20)
        passage = words[start : start + 20]
        if i % 2:
            originals[f"'c{i}'"] = " ".join(passage)
            passage[10] = "changed"
        quoted.append(" ".join(passage))
    scored = 0
    real_ratio = difflib.SequenceMatcher.ratio

    def counting_ratio(self: difflib.SequenceMatcher[str]) -> float:
        nonlocal scored
        scored += 1
        return real_ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counting_ratio)
    amap = make_map(*(SourceRef(source="report", quote=q) for q in quoted))
    diags = verify_quotes(amap, quote_spans(amap), {"report": text})
    assert len(diags) == 100
    assert scored <= 100 * quotes.MAX_CANDIDATES
    for diag in diags:
        claim_id = diag.message.split()[2]
        assert diag.message.endswith(f'closest passage: "{originals[claim_id]}"')


# load_source_texts


def map_spans(map_file: Path) -> SpanIndex:
    spans = SpanIndex()
    spans.add(("map",), Span(str(map_file), 1, 1))
    spans.add(("source", "report"), Span(str(map_file), 5, 7))
    return spans


def quoted_map(text: str | None = None) -> ArgumentMap:
    source = Source(id="report", title="Harbour survey", text=text)
    return make_map(SourceRef(source="report", quote="sound for now"), sources=(source,))


def test_text_path_resolves_relative_to_the_map_file(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "survey.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    map_file = tmp_path / "claims" / "map.yaml"
    texts, diags = load_source_texts(quoted_map("../texts/survey.txt"), map_spans(map_file), None)
    assert texts == {"report": REPORT}
    assert diags == []


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_sources_dir_supplies_text_by_id(tmp_path: Path, suffix: str) -> None:
    (tmp_path / f"report{suffix}").write_text("Some text.", encoding="utf-8")
    texts, diags = load_source_texts(quoted_map(), map_spans(tmp_path / "map.yaml"), tmp_path)
    assert texts == {"report": "Some text."}
    assert diags == []


def test_sources_dir_takes_precedence_over_declared_text(tmp_path: Path) -> None:
    (tmp_path / "declared.txt").write_text("Declared.", encoding="utf-8")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "report.txt").write_text("From the directory.", encoding="utf-8")
    amap = quoted_map("declared.txt")
    texts, _ = load_source_texts(amap, map_spans(tmp_path / "map.yaml"), tmp_path / "dir")
    assert texts == {"report": "From the directory."}


def test_missing_text_is_only_an_info_at_the_source(tmp_path: Path) -> None:
    texts, [diag] = load_source_texts(
        quoted_map("gone.txt"), map_spans(tmp_path / "map.yaml"), None
    )
    assert texts == {}
    assert diag.severity is Severity.INFO
    assert diag.code == "source-text-missing"
    assert diag.span == Span(str(tmp_path / "map.yaml"), 5, 7)
    assert (
        diag.message
        == "quotes citing 'report' not verified: no local text ('gone.txt': no such file)"
    )


def test_quoted_source_without_any_text_gets_an_info(tmp_path: Path) -> None:
    _, [diag] = load_source_texts(quoted_map(), map_spans(tmp_path / "map.yaml"), None)
    assert str(diag).endswith(
        "info: quotes citing 'report' not verified: no local text [source-text-missing]"
    )


def test_unquoted_source_without_text_is_not_reported() -> None:
    amap = make_map(SourceRef(source="report", locator="Findings"))
    assert load_source_texts(amap, SpanIndex(), None) == ({}, [])


def test_invalid_utf8_and_directories_are_unreadable_not_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait")
    (tmp_path / "folder.txt").mkdir()
    for name, reason in [
        ("bad.txt", "not valid UTF-8 (byte 0xe9 at offset 3)"),
        ("folder.txt", "is a directory"),
    ]:
        texts, [diag] = load_source_texts(quoted_map(name), map_spans(tmp_path / "m.yaml"), None)
        assert texts == {}
        assert diag.severity is Severity.INFO
        assert diag.message.endswith(f"('{name}': {reason})")


def test_missing_text_without_spans_points_at_the_first_file() -> None:
    spans = SpanIndex()
    spans.add(("file", "claims/x.yaml"), Span("claims/x.yaml"))
    _, [diag] = load_source_texts(quoted_map(), spans, None)
    assert diag.span == Span("claims/x.yaml")


def test_a_quote_is_found_on_word_boundaries_only_whatever_occurs_first() -> None:
    from argmap.quotes import _SourceIndex

    index = _SourceIndex.build("cab abx xx ab abc ab. cab ab")
    found = {q: index.contains(q) for q in ["ab", "abc", "cab ab", "b a", "ab.", "b", "b ab"]}
    assert found == {
        "ab": True,  # first inside 'cab', then on its own
        "abc": True,
        "cab ab": True,
        "b a": False,
        "ab.": True,
        "b": False,
        "b ab": False,
    }
