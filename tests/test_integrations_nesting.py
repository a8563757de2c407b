"""Every documented form of an argmap fence, wherever Python-Markdown with superfences lets a
fence stand: top level, admonitions, content tabs, list items, quotes, nested."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from argmap.integrations.pymarkdown import ArgmapExtension

from .harbour import CLAIMS

# Opening line and option lines of each documented form; each draws the thesis 'harbour'.
FORMS = {
    "path-on-opener": ("```argmap ../claims", [":thesis: harbour"]),
    "key-value-on-opener": ("```argmap ../claims thesis=harbour", []),
    "quoted-key-value": ('```argmap ../claims thesis="harbour" depth=1', []),
    "path-option-line": ("```argmap", [":path: ../claims", ":thesis: harbour"]),
    "myst-braces": ("```{argmap} ../claims/town.yaml", [":thesis: harbour"]),
    "rooted-path": ("```argmap /claims thesis=harbour", []),
    "tildes": ("~~~argmap ../claims thesis=harbour", []),
    "path-line-in-body": ("````argmap thesis=harbour", ["../claims/town.yaml"]),
}
# Each container as (lines before the fence, indentation of the fence inside it).
CONTAINERS = {
    "top-level": ([], ""),
    "admonition": (['!!! note "A note"', ""], "    "),
    "collapsible": (['??? tip "Details"', ""], "    "),
    "content-tab": (['=== "One"', ""], "    "),
    "list-item": (["- A list item", ""], "    "),
    "nested": (["!!! note", "", '    === "Tab"', "", "        - item", ""], "            "),
}
EXTENSIONS = ["admonition", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]

pytestmark = pytest.mark.dot


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "town.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    return tmp_path


def convert(site: Path, text: str, seen: list[str]) -> str:
    extension = ArgmapExtension(
        warn=seen.append, page="docs/page.md", base_dir=str(site / "docs"), root_dir=str(site)
    )
    return markdown.markdown(text, extensions=[extension, *EXTENSIONS])


def fence(form: str, indent: str) -> list[str]:
    opener, options = FORMS[form]
    closer = opener[: len(opener) - len(opener.lstrip("`~"))]
    return [indent + line for line in (opener, *options, closer)]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("form", FORMS)
def test_every_form_draws_in_every_container(site: Path, form: str, container: str) -> None:
    before, indent = CONTAINERS[container]
    seen: list[str] = []
    html = convert(site, "\n".join(["# Page", "", *before, *fence(form, indent), ""]), seen)
    assert seen == []
    assert html.count('<figure class="argmap-figure') == 1, html
    assert "<title>harbour</title>" in html and "<title>jobs</title>" in html
    assert "<code>argmap" not in html and "```" not in html


@pytest.mark.parametrize("container", CONTAINERS)
def test_a_broken_fence_is_an_error_box_and_a_warning_in_every_container(
    site: Path, container: str
) -> None:
    before, indent = CONTAINERS[container]
    lines = [
        "# Page",
        "",
        *before,
        *(indent + x for x in ("```argmap ../claims thesis=harbr", "```")),
    ]
    seen: list[str] = []
    html = convert(site, "\n".join([*lines, ""]), seen)
    line = 3 + len(before)
    assert seen == [
        f"docs/page.md:{line}:{len(indent) + 1}: error: 'harbr' is no claim; the map's theses are: harbour "
        "[argmap-fence]"
    ]
    assert html.count('<div class="argmap-error" role="alert">') == 1


@pytest.mark.parametrize("container", ["top-level", "admonition", "list-item", "nested"])
def test_an_unclosed_or_misindented_fence_is_an_error_box_not_text(
    site: Path, container: str
) -> None:
    before, indent = CONTAINERS[container]
    unclosed = [*before, indent + "```argmap ../claims", indent + ":thesis: harbour", ""]
    seen: list[str] = []
    html = convert(site, "\n".join(unclosed), seen)
    assert len(seen) == 1 and "this argmap fence is never closed" in seen[0]
    assert f"docs/page.md:{len(before) + 1}:1:" in seen[0]
    assert '<div class="argmap-error" role="alert">' in html
    if indent:
        seen.clear()
        misindented = [*before, indent + "```argmap ../claims", ":thesis: harbour", indent + "```"]
        html = convert(site, "\n".join([*misindented, ""]), seen)
        assert seen and '<div class="argmap-error" role="alert">' in html


def test_fences_shown_as_code_stay_code_and_warn_nothing(site: Path) -> None:
    text = (
        "````markdown\n```argmap ../claims thesis=harbr\n```\n````\n\n"
        "Indented code:\n\n    ```argmap ../claims thesis=harbr\n    ```\n\n"
        "```python\nprint('argmap')\n```\n"
    )
    seen: list[str] = []
    html = convert(site, text, seen)
    assert seen == []
    assert "argmap-figure" not in html and "argmap-error" not in html
    assert html.count("thesis=harbr") == 2


def test_several_maps_on_a_page_never_share_an_id(site: Path) -> None:
    text = "\n".join(
        [
            "# Page",
            "",
            *fence("path-on-opener", ""),
            "",
            '!!! note ""',
            "",
            *fence("tildes", "    "),
        ]
    )
    seen: list[str] = []
    html = convert(site, text + "\n", seen)
    ids = re.findall(r'<figure class="argmap-figure[^>]*id="([^"]+)"', html)
    assert len(ids) == 2 and len(set(ids)) == 2 and seen == []


@pytest.mark.parametrize("container", ["top-level", "admonition", "nested"])
def test_an_unclosed_fence_after_other_fences_and_html_is_reported_at_its_own_line(
    site: Path, container: str
) -> None:
    # Fences and HTML blocks before it each become one placeholder line before the fence
    # finder looks; the message still names the line the opener is written on.
    before, indent = CONTAINERS[container]
    page = [
        "# Page",
        "",
        "```argmap ../claims",
        ":thesis: harbour",
        "```",
        "",
        "```python",
        "print('```argmap ../claims')",
        "x = 1",
        "```",
        "",
        "<div>",
        "raw html",
        "</div>",
        "",
        *before,
        indent + "```argmap ../claims",
        indent + ":thesis: harbour",
        "",
    ]
    seen: list[str] = []
    convert(site, "\n".join(page), seen)
    opener = page.index(indent + "```argmap ../claims", 5) + 1
    assert [s for s in seen if "never closed" in s] == [
        f"docs/page.md:{opener}:1: error: this argmap fence is never closed, or its lines are "
        "not indented like its opening line [argmap-fence]"
    ]
