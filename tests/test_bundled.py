"""The bundled map: claims/ checks clean, and output/ is what building claims/ gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.build import build_paths
from argmap.check import check_paths

from .conftest import ROOT

CLAIMS = ROOT / "claims"
OUTPUT = ROOT / "output"
#: The article the claims quote, beside the repository (as ./scripts/build-maps reads it).
SOURCES = ROOT.parent / "shared" / "sources"


def test_bundled_claims_check_clean_in_strict_mode_with_every_quote_verified() -> None:
    if not SOURCES.is_dir():
        pytest.skip("the article is not beside the repository")
    result = check_paths([CLAIMS], sources_dir=SOURCES)
    assert [str(d) for d in result.diagnostics] == []


@pytest.mark.dot
def test_output_directory_is_current(tmp_path: Path) -> None:
    result = build_paths([CLAIMS], tmp_path, sources_dir=SOURCES if SOURCES.is_dir() else None)
    assert result.written
    built = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in OUTPUT.iterdir()}
    assert sorted(built) == sorted(committed)
    for name, data in built.items():
        if name.endswith(".svg"):
            # SVG bytes depend on the Graphviz version: compare what the map says, not the layout.
            assert _svg_texts(data) == _svg_texts(committed[name]), name
        else:
            assert data == committed[name], f"output/{name} is stale: run ./scripts/build-maps"


def _svg_texts(data: bytes) -> list[str]:
    from xml.etree import ElementTree

    root = ElementTree.fromstring(data)
    return sorted(el.text or "" for el in root.iter() if el.tag.endswith(("title", "text")))


def test_bundled_claims_are_in_canonical_layout() -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    result = CliRunner().invoke(main, ["fmt", "--check", str(CLAIMS)])
    assert result.exit_code == 0, result.output


def test_every_published_page_gives_each_html_id_once() -> None:
    import re
    from collections import Counter

    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    for page in sorted((ROOT / "output").glob("*.md")):
        html = md.render(page.read_text("utf-8"))
        ids = Counter(re.findall(r'(?<![\w-])id="([^"]+)"', html))
        assert [i for i, n in ids.items() if n > 1] == [], page.name
