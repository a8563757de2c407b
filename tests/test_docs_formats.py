"""docs/formats: a page for every format argmap reads, and its examples read as it says."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.formats import FORMATS
from argmap.read.argdown import read_argdown
from argmap.read.iccma import read_apx, read_i23

DOCS = Path(__file__).resolve().parent.parent / "docs" / "formats"
#: The page of each format, where it is not named after it.
PAGES = {"json": "argmap-json", "apx": "iccma", "i23": "iccma"}


def _fences(page: str, language: str) -> list[str]:
    text = (DOCS / f"{page}.md").read_text("utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def test_every_format_has_a_page_and_every_page_a_format() -> None:
    pages = {PAGES.get(name, name) for name in FORMATS}
    assert pages == {path.stem for path in DOCS.glob("*.md")}


def test_the_argdown_example_reads_as_the_page_says() -> None:
    [example] = _fences("argdown", "text")
    result = read_argdown(example, "debate.argdown")
    assert not [d for d in result.diagnostics if d.severity.value != "info"]
    claims = {c.id: c for c in result.amap.claims}
    assert len(claims) == 6
    assert claims["four-day-week"].kind.value == "thesis"
    assert claims["four-day-week"].label == "Four-day week"
    assert claims["fuel"].kind.value == "argument" and claims["fuel"].supports == ("four-day-week",)
    premises = [c for c in claims.values() if c.supports == ("fuel",)]
    assert len(premises) == 2
    assert claims["tired-pupils"].attacks == ("four-day-week",)
    assert claims["short-days"].attacks == ("tired-pupils",)
    assert claims["short-days"].weight == 0.7
    assert all("the-proposal" in c.tags for c in claims.values())


def test_the_iccma_examples_are_one_framework_in_both_formats() -> None:
    apx, i23 = _fences("iccma", "text")
    by_name = read_apx(apx, "f.apx").amap
    by_number = read_i23(i23, "f.i23").amap
    assert [(r.source, r.target) for r in by_name.relations] == [("a", "b"), ("b", "c")]
    assert [(r.source, r.target) for r in by_number.relations] == [("1", "2"), ("2", "3")]


def test_the_carneades_example_reads_as_the_page_says() -> None:
    from argmap.evaluate import evaluate_map
    from argmap.read.carneades import read_carneades

    [example] = _fences("carneades", "yaml")
    result = read_carneades(example, "rebuttal.yml")
    assert [d for d in result.diagnostics if d.severity.value != "info"] == []
    claims = result.amap.by_id
    assert set(claims) == {"p", "q", "r", "arg-a1", "arg-a2"}
    assert claims["arg-a1"].supports == ("p",) and claims["arg-a1"].weight == 0.1
    assert claims["arg-a2"].attacks == ("p",) and claims["q"].supports == ("arg-a1",)
    verdicts = evaluate_map(result.amap, gradual=None).verdicts
    assert verdicts["p"].value == "falls"  # Carneades: ¬p in, p out
