"""Every map a build draws keeps its text at 9 px or more in an 800 px column, and every claim is on some map."""

from __future__ import annotations

import random
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from argmap.build import build_map, plan_artifacts
from argmap.check import check_paths
from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap, Claim, ClaimKind
from argmap.render.view import describe_map

from .conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
COLUMN = 800  # CSS px
MINIMUM = 9.0  # CSS px
WORDS = [
    "world",
    "models",
    "learn",
    "physics",
    "from",
    "video",
    "while",
    "language",
    "models",
    "predict",
    "tokens",
    "and",
    "scale",
    "with",
    "compute",
    "data",
    "and",
    "talent",
    "across",
    "labs",
    "in",
    "Europe",
    "and",
    "America",
    "over",
    "the",
    "next",
    "decade",
]


def large_map(theses: int = 3, claims: int = 200, seed: int = 7) -> ArgumentMap:
    """A synthetic map: a few theses with wide fans of reasons, several levels deep."""
    rnd = random.Random(seed)
    made: list[Claim] = []
    ids = [f"t{i}" for i in range(theses)]
    for tid in ids:
        made.append(Claim(id=tid, kind=ClaimKind.THESIS, text=" ".join(rnd.choices(WORDS, k=9))))
    for i in range(claims - theses):
        # Early claims fan out under the theses (wide rows); later ones go deeper.
        target = ids[rnd.randrange(theses)] if i < 40 else ids[rnd.randrange(theses, len(ids))]
        kind = ClaimKind.EVIDENCE if rnd.random() < 0.3 else ClaimKind.CLAIM
        relation = "attacks" if rnd.random() < 0.35 else "supports"
        cid = f"c{i:03d}"
        made.append(
            Claim(
                id=cid,
                kind=kind,
                text=" ".join(rnd.choices(WORDS, k=rnd.randint(4, 16))),
                **{relation: (target,)},
            )
        )
        ids.append(cid)
    return ArgumentMap(claims=tuple(sorted(made, key=lambda c: c.id)))


def smallest_text_px(svg: str) -> float:
    """The smallest font size Graphviz wrote, in CSS px, with the image 800 px wide (or at
    its natural width, if narrower: Graphviz's user unit is the point, 4/3 px)."""
    root = ElementTree.fromstring(svg)
    width = float((root.get("viewBox") or "").split()[2])
    shown = min(COLUMN, width * 4 / 3)
    sizes = [float(t.get("font-size") or 14) for t in root.iter(f"{SVG}text")]
    return min(sizes) * shown / width


def claims_drawn(svg: str) -> set[str]:
    root = ElementTree.fromstring(svg)
    drawn = set()
    for g in root.iter(f"{SVG}g"):
        if any(c.startswith("am-kind-") for c in (g.get("class") or "").split()):
            title = g.find(f"{SVG}title")
            drawn.add(title.text if title is not None and title.text else "")
    return drawn


def check_build(amap: ArgumentMap, out: Path) -> None:
    build_map(amap, out, evaluation=evaluate_map(amap), jobs=2)
    drawn: set[str] = set()
    maps = sorted(out.glob("*.svg"))
    assert maps
    for path in maps:
        svg = path.read_text("utf-8")
        assert smallest_text_px(svg) >= MINIMUM, f"{path.name}: text below {MINIMUM} px at 800 px"
        drawn |= claims_drawn(svg)
        # Each "more" link opens a map of the build.
        for href in re.findall(r'xlink:href="([^"#]+\.svg)"', svg):
            assert (out / href).exists(), f"{path.name} links to missing {href}"
    assert drawn >= {c.id for c in amap.claims}


@pytest.mark.dot
def test_every_map_of_a_large_build_is_legible_and_every_claim_is_on_one(tmp_path: Path) -> None:
    check_build(large_map(), tmp_path)


@pytest.mark.dot
def test_every_map_of_the_bundled_build_is_legible_and_every_claim_is_on_one(
    tmp_path: Path,
) -> None:
    check_build(check_paths([ROOT / "claims"]).amap, tmp_path)


