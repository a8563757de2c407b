"""An Argdown map is drawn as Argdown draws it: by render, build, the HTML pages, the
preview and the fences, with every claim on request (--full-detail, :full-detail:)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.build import html_artifacts
from argmap.check import check_paths
from argmap.cli import main
from argmap.evaluate import evaluate_map
from argmap.integrations.fence import render_fence
from argmap.read.argdown.selection import drawn_map

pytestmark = pytest.mark.dot

DEBATE = """===
title: Censorship, in small
===

[Censorship]: Censorship is not wrong in principle. #thesis

<Free Speech Argument>: Censorship is wrong in principle.

(1) [Free Speech]: Freedom of speech is an absolute right.
(2) Censorship violates free speech.
----
(3) Censorship is wrong in principle.
  -> [Censorship]

<Harm Argument>: Some speech harms.

(1) Speech can harm.
----
(2) Limits on speech can be right. #thesis
  +> [Censorship]
"""
HIDDEN = "censorship-violates-free-speech"  # an untitled premise
SHOWN = ("censorship", "free-speech", "free-speech-argument", "harm-argument")


def _node(cid: str, graph: str) -> str:
    return f'id="am-{graph}-claim-{cid}"'


@pytest.fixture
def debate(tmp_path: Path) -> Path:
    path = tmp_path / "debate.argdown"
    path.write_text(DEBATE, encoding="utf-8")
    return path


def test_drawn_map_leaves_out_untitled_premises_but_never_a_thesis(debate: Path) -> None:
    check = check_paths([debate])
    drawn = check.load.drawn()
    ids = {c.id for c in drawn.claims}
    assert set(SHOWN) <= ids and HIDDEN not in ids
    # The untitled conclusion tagged #thesis stays, with the argument that concludes it.
    thesis = "limits-on-speech-can-be-right"
    assert thesis in ids and "harm-argument" in drawn.by_id
    assert drawn.by_id["harm-argument"].supports == (thesis,)
    # The untitled conclusion's attack on [Censorship] is drawn from its argument.
    assert drawn.by_id["free-speech-argument"].attacks == ("censorship",)
    assert check.load.drawn(full_detail=True) is check.amap
    assert drawn_map(check.amap, set()) is check.amap


def test_render_draws_what_argdown_draws_unless_asked_for_every_claim(debate: Path) -> None:
    drawn = CliRunner().invoke(main, ["render", str(debate), "-f", "dot"])
    assert drawn.exit_code == 0, drawn.output
    assert all(_node(c, "overview") in drawn.stdout for c in SHOWN)
    assert _node(HIDDEN, "overview") not in drawn.stdout
    full = CliRunner().invoke(main, ["render", str(debate), "-f", "dot", "--full-detail"])
    assert full.exit_code == 0 and _node(HIDDEN, "overview") in full.stdout


def test_build_draws_what_argdown_draws_and_its_pages_keep_every_claim(
    debate: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    done = CliRunner().invoke(main, ["build", str(debate), "-o", str(out), "--html"])
    assert done.exit_code == 0, done.output
    svg = (out / "censorship.svg").read_text("utf-8")
    assert _node("free-speech-argument", "censorship") in svg
    assert _node(HIDDEN, "censorship") not in svg
    page = (out / "censorship.md").read_text("utf-8")
    assert "Censorship violates free speech." in page
    html = (out / "censorship.html").read_text("utf-8")
    assert _node(HIDDEN, "censorship") not in html and "Censorship violates free speech." in html
    assert "the map shows 5 of them, as Argdown&#39;s own map does" in html
    # The pages say why a claim they list is not a box of its own in the map.
    for name in ("censorship.md", "index.md"):
        assert (out / name).read_text("utf-8").count("Drawn as Argdown draws a map") == 1
    again = tmp_path / "full"
    done = CliRunner().invoke(main, ["build", str(debate), "-o", str(again), "--full-detail"])
    assert done.exit_code == 0, done.output
    assert _node(HIDDEN, "censorship") in (again / "censorship.svg").read_text("utf-8")
    for name in ("censorship.md", "index.md"):
        assert "Drawn as Argdown" not in (again / name).read_text("utf-8")


def test_an_argument_without_a_description_is_not_named_twice(tmp_path: Path) -> None:
    path = tmp_path / "bare.argdown"
    path.write_text(
        "[Land]: Cities should tax land. #thesis\n\n<Fairness>\n\n"
        "(1) Land value comes from the community.\n----\n(2) [Land]\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    done = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert done.exit_code == 0, done.output
    page = (out / "land.md").read_text("utf-8")
    assert "[Fairness](#claim-fairness) *(stands)*\n" in page  # no ": Fairness" after it


def test_the_preview_pages_draw_what_argdown_draws(debate: Path) -> None:
    check = check_paths([debate])
    evaluation = evaluate_map(check.amap)
    [page, *_] = html_artifacts(check.amap, evaluation, check.load.drawn())
    assert page.path == "censorship.html"
    assert _node(HIDDEN, "censorship").encode() not in page.make()


def test_a_fence_draws_what_argdown_draws_unless_asked_for_every_claim(debate: Path) -> None:
    base = debate.parent
    drawn = render_fence("debate.argdown", base_dir=base, cache=None)
    assert not drawn.failed and HIDDEN not in drawn.html and "free-speech-argument" in drawn.html
    full = render_fence("debate.argdown", ":full-detail: yes\n", base_dir=base, cache=None)
    assert not full.failed and f"claim-{HIDDEN}" in full.html
    assert drawn.graph_id != full.graph_id
