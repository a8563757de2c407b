"""Compares argmap's Argdown reader with Argdown's CLI on generated documents. Run by hand.

    .venv/bin/python tests/cases/argdown/differential.py [--count 600] [--seed 1]

Each document is a seeded random mix of statements, arguments, references, relations at
several depths (indented with spaces or tabs), premise-conclusion structures, headings,
lists, markup, continuation lines, comments, blank lines with spaces, CRLF line ends and
strict mode. The peer (installed by
``regenerate.sh``) exports them all in one run; a document is counted as agreeing when
both reject it, or when both read the same nodes, canonical texts and relations (apart
from the self-relations argmap keeps on purpose and warns about).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from argmap.diagnostics import Severity  # noqa: E402
from argmap.read.argdown import read_argdown  # noqa: E402
from argmap.read.argdown.build import build_model  # noqa: E402
from argmap.read.argdown.parser import parse  # noqa: E402
from tests import test_argdown_peer as peer_check  # noqa: E402

TITLES = ["A", "B", "C", "D", "E"]
ARGUMENTS = ["P", "Q", "R"]
WORDS = [
    "alpha", "beta", "gamma", "delta", "e.g.", "x:y", "**bold**", "_it_", "#tag", "#(two w)",
    "@[A]", "[l](http://u)", ".A.", "a,b", "(x)", "- dash", "\\*",
]  # fmt: skip
SYMBOLS = ["+", "<+", "+>", "-", "<-", "->", "_", "<_", "_>", "><"]
INFERENCES = ["--", "----", "-- Rule --", "--\nRule, Other {u: 1}\n--"]


class Generator:
    """Random Argdown documents from one seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def text(self) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(1, 4)))

    def statement(self) -> str:
        r = self.rng.random()
        if r < 0.3:
            out = f"[{self.rng.choice(TITLES)}]"
        elif r < 0.7:
            out = f"[{self.rng.choice(TITLES)}]: {self.text()}"
        else:
            out = self.text()
        if self.rng.random() < 0.1 and not out.endswith("]"):
            out += "\n" + self.rng.choice(["", "  ", "\t"]) + self.text()  # a continuation line
        if self.rng.random() < 0.15:
            out += " {isCanonical: true}" if self.rng.random() < 0.5 else " {x: 1}"
        return out

    def argument(self) -> str:
        title = f"<{self.rng.choice(ARGUMENTS)}>"
        return title + (f": {self.text()}" if self.rng.random() < 0.5 else "")

    def relations(self, depth: int, lines: list[str], indent: int) -> None:
        for _ in range(self.rng.randint(0, 3 if depth < 3 else 0)):
            symbol = self.rng.choice(SYMBOLS)
            plain = symbol == "><" or self.rng.random() < 0.6
            member = self.statement() if plain else self.argument()
            step = "\t" if self.rng.random() < 0.1 else "  "
            lines.append(step * indent + symbol + " " + member)
            self.relations(depth + 1, lines, indent + 1)

    def pcs_statement(self, lines: list[str], number: int) -> None:
        lines.append(f"({number}) " + self.statement().replace(" {isCanonical: true}", ""))
        if self.rng.random() < 0.3:
            self.relations(2, lines, 1)

    def block(self) -> list[str]:
        r = self.rng.random()
        lines: list[str] = []
        if r < 0.1:
            lines.append("#" * self.rng.randint(1, 3) + " " + self.text().replace("#", ""))
        elif r < 0.45:
            lines.append(self.statement())
            self.relations(1, lines, 1)
        elif r < 0.7:
            lines.append(self.argument())
            self.relations(1, lines, 1)
        elif r < 0.95:
            number = 0
            for _part in range(self.rng.randint(1, 2)):
                for _ in range(self.rng.randint(1, 2)):
                    number += 1
                    self.pcs_statement(lines, number)
                lines.append(self.rng.choice(INFERENCES))
                if self.rng.random() < 0.3:
                    lines.append("  <_ " + self.argument())
                number += 1
                self.pcs_statement(lines, number)
        else:
            lines += ["* " + self.statement(), "* " + self.argument()]
        return lines

    def document(self) -> str:
        blocks = ["===\nmodel:\n  mode: strict\n==="] if self.rng.random() < 0.3 else []
        blocks += ["\n".join(self.block()) for _ in range(self.rng.randint(1, 6))]
        lines = []
        for line in "\n\n".join(blocks).split("\n"):
            r = self.rng.random()
            if line.strip() and r < 0.05:
                line += " // note"
            elif line.strip() and r < 0.08:
                line += " /* inline */"
            elif not line.strip() and r < 0.3:
                line = self.rng.choice(["  ", "\t", " \t "])
            lines.append(line)
        text = "\n".join(lines) + "\n"
        return text.replace("\n", "\r\n") if self.rng.random() < 0.2 else text


def compare(folder: Path, name: str) -> str:
    """'both-reject', 'agree' or a description of the first difference."""
    text = (folder / f"{name}.argdown").read_text(encoding="utf-8")
    rejected = any(
        d.severity is Severity.ERROR for d in read_argdown(text, name + ".argdown").diagnostics
    )
    exported = (folder / "out" / f"{name}.json").exists()
    if not exported or rejected:
        return (
            "both-reject"
            if rejected and not exported
            else f"only {'argmap' if rejected else 'Argdown'} rejects"
        )
    peer_check.CASES = folder / "out"
    peer = peer_check.Peer(name)
    doc, _errors = parse(text)
    model = build_model(doc)
    nodes = {peer_check._ident(model, n) for n in model.nodes.values()}
    if nodes != peer.nodes():
        return f"nodes differ: {sorted(nodes ^ peer.nodes())[:3]}"
    mine = peer_check._model_relations(model, kept=False)
    if mine != peer.relations():
        return f"relations differ: {sorted(mine ^ peer.relations())[:3]}"
    for node in model.nodes.values():
        if node.untitled:
            continue
        group = peer.data["arguments" if node.kind == "argument" else "statements"]
        member = node.canonical()
        text = peer_check._norm(member.text or "") if member else ""
        if text != peer_check._peer_text(group[node.title]["members"]):
            return f"texts of {node.title!r} differ"
    return "agree"


def main() -> int:
    """Generate, export with the peer, compare, print the tally; exit 1 on any difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    peer = (
        Path(os.environ.get("ARGDOWN_PEER_DIR", "/tmp/argdown-peer")) / "node_modules/.bin/argdown"
    )
    if not peer.exists():
        print(f"no Argdown CLI at {peer}: run regenerate.sh first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = [f"g{args.seed + i}" for i in range(args.count)]
        for i, name in enumerate(names):
            text = Generator(args.seed + i).document()
            (folder / f"{name}.argdown").write_text(text, encoding="utf-8", newline="")
        subprocess.run(
            [str(peer), "json", "*.argdown", "out"], cwd=folder, capture_output=True, check=False
        )
        tally: dict[str, int] = {}
        for name in names:
            verdict = compare(folder, name)
            key = verdict if verdict in ("agree", "both-reject") else "differ"
            tally[key] = tally.get(key, 0) + 1
            if key == "differ":
                print(f"{name}: {verdict}")
    print(", ".join(f"{k}: {v}" for k, v in sorted(tally.items())))
    return 1 if tally.get("differ") else 0


if __name__ == "__main__":
    sys.exit(main())
