"""Fence paths stay inside the site's root, name only regular files, and a refused or broken
fence never shows what lies outside the root."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from argmap.integrations.fence import render_fence

CLAIMS = """\
claims:
  - id: harbour
    kind: thesis
    text: The town should build the new harbour.
"""
SECRET = "secret_key: hunter2\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "claims" / "town.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "keys.yaml").write_text(SECRET, encoding="utf-8")
    return root


def fence(site: Path, info: str, body: str = "") -> tuple[str, tuple[str, ...]]:
    result = render_fence(info, body, base_dir=site / "docs", root=site, page="p.md", cache=None)
    return result.html, result.problems


def assert_refused(html: str, problems: tuple[str, ...], site: Path) -> None:
    assert len(problems) == 1 and '<div class="argmap-error" role="alert">' in html
    for leak in ("hunter2", "secret_key", str(site.parent)):
        assert leak not in html and leak not in problems[0]


@pytest.mark.parametrize(
    "path",
    [
        "../../outside/keys.yaml",
        "../../outside",
        "../..",
        "/../outside/keys.yaml",
        "/etc/passwd",
        "/dev/zero",
        "/proc/self/environ",
        "../claims/../../outside/keys.yaml",
    ],
)
def test_paths_outside_the_root_are_refused_without_reading_them(site: Path, path: str) -> None:
    html, problems = fence(site, path)
    assert_refused(html, problems, site)
    # A path starting with '/' names a file under the root: '/etc/passwd' is none.
    rooted = path.startswith("/") and not path.startswith("/..")
    assert ("no such file" if rooted else "outside the site's root folder") in problems[0]
    html, problems = fence(site, "", f":path: {path}\n")
    assert_refused(html, problems, site)


def test_a_symlink_inside_the_root_that_leads_outside_is_refused(site: Path) -> None:
    (site / "claims" / "linked.yaml").symlink_to(site.parent / "outside" / "keys.yaml")
    html, problems = fence(site, "../claims")
    assert_refused(html, problems, site)
    assert "'../claims/linked.yaml' links outside the site's root folder" in problems[0]
    (site / "escape").symlink_to(site.parent / "outside")
    html, problems = fence(site, "/escape/keys.yaml")
    assert_refused(html, problems, site)


def test_a_fifo_or_a_device_is_an_error_never_a_hang(site: Path) -> None:
    os.mkfifo(site / "claims" / "pipe.yaml")
    started = time.monotonic()
    _html, problems = fence(site, "../claims/pipe.yaml")
    assert problems == ("p.md: error: '../claims/pipe.yaml' is not a regular file [argmap-fence]",)
    _html, problems = fence(site, "../claims")
    assert "'../claims/pipe.yaml' is not a regular file" in problems[0]
    wide = render_fence("/dev/zero", "", root="/", page="p.md", cache=None)
    assert wide.problems == ("p.md: error: '/dev/zero' is not a regular file [argmap-fence]",)
    assert time.monotonic() - started < 10


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(site: Path) -> None:
    big = site / "claims" / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    _html, problems = fence(site, "../claims/big.yaml")
    assert "is 11,534,336 bytes; the limit is 10,485,760" in problems[0]


def test_a_source_text_outside_the_root_is_not_read_and_warned_about(site: Path) -> None:
    (site.parent / "outside" / "article.txt").write_text("the hidden passage\n", "utf-8")
    quoted = """\
map:
  sources:
    - id: art
      title: An article
      text: ../../outside/article.txt
claims:
  - id: harbour
    kind: thesis
    text: The town should build the new harbour.
    sources:
      - source: art
        quote: the hidden passage was changed
"""
    (site / "claims" / "town.yaml").write_text(quoted, encoding="utf-8")
    result = render_fence("../claims", "", base_dir=site / "docs", root=site, cache=None)
    assert [p.split(": ", 2)[1:] for p in result.problems] == [
        [
            "warning",
            "the text of source 'art' lies outside the site's root, so its quotes are not "
            "verified [argmap-fence]",
        ]
    ]
    assert "hidden passage was changed" not in "".join(result.problems)


@pytest.mark.dot
def test_paths_inside_the_root_draw(site: Path) -> None:
    for info in ("../claims", "/claims", "/claims/town.yaml", "../claims/./town.yaml"):
        html, problems = fence(site, info)
        assert problems == () and '<figure class="argmap-figure' in html
