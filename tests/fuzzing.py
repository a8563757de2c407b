"""Seeded mutation fuzzing of the readers: valid documents of each format, mutated byte by byte
and line by line, must give diagnostics with positions and never an exception of another kind.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Claim, ClaimKind, MapMeta, Source, SourceRef
from argmap.read import load_text
from argmap.read.collect import decode_utf8
from argmap.write.aif import render_aif
from argmap.write.argdown import render_argdown
from argmap.write.json import render_json
from argmap.write.yaml import render_yaml

SAMPLE = ArgumentMap(
    meta=MapMeta(
        title="Fuzz",
        sources=(Source(id="src", title="A source", url="https://example.org/a"),),
    ),
    claims=(
        Claim(id="t", kind=ClaimKind.THESIS, text="World models win.", label="World models"),
        Claim(
            id="e",
            kind=ClaimKind.EVIDENCE,
            text="Infants learn physics.",
            tags=("infants",),
            sources=(SourceRef(source="src", locator="p. 2"),),
            weight=0.5,
            supports=("t",),
        ),
        Claim(id="a", kind=ClaimKind.ARGUMENT, text="From infancy.", supports=("t",)),
        Claim(id="p", text="Babies see.", supports=("a",)),
        Claim(id="c", text="Text suffices.", attacks=("t", "d")),
        Claim(id="d", text="No it does not.", attacks=("c",), undercuts=("a",)),
    ),
)

ARGDOWN = """===
title: Fuzz
===

# Section {isGroup: true}

[Thesis]: World models win. #thesis
  + <Infancy>
  - [Text]: Text suffices. [link](https://example.org) [top](#section)
    >< [Rival]: No it does not.

<Infancy>

(1) Babies see.
(2) [Physics]: Physics is learned. {weight: 0.5}
-- modus ponens {uses: [1, 2]} --
(3) [Thesis]
  _ [Priors]: Babies have priors.
"""

KIALO = """Discussion Title: Should cities ban cars?

1. Cities should ban cars.
1.1. Pro: Cars make the air worse \\(mostly NO2\\).
1.1.1. Con: Electric cars emit no NO2.
1.2. Con: -> See 1.1.1.
"""

CARNEADES = """meta: {title: Tandem, notes: A note.}
statements:
  jw: {text: J wants it., assumed: true}
  jt: J has it.
  ¬jt: J does not have it.
  m: M has it.
  ¬app(a1): A1 does not apply.
issues:
  i1: {positions: [jt, m, ¬jt], standard: CCE}
argument_schemes:
  - {id: weak, weight: {constant: 0.2}}
arguments:
  a1: {conclusion: jt, premises: {datum: jw}, undercutter: ¬app(a1)}
  a2: {scheme: weak, conclusion: ¬jt, premises: [m, ¬jw]}
  a3: {scheme: convergent, conclusion: m, premises: [jt]}
assumptions: [¬app(a1)]
tests: {in: [jw]}
"""

#: Valid documents: (format, file name, text).
SEEDS: list[tuple[str, str, str]] = [
    ("yaml", "claims.yaml", render_yaml(SAMPLE)),
    ("json", "map.json", render_json(SAMPLE)),
    ("aif", "map.json", render_aif(SAMPLE)),
    ("argdown", "map.argdown", render_argdown(SAMPLE)),
    ("argdown", "doc.argdown", ARGDOWN),
    ("kialo", "discussion.txt", KIALO),
    ("carneades", "graph.yml", CARNEADES),
    ("apx", "af.apx", "arg(a0_0).\narg(b).\natt(a0_0,b).\natt(b,b).\n"),
    ("i23", "af.i23", "p af 3\n# a comment\n1 2\n2 3\n3 1\n"),
]

_TOKENS = [
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"'",
    b"\\",
    b"\x00",
    b"\t",
    b"\r",
    b"\xff",
    b"\xc3",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"<<: ",
    b"@include(../../etc/passwd)",
    b"@include(/dev/zero)",
    b"9" * 5000,
    b"[" * 200,
    b"{" * 200,
    b"- " * 80,
    b"===\n",
    b"\n\n",
    b"(1) ",
    b"----\n",
    b"<A>: ",
    b"+> ",
    b"#",
    b"javascript:alert(1)",
    b"\xef\xbb\xbf",
    b'"\\ud800"',
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random byte or line mutations of ``data``."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        choice = rng.randrange(8)
        at = rng.randrange(len(out) + 1)
        if choice == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif choice == 1:
            out[at:at] = bytes([rng.randrange(256)])
        elif choice == 2 and out:
            end = min(len(out), at + rng.randint(1, 40))
            del out[at:end]
        elif choice == 3:
            out[at:at] = rng.choice(_TOKENS)
        elif choice == 4 and out:
            end = min(len(out), at + rng.randint(1, 60))
            out[at:at] = out[at:end]
        else:
            lines = bytes(out).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if choice == 5:
                lines[i], lines[j] = lines[j], lines[i]
            elif choice == 6:
                lines.insert(i, lines[j])
            else:
                lines[i] = b" " * rng.randint(0, 6) + lines[i].lstrip()
            out = bytearray(b"\n".join(lines))
    return bytes(out)


def cases(
    count: int, seed: int, formats: frozenset[str] | None = None
) -> Iterator[tuple[str, str, bytes]]:
    """``count`` mutated documents per seed document, reproducibly from ``seed``."""
    for index, (fmt, name, text) in enumerate(SEEDS):
        if formats is not None and fmt not in formats:
            continue
        rng = random.Random(seed * 1000 + index)
        data = text.encode("utf-8")
        for _ in range(count):
            yield fmt, name, mutate(data, rng)


def check_case(fmt: str, name: str, data: bytes, folder: Path) -> None:
    """Read one mutated document; raise AssertionError when a promise is broken."""
    path = str(folder / name)
    text, diags = decode_utf8(data, path)
    if text is not None:
        try:
            diags = load_text(text, path, fmt).diagnostics
        except ArgmapError as exc:
            assert "\n" not in str(exc).strip(), str(exc)
            return
    for diag in diags:
        assert diag.span.line >= 1 and diag.span.col >= 1, str(diag)
        assert diag.span.path, str(diag)
        assert "\n" not in str(diag), repr(str(diag))


def run(
    count: int,
    seed: int,
    folder: Path,
    report: Callable[[str], None] | None = None,
    formats: frozenset[str] | None = None,
) -> int:
    """Check ``count`` mutations per seed document (of ``formats``, by default all); the
    number of cases checked."""
    checked = 0
    for fmt, name, data in cases(count, seed, formats):
        try:
            check_case(fmt, name, data, folder)
        except AssertionError:
            raise
        except Exception as exc:  # any other exception is the failure being looked for
            raise AssertionError(f"{fmt} {name}: {type(exc).__name__}: {exc!r}: {data!r}") from exc
        checked += 1
        if report is not None and checked % 1000 == 0:
            report(f"{checked} cases")
    return checked
