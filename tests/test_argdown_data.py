"""Argdown data blocks: the quick reading of simple flow mappings agrees with the YAML loader."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from argmap.read.argdown.data import _simple_flow

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Near misses on purpose: words YAML reads as booleans or null, numbers with leading zeros
# or in other bases, escapes, control characters, a byte order mark, colons and commas.
_PLAIN = st.sampled_from(["id", "kind", "thesis", "_x", "a9", "x_y", "Short", "claim"])
_TRICKY = st.sampled_from(
    ["yes", "No", "TRUE", "off", "null", "Null", "y", "n", "inf", "nan", "9a", "-a", "a-b",
     "a.b", "True", "~", "="]
)  # fmt: skip
_WORDS = st.one_of(_PLAIN, _PLAIN, _TRICKY)
_NUMBERS = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["012", "0x1F", "0o7", "1_000", "1:20", "1.5", "-0", "+1", ".5", "1e3"]),
)
_ODD = st.sampled_from(["\\", '"', "\ufeff", "\x7f", "\x85", "\t", "\n", "\u2028", "é", "😀"])
_QUOTED = st.text(st.characters(codec="utf-8", exclude_characters='"\\') | _ODD, max_size=12).map(
    lambda s: f'"{s}"'
)
_VALUES = st.one_of(_PLAIN, _WORDS, _NUMBERS, _QUOTED)
_SPACES = st.sampled_from([" "] * 8 + ["", "  ", "\t"])
_PADS = st.sampled_from([""] * 4 + [" "] * 4 + ["  ", "\t"])
_SEPARATORS = st.sampled_from([", "] * 8 + [",", " , "])


@st.composite
def _flow(draw: st.DrawFn) -> str:
    items = draw(st.lists(st.tuples(_WORDS, _SPACES, _VALUES), max_size=4))
    body = draw(_SEPARATORS).join(f"{k}:{s}{v}" for k, s, v in items)
    return "{" + draw(_PADS) + body + draw(_PADS) + "}"


def _yaml(text: str) -> dict[str, Any] | None:
    try:
        value = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError:
        return None
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else None


@settings(max_examples=3000)
@given(_flow())
@example('{id: "c0", kind: thesis}')
@example("{a: 012}")
@example("{yes: 1}")
@example('{a: "\ufeff"}')
def test_a_simple_flow_mapping_reads_as_the_yaml_loader_reads_it(text: str) -> None:
    quick = _simple_flow(text)
    if quick is not None:
        expected = _yaml(text)
        assert quick == expected
        assert [type(v) for v in quick.values()] == [type(v) for v in expected.values()]


def test_exported_data_blocks_take_the_quick_reading() -> None:
    assert _simple_flow('{id: "c0", kind: thesis}') == {"id": "c0", "kind": "thesis"}
    assert _simple_flow("{weight: 3, title: Short}") == {"weight": 3, "title": "Short"}
    assert _simple_flow("{}") == {}
    # Whatever YAML reads otherwise goes to the loader.
    for text in ("{a: yes}", "{null: 1}", "{a: 012}", '{a: "x\\ty"}', "{a: b c}", "{a:b}"):
        assert _simple_flow(text) is None
