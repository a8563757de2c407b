"""evaluate_map and friends: statuses, strengths, notes, errors, agreement with the semantics."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap.evaluate as evaluate_module
from argmap.errors import DataError, EvaluationError, UsageError
from argmap.evaluate import (
    EXTENSION_SEMANTICS,
    Status,
    accepts,
    evaluate_map,
    extensions_of,
    gradual_strengths,
)
from argmap.explain import claim_why, direct_tally, plural
from argmap.model import ArgumentMap, Claim, ClaimKind

A, R, U = Status.ACCEPTED, Status.REJECTED, Status.UNDECIDED


def amap(*claims: Claim) -> ArgumentMap:
    return ArgumentMap(claims=claims)


def claim(cid: str, **kw: object) -> Claim:
    return Claim(id=cid, text=f"Claim {cid}.", **kw)  # type: ignore[arg-type]


CHAIN = amap(
    claim("t", kind=ClaimKind.THESIS),
    claim("a", attacks=("t",)),
    claim("b", attacks=("a",)),
    claim("x", attacks=("y",)),
    claim("y", attacks=("x",)),
)


def test_grounded_statuses_follow_the_grounded_labelling() -> None:
    ev = evaluate_map(CHAIN, semantics="grounded", gradual=None)
    assert dict(ev.statuses) == {"t": A, "a": R, "b": A, "x": U, "y": U}
    assert ev.extensions == (("b", "t"),)
    assert ev.strengths == {} and ev.strength("t") is None
    assert ev.status("a") is R


def test_multi_extension_statuses_are_skeptical() -> None:
    ev = evaluate_map(CHAIN, semantics="preferred", gradual=None)
    assert ev.extensions == (("b", "t", "x"), ("b", "t", "y"))
    assert dict(ev.statuses) == {"t": A, "a": R, "b": A, "x": U, "y": U}


def test_an_undercut_counts_as_an_attack_on_the_argument() -> None:
    m = amap(
        claim("arg", kind=ClaimKind.ARGUMENT, supports=("t",)),
        claim("t", kind=ClaimKind.THESIS),
        claim("u", undercuts=("arg",)),
    )
    ev = evaluate_map(m, semantics="grounded", support="none", gradual=None)
    assert ev.status("arg") is R and ev.status("u") is A and ev.status("t") is A
    deductive = evaluate_map(m, semantics="grounded", support="deductive", gradual=None)
    assert deductive.status("t") is A
    # Under the necessary reading the argument is needed for the thesis, so the thesis falls.
    assert evaluate_map(m, semantics="grounded", support="necessary", gradual=None).status("t") is R


def test_no_stable_extension_leaves_everything_undecided_with_a_note() -> None:
    odd = amap(claim("p", attacks=("q",)), claim("q", attacks=("r",)), claim("r", attacks=("p",)))
    ev = evaluate_map(odd, semantics="stable", gradual=None)
    assert ev.extensions == ()
    assert set(ev.statuses.values()) == {U}
    assert "the map has no stable extension: every claim is undecided" in ev.notes
    assert accepts(odd, "p", "stable", "skeptical") and not accepts(odd, "p", "stable", "credulous")


def test_supports_are_flattened_and_said_so() -> None:
    m = amap(claim("s", supports=("t",)), claim("t"), claim("z", attacks=("t",)))
    ev = evaluate_map(m, semantics="grounded", support="deductive", gradual=None)
    assert dict(ev.statuses) == {"s": R, "t": R, "z": A}
    assert ev.notes == ("supports read as deductive: 1 derived attack added",)
    assert dict(
        evaluate_map(m, semantics="grounded", support="necessary", gradual=None).statuses
    ) == {
        "s": A,
        "t": R,
        "z": A,
    }


def test_strengths_use_weights_and_report_cycles() -> None:
    m = amap(
        claim("p", attacks=("q",), weight=1.0), claim("q", attacks=("p",)), claim("w", weight=0.2)
    )
    ev = evaluate_map(m, gradual="dfquad")
    assert ev.strength("w") == 0.2
    assert ev.strength("q") == pytest.approx(0.0, abs=1e-6)
    assert any(n.startswith("the map has cycles: DF-QuAD converged after ") for n in ev.notes)
    assert gradual_strengths(m, "qe") == evaluate_map(m, gradual="qe").strengths


def test_non_convergence_raises_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real = evaluate_module.strengths
    monkeypatch.setattr(
        evaluate_module, "strengths", lambda g, w, s: real(g, w, s, max_iterations=1)
    )
    with pytest.raises(
        EvaluationError,
        match=r"DF-QuAD strengths did not converge on the cycle through 'x', 'y'.*: not within 1 iter",
    ):
        evaluate_map(CHAIN)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"semantics": "prefered"}, "unknown semantics 'prefered' (did you mean 'preferred'?)"),
        ({"support": "deductiv"}, "unknown support reading 'deductiv'"),
        ({"gradual": "df-quad"}, "unknown gradual semantics 'df-quad' (did you mean 'dfquad'?)"),
    ],
)
def test_unknown_names_are_usage_errors(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        evaluate_map(CHAIN, **kwargs)  # type: ignore[arg-type]


def test_unknown_claims_are_usage_errors_and_unknown_targets_data_errors() -> None:
    with pytest.raises(UsageError, match="no claim 'tt' in the map"):
        accepts(CHAIN, "tt", "grounded", "credulous")
    with pytest.raises(UsageError, match="unknown mode"):
        accepts(CHAIN, "t", "grounded", "sometimes")
    with pytest.raises(UsageError):
        evaluate_map(CHAIN).status("nope")
    with pytest.raises(DataError, match="claim 'a' attacks unknown claim 'q'"):
        evaluate_map(amap(claim("a", attacks=("q",))))


def test_evaluation_does_not_depend_on_claim_order() -> None:
    claims = list(CHAIN.claims)
    random.Random(3).shuffle(claims)
    assert evaluate_map(ArgumentMap(claims=tuple(claims)), semantics="preferred") == evaluate_map(
        CHAIN, semantics="preferred"
    )


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    ids = [f"c{i}" for i in range(draw(st.integers(1, 7)))]
    rel = st.lists(st.sampled_from(ids), unique=True, max_size=2)
    return ArgumentMap(
        claims=tuple(claim(i, attacks=tuple(draw(rel)), supports=tuple(draw(rel))) for i in ids)
    )


@settings(max_examples=150)
@given(
    maps(),
    st.sampled_from(EXTENSION_SEMANTICS),
    st.sampled_from(["deductive", "necessary", "none"]),
)
def test_statuses_and_acceptance_agree_with_the_extensions(
    m: ArgumentMap, semantics: str, support: str
) -> None:
    ev = evaluate_map(m, semantics=semantics, support=support, gradual=None)
    found = extensions_of(m, semantics, support)
    assert list(ev.extensions) == found
    for c in m.claims:
        in_all = bool(found) and all(c.id in e for e in found)
        assert (ev.status(c.id) is A) == in_all
        assert accepts(m, c.id, semantics, "credulous", support) == any(c.id in e for e in found)
        assert accepts(m, c.id, semantics, "skeptical", support) == all(c.id in e for e in found)


@pytest.mark.parametrize(
    ("relations", "sentence"),
    [
        (
            [("a", "supports"), ("d", "attacks")],
            "It has 1 direct reason, which stands, and 1 direct objection, which stands.",
        ),
        (
            [("a", "supports"), ("b", "supports"), ("f", "supports")],
            "It has 2 direct reasons, of which 1 stands, and no direct objections"
            " (1 forecast aside: it counts only once settled).",
        ),
        (
            [("b", "supports"), ("e", "supports"), ("d", "attacks"), ("f", "attacks")],
            "It has 2 direct reasons, none of which stands, and 1 direct objection, which"
            " stands (1 forecast aside: it counts only once settled).",
        ),
        (
            [("a", "supports"), ("d", "supports"), ("b", "attacks"), ("e", "attacks")],
            "It has 2 direct reasons, all of which stand, and 2 direct objections, none of"
            " which stands.",
        ),
        ([("f", "supports"), ("q", "attacks")], ""),
    ],
)
def test_the_tally_of_direct_reasons_reads_as_english(
    relations: list[tuple[str, str]], sentence: str
) -> None:
    """a and d stand; b falls to c; e is answered by c; f is a forecast, q a question."""
    claims = [
        Claim(id="a", text="A."),
        Claim(id="b", text="B."),
        Claim(id="c", text="C.", attacks=("b", "e")),
        Claim(id="d", text="D."),
        Claim(id="e", text="E."),
        Claim(id="f", kind=ClaimKind.FORECAST, text="F."),
        Claim(id="q", kind=ClaimKind.QUESTION, text="Q?"),
    ]
    made = {c.id: c for c in claims}
    for source, kind in relations:
        made[source] = made[source].model_copy(update={kind: (*getattr(made[source], kind), "t")})
    thesis = Claim(id="t", kind=ClaimKind.THESIS, text="T.")
    amap = ArgumentMap(claims=(thesis, *sorted(made.values(), key=lambda c: c.id)))
    assert direct_tally(amap, evaluate_map(amap), "t") == sentence


def test_forecasts_come_true_and_questions_are_answered_in_the_reasons() -> None:
    claims = (
        Claim(id="t", kind=ClaimKind.THESIS, text="T."),
        Claim(id="f", kind=ClaimKind.FORECAST, text="If F happens.", supports=("t",)),
        Claim(id="g", kind=ClaimKind.FORECAST, text="If G happens.", attacks=("t",)),
        Claim(id="q", kind=ClaimKind.QUESTION, text="Is Q so?", attacks=("t",)),
    )
    amap = ArgumentMap(claims=claims)
    text = claim_why(amap, evaluate_map(amap), "t", lambda cid: cid)
    assert text.endswith(
        " f and g would bear on it only if they came true, and q would bear on it only once"
        " it is answered."
    ), text
    only = ArgumentMap(claims=(claims[0], claims[3]))
    assert claim_why(only, evaluate_map(only), "t", str).endswith(
        " q would bear on it only once it is answered."
    )


def test_plural_agrees_with_its_count() -> None:
    assert [plural(n, "claim") for n in (0, 1, 2)] == ["0 claims", "1 claim", "2 claims"]
    assert plural(1, "crux", "cruxes") == "1 crux" and plural(3, "crux", "cruxes") == "3 cruxes"


def test_a_formal_reading_with_too_many_extensions_to_list_is_a_clear_error() -> None:
    from argmap.model import ArgumentMap, Claim, ClaimKind
    from argmap.settings import EvaluationSettings

    def pairs(n: int) -> ArgumentMap:
        claims = [Claim(id="t", kind=ClaimKind.THESIS, text="T.")]
        for i in range(n):
            claims.append(Claim(id=f"a{i}", text="A.", supports=("t",), attacks=(f"b{i}",)))
            claims.append(Claim(id=f"b{i}", text="B.", attacks=(f"a{i}",)))
        return ArgumentMap(claims=tuple(claims))

    settings = EvaluationSettings.from_names("preferred", "none")
    assert len(evaluate_map(pairs(13), settings).extensions) == 2**13
    with pytest.raises(EvaluationError, match="more than 10,000 preferred extensions"):
        evaluate_map(pairs(14), settings)
