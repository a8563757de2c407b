"""The bundled map: claims/ checks clean, and output/ is what building claims/ gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.build import build_paths
from argmap.check import check_paths

from .conftest import ROOT

CLAIMS = ROOT / "claims"
OUTPUT = ROOT / "output"


def test_bundled_claims_check_clean_in_strict_mode() -> None:
    result = check_paths([CLAIMS])
    failing = [str(d) for d in result.diagnostics if d.severity.value != "info"]
    assert failing == []


@pytest.mark.dot
def test_output_directory_is_current(tmp_path: Path) -> None:
    result = build_paths([CLAIMS], tmp_path)
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
