"""Escaping and wrapping helpers: the one escaping helper per target language."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from argmap.render.text import (
    clean,
    escape_dot,
    escape_dot_html,
    escape_html,
    escape_md,
    safe_url,
)
from argmap.render.wrap import columns, wrap, wrap_html

from .strategies import HOSTILE, TEXT


def test_clean_drops_control_characters_and_defuses_script_schemes() -> None:
    assert clean("a\x07b\nc  d") == "ab c d"
    assert "javascript:" not in clean("javascript:alert(1)")
    assert "onerror=" not in clean("<img onerror=x>")
    assert clean("javascript:alert(1)").replace("\u200b", "") == "javascript:alert(1)"


def test_escape_html_leaves_no_markup() -> None:
    assert escape_html('<a href="x">&\'') == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"


def test_escape_dot_html_doubles_backslashes() -> None:
    assert escape_dot_html("\\N") == "\\\\N"


def test_escape_dot_keeps_quotes_inside_the_string() -> None:
    out = escape_dot('say "hi" \\')
    assert '\\"hi\\"' in out
    assert not out.endswith("\\")


@given(st.one_of(TEXT, HOSTILE))
def test_escaped_markdown_renders_as_one_plain_paragraph(text: str) -> None:
    html = MarkdownIt("commonmark").render(escape_md(text))
    assert html.startswith("<p>") or html == ""
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert html.count("<p>") <= 1


def test_safe_url_accepts_only_plain_http() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "https://x.org/<script>",
        "ftp://x",
        " java\nscript:x",
    ]:
        assert safe_url(bad) is None


def test_wrap_breaks_at_fixed_width_and_ellipsises_long_text() -> None:
    lines = wrap("word " * 100, width=20, max_lines=3)
    assert len(lines) == 3
    assert all(len(line) <= 20 for line in lines)
    assert lines[-1].endswith("…")


def _greedy_wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Greedy wrapping, word by word: the plain definition ``wrap`` must agree with."""
    lines: list[str] = []
    line = ""
    for word in clean(text).split(" "):
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if line and len(line) + 1 + len(word) <= width:
            line += " " + word
        elif line:
            lines.append(line)
            line = word
        else:
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines or [""]


WRAP_TEXT = st.lists(
    st.sampled_from(["a", "bb", "word", " ", "  ", "x" * 30, "<&>", '"', "\\", "on", "x=", "é"]),
    max_size=40,
).map("".join)


@given(st.one_of(TEXT, HOSTILE, WRAP_TEXT), st.integers(4, 40), st.integers(1, 8))
def test_wrap_is_greedy_and_wrap_html_escapes_each_line(
    text: str, width: int, max_lines: int
) -> None:
    lines = wrap(text, width, max_lines)
    if columns(clean(text)) == len(clean(text)):  # one column a character: the plain definition
        assert lines == _greedy_wrap(text, width, max_lines)
    assert wrap_html(text, width, max_lines) == "<BR/>".join(escape_dot_html(x) for x in lines)


WIDE_TEXT = st.lists(
    st.sampled_from(
        [
            "世界",
            "モデル",
            "は",
            "。",
            "、",
            "「",
            "」",
            "AI",
            " ",
            "한국어",
            "😀",
            "Ｘ",
            "word",
            "e\u0301",
        ]
    ),
    max_size=40,
).map("".join)


@given(st.one_of(WIDE_TEXT, TEXT, HOSTILE), st.integers(4, 40), st.integers(1, 8))
def test_wide_text_wraps_by_columns_and_keeps_every_character(
    text: str, width: int, max_lines: int
) -> None:
    lines = wrap(text, width, max_lines)
    assert all(columns(line) <= width for line in lines)
    assert all(line == line.strip(" ") for line in lines)
    if lines[-1].endswith("…") and len(lines) == max_lines:
        return  # cut short: the rest is left out on purpose
    # Nothing is lost but the spaces a break replaces.
    assert "".join(lines).replace(" ", "") == clean(text).replace(" ", "")


def test_a_line_of_japanese_is_as_wide_as_a_line_of_english() -> None:
    text = "世界モデルは人間レベルのAIへの道である。大規模言語モデルだけでは足りない。"
    lines = wrap(text, 20, 6)
    assert lines == [
        "世界モデルは人間レベ",
        "ルのAIへの道である。",
        "大規模言語モデルだけ",
        "では足りない。",
    ]
    assert [columns(line) for line in lines] == [20, 20, 20, 14]
    # Closing punctuation never starts a line: 「。」 takes the character before it along.
    assert wrap("あいう。えお", 6, 6) == ["あい", "う。え", "お"]
    assert wrap("あ「いう」", 4, 6) == ["あ", "「い", "う」"]
    # A combining accent takes no column; an emoji takes two.
    assert columns("e\u0301") == 1 and columns("😀") == 2 and columns("abc") == 3
    assert wrap("😀😀😀", 4, 6) == ["😀😀", "😀"]


def test_claims_whose_ids_read_alike_get_anchors_of_their_own() -> None:
    from argmap.render.text import anchor

    assert anchor("world-model-thesis") == "claim-world-model-thesis"
    alike = ["a-b", "a.b", "a_b", "A-b", "a b"]
    anchors = [anchor(cid) for cid in alike]
    assert anchors[0] == "claim-a-b" and len(set(anchors)) == len(alike)
    assert all(re.fullmatch(r"claim-[a-z0-9-]+", a) for a in anchors)


def test_quote_id_shows_any_script_and_escapes_what_a_terminal_hides() -> None:
    from argmap.diagnostics import quote_id

    assert quote_id("Bär 世界") == "'Bär 世界'"
    assert quote_id("a\u202eb\x07c\nd") == "'a\\u202eb\\x07c\\nd'"
    assert quote_id("back\\x07slash's") == "'back\\\\x07slash\\'s'"
