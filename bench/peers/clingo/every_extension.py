"""Every extension of some ICCMA frameworks under five semantics, by clingo; prints one JSON object.

Run with the peer's own interpreter:
  bench/.peers/clingo/bin/python bench/peers/clingo/every_extension.py LIMIT FILE...

Each FILE is in the 2023 numeric format. The output maps each file to its extensions under
GR, CO, PR, ST and SST, each a sorted list of sorted argument numbers; a semantics with more
than LIMIT extensions is given as null (too many to list). The encodings are those beside
this file, which bench/bench_iccma.py also uses; bench/crosscheck_clingo.py reads the output.
"""

from __future__ import annotations

import json
import sys

import clingo
import run_clingo as peer

SEMANTICS = ("GR", "CO", "PR", "ST", "SST")


def extensions(sem: str, facts: str, limit: int) -> list[list[str]] | None:
    """The extensions' in-sets, or None when there are more than ``limit``."""
    if sem == "GR":
        ctl = peer.control(facts, ["grounded.lp"], [])
        with ctl.solve(yield_=True) as handle:
            return [peer.ins(next(iter(handle)), "g_in")]
    base = ["afs.lp", "show.lp"]
    found: list[list[str]]
    if sem in ("CO", "ST"):
        ctl = peer.control(facts, [*base, "complete.lp" if sem == "CO" else "stable.lp"], ["0"])
        found = peer.solve(ctl, limit + 1)
    elif sem == "PR":
        heuristic = ["0", "--heuristic=Domain", "--enum-mode=domRec"]
        ctl = peer.control(facts, [*base, "complete.lp", "preferred.lp"], heuristic)
        found = peer.solve(ctl, limit + 1)
    else:
        found = semi_stable(facts, limit)
    return None if len(found) > limit else found


def semi_stable(facts: str, limit: int) -> list[list[str]]:
    """The complete sets whose range is maximal: each maximal range, then its sets."""
    heuristic = ["0", "--heuristic=Domain", "--enum-mode=domRec"]
    ranges = peer.control(facts, ["afs.lp", "show.lp", "complete.lp", "semi-stable.lp"], heuristic)
    exact = peer.control(facts, ["afs.lp", "show.lp", "complete.lp", "semi-stable.lp"], ["0"])
    names = [str(s.symbol.arguments[0]) for s in exact.symbolic_atoms.by_signature("arg", 1)]
    found: list[list[str]] = []
    with ranges.solve(yield_=True) as handle:
        for model in handle:
            held = {str(s.arguments[0]) for s in model.symbols(atoms=True) if s.name == "range"}
            fix = [(clingo.Function("range", [clingo.Function(a)]), a in held) for a in names]
            found += peer.solve(exact, limit + 1 - len(found), fix)
            if len(found) > limit:
                break
    return found


def main() -> None:
    limit = int(sys.argv[1])
    out: dict[str, dict[str, list[list[int]] | None]] = {}
    for path in sys.argv[2:]:
        facts = peer.program(path)
        out[path] = {}
        for sem in SEMANTICS:
            found = extensions(sem, facts, limit)
            out[path][sem] = (
                None if found is None else sorted(sorted(int(a[1:]) for a in e) for e in found)
            )
    print(json.dumps(out))


if __name__ == "__main__":
    main()
