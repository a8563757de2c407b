"""Pages under a formal reading speak of statuses: accepted, rejected, undecided, not verdicts."""

from __future__ import annotations

from argmap.compare import compare_theses
from argmap.evaluate import EvaluationSettings, evaluate_map
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
    assert "| Claim | Stance | Status |" in formal and "| Why |" not in formal
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
