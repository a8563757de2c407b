"""Installing argmap for a docs site, as the README says: from a clone or a built wheel, with
the extras, and with no package index."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
EXTRAS = {"markdown": {"markdown"}, "mkdocs": {"mkdocs", "markdown"}, "sphinx": {"sphinx"}}


def test_readme_installs_from_a_clone_or_a_wheel_never_from_an_index() -> None:
    assert "pip install 'argmap[" not in README
    assert "pip install './argmap[mkdocs]'" in README
    assert "pip install 'dist/argmap-0.1.0-py3-none-any.whl[mkdocs]'" in README


@pytest.mark.slow
def test_the_built_wheel_declares_the_extras_the_docs_name(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*command, "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True
    )
    (wheel,) = tmp_path.glob("argmap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(name).decode("utf-8"))
    assert set(metadata.get_all("Provides-Extra") or []) >= set(EXTRAS)
    requires = metadata.get_all("Requires-Dist") or []
    for extra, packages in EXTRAS.items():
        named = {r.split(">")[0].split(";")[0].strip().lower() for r in requires if extra in r}
        assert packages <= named, (extra, requires)


@pytest.mark.slow
def test_installing_the_clone_with_an_extra_resolves_without_an_index() -> None:
    # What `pip install './argmap[mkdocs]'` does, without changing this environment: every
    # requirement is met here already, so pip needs no index and installs argmap alone.
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--no-index",
            "--no-build-isolation",
            "--quiet",
            "--report",
            "-",
            f"{ROOT}[mkdocs]",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    (item,) = [i for i in report["install"] if i["metadata"]["name"] == "argmap"]
    assert item["requested_extras"] == ["mkdocs"]
