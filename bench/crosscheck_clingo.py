"""Cross-check of argmap's semantics against clingo on many seeded random frameworks.

Run: .venv/bin/python bench/crosscheck_clingo.py [--count 100] [--seeds 1-10]
         [--arguments 15-90] [--limit 20000] [--cli 0]

Set clingo up first with ``bash bench/peers/clingo/setup.sh``. For every framework, clingo
(bench/peers/clingo/every_extension.py, the ASPARTIX-style encodings of bench_iccma.py)
lists every extension under grounded, complete, preferred, stable and semi-stable
semantics, and argmap's engine must give exactly the same sets. Then, for a few arguments
of each framework, credulous and skeptical acceptance under each semantics must agree with
those sets, one extension (``--first``) must be one of them, and the ideal extension must be
the largest admissible set inside every preferred one. ``--cli N`` checks the first N
frameworks of each seed again through ``argmap eval``, on the ``.i23`` file and on the same
framework written as ``.apx``. A semantics with more than ``--limit`` extensions is left out.
Without clingo, argmap's engine is the reference and only the CLI is checked against it.

The frameworks (seeded, so every run checks the same ones) come in six families: uniform
random attacks, sparse ones (0 to 2 attacks an argument), random ones with self-attacks,
layered ones (attacks mostly forward, a few back), unions of short cycles with random
chords, and small dense ones. Prints the checks made and each disagreement; exit status 1
when there is one.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import bench_iccma
from argmap.semantics import extensions as ext
from argmap.semantics.acceptance import accepts
from argmap.semantics.framework import Framework

HERE = Path(__file__).resolve().parent
CLINGO = HERE / ".peers" / "clingo" / "bin" / "python"
LISTER = HERE / "peers" / "clingo" / "every_extension.py"
#: The semantics clingo lists (the ideal extension is checked from the preferred ones).
SEMANTICS = {key: name for key, name in bench_iccma.SEMANTICS.items() if key != "ID"}
FAMILIES = ("uniform", "sparse", "self-attacks", "layered", "cycles", "dense")

Attacks = list[tuple[int, int]]  # 1-based, as the files write them
Sets = list[list[int]]


def framework(seed: int, index: int, low: int, high: int) -> tuple[str, int, Attacks]:
    """The ``index``-th framework of a seed: its family, arguments and attacks."""
    r = random.Random(seed * 1_000_003 + index)
    family = FAMILIES[index % len(FAMILIES)]
    n = r.randint(low, high) if family != "dense" else r.randint(6, 14)
    attacks: set[tuple[int, int]] = set()
    if family in ("uniform", "self-attacks", "dense"):
        p = r.uniform(0.1, 0.4) if family == "dense" else r.uniform(0.5, 3.0) / n
        attacks = {(a, b) for a in range(n) for b in range(n) if r.random() < p}
        if family == "self-attacks":
            attacks |= {(a, a) for a in range(n) if r.random() < 0.15}
    elif family == "sparse":
        attacks = {(a, r.randrange(n)) for a in range(n) for _ in range(r.choice((0, 1, 1, 2)))}
    elif family == "layered":
        for a in range(n):
            attacks |= {(a, b) for b in range(a + 1, min(n, a + 6)) if r.random() < 0.35}
            if r.random() < 0.1:
                attacks.add((a, r.randrange(a + 1)))
    else:
        for _ in range(r.randint(1, 8)):
            cycle = r.sample(range(n), min(r.randint(2, 9), n))
            attacks |= {(x, cycle[(i + 1) % len(cycle)]) for i, x in enumerate(cycle)}
        attacks |= {(r.randrange(n), r.randrange(n)) for _ in range(r.randint(0, n))}
    return family, n, sorted((a + 1, b + 1) for a, b in attacks)


def write(folder: Path, stem: str, n: int, attacks: Attacks) -> tuple[Path, Path]:
    i23, apx = folder / f"{stem}.i23", folder / f"{stem}.apx"
    i23.write_text(f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in attacks))
    facts = [f"arg(a{k}).\n" for k in range(1, n + 1)] + [f"att(a{a},a{b}).\n" for a, b in attacks]
    apx.write_text("".join(facts))
    return i23, apx


def ideal_of(preferred: Sets, n: int, attacks: Attacks) -> list[int]:
    """The largest admissible set inside every preferred extension (Dung, Mancarella & Toni 2007)."""
    held = set(range(1, n + 1)).intersection(*map(set, preferred))
    attackers: dict[int, set[int]] = {k: set() for k in range(1, n + 1)}
    for a, b in attacks:
        attackers[b].add(a)
    while True:  # keep what the set still defends; what is left is admissible
        struck = {b for a, b in attacks if a in held}
        kept = {x for x in held if attackers[x] <= struck}
        if kept == held:
            return sorted(held)
        held = kept


class Check:
    """The checks made and the disagreements found."""

    def __init__(self) -> None:
        self.made = 0
        self.wrong: list[str] = []

    def same(self, what: str, ours: object, reference: object) -> None:
        self.made += 1
        if ours != reference:
            self.wrong.append(f"{what}: argmap {ours!r}, reference {reference!r}")


def engine_sets_of(fw: Framework, name: str) -> Sets:
    """Every extension under one semantics, as sorted argument numbers."""
    return sorted(sorted(i + 1 for i in e) for e in ext.iter_extensions(fw, name))


def engine_sets(fw: Framework) -> dict[str, Sets | None]:
    """Every extension by argmap's engine, per semantics: the reference without clingo."""
    return {key: engine_sets_of(fw, name) for key, name in SEMANTICS.items()}


