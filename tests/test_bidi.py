"""Bidirectional controls in a claim ("Trojan Source"): reported by check, and closed within
the text on every page and map, so they cannot reorder what follows them."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from argmap.check import check_paths
from argmap.render.markdown import render_markdown
from argmap.render.text import clean

OPENERS = "\u202a\u202b\u202d\u202e\u2066\u2067\u2068"
PDF, PDI = "\u202c", "\u2069"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def balanced(text: str) -> bool:
    """Whether every embedding, override and isolate the text opens is closed in it, and
    each terminator closes one (isolates nested as the Unicode bidi algorithm nests them)."""
    opened: list[str] = []
    for char in BIDI.findall(text):
        if char == PDF:
            if not opened or opened.pop() != PDF:
                return False
        elif char == PDI:
            if PDI not in opened:
                return False
            while opened.pop() != PDI:
                pass
        else:
            opened.append(PDI if char >= "\u2066" else PDF)
    return not opened


@given(st.text(alphabet=st.sampled_from(["a", "b", " ", PDF, PDI, *OPENERS]), max_size=40))
def test_clean_closes_every_bidi_control_it_keeps(text: str) -> None:
    out = clean(text)
    assert balanced(out)
    # Only bidi controls change: the letters stay, in order.
    assert BIDI.sub("", out).split() == BIDI.sub("", text).split()


def test_balanced_text_is_left_as_it_is() -> None:
    for text in ["\u202ba\u202c", "\u2067a\u202ab\u202c\u2069c", "plain"]:
        assert clean(text) == text


def test_a_map_with_bidi_controls_warns_and_its_page_closes_them(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(
        "claims:\n  - id: t\n    kind: thesis\n    text: T.\n"
        '  - id: r\n    text: "Jobs \\u202eon\\u2066 pay"\n    label: "\\u202bL"\n    supports: [t]\n',
        encoding="utf-8",
    )
    checked = check_paths([path])
    codes = [d.code for d in checked.diagnostics]
    assert codes == ["bidi-control", "bidi-control"]
    assert not checked.failed()
    page = render_markdown(checked.amap, "t")
    assert "\u202e" in page and "\u202b" in page
    for line in page.splitlines():
        assert balanced(line), repr(line)
