"""The Sphinx directive and MyST fences: real sites built in temporary folders, ``-W``."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from .harbour import CLAIMS

pytestmark = pytest.mark.dot

CONF = """\
project = "Harbour"
extensions = ["myst_parser", "argmap.integrations.sphinx_ext"]
myst_fence_as_directive = ["argmap"]
argmap_root = ".."
"""
INDEX_MD = """\
# Harbour

```argmap ../claims
:thesis: harbour
```

```argmap
:caption: Written inline
claims:
  - id: solo
    kind: thesis
    text: A map written inline.
```

```{toctree}
other
plain
```
"""
OTHER_RST = """\
Other
=====

.. argmap:: /../claims/town.yaml
   :thesis: harbour
   :direction: LR

.. argmap::
   :details: no

   claims:
     - id: solo
       kind: thesis
       text: A map written inline.
"""
PLAIN_MD = "# Plain\n\nNo maps here.\n"


def make_site(root: Path, pages: dict[str, str]) -> Path:
    (root / "claims").mkdir(parents=True)
    (root / "claims" / "town.yaml").write_text(CLAIMS, encoding="utf-8")
    (root / "src").mkdir()
    (root / "src" / "conf.py").write_text(CONF, encoding="utf-8")
    for name, text in pages.items():
        (root / "src" / name).write_text(text, encoding="utf-8")
    return root


def sphinx_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-d", "doctrees", *extra, "src", "out"]
    return subprocess.run(
        command, cwd=root, capture_output=True, text=True, timeout=120, check=False
    )


def ids_of(html: str) -> list[str]:
    return re.findall(r'(?<![\w-])id="([^"]+)"', html)


def test_strict_parallel_build_renders_myst_fences_and_directives(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"index.md": INDEX_MD, "other.rst": OTHER_RST, "plain.md": PLAIN_MD})
    proc = sphinx_build(root, "-W", "--keep-going", "-j", "2")
    assert proc.returncode == 0, proc.stderr
    index = (root / "out" / "index.html").read_text("utf-8")
    other = (root / "out" / "other.html").read_text("utf-8")
    assert index.count('<figure class="argmap-figure') == 2
    assert other.count('<figure class="argmap-figure') == 2
    assert "<figcaption>Written inline</figcaption>" in index
    for page in (index, other):
        assert [i for i, n in Counter(ids_of(page)).items() if n > 1] == []
    assert "<title>jobs</title>" in index and "<title>jobs</title>" in other


def test_editing_a_claim_file_rebuilds_only_the_pages_that_draw_it(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"index.md": INDEX_MD, "other.rst": OTHER_RST, "plain.md": PLAIN_MD})
    assert sphinx_build(root, "-W").returncode == 0
    claims = root / "claims" / "town.yaml"
    claims.write_text(CLAIMS.replace("brings jobs", "brings work"), encoding="utf-8")
    proc = sphinx_build(root, "-W")
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"\b2 changed\b", proc.stdout), proc.stdout
    assert "The harbour brings work." in (root / "out" / "index.html").read_text("utf-8")
    assert "The harbour brings work." in (root / "out" / "other.html").read_text("utf-8")


def test_adding_a_claim_file_to_a_drawn_directory_rebuilds_the_page(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"index.md": INDEX_MD, "other.rst": OTHER_RST, "plain.md": PLAIN_MD})
    assert sphinx_build(root, "-W").returncode == 0
    quiet = sphinx_build(root, "-W")
    assert quiet.returncode == 0 and re.search(r"\b0 changed\b", quiet.stdout), quiet.stdout
    (root / "claims" / "more.yaml").write_text(
        "claims:\n  - id: fish\n    text: The harbour feeds the fish market.\n"
        "    supports: [harbour]\n",
        encoding="utf-8",
    )
    proc = sphinx_build(root, "-W")
    assert proc.returncode == 0, proc.stderr
    # index.md draws the directory; other.rst draws one file of it and is left alone.
    assert re.search(r"\b1 changed\b", proc.stdout), proc.stdout
    assert "The harbour feeds the fish market." in (root / "out" / "index.html").read_text("utf-8")
    assert "fish market" not in (root / "out" / "other.html").read_text("utf-8")
    (root / "claims" / "more.yaml").unlink()
    proc = sphinx_build(root, "-W")
    assert proc.returncode == 0, proc.stderr
    assert "fish market" not in (root / "out" / "index.html").read_text("utf-8")


def test_broken_fence_fails_with_w_and_shows_an_error_box_without(tmp_path: Path) -> None:
    broken_md = "# Broken\n\n```argmap ../claims\n:thesis: harbour\n:depth: deep\n```\n"
    broken_rst = "Broken\n======\n\n.. argmap:: ../claims\n   :thesis: harbour\n   :theme: neon\n"
    root = make_site(
        tmp_path, {"index.md": broken_md + "\n```{toctree}\nother\n```\n", "other.rst": broken_rst}
    )
    strict = sphinx_build(root, "-W", "--keep-going")
    assert strict.returncode != 0
    assert "src/index.md:5:1: error: option 'depth' must be" in strict.stderr
    assert (
        "src/other.rst:6:1: error: option 'theme' must be one of auto, light, dark" in strict.stderr
    )
    relaxed = sphinx_build(root, "-E")
    assert relaxed.returncode == 0, relaxed.stderr
    for name in ("index.html", "other.html"):
        assert '<div class="argmap-error" role="alert">' in (root / "out" / name).read_text("utf-8")


def test_an_unknown_option_shows_argmap_s_error_box_in_myst_and_rst(tmp_path: Path) -> None:
    # MyST would drop the option and draw the whole map; docutils would drop the directive.
    typo_md = "# Typo\n\n```argmap ../claims\n:thesiss: harbour\n```\n"
    typo_rst = "Typo\n====\n\n.. argmap:: ../claims\n   :thesiss: harbour\n"
    root = make_site(
        tmp_path, {"index.md": typo_md + "\n```{toctree}\nother\n```\n", "other.rst": typo_rst}
    )
    relaxed = sphinx_build(root)
    assert relaxed.returncode == 0, relaxed.stderr
    assert "Unknown option key" not in relaxed.stderr
    assert "unknown option" not in relaxed.stderr.replace("unknown option 'thesiss'", "")
    for name, line in (("index.md", 4), ("other.rst", 5)):
        assert f"src/{name}:{line}:1: error: unknown option 'thesiss'" in relaxed.stderr
        assert "did you mean 'thesis'" in relaxed.stderr
        html = (root / "out" / name.replace(".md", ".html").replace(".rst", ".html")).read_text(
            "utf-8"
        )
        assert '<div class="argmap-error" role="alert">' in html
        assert "am-map-" not in html


def test_claim_paths_outside_the_source_folder_are_refused_unless_argmap_root_widens_it(
    tmp_path: Path,
) -> None:
    page = "# Outside\n\n```argmap ../claims\n:thesis: harbour\n```\n"
    root = make_site(tmp_path, {"index.md": page})
    conf = root / "src" / "conf.py"
    conf.write_text(CONF.replace('argmap_root = ".."\n', ""), encoding="utf-8")
    refused = sphinx_build(root, "-W", "--keep-going")
    assert refused.returncode != 0
    assert "src/index.md:3:1: error: '../claims' is outside the site's root folder" in (
        refused.stderr
    )
    html = sphinx_build(root)
    assert str(tmp_path) not in (root / "out" / "index.html").read_text("utf-8")
    assert html.returncode == 0
    conf.write_text(CONF, encoding="utf-8")
    widened = sphinx_build(root, "-W", "-E")
    assert widened.returncode == 0, widened.stderr
