"""Every command with seeded random options and values: an answer or a usage error, never a traceback.

Options are drawn from each command's own definition (so a new option is fuzzed as soon
as it exists), with values from their choices or from a list of awkward ones: empty,
``-``, numbers out of range, paths that are missing, devices or of the wrong format, and
hostile text. Each call must end with exit code 0, 1 or 2 and no exception but the exit.
"""

from __future__ import annotations

import random
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from argmap.cli import main

VALUES = [
    "", "-", "x", "0", "-1", "1e309", "nan", "claims", "../claims", "/dev/null", "/dev/zero",
    "out", "out/x.svg", "a.i23", "a.apx", "m.yaml", "m.argdown", "yes", "no", "999999999999",
    "é", "javascript:alert(1)", "preferred", "grounded", "svg", "md", "json", "t", "c1", "f",
    "q", "arg", "dfquad", "qe",
]  # fmt: skip
# Every kind of claim and relation, weights, a standard and a cycle: each command meets
# what a real map holds (forecasts and questions get no score, an argument's premises
# hold only together, the cycle leaves claims open).
MAP = """\
claims:
  - {id: t, kind: thesis, text: T, standard: clear-and-convincing}
  - {id: u, kind: thesis, text: U}
  - {id: c1, text: C, attacks: [t], supports: [u], weight: 0.8}
  - {id: e1, kind: evidence, text: E, supports: [arg]}
  - {id: p2, text: P, supports: [arg]}
  - {id: arg, kind: argument, text: A, supports: [t]}
  - {id: x, text: X, attacks: [y, c1]}
  - {id: y, text: Y, attacks: [x]}
  - {id: cut, text: Cut, undercuts: [arg], weight: 0.3}
  - {id: f, kind: forecast, text: F, supports: [u], attacks: [t]}
  - {id: q, kind: question, text: Q?, attacks: [x]}
"""


def _commands() -> dict[str, click.Command]:
    ctx = click.Context(main)
    found = {name: main.get_command(ctx, name) for name in main.list_commands(ctx)}
    return {name: cmd for name, cmd in found.items() if cmd is not None and name != "serve"}


INPUTS = ["claims", "m.yaml", "m.argdown", "a.i23", "a.apx"]


def _arguments(rnd: random.Random, name: str, cmd: click.Command) -> list[str]:
    args = [name]
    if rnd.random() < 0.8:  # mostly a real input, so that the options reach the work
        args.append(rnd.choice(INPUTS))
    options = [p for p in cmd.params if isinstance(p, click.Option)]
    for option in options:  # what a command needs, with values that work more often than not
        if "--thesis" in option.opts:
            args += ["--thesis", "t", "--thesis", "u"]
        elif option.required:
            args += [option.opts[0], rnd.choice(["out", "out2", "x.svg"])]
    for _ in range(rnd.randint(0, 4) if options else 0):
        option = rnd.choice(options)
        args.append(rnd.choice(option.opts))
        if option.is_flag:
            continue
        if isinstance(option.type, click.Choice) and rnd.random() < 0.7:
            args.append(str(rnd.choice(list(option.type.choices))))
        else:
            args.append(rnd.choice(VALUES))
    args += [rnd.choice(VALUES) for _ in range(rnd.randint(0, 2))]
    return args


@pytest.mark.parametrize("seed", range(6))
def test_random_options_never_raise(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "m.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "a.i23").write_text("p af 3\n1 2\n2 3\n3 1\n", encoding="utf-8")
    (tmp_path / "a.apx").write_text("arg(a).\narg(b).\natt(a,b).\n", encoding="utf-8")
    (tmp_path / "m.argdown").write_text("[T]: t #thesis\n  - [C]: c\n", encoding="utf-8")
    rnd = random.Random(seed)
    commands = _commands()
    runner = CliRunner()
    for _ in range(60):
        name = rnd.choice(sorted(commands))
        args = _arguments(rnd, name, commands[name])
        result = runner.invoke(main, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            repr(result.exception),
        )
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert "Traceback" not in result.output, args
