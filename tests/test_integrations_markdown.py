"""argmap fences in Python-Markdown (plain extension and superfences) and in markdown-it-py."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import markdown
import pytest
from markdown_it import MarkdownIt

from argmap.integrations.markdown_it_plugin import argmap_plugin
from argmap.integrations.pymarkdown import ArgmapExtension, fence_format, fence_validator

from .harbour import CLAIMS

PAGE = f"""\
# Harbour

```argmap
:thesis: harbour
{CLAIMS}```

````markdown
```argmap
claims: []
```
````

```python
print("argmap")
```

~~~argmap
:thesys: harbour
~~~
"""
SUPERFENCES = {
    "pymdownx.superfences": {
        "custom_fences": [
            {
                "name": "argmap",
                "class": "argmap",
                "validator": fence_validator,
                "format": fence_format,
            }
        ]
    }
}


def figures(html: str) -> list[str]:
    return re.findall(r'<figure class="argmap-figure[^>]*id="([^"]+)"', html)


@pytest.mark.dot
def test_extension_renders_argmap_fences_and_leaves_other_fences_alone(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="argmap"):
        html = markdown.markdown(
            PAGE, extensions=[ArgmapExtension(page="docs/harbour.md"), "fenced_code"]
        )
    assert len(figures(html)) == 1
    assert html.count("<svg") == 1
    # The example inside the four-backtick block and the Python block stay code.
    assert '<code class="language-markdown">```argmap\nclaims: []\n```' in html
    assert "print(&quot;argmap&quot;)" in html
    # The broken fence is an error box at its place in the page, and a warning.
    assert '<div class="argmap-error" role="alert">' in html
    assert [r.getMessage() for r in caplog.records] == [
        "docs/harbour.md:25:1: error: unknown option 'thesys' (did you mean 'thesis'?); "
        "options are path, thesis, semantics, support, gradual, direction, depth, caption, "
        "link, theme, details, full-detail [argmap-fence]"
    ]


def test_extension_passes_problems_to_a_warn_callback_with_the_line_offset() -> None:
    seen: list[str] = []
    extension = ArgmapExtension(warn=seen.append, page="p.md", line_offset=3)
    markdown.markdown("text\n\n```argmap\n```\n", extensions=[extension])
    assert seen == [
        "p.md:6:1: error: the fence is empty: write claim YAML in it, or name claim files "
        "with ':path: FILES' [argmap-fence]"
    ]


@pytest.mark.dot
def test_extension_loads_by_name_and_resolves_paths_against_base_dir(tmp_path: Path) -> None:
    (tmp_path / "harbour.yaml").write_text(CLAIMS, encoding="utf-8")
    html = markdown.markdown(
        "```argmap harbour.yaml\n```\n",
        extensions=["argmap.integrations.pymarkdown"],
        extension_configs={"argmap.integrations.pymarkdown": {"base_dir": str(tmp_path)}},
    )
    assert len(figures(html)) == 1


@pytest.mark.dot
def test_superfences_formatter_renders_fences_nested_in_admonitions() -> None:
    text = f"!!! note\n\n    ```argmap\n{_indent(CLAIMS)}    ```\n\n```argmap\n{CLAIMS}```\n"
    html = markdown.markdown(
        text, extensions=["admonition", "pymdownx.superfences"], extension_configs=SUPERFENCES
    )
    ids = figures(html)
    assert len(ids) == 2 and len(set(ids)) == 2
    assert '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<figure' in html


def test_superfences_formatter_reports_the_fence_line_when_the_page_is_known() -> None:
    seen: list[str] = []
    extension = ArgmapExtension(warn=seen.append, page="p.md")
    text = "intro\n\n!!! note\n\n    ```argmap\n    :depth: deep\n    ```\n"
    html = markdown.markdown(
        text,
        extensions=[extension, "admonition", "pymdownx.superfences"],
        extension_configs=SUPERFENCES,
    )
    assert "argmap-error" in html
    assert seen and seen[0].startswith("p.md:6:5: error: option 'depth' must be")


@pytest.mark.dot
def test_markdown_it_plugin_renders_argmap_fences_only() -> None:
    seen: list[str] = []
    md = MarkdownIt("commonmark").use(argmap_plugin, page="page.md", warn=seen.append)
    env: dict[str, object] = {}
    html = md.render(PAGE + f"\n```{{argmap}}\n{CLAIMS}```\n", env)
    assert len(figures(html)) == 2
    assert len(set(figures(html))) == 2
    assert '<pre><code class="language-markdown">```argmap\nclaims: []\n```' in html
    assert '<pre><code class="language-python">print(&quot;argmap&quot;)' in html
    assert "argmap-error" in html
    assert env["argmap_problems"] == seen
    assert seen[0].startswith("page.md:25:1: error: unknown option 'thesys'")


def test_markdown_it_plugin_takes_the_page_name_from_env(tmp_path: Path) -> None:
    md = MarkdownIt("commonmark").use(argmap_plugin, base_dir=tmp_path)
    env: dict[str, object] = {"argmap_page": "other.md"}
    html = md.render("para\n\n```argmap missing.yaml\n```\n", env)
    assert "argmap-error" in html
    problems = env["argmap_problems"]
    assert isinstance(problems, list) and problems[0].startswith("other.md:3:1: error: ")
    assert "missing.yaml: no such file or directory" in problems[0]


def test_markdown_it_plugin_resolves_paths_from_the_page_folder_given_in_env(
    tmp_path: Path,
) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "town.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    md = MarkdownIt("commonmark").use(argmap_plugin, base_dir=tmp_path / "docs", root_dir=tmp_path)
    fence = "```argmap ../../claims thesis=harbour\n```\n"
    env: dict[str, object] = {
        "argmap_page": "docs/sub/page.md",
        "argmap_base_dir": tmp_path / "docs" / "sub",
    }
    html = md.render(fence, env)
    assert env.get("argmap_problems") == [] and "<svg" in html
    # Without it, paths start at base_dir, as before.
    plain: dict[str, object] = {"argmap_page": "docs/sub/page.md"}
    assert '<div class="argmap-error"' in md.render(fence, plain)


def _indent(text: str) -> str:
    return "".join("    " + line + "\n" for line in text.splitlines())


def test_markdown_it_plugin_takes_every_documented_fence_form(tmp_path: Path) -> None:
    (tmp_path / "town.yaml").write_text(CLAIMS, encoding="utf-8")
    md = MarkdownIt("commonmark").use(argmap_plugin, base_dir=tmp_path)
    for opener in ("```argmap", "```.argmap", "```{argmap}", "~~~argmap"):
        env: dict[str, object] = {}
        html = md.render(f"{opener} town.yaml thesis=harbour\n{opener[:3]}\n", env)
        assert env.get("argmap_problems") == [] and "<svg" in html, opener
