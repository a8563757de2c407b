"""The CLI imports each command's module only when that command runs."""

from __future__ import annotations

import importlib
import subprocess
import sys

from argmap.cli import COMMANDS, main


def test_lazy_table_names_exactly_the_commands_each_module_registers() -> None:
    for module in set(COMMANDS.values()):
        importlib.import_module(f"argmap.cli.{module}")
    assert sorted(main.commands) == sorted(COMMANDS)
    for name, command in main.commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == f"argmap.cli.{COMMANDS[name]}", name


def test_version_imports_no_command_and_no_pydantic() -> None:
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('argmap.', 'pydantic', 'yaml')))\n"
        "print(' '.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[1].split() == ["argmap.cli", "argmap.cli.app", "argmap.errors"]


def test_unknown_command_is_a_usage_error_that_lists_the_commands() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "no-such-command"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "No such command 'no-such-command'" in done.stderr
