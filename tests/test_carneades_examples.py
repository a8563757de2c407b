"""The reader's verdicts against Carneades 4's own examples and the labels they expect.

Carneades 4 (carneades/carneades-4, ``examples/AGs/YAML``) ships argument graphs with a
``tests`` section: the statements its semantics labels ``in`` and ``out``. The graphs are
read next to the repository when they are there (``shared/data/carneades``), translated
into claim maps here, in the test, as a Carneades user would write them in argmap:

- a statement becomes a claim, and ``¬x`` the same claim as ``x``: an argument for ``¬x``
  is an objection to ``x`` (an issue of two positions, a statement and its complement);
- an argument becomes a claim of kind ``argument`` whose supports are its premises
  (linked: all must hold), weighing what its scheme's constant weight says (0.5 unless it
  says one); a ``convergent`` argument's premises are independent reasons instead;
- an undercutter undercuts its argument;
- an issue of several positions makes the arguments for each objections to the others;
- an assumed statement is a claim that nothing supports, which stands unless attacked; a
  statement that is neither assumed nor argued for is a ``question``, which Carneades
  would accept only once it is settled.

Carneades' ``in`` must then stand and its ``out`` must not (a claim whose reasons all fall
is open, not in). Its ``in`` of ``¬x`` means that ``x`` falls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap, Claim, ClaimKind

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "carneades"
#: The examples whose graphs use only what the translation above covers (the marijuana
#: debate weighs by its premises' count, ``cumulative``, which has no counterpart, and
#: expects no labels).
EXAMPLES = ["linked-convergent.yml", "rebuttal.yml", "tandem.yml", "toulmin.yml"]


def _literal(statement: str, statements: dict[str, Any]) -> tuple[str, bool]:
    """A statement's claim id, and whether it is the complement ``¬x`` of a statement ``x``
    of the graph (a ``¬`` statement with no ``x``, such as ``¬app(a1)``, is its own)."""
    negated = statement.startswith("¬") and statement[1:] in statements
    name = statement[1:] if negated else statement.replace("¬", "not ")
    cleaned = "".join(c if c.isalnum() else "-" for c in name.lower())
    return "s-" + "-".join(part for part in cleaned.split("-") if part), negated


def translate(graph: dict[str, Any]) -> ArgumentMap:
    """A Carneades 4 argument graph as a claim map (see the module's docstring)."""
    statements: dict[str, Any] = graph.get("statements") or {}

    def _id(statement: str) -> str:
        return _literal(statement, statements)[0]

    assumed = set(graph.get("assumptions") or ())
    assumed |= {s for s, v in statements.items() if isinstance(v, dict) and v.get("assumed")}
    weights = {
        scheme["id"]: scheme["weight"]["constant"]
        for scheme in graph.get("argument_schemes") or ()
        if "constant" in (scheme.get("weight") or {})
    }
    rivals: dict[str, set[str]] = {}
    for issue in (graph.get("issues") or {}).values():
        positions = issue["positions"]
        if len(positions) > 2:
            for p in positions:
                rivals[p] = {q for q in positions if q != p}
    supports: dict[str, list[str]] = {}
    attacks: dict[str, list[str]] = {}
    undercuts: dict[str, list[str]] = {}
    argued = set()
    nodes: list[Claim] = []
    for name, arg in graph["arguments"].items():
        conclusion = arg["conclusion"]
        premises = arg.get("premises") or []
        premises = list(premises.values()) if isinstance(premises, dict) else list(premises)
        node = "a-" + _literal(name, {})[0].removeprefix("s-")
        argued.add(_id(conclusion))
        targets = [_id(conclusion)]
        side = attacks if _literal(conclusion, statements)[1] else supports
        for rival in rivals.get(conclusion, ()):
            attacks.setdefault(node, []).append(_id(rival))
        side.setdefault(node, []).extend(targets)
        for premise in premises:
            supports.setdefault(_id(premise), []).append(node)
        if "undercutter" in arg:
            undercuts.setdefault(_id(arg["undercutter"]), []).append(node)
        convergent = arg.get("scheme") == "convergent"
        weight = weights.get(arg.get("scheme", ""), 0.5)
        kind = ClaimKind.CLAIM if convergent else ClaimKind.ARGUMENT
        nodes.append(Claim(id=node, kind=kind, text=f"Argument {name}.", weight=weight))
    claims = {}
    for statement, value in statements.items():
        cid = _id(statement)
        if cid in claims:
            continue
        text = value["text"] if isinstance(value, dict) else value
        settled = statement in assumed or cid in argued
        kind = ClaimKind.CLAIM if settled else ClaimKind.QUESTION
        claims[cid] = Claim(id=cid, kind=kind, text=str(text))
    out = []
    for claim in [*claims.values(), *nodes]:
        cid = claim.id
        out.append(
            claim.model_copy(
                update={
                    "supports": tuple(dict.fromkeys(supports.get(cid, ()))),
                    "attacks": tuple(dict.fromkeys(attacks.get(cid, ()))),
                    "undercuts": tuple(dict.fromkeys(undercuts.get(cid, ()))),
                }
            )
        )
    return ArgumentMap(claims=tuple(out))


def check_labels(graph: dict[str, Any]) -> None:
    amap = translate(graph)
    verdicts = {c: v.value for c, v in evaluate_map(amap, gradual=None).verdicts.items()}
    tests, statements = graph["tests"], graph["statements"]
    for statement in tests.get("in", ()):
        cid, negated = _literal(statement, statements)
        assert verdicts[cid] == ("falls" if negated else "stands"), (statement, verdicts)
    for statement in tests.get("out", ()):
        cid, negated = _literal(statement, statements)
        if not negated:  # (¬x out: x need not stand, it may be open)
            assert verdicts[cid] != "stands", (statement, verdicts)


@pytest.mark.skipif(not DATA.is_dir(), reason="Carneades' examples are not next to the repository")
@pytest.mark.parametrize("name", EXAMPLES)
def test_carneades_examples_get_the_labels_carneades_expects(name: str) -> None:
    check_labels(yaml.safe_load((DATA / name).read_text("utf-8")))


# The same shapes, written here, so that the check runs wherever the tests do.
TOULMIN_SHAPE = {
    "statements": {
        "d": {"text": "D.", "assumed": True},
        "w": "W.",
        "b": {"text": "B.", "assumed": True},
        "x": "X.",
        "y": {"text": "Y.", "assumed": True},
        "z": {"text": "Z.", "assumed": True},
        "¬app(a1)": "A1 does not apply.",
        "c": "C.",
    },
    "arguments": {
        "a1": {"premises": {"datum": "d", "warrant": "w"}, "conclusion": "c", "undercutter": "¬app(a1)"},
        "a1.2": {"premises": ["x"], "conclusion": "¬app(a1)"},
        "a3": {"premises": ["y", "z"], "conclusion": "x"},
        "a2": {"premises": {"backing": "b"}, "conclusion": "w"},
    },
    "tests": {"in": ["d", "w", "x", "b", "y", "z", "¬app(a1)"], "out": ["c"]},
}  # fmt: skip
REBUTTAL_SHAPE = {
    "statements": {"p": "P", "¬p": "not P", "q": "Q", "r": "R"},
    "issues": {"i1": {"positions": ["p", "¬p"]}},
    "argument_schemes": [
        {"id": "weak", "weight": {"constant": 0.1}},
        {"id": "strong", "weight": {"constant": 0.5}},
    ],
    "arguments": {
        "a1": {"scheme": "weak", "conclusion": "p", "premises": ["q"]},
        "a2": {"scheme": "strong", "conclusion": "¬p", "premises": ["r"]},
    },
    "assumptions": ["q", "r"],
    "tests": {"in": ["¬p", "q", "r"], "out": ["p"]},
}
ALTERNATIVES_SHAPE = {
    "statements": {
        **{f"{w}w": {"text": f"{w} wants it.", "assumed": True} for w in "jms"},
        **{f"{w}t": f"{w} has it." for w in "jms"},
        **{f"¬{w}t": f"{w} does not have it." for w in "jms"},
        **{pair: f"{pair} have it." for pair in ("jm", "js", "ms")},
    },
    "issues": {"i1": {"positions": ["jm", "js", "ms"]}},
    "arguments": {
        **{f"want-{w}": {"conclusion": f"{w}t", "premises": [f"{w}w"]} for w in "jms"},
        **{f"pair-{p}": {"conclusion": p, "premises": [f"{p[0]}t", f"{p[1]}t"]} for p in ("jm", "js", "ms")},
        "not-j": {"conclusion": "¬jt", "premises": ["ms"]},
        "not-m": {"conclusion": "¬mt", "premises": ["js"]},
        "not-s": {"conclusion": "¬st", "premises": ["jm"]},
    },
    "tests": {"in": ["jw", "mw", "sw"], "out": ["jt", "mt", "st", "jm", "js", "ms"]},
}  # fmt: skip
CONVERGENT_SHAPE = {
    "statements": {"p": "P", "q": "Q", "r": "R", "s": "S", "t": "T"},
    "arguments": {
        "a1": {"scheme": "convergent", "conclusion": "t", "premises": ["p", "s"]},
        "a2": {"scheme": "linked", "conclusion": "p", "premises": ["q", "r"]},
    },
    "assumptions": ["q", "r"],
    "tests": {"in": ["q", "r", "p", "t"], "out": ["s"]},
}


@pytest.mark.parametrize(
    "graph",
    [TOULMIN_SHAPE, REBUTTAL_SHAPE, ALTERNATIVES_SHAPE, CONVERGENT_SHAPE],
    ids=["undercutter", "rebuttal", "alternatives", "convergent"],
)
def test_carneades_shapes_get_the_labels_carneades_gives(graph: dict[str, Any]) -> None:
    check_labels(graph)


def test_an_undercutter_carneades_accepts_strikes_the_argument_whatever_its_weight() -> None:
    amap = translate(TOULMIN_SHAPE)
    evaluation = evaluate_map(amap, gradual=None)
    assert evaluation.verdicts["a-a1"].value == "falls"
    assessment = evaluation.assessment("a-a1")
    assert assessment is not None and assessment.undercut_by == ("s-not-app-a1",)
