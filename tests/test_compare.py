"""Thesis comparison: reasons, shared claims, cruxes; its Markdown, DOT, SVG and CLI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from argmap.check import check_paths
from argmap.cli import main
from argmap.compare import (
    Action,
    compare_theses,
    comparison_pairs,
    with_claim_accepted,
    without_claim,
)
from argmap.errors import EvaluationError, UsageError
from argmap.evaluate import Evaluation, Status, evaluate_map
from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta, RelationKind
from argmap.render.compare import render_compare_dot, render_compare_markdown
from argmap.render.svg import svg_from_dot
from argmap.render.text import anchor
from argmap.structure import Stance
from argmap.validate import reaching

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


pairs = maps(hostile=True, max_claims=9).filter(lambda m: len(m.claims) >= 2).map(two_theses)


def case_pair(case: str) -> tuple[ArgumentMap, str, str]:
    result = check_paths([CASES / case / "input"])
    assert not result.failed(strict=True), [str(d) for d in result.diagnostics]
    amap = result.amap
    a, b = amap.meta.compare[0] if amap.meta.compare else (t.id for t in amap.theses)
    return amap, a, b


@pytest.mark.parametrize("case", COMPARE_CASES)
def test_compare_case_gives_golden_markdown_and_dot(case: str, golden: Golden) -> None:
    amap, a, b = case_pair(case)
    comparison = compare_theses(amap, a, b)
    expected = CASES / case / "expected"
    text = render_compare_markdown(amap, comparison, map_image="compare.svg", index_link="index.md")
    golden.check(expected / "compare.md", text)
    dot = render_compare_dot(
        amap, comparison, comparison.baseline, graph_id="am-compare", link=lambda c: f"#{anchor(c)}"
    )
    golden.check(expected / "compare.dot", dot)


def test_transit_case_finds_the_claim_that_flips_both_theses() -> None:
    amap, a, b = case_pair("compare_transit")
    # The case is built for the deductive reading, where an attack on a conclusion also
    # strikes its reasons.
    comparison = compare_theses(amap, a, b, support="deductive")
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
    # Read deductively, 'cost' supports 'buses', so the falling ridership that defeats the
    # buses defeats the cost argument too, and the tram stands.
    assert tram.statuses == dict.fromkeys(comparison.semantics, Status.ACCEPTED)
    assert buses.statuses == dict.fromkeys(comparison.semantics, Status.REJECTED)
    assert tram.standing_attackers["grounded"] == 0 and buses.standing_attackers["grounded"] == 1
    top = comparison.cruxes[0]
    assert (top.claim_id, top.action, top.status_changes) == ("ridership", Action.REMOVE, 2)
    assert [(c.status_before, c.status_after) for c in top.changes] == [
        (Status.ACCEPTED, Status.REJECTED),
        (Status.REJECTED, Status.ACCEPTED),
    ]
    assert len(comparison.cruxes) == 10 and comparison.tested == 7
    assert (comparison.crux_semantics, comparison.crux_gradual) == ("grounded", "dfquad")


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
    with pytest.raises(UsageError, match="'cost' is not a thesis"):
        compare_theses(amap, "cost", b)
    with pytest.raises(UsageError, match="with itself"):
        compare_theses(amap, a, a)
    with pytest.raises(UsageError, match="unknown extension semantics 'naive'"):
        compare_theses(amap, a, b, semantics=("naive",))
    with pytest.raises(UsageError, match="unknown gradual semantics"):
        compare_theses(amap, a, b, gradual=("h-categoriser",))
    with pytest.raises(UsageError, match="unknown support reading"):
        compare_theses(amap, a, b, support="abductive")


def test_interventions_remove_a_claim_or_drop_the_attacks_on_it() -> None:
    amap, _, _ = case_pair("compare_transit")
    removed = without_claim(amap, "cost")
    assert "cost" not in removed.by_id
    assert all("cost" not in (r.source, r.target) for r in removed.relations)
    accepted = with_claim_accepted(amap, "grant")
    assert accepted is not None
    assert accepted.claim("grant").weight == 1.0
    assert not [
        r for r in accepted.relations if r.target == "grant" and r.kind is not RelationKind.SUPPORTS
    ]
    assert len(accepted.relations) == len(amap.relations) - 1
    unattacked = ArgumentMap(
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text="T"),
            Claim(id="x", text="X", weight=1.0, supports=("t",)),
        )
    )
    assert with_claim_accepted(unattacked, "x") is None


def test_a_change_whose_strengths_do_not_converge_is_ranked_by_status_and_noted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claims = (
        Claim(id="a", kind=ClaimKind.THESIS, text="A", supports=("b",), attacks=("i", "k")),
        Claim(id="b", kind=ClaimKind.THESIS, text="B", weight=1.0, supports=("w", "k", "a")),
        Claim(id="i", text="I", attacks=("a",)),
        Claim(id="k", kind=ClaimKind.EVIDENCE, text="K", attacks=("b", "a", "i")),
        Claim(id="v", text="V", weight=0.2, attacks=("i", "a", "w")),
        Claim(id="w", text="W", weight=0.2, supports=("k", "a"), attacks=("i",)),
    )
    amap = ArgumentMap(claims=claims)

    def diverging(changed: ArgumentMap, **kwargs: Any) -> Evaluation:
        # Accepting 'k' sets its weight to 1: pretend its strengths then never settle.
        if kwargs.get("gradual") and changed.by_id.get("k", claims[3]).weight == 1.0:
            raise EvaluationError("strengths do not converge")
        return evaluate_map(changed, **kwargs)

    monkeypatch.setattr("argmap.compare.evaluate_map", diverging)
    comparison = compare_theses(amap, "a", "b", max_cruxes=100)
    note = (
        "with 'k' accepted, dfquad strengths do not converge: that change is ranked by status alone"
    )
    assert note in comparison.notes
    text = render_compare_markdown(amap, comparison)
    assert "- with 'k' accepted" in text


def _brute_force_effects(
    amap: ArgumentMap, a: str, b: str, gradual: str | None
) -> set[tuple[str, Action]]:
    """Every claim of the whole map, removed and accepted in turn, with no pruning."""
    before = evaluate_map(amap, gradual=gradual)
    found = set()
    for claim in amap.claims:
        if claim.id in (a, b):
            continue
        for action, changed in (
            (Action.REMOVE, without_claim(amap, claim.id)),
            (Action.ACCEPT, with_claim_accepted(amap, claim.id)),
        ):
            if changed is None:
                continue
            try:
                after = evaluate_map(changed, gradual=gradual)
            except EvaluationError:
                after = evaluate_map(changed, gradual=None)
            moved = False
            for t in (a, b):
                old, new = before.strength(t), after.strength(t)
                shift = abs(new - old) if old is not None and new is not None else 0.0
                moved |= before.status(t) is not after.status(t) or shift >= 0.005
            if moved:
                found.add((claim.id, action))
    return found


@settings(max_examples=60)
@given(pairs)
def test_cruxes_are_exactly_the_changes_a_brute_force_search_finds_ranked(
    amap: ArgumentMap,
) -> None:
    a, b = (t.id for t in amap.theses)
    comparison = compare_theses(amap, a, b, max_cruxes=1000)
    assert {(c.claim_id, c.action) for c in comparison.cruxes} == _brute_force_effects(
        amap, a, b, comparison.crux_gradual
    )
    keys = [c.rank_key() for c in comparison.cruxes]
    assert keys == sorted(keys)
    for crux in comparison.cruxes:
        for change in crux.changes:
            assert change.status_before is comparison.baseline.status(change.thesis_id)
            assert change.strength_before == comparison.baseline.strength(change.thesis_id)
    top = compare_theses(amap, a, b, max_cruxes=3).cruxes
    assert top == comparison.cruxes[:3]


@settings(max_examples=60)
@given(pairs)
def test_sides_and_shared_claims_follow_the_relations(amap: ArgumentMap) -> None:
    a, b = (t.id for t in amap.theses)
    comparison = compare_theses(amap, a, b, max_cruxes=0)
    for side in comparison.sides:
        tid = side.thesis_id
        assert sorted(side.supporters) == sorted(
            r.source for r in amap.relations if r.target == tid and r.kind is RelationKind.SUPPORTS
        )
        assert sorted(side.attackers) == sorted(
            r.source
            for r in amap.relations
            if r.target == tid and r.kind is not RelationKind.SUPPORTS
        )
        for name, status in side.statuses.items():
            ev = evaluate_map(amap, semantics=name, gradual=None)
            assert status is ev.status(tid)
            assert side.standing_attackers[name] == sum(
                ev.status(x) is Status.ACCEPTED for x in side.attackers
            )
        assert set(side.strengths) == {"dfquad", "qe"}
    both = (reaching(amap, [a]) & reaching(amap, [b])) - {a, b}
    assert [s.claim_id for s in comparison.shared] == sorted(both)
    assert comparison.cruxes == ()


@settings(max_examples=40)
@given(pairs, st.randoms())
def test_markdown_and_dot_are_valid_safe_and_permutation_invariant(amap: ArgumentMap, rnd) -> None:  # type: ignore[no-untyped-def]
    a, b = (t.id for t in amap.theses)
    comparison = compare_theses(amap, a, b)
    text = render_compare_markdown(amap, comparison, map_image="compare.svg")
    dot = render_compare_dot(amap, comparison, comparison.baseline, graph_id="am-c")
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
    shown = reaching(amap, [a]) | reaching(amap, [b]) | {c.claim_id for c in comparison.cruxes}
    for cid in shown:
        assert dot.count(f'id="am-c-{anchor(cid)}"') == 1
    order = list(range(len(amap.claims)))
    rnd.shuffle(order)
    other = shuffled(amap, order)
    again = compare_theses(other, a, b)
    assert render_compare_markdown(other, again, map_image="compare.svg") == text
    assert render_compare_dot(other, again, again.baseline, graph_id="am-c") == dot


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_cli_prints_the_libraries_markdown_and_dot() -> None:
    path = str(CASES / "compare_transit" / "input")
    amap, a, b = case_pair("compare_transit")
    comparison = compare_theses(amap, a, b)
    result = run("compare", path, "--thesis", a, "--thesis", b)
    assert result.exit_code == 0, result.output
    assert result.stdout == render_compare_markdown(amap, comparison)
    result = run("compare", path, "--thesis", a, "--thesis", b, "-f", "dot", "--support", "none")
    assert result.exit_code == 0, result.output
    plain = compare_theses(amap, a, b, support="none")
    assert plain.support == "none"
    assert result.stdout == render_compare_dot(
        amap,
        plain,
        plain.baseline,
        graph_id="am-compare-tram-buses",
        link=lambda c: f"#{anchor(c)}",
        title="Build a tram line vs Buy more buses",
    )


def test_crux_semantics_option_reaches_the_ranking() -> None:
    path = str(CASES / "compare_rivalry" / "input")
    result = run(
        "compare", path, "--thesis", "cats", "--thesis", "dogs", "--crux-semantics", "stable"
    )
    assert result.exit_code == 0, result.output
    assert "re-evaluated each time under stable semantics and DF-QuAD" in result.stdout
    assert (
        compare_theses(
            case_pair("compare_rivalry")[0], "cats", "dogs", crux_semantics="stable"
        ).tested
        == 9
    )


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
    shown = reaching(amap, [a]) | reaching(amap, [b]) | {c.claim_id for c in comparison.cruxes}
    assert sorted(t.text or "" for t in titles if t is not None) == sorted(shown)
    edges = [g for g, cls in classes if any("am-rel-" in c for c in cls)]
    assert len(edges) == len([r for r in amap.relations if r.source in shown and r.target in shown])
    assert not re.search(r"<script|javascript:|\son\w+=", svg, re.IGNORECASE)
    assert svg == svg_from_dot(
        render_compare_dot(
            amap,
            comparison,
            comparison.baseline,
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


def test_crux_search_on_a_large_map_tests_the_claims_nearest_the_theses() -> None:
    # Two theses, each with a long chain of reasons below it and an attacker at the top;
    # plus claims of a third thesis that no change to the two can reach.
    claims = [
        Claim(id="a", kind=ClaimKind.THESIS, text="A"),
        Claim(id="b", kind=ClaimKind.THESIS, text="B"),
        Claim(id="other", kind=ClaimKind.THESIS, text="Other"),
        Claim(id="x-attack", text="Against A", attacks=("a",)),
        Claim(id="y-attack", text="Against B", attacks=("b",)),
    ]
    for thesis in ("a", "b"):
        above = thesis
        for i in range(200):
            cid = f"{thesis}-r{i:03d}"
            claims.append(Claim(id=cid, text=f"Reason {i}", supports=(above,)))
            above = cid
    claims += [Claim(id=f"o{i}", text="Elsewhere", supports=("other",)) for i in range(300)]
    amap = ArgumentMap(claims=tuple(claims))
    comparison = compare_theses(amap, "a", "b")
    assert comparison.candidates == 402  # the other thesis's claims cannot be cruxes
    assert 10 <= comparison.tested < comparison.candidates
    assert {c.claim_id for c in comparison.cruxes} >= {"x-attack", "y-attack"}
    text = render_compare_markdown(amap, comparison)
    assert f"Of the 402 claims connected to either thesis, each of the {comparison.tested}" in text
