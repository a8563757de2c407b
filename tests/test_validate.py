"""validate_map: every check, and a property that it reports exactly the broken references."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from argmap.check import check_paths
from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta, Source, SourceRef
from argmap.structure import strongly_connected
from argmap.validate import validate_map

from .strategies import maps


def codes(amap: ArgumentMap) -> list[str]:
    return [d.code for d in validate_map(amap)]


def test_validate_reports_unknown_attack_target_with_hint() -> None:
    amap = ArgumentMap(
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text="T"),
            Claim(id="wm-09", text="A", supports=("t",)),
            Claim(id="llm-03", text="B", attacks=("wm-99",)),
        )
    )
    [diag] = [d for d in validate_map(amap) if d.code == "unknown-claim"]
    assert diag.message == "'llm-03' attacks unknown claim 'wm-99' (did you mean 'wm-09'?)"


def test_validate_warns_about_missing_thesis_and_unconnected_claims() -> None:
    assert codes(ArgumentMap(claims=(Claim(id="a", text="A"),))) == ["no-thesis"]
    amap = ArgumentMap(
        claims=(Claim(id="t", kind=ClaimKind.THESIS, text="T"), Claim(id="a", text="A"))
    )
    assert codes(amap) == ["unconnected-claim"]


def test_an_empty_map_is_named_but_an_empty_framework_is_not(tmp_path: Path) -> None:
    """A map of empty files builds an empty index page: check says why, once."""
    from argmap.check import check_paths

    assert codes(ArgumentMap()) == ["empty-map"]
    for i, text in enumerate(
        ["", "# nothing yet\n", "---\n", "--- # empty\n...\n", "claims: []\n"]
    ):
        (tmp_path / f"{i}.yaml").write_text(text, encoding="utf-8")
    result = check_paths([tmp_path])
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [("empty-map", "warning")]
    (tmp_path / "null.yaml").write_text("null\n", encoding="utf-8")
    assert [d.code for d in check_paths([tmp_path]).diagnostics] == ["empty-map"]
    (tmp_path / "list.yaml").write_text("[]\n", encoding="utf-8")
    assert "invalid-type" in [d.code for d in check_paths([tmp_path]).diagnostics]
    (tmp_path / "none.af").write_text("p af 0\n", encoding="utf-8")
    assert check_paths([tmp_path / "none.af"]).diagnostics == []


def test_validate_reports_support_cycles_once() -> None:
    amap = ArgumentMap(
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text="T"),
            Claim(id="a", text="A", supports=("b", "t")),
            Claim(id="b", text="B", supports=("a",)),
        )
    )
    assert codes(amap) == ["support-cycle"]


def test_validate_reports_unknown_sources_and_unsafe_urls() -> None:
    amap = ArgumentMap(
        meta=MapMeta(sources=(Source(id="s", title="S", url="javascript:alert(1)"),)),
        claims=(
            Claim(
                id="t",
                kind=ClaimKind.THESIS,
                text="T",
                sources=(SourceRef(source="x"), SourceRef(url="data:x")),
            ),
        ),
    )
    assert sorted(codes(amap)) == ["unknown-source", "unsafe-url", "unsafe-url"]


def test_validate_compare_pairs_must_be_theses() -> None:
    amap = ArgumentMap(
        meta=MapMeta(compare=(("t", "a"), ("t", "zz"))),
        claims=(
            Claim(id="t", kind=ClaimKind.THESIS, text="T"),
            Claim(id="a", text="A", supports=("t",)),
        ),
    )
    assert sorted(codes(amap)) == ["not-a-thesis", "unknown-claim"]


@given(maps(), st.lists(st.sampled_from(["zz-1", "zz-2", "qq"]), max_size=4), st.data())
def test_validate_reports_exactly_the_broken_references(
    amap: ArgumentMap, dangling: list[str], data: st.DataObject
) -> None:
    claims = list(amap.claims)
    expected = set()
    for target in dangling:
        i = data.draw(st.integers(0, len(claims) - 1))
        claim = claims[i]
        if target in claim.attacks or target in amap.by_id:  # not dangling after all
            continue
        claims[i] = claim.model_copy(update={"attacks": (*claim.attacks, target)})
        expected.add((claim.id, target))
    broken = ArgumentMap(claims=tuple(claims))
    found = {
        (d.message.split("'")[1], d.message.split("'")[3])
        for d in validate_map(broken)
        if d.code == "unknown-claim"
    }
    assert found == expected
    assert not [d for d in validate_map(amap) if d.severity.value == "error"]


def test_strongly_connected_handles_long_chains_without_recursion() -> None:
    n = 50_000
    graph = {str(i): [str(i + 1)] for i in range(n)}
    graph[str(n)] = ["0"]
    [component] = [
        c for c in strongly_connected([str(i) for i in range(n + 1)], graph) if len(c) > 1
    ]
    assert len(component) == n + 1


def test_a_long_host_that_fails_is_refused_at_once_not_after_exponential_backtracking() -> None:
    # One pattern over the whole host backtracked exponentially: 24 letters and a '!' took
    # two seconds, 40 would take days. Run apart, so that a regression fails, not hangs.
    import subprocess
    import sys

    code = (
        "from argmap.validate import url_problem\n"
        "from argmap.render.text import safe_url\n"
        "for n in (24, 64, 100_000):\n"
        "    url = 'https://' + 'a' * n + '!'\n"
        "    assert url_problem(url) == 'has no valid host' and safe_url(url) is None\n"
        "    assert url_problem('https://' + 'a-' * n + 'b') is None\n"
    )
    done = subprocess.run([sys.executable, "-c", code], timeout=60, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_weight_is_a_plain_number_not_a_boolean_or_digits_with_separators(tmp_path: Path) -> None:
    from argmap.check import check_paths

    for name, text in [
        ("w.json", '{"claims": [{"id": "t", "kind": "thesis", "text": "T.", "weight": true}]}'),
        ("w.yaml", "claims:\n  - id: t\n    kind: thesis\n    text: T.\n    weight: 0_1\n"),
    ]:
        (tmp_path / name).write_text(text, "utf-8")
        codes = [d.code for d in check_paths([tmp_path / name]).diagnostics]
        assert codes == ["invalid-value"], (name, codes)


def test_an_undercut_of_what_is_no_argument_names_its_kind_in_plain_words() -> None:
    messages = []
    for kind in (ClaimKind.CLAIM, ClaimKind.EVIDENCE, ClaimKind.FORECAST):
        amap = ArgumentMap(
            claims=(
                Claim(id="t", kind=ClaimKind.THESIS, text="T"),
                Claim(id="a", kind=kind, text="A", supports=("t",)),
                Claim(id="u", text="U", undercuts=("a",)),
            )
        )
        [diag] = [d for d in validate_map(amap) if d.code == "undercut-target"]
        messages.append(diag.message)
    assert messages == [
        "'u' undercuts 'a', which is a claim, not an argument",
        "'u' undercuts 'a', which is evidence, not an argument",
        "'u' undercuts 'a', which is a forecast, not an argument",
    ]


_BREAKAGES = {
    "kind": "    kind: evidance\n",
    "weight": "    weight: 2\n",
    "standard": "    standard: preponderence\n",
    "field": "    suports: [t]\n",
    "label": "    label: [not, a, string]\n",
}


@given(
    targets=st.lists(st.sampled_from(["t", "u", "tt", "nobody", "T_x"]), max_size=4, unique=True),
    objections=st.lists(st.sampled_from(["t", "none", "u"]), max_size=2, unique=True),
    breakage=st.sampled_from(sorted(_BREAKAGES)),
)
def test_a_claim_with_a_problem_of_its_own_has_its_references_checked_alike(
    targets: list[str], objections: list[str], breakage: str
) -> None:
    # The unknown claims a claim names are reported whether or not another of its fields
    # has a problem: all at once, not one after the other is mended.
    def unknown(extra: str) -> list[tuple[int, int, str]]:
        text = (
            "claims:\n  - id: t\n    kind: thesis\n    text: T.\n"
            "  - id: u\n    text: U.\n    supports: [t]\n"
            f"  - id: a\n    text: A.\n{extra}"
            f"    supports: [{', '.join(targets)}]\n    attacks: [{', '.join(objections)}]\n"
        )
        diags = check_paths(["m.yaml"], given={"m.yaml": text.encode()}).diagnostics
        return [(d.span.line, d.span.col, d.message) for d in diags if d.code == "unknown-claim"]

    assert unknown(_BREAKAGES[breakage]) == unknown("    label: A label.\n")


def test_hints_are_those_of_did_you_mean_until_their_budget_is_spent() -> None:
    from argmap.diagnostics import Hints, did_you_mean

    names = [f"claim-{i}" for i in range(100)]
    hints = Hints(names, budget=250)
    words = ["claim-7x", "claim-8x", "claim-7x", "claim-9x"]
    # Two new words fit in 250 comparisons of 100 names; a repeated word costs nothing.
    assert [hints(w) for w in words] == [did_you_mean(w, names) for w in words[:3]] + [""]
    assert hints("claim-7x") == " (did you mean 'claim-7'?)"


def test_many_unknown_claims_in_a_large_map_are_checked_quickly() -> None:
    # Every one of 3,000 claims names a claim that does not exist: each is reported, and
    # the hints stop at their budget instead of comparing every word with every id.
    lines = ["claims:", "  - id: t", "    kind: thesis", "    text: T."]
    for i in range(3000):
        lines += [f"  - id: c{i}", f"    text: C{i}.", f"    supports: [t, x{i}]"]
    text = "\n".join(lines).encode()
    diags = check_paths(["m.yaml"], given={"m.yaml": text}).diagnostics
    unknown = [d for d in diags if d.code == "unknown-claim"]
    assert len(unknown) == 3000
    hinted = sum("did you mean" in d.message for d in unknown)
    assert 0 < hinted <= 500_000 // 3001 + 1
