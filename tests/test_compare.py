"""Thesis comparison: reasons, shared claims, cruxes; its Markdown, DOT, SVG and CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from argmap.check import check_paths
from argmap.cli import main
from argmap.compare import (
    compare_theses,
    comparison_pairs,
    find_cruxes,
    what_would_settle,
    with_claim_accepted,
    without_claim,
)
from argmap.errors import UsageError
from argmap.evaluate import EvaluationSettings, evaluate_map, standards_graph
from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta
from argmap.render.compare import render_compare_dot
from argmap.render.compare_page import render_compare_markdown
from argmap.render.svg import svg_from_dot
from argmap.render.text import anchor
from argmap.semantics import standards as std
from argmap.structure import Stance, reaching
from argmap.write.json import comparison_document

from .conftest import CASES, ROOT, Golden
from .strategies import maps
from .test_render import FORBIDDEN, shuffled

MD = MarkdownIt("commonmark").enable("table")


def markdown_ids_and_links(text: str) -> tuple[list[str], list[str]]:
    """The anchor ids (inline HTML) and link targets of a Markdown text."""
    ids: list[str] = []
    links: list[str] = []
    for block in MD.parse(text):
        for tok in [block, *(block.children or [])]:
            if tok.type in ("html_inline", "html_block"):
                ids += re.findall(r'id="([^"]+)"', tok.content)
            if tok.type == "link_open":
                links.append(str(tok.attrGet("href")))
    return ids, links


COMPARE_CASES = sorted(p.name for p in CASES.iterdir() if p.name.startswith("compare_"))


def two_theses(amap: ArgumentMap) -> ArgumentMap:
    """The map with its first two claims (by id) made theses, and no other thesis."""
    claims = [
        c.model_copy(update={"kind": ClaimKind.THESIS})
        if i < 2
        else c.model_copy(update={"kind": ClaimKind.CLAIM})
        if c.kind is ClaimKind.THESIS
        else c
        for i, c in enumerate(amap.claims)
    ]
    return ArgumentMap(meta=amap.meta, claims=tuple(claims))


pairs = (
    maps(hostile=True, max_claims=9, undercuts=True)
    .filter(lambda m: len(m.claims) >= 2)
    .map(two_theses)
)


def case_pair(case: str) -> tuple[ArgumentMap, str, str]:
    result = check_paths([CASES / case / "input"])
    assert not result.failed(strict=True), [str(d) for d in result.diagnostics]
    amap = result.amap
    a, b = amap.meta.compare[0] if amap.meta.compare else (t.id for t in amap.theses)
    return amap, a, b


@pytest.mark.parametrize("case", COMPARE_CASES)
def test_compare_case_gives_golden_markdown_dot_and_json(case: str, golden: Golden) -> None:
    amap, a, b = case_pair(case)
    comparison = compare_theses(amap, a, b)
    expected = CASES / case / "expected"
    text = render_compare_markdown(amap, comparison, map_image="compare.svg", index_link="index.md")
    golden.check(expected / "compare.md", text)
    dot = render_compare_dot(
        amap,
        comparison,
        comparison.evaluation,
        graph_id="am-compare",
        link=lambda c: f"#{anchor(c)}",
    )
    golden.check(expected / "compare.dot", dot)
    document = comparison_document(comparison)
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    golden.check(expected / "compare.json", text)


def test_transit_case_weighs_reasons_and_finds_the_claims_that_flip_a_thesis() -> None:
    amap, a, b = case_pair("compare_transit")
    comparison = compare_theses(amap, a, b)
    tram, buses = comparison.sides
    assert (tram.supporters, tram.attackers) == (("capacity", "traffic"), ("cost",))
    assert (buses.supporters, buses.attackers) == (("cost",), ("ridership", "traffic"))
    assert [s.claim_id for s in comparison.shared] == [
        "bus-lanes",
        "cost",
        "grant",
        "grant-closing",
        "traffic",
    ]
    shared = {s.claim_id: (s.stance_a, s.stance_b) for s in comparison.shared}
    assert shared["cost"] == (Stance.CON, Stance.PRO)
    assert shared["grant"] == (Stance.PRO, Stance.CON)
    # Bus lanes answer 'traffic'; the closing grant answers 'grant', so 'cost' stands.
    # The tram's weightiest reason (capacity, 0.7) outweighs 'cost' (0.5); the buses'
    # weightiest objection (ridership, 0.6) outweighs 'cost'.
    assert (tram.state, buses.state) == ("stands", "falls")
    assert (tram.standing_supporters, tram.standing_attackers) == (1, 1)
    assert (buses.standing_supporters, buses.standing_attackers) == (1, 1)
    flips = [(c.claim_id, c.flipped, [ch.changed for ch in c.changes]) for c in comparison.cruxes]
    assert flips == [("capacity", "falls", [True, False]), ("ridership", "falls", [False, True])]
    assert comparison.tested == comparison.candidates == 7
    # A claim is tested once: flipping it is one change, not a removal and an acceptance.
    assert len({c.claim_id for c in comparison.cruxes}) == len(comparison.cruxes)


def test_rivalry_case_reports_mixed_stance_and_thesis_against_thesis() -> None:
    amap, a, b = case_pair("compare_rivalry")
    comparison = compare_theses(amap, a, b)
    assert comparison.a_toward_b is Stance.CON and comparison.b_toward_a is None
    shared = {s.claim_id: (s.stance_a, s.stance_b) for s in comparison.shared}
    assert shared["home"] == (Stance.PRO, Stance.MIXED)
    assert "cats" not in shared and "dogs" not in shared


def test_unknown_or_repeated_thesis_and_unknown_names_are_usage_errors() -> None:
    amap, a, b = case_pair("compare_transit")
    with pytest.raises(UsageError, match="'nope' is no claim"):
        compare_theses(amap, a, "nope")
    with pytest.raises(UsageError, match="not a thesis"):
        compare_theses(amap, a, "cost")
    with pytest.raises(UsageError, match="with itself"):
        compare_theses(amap, a, a)
    with pytest.raises(UsageError, match="unknown semantics 'prefered'"):
        compare_theses(amap, a, b, settings=EvaluationSettings.from_names("prefered"))


def test_formal_interventions_remove_a_claim_or_drop_the_attacks_on_it() -> None:
    amap, a, b = case_pair("compare_transit")
    removed = without_claim(amap, "grant")
    assert "grant" not in removed.by_id
    assert all("grant" not in c.attacks + c.supports for c in removed.claims)
    accepted = with_claim_accepted(amap, "cost")
    assert accepted is not None
    assert "cost" not in accepted.claim("grant").attacks
    assert with_claim_accepted(amap, "capacity") is None  # nothing attacks it
    formal = compare_theses(amap, a, b, settings=EvaluationSettings.from_names("grounded"))
    assert formal.evaluation.formal and formal.settlers == {a: (), b: ()}
    # Under a formal reading too each claim is one change: an accepted claim is taken
    # out, any other is made to stand.
    assert all(c.flipped in ("accepted", "rejected") for c in formal.cruxes)
    assert len({c.claim_id for c in formal.cruxes}) == len(formal.cruxes)


def brute_force_cruxes(amap: ArgumentMap, theses: tuple[str, str]) -> list[tuple[str, str]]:
    """Each claim with a path to a thesis, flipped by solving the whole map from scratch."""
    graph, names = standards_graph(amap)
    index = {n: i for i, n in enumerate(names)}
    base = std.solve(graph)
    found = []
    bearing = (reaching(amap, [theses[0]]) | reaching(amap, [theses[1]])) - set(theses)
    for cid in sorted(bearing):
        if amap.claim(cid).kind in (ClaimKind.FORECAST, ClaimKind.QUESTION):
            continue
        label = base[index[cid]]
        flips = {
            std.Label.STANDS: [std.Label.FALLS],
            std.Label.FALLS: [std.Label.STANDS],
        }.get(label, [std.Label.STANDS, std.Label.FALLS])
        for flip in flips:
            after = std.solve(graph, {index[cid]: flip})
            if any(_word(after[index[t]]) != _word(base[index[t]]) for t in theses):
                found.append((cid, "stands" if flip is std.Label.STANDS else "falls"))
    return found


def _word(label: std.Label) -> str:
    return "open" if label in (std.Label.OPEN, *std.UNDECIDED) else label.name


@settings(max_examples=80)
@given(pairs)
def test_cruxes_are_exactly_the_flips_a_whole_map_search_finds(amap: ArgumentMap) -> None:
    a, b = (t.id for t in amap.theses)
    evaluation = evaluate_map(amap, gradual=None)
    cruxes, tested, candidates = find_cruxes(amap, (a, b), evaluation)
    assert tested == candidates
    found = sorted((c.claim_id, c.flipped) for c in cruxes)
    assert found == sorted(brute_force_cruxes(amap, (a, b)))
    for crux in cruxes:
        assert crux.moves >= 1
        assert all(ch.before == evaluation.state(ch.thesis_id) for ch in crux.changes)


@settings(max_examples=60)
@given(pairs)
def test_sides_and_shared_claims_follow_the_relations(amap: ArgumentMap) -> None:
    a, b = (t.id for t in amap.theses)
    comparison = compare_theses(amap, a, b)
    for side in comparison.sides:
        into = [r for r in amap.relations if r.target == side.thesis_id]
        assert set(side.supporters) == {r.source for r in into if r.kind.value == "supports"}
        assert set(side.attackers) == {r.source for r in into if r.kind.value != "supports"}
        assert side.state == comparison.evaluation.state(side.thesis_id)
        assert side.size == len(reaching(amap, [side.thesis_id])) - 1
    both = (reaching(amap, [a]) & reaching(amap, [b])) - {a, b}
    assert {s.claim_id for s in comparison.shared} == both


def test_what_would_settle_names_the_forecasts_that_change_a_verdict() -> None:
    claims = (
        Claim(id="t", kind=ClaimKind.THESIS, text="T"),
        Claim(id="r", text="A reason", supports=("t",)),
        Claim(id="o", text="An objection", attacks=("t",)),
        Claim(
            id="demo", kind=ClaimKind.FORECAST, text="If a demo works", supports=("t",), weight=0.8
        ),
        Claim(id="flop", kind=ClaimKind.FORECAST, text="If it flops", attacks=("r",)),
        Claim(id="idle", kind=ClaimKind.FORECAST, text="If nothing happens", supports=("r",)),
        Claim(id="why", kind=ClaimKind.QUESTION, text="Why now?", attacks=("t",)),
    )
    amap = ArgumentMap(claims=claims)
    evaluation = evaluate_map(amap)
    assert evaluation.state("t") == "contested"
    assert evaluation.state("demo") == "not-assessed" and evaluation.state("why") == "not-assessed"
    assessment = evaluation.assessment("t")
    assert assessment is not None and set(assessment.conditional) == {"demo", "why"}
    settlers = {s.forecast_id: s.after for s in what_would_settle(amap, "t", evaluation)}
    assert settlers == {"demo": "stands", "flop": "falls"}


def test_crux_search_on_a_large_map_tests_every_claim_bearing_on_the_theses() -> None:
    claims = [
        Claim(id="a", kind=ClaimKind.THESIS, text="A"),
        Claim(id="b", kind=ClaimKind.THESIS, text="B"),
        Claim(id="other", kind=ClaimKind.THESIS, text="Other"),
        Claim(id="x-attack", text="Against A", attacks=("a",)),
        Claim(id="y-attack", text="Against B", attacks=("b",)),
    ]
    for thesis in ("a", "b"):
        above = thesis
        for i in range(1000):
            cid = f"{thesis}-r{i:04d}"
            claims.append(Claim(id=cid, text=f"Reason {i}", supports=(above,), weight=0.7))
            above = cid
    claims += [Claim(id=f"o{i}", text="Elsewhere", supports=("other",)) for i in range(300)]
    amap = ArgumentMap(claims=tuple(claims))
    comparison = compare_theses(amap, "a", "b")
    assert comparison.candidates == comparison.tested == 2002
    assert (comparison.thesis_a.state, comparison.thesis_b.state) == ("stands", "stands")
    # Every reason of the chain carries its thesis: striking any one of them tips it.
    assert len(comparison.cruxes) == 10
    assert all(c.flipped == "falls" for c in comparison.cruxes)


@settings(max_examples=40)
@given(pairs, st.randoms())
def test_markdown_and_dot_are_valid_safe_and_permutation_invariant(amap: ArgumentMap, rnd) -> None:  # type: ignore[no-untyped-def]
    a, b = (t.id for t in amap.theses)
    comparison = compare_theses(amap, a, b)
    text = render_compare_markdown(amap, comparison, map_image="compare.svg")
    dot = render_compare_dot(amap, comparison, comparison.evaluation, graph_id="am-c")
    assert not FORBIDDEN.search(dot)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert all(line == line.rstrip() for line in text.splitlines())
    ids, links = markdown_ids_and_links(text)
    for link in links:
        assert link[1:] in ids if link.startswith("#") else link == "compare.svg", link
    html = MD.render(text)
    assert not FORBIDDEN.search(html) and "<img src=x" not in html
    tables = 1 + sum(bool(s.supporters or s.attackers) for s in comparison.sides)
    tables += bool(comparison.shared) + bool(comparison.cruxes)
    assert html.count("<table>") == tables
    shown = reaching(amap, [a]) | reaching(amap, [b])
    for cid in shown:
        assert dot.count(f'id="am-c-{anchor(cid)}"') == 1
    order = list(range(len(amap.claims)))
    rnd.shuffle(order)
    other = shuffled(amap, order)
    again = compare_theses(other, a, b)
    assert render_compare_markdown(other, again, map_image="compare.svg") == text
    assert render_compare_dot(other, again, again.evaluation, graph_id="am-c") == dot


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_cli_prints_the_libraries_markdown_and_dot() -> None:
    path = str(CASES / "compare_transit" / "input")
    amap, a, b = case_pair("compare_transit")
    comparison = compare_theses(amap, a, b)
    result = run("compare", path, "--thesis", a, "--thesis", b)
    assert result.exit_code == 0, result.output
    assert result.stdout == render_compare_markdown(amap, comparison)
    args = ("-f", "dot", "--semantics", "grounded", "--support", "none")
    result = run("compare", path, "--thesis", a, "--thesis", b, *args)
    assert result.exit_code == 0, result.output
    plain = compare_theses(amap, a, b, settings=EvaluationSettings.from_names("grounded", "none"))
    assert plain.evaluation.support == "none"
    assert result.stdout == render_compare_dot(
        amap,
        plain,
        plain.evaluation,
        graph_id="am-compare-tram-buses",
        link=lambda c: f"#{anchor(c)}",
        title="Build a tram line vs Buy more buses",
    )


def test_standard_option_reaches_the_verdicts() -> None:
    path = str(CASES / "compare_transit" / "input")
    result = run(
        "compare", path, "--thesis", "tram", "--thesis", "buses", "--standard", "dialectical"
    )
    assert result.exit_code == 0, result.output
    assert "every claim under dialectical" in result.stdout
    amap, a, b = case_pair("compare_transit")
    strict = compare_theses(
        amap, a, b, settings=EvaluationSettings.from_names(standard="dialectical")
    )
    assert strict.thesis_a.state == "contested"


def test_build_compares_declared_pairs_or_every_pair_of_two_to_four_theses() -> None:
    def theses(n: int, compare: tuple[tuple[str, str], ...] = ()) -> ArgumentMap:
        claims = tuple(Claim(id=f"t{i}", kind=ClaimKind.THESIS, text=f"T{i}") for i in range(n))
        return ArgumentMap(meta=MapMeta(compare=compare), claims=claims)

    assert comparison_pairs(theses(1)) == []
    assert comparison_pairs(theses(2)) == [("t0", "t1")]
    assert len(comparison_pairs(theses(4))) == 6
    assert comparison_pairs(theses(5)) == []
    declared = (("t3", "t0"), ("t3", "t0"), ("t1", "t1"))
    assert comparison_pairs(theses(5, declared)) == [("t3", "t0")]


def test_cli_writes_the_output_file(tmp_path: Path) -> None:
    path = str(CASES / "compare_transit" / "input")
    out = tmp_path / "vs.md"
    result = run("compare", path, "--thesis", "tram", "--thesis", "buses", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text("utf-8").startswith("# Build a tram line vs Buy more buses\n")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--thesis", "tram"), 2, "compare needs exactly two theses"),
        (("--thesis", "tram", "--thesis", "bus"), 2, "'bus' is no claim"),
        (("--thesis", "tram", "--thesis", "tram"), 2, "with itself"),
    ],
)
def test_cli_usage_errors_exit_2_without_traceback(
    args: tuple[str, ...], code: int, message: str
) -> None:
    result = run("compare", str(CASES / "compare_transit" / "input"), *args)
    assert result.exit_code == code
    assert message in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


def test_cli_bad_map_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "claims:\n  - id: t\n    kind: thesis\n    text: T\n    attacks: [nowhere]\n", "utf-8"
    )
    out = tmp_path / "out.md"
    result = run("compare", str(bad), "--thesis", "t", "--thesis", "u", "-o", str(out))
    assert result.exit_code == 1
    assert "unknown claim 'nowhere'" in result.stderr and "Traceback" not in result.output
    assert not out.exists()


SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.dot
def test_cli_svg_has_a_titled_node_per_shown_claim_and_no_active_content(tmp_path: Path) -> None:
    amap, a, b = case_pair("compare_rivalry")
    out = tmp_path / "vs.svg"
    result = run(
        "compare",
        str(CASES / "compare_rivalry" / "input"),
        "--thesis",
        a,
        "--thesis",
        b,
        "-f",
        "svg",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    svg = out.read_text("utf-8")
    root = ElementTree.fromstring(svg)
    # Claims carry their kind's class and relations theirs (the legend is neither).
    classes = [(g, (g.get("class") or "").split()) for g in root.iter(f"{SVG}g")]
    titles = [g.find(f"{SVG}title") for g, cls in classes if any("am-kind-" in c for c in cls)]
    comparison = compare_theses(amap, a, b)
    shown = reaching(amap, [a]) | reaching(amap, [b])
    assert sorted(t.text or "" for t in titles if t is not None) == sorted(shown)
    edges = [g for g, cls in classes if any("am-rel-" in c for c in cls)]
    assert len(edges) == len([r for r in amap.relations if r.source in shown and r.target in shown])
    assert not re.search(r"<script|javascript:|\son\w+=", svg, re.IGNORECASE)
    assert svg == svg_from_dot(
        render_compare_dot(
            amap,
            comparison,
            comparison.evaluation,
            graph_id="am-compare-cats-dogs",
            link=lambda c: f"#{anchor(c)}",
            title="Cats are better <i>pets</i> vs Dogs are better | pets",
        ),
        "am-compare-cats-dogs",
        "Cats are better <i>pets</i> vs Dogs are better | pets",
    )


def test_bundled_pair_compares_with_every_link_resolving() -> None:
    result = check_paths([ROOT / "claims"])
    amap = result.amap
    comparison = compare_theses(amap, "world-model-thesis", "scaling-thesis")
    text = render_compare_markdown(amap, comparison)
    ids, links = markdown_ids_and_links(text)
    assert all(link[1:] in ids for link in links)
    assert comparison.tested > 0 and comparison.shared


def test_a_comparison_page_lists_every_crux_it_found_or_says_how_many_it_left_out() -> None:
    # A chain of twelve reasons under one thesis, and a second thesis with one reason.
    chain = [Claim(id="a", kind=ClaimKind.THESIS, text="A.")]
    for i in range(12):
        chain.append(Claim(id=f"c{i:02d}", text=f"Link {i}.", supports=(chain[-1].id,)))
    chain += [
        Claim(id="b", kind=ClaimKind.THESIS, text="B."),
        Claim(id="rb", text="For B.", supports=("b",)),
    ]
    amap = ArgumentMap(claims=tuple(chain))
    found = compare_theses(amap, "a", "b")
    assert len(found.cruxes) == 10 and found.unlisted == 3
    page = render_compare_markdown(amap, found)
    assert "3 more cruxes, moving as many theses or fewer, not listed." in page
    assert "Each of the 13 claims bearing on either thesis was flipped" in page
    assert "come first" not in page  # no crux moves both
    everything = compare_theses(amap, "a", "b", max_cruxes=20)
    assert everything.unlisted == 0
    assert "not listed" not in render_compare_markdown(amap, everything)
    # One claim: no "each of the 1 claim"; a verdict spelled as on thesis pages.
    lone = ArgumentMap(
        claims=(
            Claim(id="a", kind=ClaimKind.THESIS, text="A.", attacks=("b",)),
            Claim(id="b", kind=ClaimKind.THESIS, text="B."),
            Claim(id="f", kind=ClaimKind.FORECAST, text="F.", supports=("b",)),
            Claim(id="r", text="R.", supports=("a",)),
        )
    )
    page = render_compare_markdown(lone, compare_theses(lone, "a", "b"))
    assert "The one claim bearing on either thesis was flipped" in page
    assert "not assessed" not in page


def test_cli_json_is_the_comparison_as_data_and_agrees_with_the_page() -> None:
    path = str(CASES / "compare_transit" / "input")
    amap, a, b = case_pair("compare_transit")
    comparison = compare_theses(amap, a, b)
    result = run("compare", path, "--thesis", a, "--thesis", b, "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document == json.loads(json.dumps(comparison_document(comparison)))
    assert [t["id"] for t in document["theses"]] == [a, b]
    assert [t["verdict"] for t in document["theses"]] == [s.state for s in comparison.sides]
    assert [c["claim"] for c in document["cruxes"]] == [c.claim_id for c in comparison.cruxes]
    for crux in document["cruxes"]:
        assert crux["moves"] == sum(c["from"] != c["to"] for c in crux["changes"]) >= 1
    formal = json.loads(
        run(
            "compare", path, "--thesis", a, "--thesis", b, "-f", "json", "--semantics", "grounded"
        ).stdout
    )
    assert formal["formal"] and all("status" in t and "verdict" not in t for t in formal["theses"])


def test_what_would_settle_keeps_arguments_linked_and_undercuts_decisive() -> None:
    def c(cid: str, kind: ClaimKind = ClaimKind.CLAIM, **kw: object) -> Claim:
        return Claim(id=cid, kind=kind, text=cid.upper(), **kw)  # type: ignore[arg-type]

    base = [
        c("t", ClaimKind.THESIS),
        c("arg", ClaimKind.ARGUMENT, supports=("t",)),
        c("p1", supports=("arg",)),
        c("p2", supports=("arg",)),
        c("o", attacks=("p2",)),
    ]
    # A forecast that would add a premise to an argument one of whose premises falls
    # leaves the argument open: its premises hold only together.
    amap = ArgumentMap(claims=(*base, c("f", ClaimKind.FORECAST, supports=("arg",))))
    assert evaluate_map(amap).verdicts["t"].value == "open"
    assert what_would_settle(amap, "t", evaluate_map(amap)) == ()
    # A forecast that would undercut a standing argument strikes it, however light.
    standing = [x for x in base if x.id != "o"]
    amap = ArgumentMap(
        claims=(*standing, c("f", ClaimKind.FORECAST, undercuts=("arg",), weight=0.05))
    )
    settled = what_would_settle(amap, "t", evaluate_map(amap))
    assert [(s.forecast_id, s.before, s.after) for s in settled] == [("f", "stands", "open")]
