"""The MkDocs plugin: real sites built in temporary folders with ``mkdocs build --strict``."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.dot

CLAIMS = """\
map:
  title: The harbour question
claims:
  - id: harbour
    kind: thesis
    label: Build the harbour
    text: The town should build the new harbour.
  - id: jobs
    text: The harbour brings jobs.
    supports: [harbour]
  - id: cost
    text: It costs more than the town can borrow.
    attacks: [harbour]
  - id: ferry
    kind: thesis
    text: The town should keep the ferry instead.
  - id: cheap
    text: The ferry costs little to run.
    supports: [ferry]
"""
INDEX = """\
# Harbour site

```argmap
:path: /claims
:thesis: harbour
```

!!! note "Nested in an admonition"

    ```argmap
    :path: ../claims/town.yaml
    :thesis: ferry
    ```

```argmap
claims:
  - id: solo
    kind: thesis
    text: A map written inline.
```
"""
CONFIG = """\
site_name: Harbour
theme: mkdocs
plugins:
  - argmap:
      paths: [claims]
markdown_extensions:
  - admonition
  - pymdownx.superfences
"""


def make_site(root: Path, pages: dict[str, str]) -> Path:
    (root / "claims").mkdir(parents=True)
    (root / "claims" / "town.yaml").write_text(CLAIMS, encoding="utf-8")
    (root / "docs").mkdir()
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return root


def mkdocs_build(root: Path, *, strict: bool) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-f",
        "mkdocs.yml",
        "-d",
        str(root / "site"),
    ]
    return subprocess.run(
        [*command, "--strict"] if strict else command,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def ids_of(html: str) -> list[str]:
    return re.findall(r'(?<![\w-])id="([^"]+)"', html)


def test_strict_build_renders_fences_and_generates_a_page_per_thesis(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"index.md": INDEX})
    proc = mkdocs_build(root, strict=True)
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr
    page = (root / "site" / "index.html").read_text("utf-8")
    assert page.count('<figure class="argmap-figure') == 3
    assert '<div class="admonition note">' in page and '<div class="argmap-error"' not in page
    duplicates = [i for i, n in Counter(ids_of(page)).items() if n > 1]
    assert duplicates == []
    for claim in ("harbour", "jobs", "cost", "ferry", "cheap", "solo"):
        assert f"<title>{claim}</title>" in page
    thesis_page = (root / "site" / "maps" / "harbour" / "index.html").read_text("utf-8")
    assert thesis_page.count("<svg") == 1
    assert 'id="claim-jobs"' in thesis_page and 'href="#claim-jobs"' in thesis_page
    assert "Reasons for and against" in thesis_page
    overview = (root / "site" / "maps" / "index.html").read_text("utf-8")
    assert "The harbour question" in overview and overview.count("<svg") == 1
    assert (root / "site" / "maps" / "ferry" / "index.html").exists()


def test_broken_fence_fails_a_strict_build_and_shows_an_error_box_otherwise(tmp_path: Path) -> None:
    # Front matter counts: positions are lines of the page file.
    broken = (
        "---\ntitle: Broken\n---\n\n# Broken\n\n```argmap\n:path: /claims\n:thesis: harbor\n```\n"
    )
    root = make_site(tmp_path, {"index.md": "# Home\n", "broken.md": broken})
    strict = mkdocs_build(root, strict=True)
    assert strict.returncode != 0
    assert "docs/broken.md:9:1: error: 'harbor' is no claim" in strict.stderr
    relaxed = mkdocs_build(root, strict=False)
    assert relaxed.returncode == 0, relaxed.stderr
    page = (root / "site" / "broken" / "index.html").read_text("utf-8")
    assert '<div class="argmap-error" role="alert">' in page
    assert "docs/broken.md:9:1: error: &#39;harbor&#39; is no claim" in page


NESTED = """\
# Nested

!!! note "Admonition"

    ```argmap ../claims
    :thesis: harbour
    ```

=== "Tab"

    ```argmap ../claims thesis=ferry
    ```

- A list item

    ```argmap /claims/town.yaml thesis="harbour" depth=1
    ```

!!! tip "Nested"

    === "Inner tab"

        - item

            ```{argmap} ../claims
            :thesis: ferry
            ```
"""
NESTED_CONFIG = """\
site_name: Harbour
theme: {theme}
plugins:
  - argmap
markdown_extensions:
  - admonition
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_fences_with_paths_on_the_opening_line_draw_in_admonitions_tabs_and_lists(
    tmp_path: Path, theme: str
) -> None:
    if theme == "material":
        pytest.importorskip("material")
    root = make_site(tmp_path, {"index.md": NESTED})
    (root / "mkdocs.yml").write_text(NESTED_CONFIG.format(theme=theme), encoding="utf-8")
    proc = mkdocs_build(root, strict=True)
    assert proc.returncode == 0, proc.stderr
    page = (root / "site" / "index.html").read_text("utf-8")
    assert page.count('<figure class="argmap-figure') == 4
    assert "<code>argmap" not in page and '<div class="argmap-error"' not in page
    broken = NESTED.replace("thesis=ferry", "thesis=fery")
    (root / "docs" / "index.md").write_text(broken, encoding="utf-8")
    strict = mkdocs_build(root, strict=True)
    assert strict.returncode != 0
    assert "docs/index.md:11:5: error: 'fery' is no claim" in strict.stderr


def test_fence_paths_outside_the_site_root_are_refused_without_showing_them(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "keys.yaml").write_text("api_key: hunter2\n", encoding="utf-8")
    site = tmp_path / "site-root"
    page = "# Out\n\n```argmap ../../secret/keys.yaml\n```\n\n```argmap /../secret\n```\n"
    root = make_site(site, {"index.md": page})
    proc = mkdocs_build(root, strict=False)
    assert proc.returncode == 0, proc.stderr
    html = (root / "site" / "index.html").read_text("utf-8")
    assert html.count('<div class="argmap-error" role="alert">') == 2
    assert "api_key" not in html + proc.stderr and "hunter2" not in html + proc.stderr
    assert str(tmp_path) not in html
    assert "docs/index.md:3:1: error: '../../secret/keys.yaml' is outside the site's root" in (
        proc.stderr
    )
    (root / "mkdocs.yml").write_text(
        CONFIG.replace("      paths: [claims]\n", "      paths: [claims]\n      root: ..\n"),
        encoding="utf-8",
    )
    widened = mkdocs_build(root, strict=False)
    assert "'../../secret/keys.yaml' is outside" not in widened.stderr
    assert "'/../secret' is outside the site's root" in widened.stderr
    assert "unknown-field" in widened.stderr


@pytest.mark.slow
def test_mkdocs_serve_rebuilds_when_a_drawn_claim_file_changes(tmp_path: Path) -> None:
    import socket
    import time

    root = make_site(tmp_path, {"index.md": "# Home\n\n```argmap ../claims\n```\n"})
    (root / "mkdocs.yml").write_text(CONFIG.replace("      paths: [claims]\n", ""), "utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    log = tmp_path / "serve.log"

    def wait_for(text: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in log.read_text("utf-8", errors="replace"):
                return True
            time.sleep(0.1)
        return False

    with log.open("w") as out, subprocess.Popen(command, cwd=root, stderr=out) as server:
        try:
            assert wait_for("Serving on", 60), log.read_text("utf-8")
            time.sleep(1)
            claims = root / "claims" / "town.yaml"
            claims.write_text(CLAIMS.replace("brings jobs", "brings many jobs"), encoding="utf-8")
            assert wait_for("Detected file changes", 30), log.read_text("utf-8")
        finally:
            server.terminate()
            server.wait(timeout=30)