def queries(stem: str, n: int) -> list[int]:
    return random.Random(stem).sample(range(1, n + 1), min(n, 5))


def check_engine(
    stem: str, fw: Framework, n: int, reference: dict[str, Sets | None], check: Check
) -> None:
    for key, name in SEMANTICS.items():
        sets = reference[key]
        if sets is None:
            continue
        check.same(f"{stem} {key} extensions", engine_sets_of(fw, name), sets)
        first = ext.first_extension(fw, name)
        check.same(
            f"{stem} {key} first", first is None or sorted(i + 1 for i in first) in sets, True
        )
        check.same(f"{stem} {key} first exists", first is not None, bool(sets))
        for q in queries(stem, n):
            check.same(
                f"{stem} {key} credulous {q}",
                accepts(fw, q - 1, name, "credulous"),
                any(q in e for e in sets),
            )
            check.same(
                f"{stem} {key} skeptical {q}",
                accepts(fw, q - 1, name, "skeptical"),
                all(q in e for e in sets),
            )


def check_ideal(
    stem: str, fw: Framework, n: int, attacks: Attacks, preferred: Sets | None, check: Check
) -> None:
    if preferred is None:
        return
    ideal = ideal_of(preferred, n, attacks)
    check.same(f"{stem} ID extensions", engine_sets_of(fw, "ideal"), [ideal])
    for q in queries(stem, n):
        for mode in ("credulous", "skeptical"):
            check.same(f"{stem} ID {mode} {q}", accepts(fw, q - 1, "ideal", mode), q in ideal)


def cli(path: Path, name: str, *extra: str) -> dict[str, object]:
    command = [sys.executable, "-m", "argmap", "eval", str(path), "--semantics", name]
    done = subprocess.run(
        [*command, "--format", "json", *extra], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return {"failed": done.stderr.strip()[-200:]}
    result: dict[str, object] = json.loads(done.stdout)
    return result


def numbers(names: object) -> list[int]:
    assert isinstance(names, list)
    return sorted(int(str(a).removeprefix("a")) for a in names)


def check_cli(
    stem: str, files: tuple[Path, Path], n: int, reference: dict[str, Sets | None], check: Check
) -> None:
    for path in files:
        q = queries(stem, n)[0]
        name = str(q) if path.suffix == ".i23" else f"a{q}"
        for key, sem in SEMANTICS.items():
            sets = reference[key]
            if sets is None:
                continue
            listed = cli(path, sem).get("extensions", "failed")
            if isinstance(listed, list):
                listed = sorted(map(numbers, listed))
            check.same(f"{path.name} {key} CLI", listed, sets)
            one = cli(path, sem, "--first").get("extension", "failed")
            if isinstance(one, list):
                one = numbers(one)
            # One of the extensions, or none when there is none (stable semantics).
            fine = one in sets if isinstance(one, list) else one is None and not sets
            check.same(f"{path.name} {key} CLI --first gave {one}", fine, True)
            for mode in ("credulous", "skeptical"):
                answer = cli(path, sem, "--accept", name, "--mode", mode).get("accepted", "failed")
                wanted = (
                    any(q in e for e in sets) if mode == "credulous" else all(q in e for e in sets)
                )
                check.same(f"{path.name} {key} CLI {mode} {q}", answer, wanted)


def clingo_sets(files: list[Path], limit: int) -> Iterator[dict[str, Sets | None]]:
    done = subprocess.run(
        [str(CLINGO), str(LISTER), str(limit), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"clingo failed: {done.stderr.strip()[-400:]}")
    found = json.loads(done.stdout)
    for path in files:
        yield found[str(path)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="frameworks per seed")
    parser.add_argument("--seeds", default="1-10")
    parser.add_argument("--arguments", default="15-90", help="how many arguments, low-high")
    parser.add_argument("--limit", type=int, default=20000)
    parser.add_argument(
        "--cli", type=int, default=0, help="frameworks per seed checked through the CLI"
    )
    args = parser.parse_args()
    low, _, high = args.arguments.partition("-")
    first, _, last = args.seeds.partition("-")
    peer = CLINGO.exists()
    print(
        "# reference: clingo"
        if peer
        else "# clingo: not set up (bash bench/peers/clingo/setup.sh); reference: argmap's engine, CLI checked against it"
    )
    check = Check()
    frameworks = 0
    for seed in range(int(first), int(last or first) + 1):
        with tempfile.TemporaryDirectory() as tmp:
            made = [framework(seed, k, int(low), int(high or low)) for k in range(args.count)]
            files = [
                write(Path(tmp), f"s{seed}-{k}-{family}", n, att)
                for k, (family, n, att) in enumerate(made)
            ]
            fws = [
                Framework.from_arrays(n, [a - 1 for a, _ in att], [b - 1 for _, b in att])
                for _, n, att in made
            ]
            refs = (
                clingo_sets([i23 for i23, _ in files], args.limit)
                if peer
                else map(engine_sets, fws)
            )
            for k, ((_, n, att), pair, fw, reference) in enumerate(
                zip(made, files, fws, refs, strict=True)
            ):
                stem = pair[0].stem
                if peer:
                    check_engine(stem, fw, n, reference, check)
                    check_ideal(stem, fw, n, att, reference["PR"], check)
                if k < args.cli:
                    check_cli(stem, pair, n, reference, check)
                frameworks += 1
        print(
            f"# seed {seed}: {check.made} checks so far, {len(check.wrong)} disagreements",
            flush=True,
        )
    print(f"{frameworks} frameworks, {check.made} checks, {len(check.wrong)} disagreements")
    for line in check.wrong[:20]:
        print("DISAGREES", line)
    return 1 if check.wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
