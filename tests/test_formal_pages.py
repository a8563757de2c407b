"""Pages under a formal reading speak of statuses: accepted, rejected, undecided, not verdicts."""

from __future__ import annotations

from argmap.compare import compare_theses
from argmap.evaluate import EvaluationSettings, evaluate_map
from argmap.explain import claim_why
from argmap.model import ArgumentMap, Claim, ClaimKind
from argmap.render.compare_page import render_compare_markdown
from argmap.render.markdown import render_markdown

T, F = ClaimKind.THESIS, ClaimKind.FORECAST

#: Two rival theses; a forecast supports one; an unanswered objection hits the other.
MAP = ArgumentMap(
    claims=(
        Claim(id="a", kind=T, text="Thesis A."),
        Claim(id="b", kind=T, text="Thesis B."),
        Claim(id="r", text="A reason for A.", supports=("a",), attacks=("b",)),
        Claim(id="w", kind=F, text="If X happens, A gains.", supports=("a",)),
        Claim(id="o", text="An objection to B.", attacks=("b",)),
    )
)


def _settings(semantics: str) -> EvaluationSettings:
    return EvaluationSettings.from_names(semantics=semantics, gradual="none")


def test_a_thesis_page_counts_every_claim_and_says_accepted_under_a_formal_reading() -> None:
    formal = render_markdown(MAP, "a", evaluate_map(MAP, _settings("grounded")))
    assert "It has 2 direct reasons, all of which are accepted, and no direct objections." in formal
    assert "aside" not in formal  # a formal reading counts the forecast like any claim
    assert "| Claim | Stance | Status | Why |" in formal
    # The reader's verdicts set the forecast aside and give each verdict its reason.
    default = render_markdown(MAP, "a", evaluate_map(MAP, _settings("carneades")))
    assert "It has 1 direct reason, which stands, and no direct objections (1 forecast aside" in (
        default
    )
    assert "| Claim | Stance | Verdict | Why |" in default


def test_a_comparison_under_a_formal_reading_compares_statuses() -> None:
    settings = _settings("grounded")
    page = render_compare_markdown(MAP, compare_theses(MAP, "a", "b", settings=settings))
    assert "| Status | **accepted** | **rejected** |" in page
    assert "| Direct reasons and objections | 2 of 2 reasons accepted, no objections |" in page
    assert "A crux is a claim whose removal (if it is accepted) or acceptance (if not)" in page
    assert "stands ↔ falls" not in page and "| Verdict |" not in page
    default = render_compare_markdown(
        MAP, compare_theses(MAP, "a", "b", settings=_settings("carneades"))
    )
    assert "| Verdict | **stands** | **falls** |" in default
    assert "1 of 1 reason standing, no objections (1 forecast aside)" in default
    assert "stands ↔ falls" in default


def _whys(amap: ArgumentMap, semantics: str, support: str = "deductive") -> dict[str, str]:
    settings = EvaluationSettings.from_names(semantics=semantics, gradual="none", support=support)
    evaluation = evaluate_map(amap, settings)
    return {c.id: claim_why(amap, evaluation, c.id, str) for c in amap.claims}


def _map(*claims: tuple[str, dict[str, object]]) -> ArgumentMap:
    return ArgumentMap(claims=tuple(Claim(id=i, text=i.upper(), **kw) for i, kw in claims))


def test_a_grounded_status_names_the_attackers_that_decide_it() -> None:
    chain = _map(("t", {"kind": T}), ("r", {"supports": ("t",)}), ("o", {"attacks": ("t",)}))
    assert _whys(chain, "grounded") == {
        "o": "Accepted under grounded semantics (a formal reading): nothing attacks it.",
        "r": "Rejected under grounded semantics (a formal reading): an accepted claim attacks "
        "it: o (a derived attack: supports read as deductive).",
        "t": "Rejected under grounded semantics (a formal reading): an accepted claim attacks "
        "it: o.",
    }
    # Without derived attacks the reason stands apart from the objection.
    assert _whys(chain, "grounded", support="none")["r"] == (
        "Accepted under grounded semantics (a formal reading): nothing attacks it."
    )
    reinstated = _map(
        ("t", {"kind": T}),
        ("o", {"attacks": ("t",)}),
        ("p", {"attacks": ("t",)}),
        ("a", {"attacks": ("o",)}),
        ("b", {"attacks": ("p",)}),
    )
    whys = _whys(reinstated, "grounded")
    assert whys["t"] == (
        "Accepted under grounded semantics (a formal reading): every claim that attacks it is "
        "rejected: o and p."
    )
    mutual = _map(("t", {"kind": T}), ("x", {"attacks": ("t", "y")}), ("y", {"attacks": ("x",)}))
    assert _whys(mutual, "grounded")["t"] == (
        "Undecided under grounded semantics (a formal reading): nothing accepted attacks it, "
        "but an undecided claim does: x."
    )
    several = _map(
        ("t", {"kind": T}),
        ("v", {"attacks": ("t",)}),
        ("w", {"attacks": ("t",)}),
        ("s", {"supports": ("w",)}),
    )
    assert _whys(several, "grounded")["t"] == (
        "Rejected under grounded semantics (a formal reading): accepted claims attack it: s, v "
        "and w (derived from supports read as deductive: s)."
    )


def test_other_semantics_say_what_their_extensions_do() -> None:
    two = _map(("t", {"kind": T}), ("x", {"attacks": ("t", "y")}), ("y", {"attacks": ("x",)}))
    whys = _whys(two, "preferred")
    assert (
        whys["x"]
        == whys["t"]
        == (
            "Undecided under preferred semantics (a formal reading): some preferred extensions "
            "hold it and others do not."
        )
    )
    # Ideal semantics has one extension, here the empty one.
    assert _whys(two, "ideal")["x"] == (
        "Undecided under ideal semantics (a formal reading): the ideal extension neither holds "
        "it nor attacks it."
    )
    fixed = _map(("t", {"kind": T}), ("x", {"attacks": ("y",)}), ("y", {"attacks": ("t",)}))
    whys = _whys(fixed, "preferred")
    assert whys["t"] == (
        "Accepted under preferred semantics (a formal reading): the preferred extension holds it."
    )
    assert whys["y"] == (
        "Rejected under preferred semantics (a formal reading): an accepted claim attacks it: x."
    )
    odd = _map(
        ("t", {"kind": T}),
        ("a", {"attacks": ("b", "t")}),
        ("b", {"attacks": ("c",)}),
        ("c", {"attacks": ("a",)}),
    )
    assert _whys(odd, "stable")["t"] == (
        "Undecided under stable semantics (a formal reading): the map has no stable extension."
    )
    # Its one preferred extension is empty: it holds nothing and attacks nothing.
    assert _whys(odd, "preferred")["t"] == (
        "Undecided under preferred semantics (a formal reading): the preferred extension "
        "neither holds it nor attacks it."
    )
    # With a pair beside it there are two, and neither holds the thesis or attacks it.
    pair = ArgumentMap(
        claims=(*odd.claims, *_map(("x", {"attacks": ("y",)}), ("y", {"attacks": ("x",)})).claims)
    )
    assert _whys(pair, "preferred")["t"] == (
        "Undecided under preferred semantics (a formal reading): no preferred extension holds "
        "it, and not every one attacks it."
    )
