"""The reader's verdicts: each pattern of a debate map, and the solver against a reference."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.evaluate import Verdict, evaluate_map, standards_graph
from argmap.explain import claim_why
from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta, ProofStandard
from argmap.render.text import title_namer
from argmap.semantics import standards as std

from .strategies import maps

T = ClaimKind.THESIS


def claims(*specs: tuple[str, dict[str, object]]) -> ArgumentMap:
    return ArgumentMap(claims=tuple(Claim(id=cid, text=cid.upper(), **kw) for cid, kw in specs))  # type: ignore[arg-type]


def verdicts(amap: ArgumentMap, **kw: str) -> dict[str, str]:
    evaluation = evaluate_map(amap, gradual=None, **kw)  # type: ignore[arg-type]
    return {cid: v.value for cid, v in evaluation.verdicts.items()}


# Each pattern: the map, then the verdicts a careful reader gives.
PATTERNS = {
    "an unattacked fact stands": (claims(("fact", {})), {"fact": "stands"}),
    "an unanswered objection strikes what it aims at": (
        claims(("a", {}), ("b", {"attacks": ("a",)})),
        {"a": "falls", "b": "stands"},
    ),
    "an answered objection no longer counts (reinstatement)": (
        claims(("a", {}), ("b", {"attacks": ("a",)}), ("c", {"attacks": ("b",)})),
        {"a": "stands", "b": "falls", "c": "stands"},
    ),
    "an objection to a conclusion leaves its reasons standing": (
        claims(
            ("t", {"kind": T}),
            ("fuel", {"supports": ("t",)}),
            ("tired", {"attacks": ("t",)}),
        ),
        {"t": "contested", "fuel": "stands", "tired": "stands"},
    ),
    "balanced reasons leave a claim contested": (
        claims(("c", {}), ("r", {"supports": ("c",)}), ("o", {"attacks": ("c",)})),
        {"c": "contested", "r": "stands", "o": "stands"},
    ),
    "a weightier reason carries the claim": (
        claims(("c", {}), ("r", {"supports": ("c",), "weight": 0.8}), ("o", {"attacks": ("c",)})),
        {"c": "stands", "r": "stands", "o": "stands"},
    ),
    "a weightier objection strikes it": (
        claims(("c", {}), ("r", {"supports": ("c",)}), ("o", {"attacks": ("c",), "weight": 0.7})),
        {"c": "falls", "r": "stands", "o": "stands"},
    ),
    "weights do not add up: many reasons do not outweigh a weightier objection": (
        claims(
            ("c", {}),
            *((f"r{i}", {"supports": ("c",), "weight": 0.5}) for i in range(5)),
            ("o", {"attacks": ("c",), "weight": 0.6}),
        ),
        {"c": "falls", **{f"r{i}": "stands" for i in range(5)}, "o": "stands"},
    ),
    "a thesis nothing bears on is open": (claims(("t", {"kind": T})), {"t": "open"}),
    "a thesis with a standing reason stands": (
        claims(("t", {"kind": T}), ("r", {"supports": ("t",)})),
        {"t": "stands", "r": "stands"},
    ),
    "a chain whose bottom reason is struck leaves the rest open": (
        claims(
            ("t", {"kind": T}),
            ("mid", {"supports": ("t",)}),
            ("bottom", {"supports": ("mid",)}),
            ("strike", {"attacks": ("bottom",)}),
        ),
        {"t": "open", "mid": "open", "bottom": "falls", "strike": "stands"},
    ),
    "a mutual attack leaves both open": (
        claims(("a", {"attacks": ("b",)}), ("b", {"attacks": ("a",)})),
        {"a": "open", "b": "open"},
    ),
    "an odd cycle of attacks leaves all open": (
        claims(("a", {"attacks": ("b",)}), ("b", {"attacks": ("c",)}), ("c", {"attacks": ("a",)})),
        {"a": "open", "b": "open", "c": "open"},
    ),
    "a support cycle never lifts itself": (
        claims(
            ("a", {"supports": ("b",)}), ("b", {"supports": ("a",)}), ("x", {"attacks": ("a",)})
        ),
        {"a": "falls", "b": "open", "x": "stands"},
    ),
    "a thesis with no reason never strikes the thesis it attacks": (
        claims(
            ("staged", {"kind": T, "attacks": ("landed",)}),
            ("landed", {"kind": T, "attacks": ("staged",)}),
            ("mirrors", {"supports": ("landed",)}),
        ),
        {"staged": "falls", "landed": "stands", "mirrors": "stands"},
    ),
    "an objection standing only on its own bootstraps strikes nothing": (
        claims(
            ("t", {"kind": T}),
            ("r", {"supports": ("t",)}),
            ("a", {"attacks": ("t",), "supports": ("b",)}),
            ("b", {"supports": ("a",)}),
        ),
        {"t": "stands", "r": "stands", "a": "open", "b": "open"},
    ),
    "a support cycle with an outside reason stands": (
        claims(
            ("a", {"supports": ("b",)}), ("b", {"supports": ("a",)}), ("r", {"supports": ("a",)})
        ),
        {"a": "stands", "b": "stands", "r": "stands"},
    ),
    "forecasts and questions are not assessed and count for nothing": (
        claims(
            ("t", {"kind": T}),
            ("r", {"supports": ("t",)}),
            ("f", {"kind": ClaimKind.FORECAST, "attacks": ("t", "r"), "weight": 0.9}),
            ("q", {"kind": ClaimKind.QUESTION, "attacks": ("r",)}),
        ),
        {"t": "stands", "r": "stands", "f": "not-assessed", "q": "not-assessed"},
    ),
    "a fact that only a forecast supports stands on its own": (
        claims(("a", {}), ("f", {"kind": ClaimKind.FORECAST, "supports": ("a",)})),
        {"a": "stands", "f": "not-assessed"},
    ),
    "an argument whose premise falls carries nothing": (
        claims(
            ("t", {"kind": T}),
            ("arg", {"kind": ClaimKind.ARGUMENT, "supports": ("t",)}),
            ("p1", {"supports": ("arg",)}),
            ("p2", {"supports": ("arg",)}),
            ("o", {"attacks": ("p2",)}),
        ),
        {"t": "open", "arg": "open", "p1": "stands", "p2": "falls", "o": "stands"},
    ),
    "an argument stands on all its premises": (
        claims(
            ("t", {"kind": T}),
            ("arg", {"kind": ClaimKind.ARGUMENT, "supports": ("t",)}),
            ("p1", {"supports": ("arg",)}),
            ("p2", {"supports": ("arg",)}),
        ),
        {"t": "stands", "arg": "stands", "p1": "stands", "p2": "stands"},
    ),
    "an argument weighs as its weakest premise": (
        claims(
            ("arg", {"kind": ClaimKind.ARGUMENT}),
            ("strong", {"supports": ("arg",), "weight": 0.9}),
            ("weak", {"supports": ("arg",), "weight": 0.3}),
            ("u", {"attacks": ("arg",), "weight": 0.5}),
        ),
        {"arg": "falls", "strong": "stands", "weak": "stands", "u": "stands"},
    ),
    "a standing undercut strikes an argument whatever the weights": (
        claims(
            ("c", {}),
            ("arg", {"kind": ClaimKind.ARGUMENT, "supports": ("c",)}),
            ("p1", {"supports": ("arg",), "weight": 0.9}),
            ("p2", {"supports": ("arg",), "weight": 0.9}),
            ("u", {"undercuts": ("arg",), "weight": 0.1}),
        ),
        {"c": "open", "arg": "falls", "p1": "stands", "p2": "stands", "u": "stands"},
    ),
    "an answered undercut no longer counts": (
        claims(
            ("arg", {"kind": ClaimKind.ARGUMENT}),
            ("p", {"supports": ("arg",)}),
            ("u", {"undercuts": ("arg",), "weight": 0.9}),
            ("x", {"attacks": ("u",), "weight": 0.95}),
        ),
        {"arg": "stands", "p": "stands", "u": "falls", "x": "stands"},
    ),
    "an undercut a cycle leaves undecided leaves the argument open": (
        claims(
            ("arg", {"kind": ClaimKind.ARGUMENT}),
            ("p", {"supports": ("arg",), "weight": 0.9}),
            ("u", {"undercuts": ("arg",), "attacks": ("y",), "weight": 0.1}),
            ("y", {"attacks": ("u",), "weight": 0.1}),
        ),
        {"arg": "open", "p": "stands", "u": "open", "y": "open"},
    ),
    "a claim's reasons stay independent: one standing reason is enough": (
        claims(
            ("c", {}),
            ("p1", {"supports": ("c",)}),
            ("p2", {"supports": ("c",)}),
            ("o", {"attacks": ("p2",)}),
        ),
        {"c": "stands", "p1": "stands", "p2": "falls", "o": "stands"},
    ),
    "an argument whose premise is undecided by a cycle is open": (
        claims(
            ("arg", {"kind": ClaimKind.ARGUMENT}),
            ("p1", {"supports": ("arg",)}),
            ("p2", {"supports": ("arg",), "attacks": ("x",)}),
            ("x", {"attacks": ("p2",)}),
        ),
        {"arg": "open", "p1": "stands", "p2": "open", "x": "open"},
    ),
}


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_gives_the_verdicts_a_reader_gives(name: str) -> None:
    amap, expected = PATTERNS[name]
    assert verdicts(amap) == expected


# Reasons weigh 0.6 and 0.3; the objection weighs the value given.
STANDARDS = [
    # (standard, objection weight, verdict)
    ("scintilla", 0.9, "stands"),
    ("preponderance", 0.5, "stands"),
    ("preponderance", 0.6, "contested"),
    ("preponderance", 0.7, "falls"),
    ("clear-and-convincing", 0.2, "stands"),
    ("clear-and-convincing", 0.35, "contested"),
    ("clear-and-convincing", 0.8, "falls"),
    ("beyond-reasonable-doubt", 0.1, "stands"),
    ("beyond-reasonable-doubt", 0.25, "contested"),
    ("dialectical", 0.1, "contested"),
    ("dialectical", 0.7, "falls"),
]


@pytest.mark.parametrize(("standard", "against", "verdict"), STANDARDS)
def test_each_proof_standard_weighs_reasons_against_objections(
    standard: str, against: float, verdict: str
) -> None:
    amap = claims(
        ("c", {"standard": ProofStandard(standard)}),
        ("r1", {"supports": ("c",), "weight": 0.6}),
        ("r2", {"supports": ("c",), "weight": 0.3}),
        ("o", {"attacks": ("c",), "weight": against}),
    )
    assert verdicts(amap)["c"] == verdict


def test_without_objections_each_standard_needs_what_it_says() -> None:
    for standard, weight, verdict in [
        ("scintilla", 0.1, "stands"),
        ("preponderance", 0.1, "stands"),
        ("clear-and-convincing", 0.4, "open"),
        ("clear-and-convincing", 0.5, "stands"),
        ("dialectical", 0.1, "stands"),
    ]:
        amap = claims(
            ("c", {"standard": ProofStandard(standard)}),
            ("r", {"supports": ("c",), "weight": weight}),
        )
        assert verdicts(amap)["c"] == verdict, (standard, weight)


def test_the_map_and_the_settings_set_the_default_standard() -> None:
    amap = claims(("c", {}), ("r", {"supports": ("c",)}), ("o", {"attacks": ("c",), "weight": 0.1}))
    assert verdicts(amap)["c"] == "stands"
    strict = ArgumentMap(meta=MapMeta(standard=ProofStandard.DIALECTICAL), claims=amap.claims)
    assert verdicts(strict)["c"] == "contested"
    assert verdicts(amap, standard="dialectical")["c"] == "contested"


def test_a_lead_of_exactly_the_threshold_is_not_more_than_it() -> None:
    # 0.8 - 0.5 is 0.30000000000000004 in floating point; the lead is 0.3, not more.
    for standard, pro, con, verdict in [
        ("clear-and-convincing", 0.8, 0.5, "contested"),
        ("clear-and-convincing", 0.7, 0.4, "contested"),
        ("clear-and-convincing", 0.9, 0.6, "contested"),
        ("clear-and-convincing", 1.0, 0.7, "contested"),
        ("clear-and-convincing", 0.81, 0.5, "stands"),
        ("beyond-reasonable-doubt", 0.45, 0.15, "contested"),
        ("beyond-reasonable-doubt", 0.46, 0.15, "stands"),
    ]:
        amap = claims(
            ("c", {"standard": ProofStandard(standard)}),
            ("r", {"supports": ("c",), "weight": pro}),
            ("o", {"attacks": ("c",), "weight": con}),
        )
        assert verdicts(amap)["c"] == verdict, (standard, pro, con)


def test_a_claims_own_standard_wins_over_the_runs() -> None:
    amap = claims(
        ("t", {"kind": T, "standard": ProofStandard.DIALECTICAL}),
        ("r", {"supports": ("t",), "weight": 0.7}),
        ("o", {"attacks": ("t",), "weight": 0.3}),
    )
    assert verdicts(amap)["t"] == "contested"
    assert verdicts(amap, standard="scintilla")["t"] == "contested"
    evaluation = evaluate_map(amap, gradual=None, standard="scintilla")  # type: ignore[arg-type]
    assert evaluation.assessments["t"].standard is ProofStandard.DIALECTICAL
    assert evaluation.assessments["r"].standard is ProofStandard.SCINTILLA


def test_every_verdict_names_the_claims_that_decide_it() -> None:
    amap = claims(
        ("t", {"kind": T}),
        ("r", {"supports": ("t",), "weight": 0.7}),
        ("s", {"supports": ("t",)}),
        ("o", {"attacks": ("t",)}),
        ("p", {"attacks": ("t",)}),
        ("answer", {"attacks": ("p",)}),
        ("strike", {"attacks": ("s",), "weight": 0.9}),
    )
    evaluation = evaluate_map(amap)
    a = evaluation.assessment("t")
    assert a is not None and a.verdict is Verdict.STANDS
    assert (a.reasons, a.objections) == (("r",), ("o",))
    assert [(x.claim_id, x.by) for x in a.answered] == [("p", ("answer",))]
    assert [(x.claim_id, x.by) for x in a.struck] == [("s", ("strike",))]
    assert set(a.deciding) == {"r", "o", "answer", "strike"}
    assert claim_why(amap, evaluation, "t", title_namer(amap)) == (
        "Stands: under the preponderance standard its weightiest reason, “R” (0.70), "
        "outweighs its "
        "weightiest objection, “O” (0.50). The objection “P” is answered by “ANSWER”."
    )


def test_a_reader_can_follow_any_verdict_down_to_claims_nothing_attacks() -> None:
    amap = claims(
        ("t", {"kind": T}),
        ("a", {"supports": ("t",)}),
        ("b", {"supports": ("a",)}),
        ("c", {"attacks": ("b",)}),
        ("d", {"attacks": ("c",)}),
    )
    evaluation = evaluate_map(amap)
    unattacked = {
        c.id
        for c in amap.claims
        if not any(r.kind.value != "supports" for r in amap.incoming.get(c.id, ()))
    }
    seen, todo = set(), ["t"]
    while todo:
        cid = todo.pop()
        if cid in seen:
            continue
        seen.add(cid)
        a = evaluation.assessment(cid)
        assert a is not None
        todo += list(a.deciding)
        if not a.deciding:
            assert cid in unattacked
    # 'c' falls, answered by 'd': the trail runs t → a → b → d, and d is unattacked.
    assert seen == {"t", "a", "b", "d"}


def reference(
    graph: std.StandardsGraph, fixed: dict[int, std.Label] | None = None
) -> list[std.Label]:
    """The verdicts by their definition, slowly: the well-founded alternating fixpoint.

    ``gamma(C)`` is the least set X of nodes that stand when their reasons in X count
    and their objections in C count against them. From T = {} on, P = gamma(T) (what
    could stand) and T = gamma(P) (what must) until T stays: every node of T stands and
    no node outside P can. A node's verdict is then the one every two-valued completion
    of its inputs in P - T gives, enumerated; where they differ it is undecided.
    """
    given = fixed or {}

    def stands(node: int, pro: set[int], con: set[int]) -> bool:
        if node in given:
            return given[node] is std.Label.STANDS
        if not graph.assessed[node]:
            return False
        return verdict(node, pro, con) is std.Label.STANDS

    def verdict(node: int, pro: set[int], con: set[int]) -> std.Label:
        reasons = [graph.weights[s] for s in graph.reasons[node] if s in pro]
        if graph.is_linked(node):
            # Premises hold together: one reason, the weakest of them, while all stand.
            every = all(s in pro for s in graph.reasons[node])
            reasons = [min(graph.weights[s] for s in graph.reasons[node])] if every else []
        return std.weigh(
            graph.standards[node],
            reasons,
            [graph.weights[a] for a in graph.objections[node] if a in con],
            has_reasons=bool(graph.reasons[node]),
            needs_reason=graph.needs_reason[node],
            undercut=any(u in con for u in graph.undercuts_of(node)),
        )

    def gamma(con: set[int]) -> set[int]:
        found: set[int] = set()
        while True:
            grown = {node for node in range(graph.n) if stands(node, found, con)}
            if grown == found:
                return found
            found = grown

    must: set[int] = set()
    while True:
        could = gamma(must)
        again = gamma(could)
        if again == must:
            break
        must = again
    labels = []
    for node in range(graph.n):
        if node in given:
            labels.append(given[node])
            continue
        if not graph.assessed[node]:
            labels.append(std.Label.NOT_ASSESSED)
            continue
        inputs = {*graph.reasons[node], *graph.objections[node]}
        unknown = sorted(i for i in inputs if i in could and i not in must)
        outcomes = set()
        for bits in itertools.product((False, True), repeat=len(unknown)):
            standing = must | {u for u, b in zip(unknown, bits, strict=True) if b}
            outcomes.add(verdict(node, standing, standing))
        if len(outcomes) == 1:
            labels.append(outcomes.pop())
        else:
            labels.append(std.Label.UNKNOWN if node in could else std.Label.UNKNOWN_OUT)
    return labels


@settings(max_examples=300)
@given(maps(max_claims=9, undercuts=True))
def test_solver_agrees_with_the_reference_on_every_map(amap: ArgumentMap) -> None:
    graph, _ = standards_graph(amap)
    assert std.solve(graph) == reference(graph)


@settings(max_examples=150)
@given(maps(max_claims=9, undercuts=True), st.data())
def test_resolving_after_a_flip_equals_solving_from_scratch(
    amap: ArgumentMap, data: st.DataObject
) -> None:
    graph, _ = standards_graph(amap)
    base = std.solve(graph)
    node = data.draw(st.integers(0, graph.n - 1))
    label = data.draw(st.sampled_from([std.Label.STANDS, std.Label.FALLS]))
    fixed = {node: label}
    assert std.resolve(graph, base, fixed, graph.successors()) == std.solve(graph, fixed)
    assert std.solve(graph, fixed) == reference(graph, fixed)


@settings(max_examples=150)
@given(maps(max_claims=10, undercuts=True))
def test_unattacked_claims_stand_and_verdicts_ignore_claim_order(amap: ArgumentMap) -> None:
    evaluation = evaluate_map(amap, gradual=None)
    for claim in amap.claims:
        attacked = any(
            r.kind.value != "supports"
            and amap.claim(r.source).kind not in (ClaimKind.FORECAST, ClaimKind.QUESTION)
            for r in amap.incoming.get(claim.id, ())
        )
        supported = any(
            r.kind.value == "supports"
            and amap.claim(r.source).kind not in (ClaimKind.FORECAST, ClaimKind.QUESTION)
            for r in amap.incoming.get(claim.id, ())
        )
        verdict = evaluation.verdicts[claim.id]
        if claim.kind in (ClaimKind.FORECAST, ClaimKind.QUESTION):
            assert verdict is Verdict.NOT_ASSESSED
        elif not attacked and not supported and claim.kind is not ClaimKind.THESIS:
            assert verdict is Verdict.STANDS
        elif not attacked and not supported:
            assert verdict is Verdict.OPEN
    reversed_map = ArgumentMap(claims=tuple(reversed(amap.claims)))
    assert evaluate_map(reversed_map, gradual=None).verdicts == evaluation.verdicts


def test_strengths_keep_supports_under_every_support_reading() -> None:
    amap = claims(("t", {"kind": T}), ("r", {"supports": ("t",)}))
    for support in ("deductive", "necessary", "none"):
        ev = evaluate_map(amap, semantics="grounded", support=support)
        assert ev.strength("t") == 0.75, support
    assert evaluate_map(amap).strength("t") == 0.75


def test_a_large_chain_and_a_wide_fan_solve_without_recursion() -> None:
    chain = [Claim(id="c0", text="C0")] + [
        Claim(id=f"c{i}", text="C", supports=(f"c{i - 1}",)) for i in range(1, 20000)
    ]
    evaluation = evaluate_map(ArgumentMap(claims=tuple(chain)), gradual=None)
    assert set(evaluation.verdicts.values()) == {Verdict.STANDS}


def test_an_open_verdict_tells_a_contested_input_from_one_a_cycle_leaves_open() -> None:
    amap = claims(
        ("t", {"kind": T}),
        ("r", {"supports": ("t",)}),  # contested: a reason and an objection of equal weight
        ("p", {"supports": ("r",)}),
        ("q", {"attacks": ("r",)}),
        ("s", {"supports": ("t",)}),  # struck
        ("x", {"attacks": ("s",)}),
    )
    evaluation = evaluate_map(amap)
    a = evaluation.assessment("t")
    assert a is not None and a.verdict is Verdict.OPEN and a.contested == ("r",)
    assert claim_why(amap, evaluation, "t", str) == (
        "Open: none of its reasons stands (s falls; r is contested)."
    )
    cyclic = claims(
        ("t", {"kind": T}),
        ("r", {"supports": ("t",)}),
        ("p", {"supports": ("r",)}),
        ("q", {"attacks": ("r",)}),
        ("c", {"supports": ("t",), "attacks": ("d",)}),  # c and d attack each other
        ("d", {"attacks": ("c",)}),
    )
    evaluation = evaluate_map(cyclic)
    assert claim_why(cyclic, evaluation, "t", str) == (
        "Open: it hangs on c, which a cycle of relations leaves undecided,"
        " and on r, which is contested."
    )
    assert claim_why(cyclic, evaluation, "c", str) == (
        "Open: it hangs on d, which a cycle of relations leaves undecided."
    )


def test_an_open_verdict_tells_its_objections_from_its_reasons() -> None:
    # A thesis that nothing supports, with an objection that is contested.
    amap = claims(
        ("t", {"kind": T}),
        ("o", {"attacks": ("t",)}),
        ("p", {"supports": ("o",)}),
        ("q", {"attacks": ("o",)}),
    )
    assert claim_why(amap, evaluate_map(amap), "t", str) == (
        "Open: nothing supports it, and its objection o is contested."
    )
    # A reason struck, two reasons contested, an objection contested.
    amap = claims(
        ("t", {"kind": T}),
        ("r", {"supports": ("t",)}),
        ("x", {"attacks": ("r",)}),
        ("s", {"supports": ("t",)}),
        ("s2", {"supports": ("t",)}),
        ("o", {"attacks": ("t",)}),
        *[(f"p{k}", {"supports": (c,)}) for k, c in enumerate(("s", "s2", "o"))],
        *[(f"q{k}", {"attacks": (c,)}) for k, c in enumerate(("s", "s2", "o"))],
    )
    assert claim_why(amap, evaluate_map(amap), "t", str) == (
        "Open: none of its reasons stands (r falls; s and s2 are contested),"
        " and its objection o is contested."
    )


def test_verdict_sentences_agree_in_number() -> None:
    amap = claims(
        ("t", {"kind": T}),
        ("c", {"supports": ("t",)}),
        ("o", {"attacks": ("c",)}),
        ("p", {"attacks": ("c",)}),
        ("r", {"supports": ("t",), "standard": ProofStandard.BEYOND_REASONABLE_DOUBT}),
        ("s", {"supports": ("r",), "weight": 0.3}),
    )
    evaluation = evaluate_map(amap)
    assert (
        claim_why(amap, evaluation, "c", str) == "Falls: the objections o and p stand unanswered."
    )
    assert claim_why(amap, evaluation, "r", str) == (
        "Open: its reason s (0.30) does not meet the beyond-reasonable-doubt standard, which "
        "asks for a reason above 0.4 and ahead of its weightiest standing objection by more "
        "than 0.3, and no standing objection of 0.2 or more."
    )


def test_verdict_sentences_say_what_decided_the_verdict() -> None:
    def why(amap: ArgumentMap, cid: str, **kw: str) -> str:
        evaluation = evaluate_map(amap, gradual=None, **kw)  # type: ignore[arg-type]
        return claim_why(amap, evaluation, cid, str)

    # Under scintilla one standing reason is enough: nothing "outweighs" anything.
    weak = claims(
        ("t", {"kind": T, "standard": ProofStandard.SCINTILLA}),
        ("r", {"supports": ("t",), "weight": 0.1}),
        ("o", {"attacks": ("t",), "weight": 0.9}),
    )
    assert why(weak, "t") == (
        "Stands: under the scintilla-of-evidence standard one standing reason is enough, "
        "and r stands, though o objects."
    )
    # Weights that differ are never printed alike.
    close = claims(
        ("t", {"kind": T}),
        ("r", {"supports": ("t",), "weight": 0.504}),
        ("o", {"attacks": ("t",), "weight": 0.5}),
    )
    assert "r (0.504), outweighs its weightiest objection, o (0.500)" in why(close, "t")
    # A cycle is blamed only for the input it leaves undecided; the other input is open.
    mixed = claims(
        ("t", {"kind": T}),
        ("a", {"supports": ("t",), "attacks": ("b",)}),
        ("b", {"attacks": ("a",)}),
        ("s", {"supports": ("t",)}),
        ("sr", {"supports": ("s",)}),
        ("x", {"attacks": ("sr",)}),
    )
    assert why(mixed, "t") == (
        "Open: it hangs on a, which a cycle of relations leaves undecided, and on s, which is open."
    )
    chain = claims(
        ("t", {"kind": T}),
        ("s", {"supports": ("t",)}),
        ("r", {"supports": ("s",)}),
        ("x", {"attacks": ("r",)}),
    )
    assert why(chain, "t") == "Open: none of its reasons stands (s is open)."
    # A claim that answers its objection itself is said to, and several answers each
    # name what answers them.
    own = claims(
        ("a", {"attacks": ("b",)}),
        ("b", {"attacks": ("a",)}),
        ("e", {"attacks": ("b",)}),
        ("r", {"supports": ("c",), "weight": 0.9}),
        ("c", {"attacks": ("d",)}),
        ("d", {"attacks": ("c",)}),
    )
    assert why(own, "a") == "Stands: no objection to it stands. The objection b is answered by e."
    assert why(own, "c").endswith("The objection d is answered by this claim itself.")
    two = claims(
        ("t", {"kind": T}),
        ("r", {"supports": ("t",)}),
        ("o1", {"attacks": ("t",)}),
        ("o2", {"attacks": ("t",)}),
        ("p", {"attacks": ("o1",)}),
        ("q", {"attacks": ("o2",)}),
    )
    assert why(two, "t").endswith("Its objections are answered: o1 by p; o2 by q.")


def test_an_open_verdict_names_reasons_that_rest_on_the_claim_itself() -> None:
    amap = claims(
        ("t", {"kind": T}),
        ("a", {"supports": ("b", "t")}),
        ("b", {"supports": ("c",)}),
        ("c", {"supports": ("a",)}),
        ("d", {"supports": ("a",)}),  # an outside reason, struck
        ("x", {"attacks": ("d",)}),
    )
    evaluation = evaluate_map(amap, gradual=None)
    assert claim_why(amap, evaluation, "a", str) == (
        "Open: none of its reasons stands (d falls; c rests in turn on this claim: "
        "circular reasoning)."
    )
    assert claim_why(amap, evaluation, "b", str) == (
        "Open: none of its reasons stands (a rests in turn on this claim: circular reasoning)."
    )
    # t is not on the cycle: its reason a is simply open.
    assert claim_why(amap, evaluation, "t", str) == "Open: none of its reasons stands (a is open)."
    assert "5 claims are left open by cycles of relations" not in evaluation.notes
    assert "3 claims are left open by cycles of relations" in evaluation.notes
    # With an outside reason that stands, the cycle stands on it and nothing is circular.
    founded = claims(
        ("t", {"kind": T}),
        ("a", {"supports": ("b", "t")}),
        ("b", {"supports": ("a",)}),
        ("e", {"supports": ("a",)}),
    )
    evaluation = evaluate_map(founded, gradual=None)
    assert evaluation.assessment("a").circular == ()  # type: ignore[union-attr]
    assert set(evaluation.verdicts.values()) == {Verdict.STANDS}


def test_a_decided_verdict_names_the_inputs_that_do_not_count() -> None:
    amap = claims(
        ("t", {"kind": T}),
        ("r", {"supports": ("t",), "weight": 0.9}),
        ("x", {"attacks": ("y", "t")}),  # x and y attack each other: undecided
        ("y", {"attacks": ("x",)}),
        ("f", {"kind": T}),
        ("o", {"attacks": ("f",)}),
        ("s", {"supports": ("f",)}),
        ("sp", {"supports": ("s",)}),
        ("sq", {"attacks": ("s",)}),  # s is contested: a reason and an objection alike
    )
    evaluation = evaluate_map(amap, gradual=None)
    assert claim_why(amap, evaluation, "t", str) == (
        "Stands: its reason r stands, and nothing standing objects (x is undecided)."
    )
    assert claim_why(amap, evaluation, "f", str) == (
        "Falls: the objection o stands, and none of its reasons does (s is contested)."
    )
    # Nothing undecided bearing on it: no aside.
    assert claim_why(amap, evaluation, "r", str) == "Stands: nothing objects to it."


def test_a_contested_verdict_says_what_its_standard_would_need() -> None:
    def why(standard: ProofStandard) -> str:
        amap = claims(
            ("t", {"kind": T, "standard": standard}),
            ("r", {"supports": ("t",), "weight": 0.9}),
            ("o", {"attacks": ("t",), "weight": 0.6}),
        )
        return claim_why(amap, evaluate_map(amap, gradual=None), "t", str)

    assert why(ProofStandard.CLEAR_AND_CONVINCING) == (
        "Contested: 1 standing reason for, 1 against, weighing 0.90 against 0.60, which the "
        "clear-and-convincing standard does not settle (it asks for a reason above 0.4 and "
        "ahead of its weightiest standing objection by more than 0.3); the weightiest "
        "objection is o."
    )
    assert why(ProofStandard.DIALECTICAL).endswith(
        "which the dialectical standard does not settle (it asks for a standing reason and no "
        "standing objection); the weightiest objection is o."
    )
    # Preponderance leaves only a tie contested, and a tie needs no more words.
    tie = claims(("t", {"kind": T}), ("r", {"supports": ("t",)}), ("o", {"attacks": ("t",)}))
    assert claim_why(tie, evaluate_map(tie, gradual=None), "t", str) == (
        "Contested: 1 standing reason for, 1 against, of equal weight (0.50), which the "
        "preponderance standard does not settle; the weightiest objection is o."
    )


def test_an_argument_says_which_premise_it_lacks_or_that_all_of_them_stand() -> None:
    def why(**extra: dict[str, object]) -> dict[str, str]:
        amap = claims(
            ("arg", {"kind": ClaimKind.ARGUMENT}),
            ("p1", {"supports": ("arg",), "weight": 0.7}),
            ("p2", {"supports": ("arg",), "weight": 0.6}),
            *extra.items(),
        )
        evaluation = evaluate_map(amap, gradual=None)
        return {c.id: claim_why(amap, evaluation, c.id, title_namer(amap)) for c in amap.claims}

    assert (
        why()["arg"]
        == "Stands: all its premises stand (“P1” and “P2”), and nothing standing objects."
    )
    assert why(o={"attacks": ("p2",)})["arg"] == (
        "Open: an argument holds only with all its premises, and “P2” falls."
    )
    # A rebuttal of the argument is weighed against its premises together...
    assert why(u={"attacks": ("arg",), "weight": 0.4})["arg"] == (
        "Stands: under the preponderance standard its premises together, “P1” and “P2” "
        "(0.60, the weight of the weakest), outweigh its weightiest objection, “U” (0.40)."
    )
    # ...but an undercut denies the inference itself: standing, it strikes whatever the
    # weights (Carneades: the argument is not applicable; ASPIC+: undercuts always succeed).
    assert why(u={"undercuts": ("arg",), "weight": 0.1})["arg"] == (
        "Falls: the undercut “U” stands: it denies that its premises carry its conclusion, "
        "whatever the weights."
    )
    assert why(u={"undercuts": ("arg",), "weight": 0.9}, o={"attacks": ("p1",)})["arg"] == (
        "Falls: the undercut “U” stands: it denies that its premises carry its conclusion, "
        "whatever the weights."
    )
    answered = why(u={"undercuts": ("arg",)}, a={"attacks": ("u",), "weight": 0.8})
    assert answered["arg"] == (
        "Stands: all its premises stand (“P1” and “P2”), and nothing standing objects. "
        "The objection “U” is answered by “A”."
    )
