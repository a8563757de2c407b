"""The built wheel carries everything a build needs: installed from outside the checkout, it
builds the bundled claims into exactly the committed ``output/``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.dot
@pytest.mark.slow
def test_wheel_installed_elsewhere_builds_the_committed_output(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheels = list(dist.glob("argmap-*.whl"))
    assert len(wheels) == 1
    package = ROOT / "argmap"
    shipped = {
        p.relative_to(ROOT).as_posix()
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
    assert shipped - names == set(), "package files missing from the wheel"
    env_dir = tmp_path / "venv"
    # The fresh environment sees this one's packages (pydantic and the rest are installed
    # already, and nothing may be downloaded) through a path file, which runs none of their
    # own path files, so not the checkout's editable install: argmap comes from the wheel.
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site_dir = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    host = [p for p in sys.path if p.endswith("site-packages")]
    Path(site_dir, "host-packages.pth").write_text("\n".join(host) + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheels[0]),
        ],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "claims", work / "claims")
    sources = ROOT.parent / "shared" / "sources"
    if sources.is_dir():
        shutil.copytree(sources, tmp_path / "shared" / "sources")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    where = subprocess.run(
        [str(python), "-c", "import argmap, sys; print(argmap.__file__)"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(env_dir) in where, where
    built = subprocess.run(
        [str(env_dir / "bin" / "argmap"), "build", "claims", "-o", "out"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    ours, committed = _tree(work / "out"), _tree(ROOT / "output")
    assert sorted(ours) == sorted(committed)
    # The same Graphviz draws both, so even the SVG bytes agree.
    assert [n for n in committed if ours[n] != committed[n]] == []
