"""Seeded mutation fuzzing of every reader: no exception escapes, every diagnostic has a position."""

from __future__ import annotations

import contextlib
import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from argmap.errors import ArgmapError
from argmap.read import load_paths
from tests import fuzzing


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutated_documents_of_every_format_give_positioned_diagnostics(
    seed: int, tmp_path: Path
) -> None:
    # 3 seeds x 8 documents x 15 mutations: 360 cases in the fast run.
    assert fuzzing.run(15, seed, tmp_path) == 15 * len(fuzzing.SEEDS)


@pytest.mark.slow
def test_many_mutated_documents_give_positioned_diagnostics(tmp_path: Path) -> None:
    assert fuzzing.run(300, 99, tmp_path) == 300 * len(fuzzing.SEEDS)


@pytest.mark.parametrize("digits", [10, 4_301, 5_000, 100_000])
def test_an_iccma_number_of_any_length_is_a_diagnostic(tmp_path: Path, digits: int) -> None:
    """Python refuses to read integers of more than 4,300 digits; a header or an argument
    that long is a file's error like any other."""
    for name, text in (
        ("header.i23", f"p af {'9' * digits}\n1 2\n"),
        ("attack.i23", f"p af 3\n1 {'9' * digits}\n"),
        ("name.apx", f"arg({'7' * digits}).\natt(a,a).\n"),
    ):
        path = tmp_path / name
        path.write_text(text)
        found = load_paths([path]).diagnostics
        assert found and all(d.span.line >= 1 and "\n" not in d.message for d in found), found
        assert all(len(d.message) < 300 for d in found), found


def test_mutations_are_reproducible_from_their_seed() -> None:
    assert list(fuzzing.cases(3, 7)) == list(fuzzing.cases(3, 7))
    assert list(fuzzing.cases(3, 7)) != list(fuzzing.cases(3, 8))


#: Values of every JSON type, put where a reader expects another.
_CONFUSING: list[object] = [
    None, True, 0, -1, 1.5, 1e308, "", " ", "x" * 300, "javascript:alert(1)", [], [1], [None],
    {}, {"a": 1}, {"id": []}, [[[]]], "thesis", "supports",
]  # fmt: skip


def _places(doc: object, at: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [at]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _places(value, (*at, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found += _places(value, (*at, i))
    return found


def _put(doc: object, at: tuple[object, ...], value: object) -> object:
    if not at:
        return value
    inner: Any = doc
    for key in at[:-1]:
        inner = inner[key]
    inner[at[-1]] = value
    return doc


@pytest.mark.parametrize("fmt", ["json", "aif", "yaml"])
@pytest.mark.parametrize("seed", [1, 2])
def test_a_value_of_the_wrong_type_anywhere_is_a_positioned_diagnostic(
    tmp_path: Path, fmt: str, seed: int
) -> None:
    """Each value of a document replaced, one to three at a time, by one of another type:
    the readers say where, in one line, and raise nothing but their own errors."""
    rng = random.Random(seed)
    source = "json" if fmt == "yaml" else fmt  # JSON is YAML: the same documents, as YAML
    text = next(t for f, _, t in fuzzing.SEEDS if f == source)
    places = _places(json.loads(text))
    path = tmp_path / ("claims.yaml" if fmt == "yaml" else "map.json")
    for _ in range(150):
        doc = json.loads(text)
        for _ in range(rng.randint(1, 3)):
            with contextlib.suppress(KeyError, IndexError, TypeError):
                doc = _put(doc, rng.choice(places), copy.deepcopy(rng.choice(_CONFUSING)))
        path.write_text(json.dumps(doc), encoding="utf-8")
        try:
            found = load_paths([path], fmt=fmt).diagnostics
        except ArgmapError:
            continue
        for diag in found:
            assert diag.span.line >= 1 and "\n" not in diag.message, (diag, doc)
