"""Sub-maps, stances and outlines: the indexed, memoised versions agree with plain definitions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap, Claim, ClaimKind, Relation, RelationKind
from argmap.render.markdown import render_markdown
from argmap.structure import OutlineNode, Stance, outline, stances, thesis_map

from .strategies import maps


@st.composite
def multi_thesis_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps where any claim may be a thesis, so sub-maps overlap and cross each other."""
    amap = draw(maps(max_claims=14))
    theses = draw(st.sets(st.sampled_from([c.id for c in amap.claims]), min_size=1))
    return ArgumentMap(
        claims=tuple(
            c.model_copy(update={"kind": ClaimKind.THESIS}) if c.id in theses else c
            for c in amap.claims
        )
    )


def _reach(amap: ArgumentMap, thesis: str) -> set[str]:
    """Claims with a path to the thesis, by fixpoint over all relations."""
    seen = {thesis}
    while True:
        more = {r.source for r in amap.relations if r.target in seen} - seen
        if not more:
            return seen
        seen |= more


def _parities(amap: ArgumentMap, thesis: str) -> dict[str, set[int]]:
    """Attack-count parities of the paths from each claim to the thesis, by fixpoint."""
    found: dict[str, set[int]] = {thesis: {0}}
    changed = True
    while changed:
        changed = False
        for rel in amap.relations:
            flip = 0 if rel.kind is RelationKind.SUPPORTS else 1
            for parity in list(found.get(rel.target, ())):
                if parity ^ flip not in found.setdefault(rel.source, set()):
                    found[rel.source].add(parity ^ flip)
                    changed = True
    return found


@given(multi_thesis_maps())
def test_thesis_map_holds_the_claims_reaching_the_thesis_and_their_relations(
    amap: ArgumentMap,
) -> None:
    for thesis in amap.theses:
        keep = _reach(amap, thesis.id)
        sub = thesis_map(amap, thesis.id)
        assert [c.id for c in sub.claims] == sorted(keep)
        assert sub.relations == tuple(
            r for r in amap.relations if r.source in keep and r.target in keep
        )
        for claim in sub.claims:
            whole = amap.claim(claim.id)
            assert (claim.text, claim.label, claim.kind) == (whole.text, whole.label, whole.kind)
        assert thesis_map(amap, thesis.id) is sub  # built once per map


@given(multi_thesis_maps())
def test_stances_follow_path_parities_on_the_map_and_on_the_sub_map(amap: ArgumentMap) -> None:
    for thesis in amap.theses:
        expected = {}
        for cid, parities in _parities(amap, thesis.id).items():
            if not parities:
                continue
            expected[cid] = (
                Stance.THESIS
                if cid == thesis.id
                else {frozenset({0}): Stance.PRO, frozenset({1}): Stance.CON}.get(
                    frozenset(parities), Stance.MIXED
                )
            )
        found = stances(amap, thesis.id)
        assert dict(found) == expected
        assert list(found) == sorted(found)
        assert dict(stances(thesis_map(amap, thesis.id), thesis.id)) == expected
        with pytest.raises(TypeError):
            found[thesis.id] = Stance.PRO  # type: ignore[index]


def _shape(node: OutlineNode) -> tuple[object, ...]:
    return (
        node.claim_id,
        node.relation,
        node.repeated,
        tuple(_shape(child) for child in node.children),
    )


@given(multi_thesis_maps())
def test_outline_lists_supports_before_attacks_and_is_the_same_on_the_sub_map(
    amap: ArgumentMap,
) -> None:
    order = {RelationKind.SUPPORTS: 0, RelationKind.ATTACKS: 1, RelationKind.UNDERCUTS: 2}
    for thesis in amap.theses:
        tree = outline(amap, thesis.id)
        assert _shape(tree) == _shape(outline(thesis_map(amap, thesis.id), thesis.id))
        stack = [tree]
        while stack:
            node = stack.pop()
            keys = [(order[c.relation], c.claim_id) for c in node.children if c.relation]
            assert keys == sorted(keys)
            stack += node.children


@given(multi_thesis_maps())
def test_summaries_share_claim_texts_only_within_one_evaluation(amap: ArgumentMap) -> None:
    first = evaluate_map(amap, semantics="grounded")
    second = evaluate_map(amap, semantics="preferred", gradual=None)
    for evaluation in (first, second, None):
        for thesis in amap.theses:
            fresh = ArgumentMap(meta=amap.meta, claims=amap.claims)
            assert render_markdown(amap, thesis.id, evaluation) == render_markdown(
                fresh, thesis.id, evaluation
            )


def test_a_copy_of_a_map_recomputes_what_is_derived_from_its_claims() -> None:
    amap = ArgumentMap(
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text="T"),
            Claim(id="a", text="A", supports=("t",)),
        )
    )
    assert amap.relations == (Relation("a", RelationKind.SUPPORTS, "t"),)
    assert stances(amap, "t")["a"] is Stance.PRO
    copy = amap.model_copy(update={"claims": (Claim(id="t", kind=ClaimKind.THESIS, text="T"),)})
    assert copy.relations == ()
    assert list(copy.by_id) == ["t"]
    assert dict(stances(copy, "t")) == {"t": Stance.THESIS}


def test_a_thesis_id_that_is_not_a_string_is_a_clear_type_error() -> None:
    amap = ArgumentMap(claims=(Claim(id="t", kind=ClaimKind.THESIS, text="A thesis."),))
    evaluation = evaluate_map(amap)
    with pytest.raises(TypeError, match=r"thesis_id should be a claim id \(str\), not Evaluation"):
        render_markdown(amap, evaluation)  # type: ignore[arg-type]
