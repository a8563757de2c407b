"""Runs one ICCMA task with clingo and the encodings beside this file; prints one JSON line.

Run with the peer's own interpreter:
  bench/.peers/clingo/bin/python bench/peers/clingo/run_clingo.py TASK SEMANTICS FILE [ARG]
TASK is EE (every extension), SE (one), DC or DS (credulous or skeptical acceptance of ARG);
SEMANTICS is GR, CO, PR, ST or SST; FILE is apx (read by clingo itself) or the 2023
numeric format (turned into facts here, argument k named ak). The time covers reading the
file, grounding and solving, not starting Python or importing clingo. Output:
{"seconds": float, "count": extensions found, "answer": "yes"/"no" for DC and DS}
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import clingo

HERE = Path(__file__).resolve().parent


def program(path: str) -> str:
    text = Path(path).read_text()
    if not path.endswith((".i23", ".af")):
        return text
    lines = [line.split() for line in text.splitlines() if line and line[0] != "#"]
    n = int(lines[0][2])
    facts = [f"arg(a{k})." for k in range(1, n + 1)]
    facts += [f"att(a{i},a{j})." for i, j in lines[1:]]
    return "\n".join(facts)


def control(facts: str, files: list[str], args: list[str]) -> clingo.Control:
    ctl = clingo.Control(args)
    ctl.add("base", [], facts)
    for name in files:
        ctl.load(str(HERE / name))
    ctl.ground([("base", [])])
    return ctl


def ins(model: clingo.Model, name: str = "in") -> list[str]:
    return sorted(str(s.arguments[0]) for s in model.symbols(shown=True) if s.name == name)


def solve(ctl: clingo.Control, limit: int, assumptions=(), stop=None) -> list[list[str]]:
    """Models (their in-sets), up to ``limit`` (0: all), or until ``stop`` says so."""
    found: list[list[str]] = []
    with ctl.solve(yield_=True, assumptions=list(assumptions)) as handle:
        for model in handle:
            found.append(ins(model))
            if (limit and len(found) >= limit) or (stop and stop(found[-1])):
                break
    return found


def run(task: str, sem: str, facts: str, query: str | None) -> dict[str, object]:
    q = clingo.Function("in", [clingo.Function(query)]) if query else None
    if sem == "GR":
        ctl = control(facts, ["grounded.lp"], [])
        with ctl.solve(yield_=True) as handle:
            ext = ins(next(iter(handle)), "g_in")
        if task in ("DC", "DS"):
            return {"count": 1, "answer": "yes" if query in ext else "no"}
        return {"count": 1}
    base = ["afs.lp", "show.lp"]
    if sem in ("CO", "ST"):
        ctl = control(facts, [*base, "complete.lp" if sem == "CO" else "stable.lp"], ["0"])
        if task == "EE":
            return {"count": len(solve(ctl, 0))}
        if task == "SE":
            return {"count": len(solve(ctl, 1))}
        if sem == "CO" and task == "DS":
            return run(task, "GR", facts, query)
        want = task == "DC"
        hit = solve(ctl, 1, [(q, want)])
        return {"count": len(hit), "answer": "yes" if bool(hit) == want else "no"}
    heuristic = ["0", "--heuristic=Domain", "--enum-mode=domRec"]
    if sem == "PR":
        if task == "DC":
            return run("DC", "CO", facts, query)
        ctl = control(facts, [*base, "complete.lp", "preferred.lp"], heuristic)
        if task == "DS":
            found = solve(ctl, 0, stop=lambda ext: query not in ext)
            return {
                "count": len(found),
                "answer": "no" if found and query not in found[-1] else "yes",
            }
        return {"count": len(solve(ctl, 0 if task == "EE" else 1))}
    # SST: maximal ranges by the heuristic, then the complete sets of exactly each range.
    ranges = control(facts, [*base, "complete.lp", "semi-stable.lp"], heuristic)
    exact = control(facts, [*base, "complete.lp", "semi-stable.lp"], ["0"])
    args = [str(s.symbol.arguments[0]) for s in exact.symbolic_atoms.by_signature("arg", 1)]
    count = 0
    with ranges.solve(yield_=True) as handle:
        for model in handle:
            rng = {str(s.arguments[0]) for s in model.symbols(atoms=True) if s.name == "range"}
            fix = [(clingo.Function("range", [clingo.Function(a)]), a in rng) for a in args]
            if task == "SE":
                return {"count": 1}
            if task == "EE":
                count += len(solve(exact, 0, fix))
                continue
            want = task == "DC"
            if solve(exact, 1, [*fix, (q, want)]):
                return {"count": count, "answer": "yes" if want else "no"}
    if task in ("DC", "DS"):
        return {"count": count, "answer": "no" if task == "DC" else "yes"}
    return {"count": count}


def main() -> None:
    task, sem, path = sys.argv[1:4]
    query = sys.argv[4] if len(sys.argv) > 4 else None
    if query and path.endswith((".i23", ".af")):
        query = f"a{query}"
    start = time.perf_counter()
    result = run(task, sem, program(path), query)
    result["seconds"] = time.perf_counter() - start
    print(json.dumps(result))


if __name__ == "__main__":
    main()
