"""The reader's verdicts against Carneades 4's own examples and the labels they expect.

Carneades 4 (carneades/carneades-4, ``examples/AGs/YAML``) ships argument graphs with a
``tests`` section: the statements its semantics labels ``in`` and ``out``. The graphs are
read next to the repository when they are there (``shared/data/carneades``), with
``--from carneades`` (docs/formats/carneades.md says how a graph becomes a map), and the
same shapes written here are read wherever the tests run. Carneades' ``in`` must stand and
its ``out`` must not (a claim whose reasons all fall is open, not in); its ``in`` of ``¬x``
means that ``x`` falls.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.evaluate import evaluate_map
from argmap.read.carneades import read_carneades
from argmap.read.yaml import read_yaml
from argmap.validate import validate_map

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "carneades"
#: The examples with labels to check (the marijuana debate weighs ``cumulative``
#: arguments, which have no counterpart, and expects none).
EXAMPLES = ["linked-convergent.yml", "rebuttal.yml", "tandem.yml", "toulmin.yml"]


def _literal(statement: str, statements: dict[str, Any]) -> tuple[str, bool]:
    """A statement's claim id, as the page says, and whether it is the complement ``¬x``
    of a statement ``x`` of the graph (a ``¬`` statement with no ``x`` is its own)."""
    negated = statement.startswith("¬") and statement[1:] in statements
    name = statement[1:] if negated else statement.replace("¬", "not ")
    cleaned = "".join(c if c.isalnum() else "-" for c in name.lower())
    return "-".join(part for part in cleaned.split("-") if part), negated


def check_labels(text: str) -> None:
    graph = yaml.safe_load(text)
    result = read_carneades(text, "graph.yml")
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    verdicts = {c: v.value for c, v in evaluate_map(result.amap, gradual=None).verdicts.items()}
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
    check_labels((DATA / name).read_text("utf-8"))


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
    check_labels(_dump(graph))


def _dump(graph: dict[str, Any]) -> str:
    return yaml.safe_dump(graph, allow_unicode=True, sort_keys=False)


def test_an_undercutter_carneades_accepts_strikes_the_argument_whatever_its_weight() -> None:
    amap = read_carneades(_dump(TOULMIN_SHAPE), "toulmin.yml").amap
    evaluation = evaluate_map(amap, gradual=None)
    assert evaluation.verdicts["arg-a1"].value == "falls"
    assessment = evaluation.assessment("arg-a1")
    assert assessment is not None and assessment.undercut_by == ("not-app-a1",)
    assert amap.by_id["not-app-a1"].undercuts == ("arg-a1",)
    assert amap.by_id["arg-a1"].supports == ("c",)
    # The JSON of the evaluation names the decisive undercut too.
    run = CliRunner().invoke(
        main, ["eval", "-", "--from", "carneades", "--format", "json"], input=_dump(TOULMIN_SHAPE)
    )
    claims = {c["id"]: c for c in json.loads(run.stdout)["claims"]}
    assert claims["arg-a1"]["undercut_by"] == ["not-app-a1"]
    assert claims["arg-a1"]["verdict"] == "falls" and claims["c"]["undercut_by"] == []


def test_what_has_no_counterpart_is_named_with_its_position() -> None:
    text = _dump(
        {
            "meta": {"title": "Cumulative", "notes": "A note."},
            "language": {"p/1": "%s"},
            "statements": {"p": "P", "q": "Q", "r": {"text": "R", "assumed": True}},
            "arguments": {
                "a1": {"scheme": "cumulative", "conclusion": "p", "premises": ["q", "r"]}
            },
            "colour": "blue",
        }
    )
    result = read_carneades(text, "g.yml")
    found = {(d.code, d.severity.value, d.span.line) for d in result.diagnostics}
    lines = text.splitlines()

    def line(start: str) -> int:
        return next(i for i, ln in enumerate(lines, 1) if ln.strip().startswith(start))

    assert ("carneades-not-kept", "info", line("language:")) in found
    assert ("carneades-scheme", "warning", line("scheme: cumulative")) in found
    assert ("carneades-unsettled", "info", line("q: Q")) in found  # neither assumed nor argued
    assert ("carneades-unknown-field", "warning", line("colour:")) in found
    assert result.amap.meta.title == "Cumulative" and result.amap.meta.description == "A note."
    assert result.amap.by_id["q"].kind.value == "question"
    assert result.amap.by_id["arg-a1"].kind.value == "argument"


def test_a_claim_file_that_is_a_carneades_graph_says_how_to_read_it(tmp_path: Path) -> None:
    text = _dump(REBUTTAL_SHAPE)
    result = read_yaml(text, "graph.yml")
    [error] = [d for d in result.diagnostics if d.severity.value == "error"]
    assert "--from carneades" in error.message
    (tmp_path / "graph.yml").write_text(text, encoding="utf-8")
    run = CliRunner().invoke(main, ["eval", "--from", "carneades", str(tmp_path / "graph.yml")])
    assert run.exit_code == 0, run.output
    assert "arg-a2" in run.stdout and "falls" in run.stdout


@settings(max_examples=300, deadline=None)
@given(st.randoms(use_true_random=False))
def test_any_graph_reads_into_a_map_check_accepts(rnd: random.Random) -> None:
    """Whatever a graph says (a premise and its complement, an undercutter that is also a
    premise, clashing names, positions nothing argues), the map it becomes is well formed:
    the reader's own words are the only errors."""
    names = rnd.choices(
        ["p", "q", "r", "x_y", "¬p", "¬q", "arg a1", "a1", "¬app(a1)", "P", "p-"],
        k=rnd.randint(1, 8),
    )
    atoms = [*names, "z", "¬z"]
    arguments = {}
    for j in range(rnd.randint(0, 6)):
        arg: dict[str, Any] = {"conclusion": rnd.choice(atoms)}
        arg["premises"] = rnd.sample(atoms, rnd.randint(0, min(3, len(atoms))))
        if rnd.random() < 0.3:
            arg["undercutter"] = rnd.choice(atoms)
        if rnd.random() < 0.3:
            arg["scheme"] = rnd.choice(["linked", "convergent", "cumulative", "w", "nope"])
        arguments[rnd.choice(["a1", "a2", "a1.2", f"a{j}"])] = arg
    graph = {
        "statements": {n: rnd.choice([n.upper(), {"text": n, "assumed": rnd.random() < 0.5}]) for n in names},
        "arguments": arguments,
        "issues": {"i": {"positions": rnd.sample(atoms, rnd.randint(0, min(4, len(atoms))))}},
        "argument_schemes": [{"id": "w", "weight": {"constant": rnd.choice([0.1, 0.9, 2])}}],
        "assumptions": rnd.sample(atoms, rnd.randint(0, 2)),
    }  # fmt: skip
    result = read_carneades(_dump(graph), "g.yml")
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    problems = validate_map(result.amap, result.spans)
    assert [str(d) for d in problems if d.severity.value == "error"] == []
    evaluate_map(result.amap, gradual=None)