def test_maps_split_where_a_whole_drawing_would_be_too_wide() -> None:
    amap = large_map()
    dots = {
        a.path: a.make().decode()
        for a in plan_artifacts(amap, evaluate_map(amap), dot_only=True)
        if a.path.endswith(".dot")
    }
    assert "t0.dot" in dots and any(".branch" in p for p in dots)
    assert "more →" in dots["t0.dot"]
    # The overview is an index of the theses' maps, not the whole map.
    overview = dots["overview.dot"]
    assert 'URL="t0.svg"' in overview and "c000" not in overview
    assert all("style=invis" not in d or d.count("style=invis") == 1 for d in dots.values())


def test_readme_opens_with_the_headline_map_legible_in_a_readme_column() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    first = re.search(r"!\[[^\]]*\]\(([^)]+\.svg)\)", readme)
    assert first is not None and first.group(1) == "output/world-model-thesis.svg"
    svg = (ROOT / first.group(1)).read_text("utf-8")
    width = float((ElementTree.fromstring(svg).get("viewBox") or "").split()[2])
    # A README column on GitHub is about 830 px wide.
    assert smallest_text_px(svg) * min(830, width * 4 / 3) / min(COLUMN, width * 4 / 3) >= MINIMUM


@pytest.mark.parametrize(
    ("kinds", "opening"),
    [
        ((ClaimKind.THESIS,), "Argument map of the thesis “A0.”"),
        ((ClaimKind.THESIS, ClaimKind.THESIS), "Argument map of the theses “A0.”, “A1.”"),
        ((ClaimKind.CLAIM,), "Argument map of the claim “A0.”"),
        ((ClaimKind.CLAIM, ClaimKind.CLAIM), "Argument map of the claims “A0.”, “A1.”"),
    ],
)
def test_a_map_is_described_in_words_a_screen_reader_reads_aloud(
    kinds: tuple[ClaimKind, ...], opening: str
) -> None:
    claims = tuple(Claim(id=f"a{i}", kind=kind, text=f"A{i}.") for i, kind in enumerate(kinds))
    text = describe_map(ArgumentMap(claims=claims), None)
    assert text.startswith(opening + ":"), text


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_the_overview_counts_what_bears_on_each_thesis_as_the_index_does(seed: int) -> None:
    amap = large_map(theses=4, claims=160, seed=seed)
    files = {a.path: a.make() for a in plan_artifacts(amap, evaluate_map(amap), dot_only=True)}
    index = files["index.md"].decode("utf-8")
    said = dict(
        re.findall(r"^- \[[^\]]*\]\(([\w-]+)\.md\): (\d+) claims? bears? on it", index, re.M)
    )
    overview = files["overview.dot"].decode("utf-8")
    found = re.findall(r'label="(\d+) claims? →"[^\n]*URL="([\w-]+)\.svg"', overview)
    drawn = {stem: count for count, stem in found}
    assert len(said) == 4 and {s: c for s, c in said.items() if c != "0"} == drawn


def test_a_split_maps_tooltips_name_claims_by_title_wherever_they_are_drawn() -> None:
    """A claim's tooltip says why it has its verdict, naming the claims that decide it: by
    their titles even when they are drawn on another map of the build (screen readers
    read the tooltip as the node's name)."""
    amap = large_map(theses=2, claims=200, seed=11)
    ids = {c.id for c in amap.claims}
    files = plan_artifacts(amap, evaluate_map(amap), dot_only=True)
    dots = {a.path: a.make().decode("utf-8") for a in files if a.path.endswith(".dot")}
    assert len(dots) > 3
    named = {
        name
        for dot in dots.values()
        for tooltip in re.findall(r'tooltip="((?:[^"\\]|\\.)*)"', dot)
        for name in re.findall(r"“([^”]*)”", tooltip)
    }
    assert named and not named & ids, sorted(named & ids)[:5]


def test_a_maps_description_counts_relations_in_words_that_agree() -> None:
    claims = (
        Claim(id="t", kind=ClaimKind.THESIS, text="T."),
        Claim(id="a", text="A.", supports=("t",)),
        Claim(id="b", text="B.", attacks=("t",), supports=("a",)),
    )
    text = describe_map(ArgumentMap(claims=claims), None)
    assert text.endswith("3 claims, 3 relations (1 attack, 2 supports)."), text
    one = describe_map(ArgumentMap(claims=claims[:2]), None)
    assert one.endswith("2 claims, 1 relation (1 support)."), one
