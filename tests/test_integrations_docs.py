"""The project's own docs site (docs/, Sphinx and MyST) builds strictly and shows the maps."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from argmap.check import check_paths

from .conftest import ROOT

pytestmark = pytest.mark.dot


def test_docs_site_builds_strictly_and_draws_every_thesis_of_the_bundled_map(
    tmp_path: Path,
) -> None:
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-b", "html"]
    command += ["-d", str(tmp_path / "doctrees"), str(ROOT / "docs"), str(tmp_path / "html")]
    proc = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr
    maps = (tmp_path / "html" / "maps.html").read_text("utf-8")
    theses = [t.id for t in check_paths([ROOT / "claims"]).amap.theses]
    assert len(theses) >= 5
    assert maps.count('<figure class="argmap-figure') == len(theses)
    for thesis in theses:
        assert f'id="am-{thesis}-' in maps
    assert '<div class="argmap-error"' not in maps
    ids = re.findall(r'(?<![\w-])id="([^"]+)"', maps)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    index = (tmp_path / "html" / "index.html").read_text("utf-8")
    assert index.count("<svg") == 1 and 'href="maps.html#the-world-model-thesis"' in index
    assert not list((ROOT / "docs").glob("_build"))
