"""Zensical: real sites built with ``zensical build``, the extension configured in mkdocs.yml."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .harbour import CLAIMS

pytest.importorskip("zensical")
pytestmark = pytest.mark.dot

INDEX = """\
# Home

```argmap /claims
:thesis: harbour
```

!!! note

    ```argmap ../claims thesis=harbour
    ```
"""
BROKEN = """\
# Broken

```argmap ../../claims
:thesis: harbr
```
"""
CONFIG = """\
site_name: Harbour
markdown_extensions:
  - admonition
  - pymdownx.superfences
  - argmap.integrations.pymarkdown
"""


def make_site(root: Path, pages: dict[str, str]) -> Path:
    (root / "claims").mkdir(parents=True)
    (root / "claims" / "town.yaml").write_text(CLAIMS, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return root


def zensical_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    program = shutil.which("zensical")
    assert program is not None
    return subprocess.run(
        [program, "build", *extra],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_zensical_draws_rooted_and_nested_fences(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"index.md": INDEX})
    proc = zensical_build(root, "--strict")
    assert proc.returncode == 0, proc.stderr
    page = (root / "site" / "index.html").read_text("utf-8")
    assert page.count('<figure class="argmap-figure') == 2
    assert '<div class="argmap-error"' not in page


def test_zensical_strict_build_fails_on_a_broken_fence_and_names_the_file(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"index.md": "# Home\n", "sub/broken.md": BROKEN})
    strict = zensical_build(root, "--strict")
    assert strict.returncode != 0
    message = "docs/sub/broken.md:4:1: error: 'harbr' is no claim"
    assert f"BrokenFenceError: {message}" in strict.stderr
    assert "<page>" not in strict.stderr
    shutil.rmtree(root / "site", ignore_errors=True)
    relaxed = zensical_build(root)
    assert relaxed.returncode == 0, relaxed.stderr
    assert message in relaxed.stderr
    page = (root / "site" / "sub" / "broken" / "index.html").read_text("utf-8")
    assert '<div class="argmap-error" role="alert">' in page
    assert "docs/sub/broken.md:4:1: error: &#39;harbr&#39; is no claim" in page
    (root / "mkdocs.yml").write_text("strict: true\n" + CONFIG, encoding="utf-8")
    assert zensical_build(root).returncode != 0
