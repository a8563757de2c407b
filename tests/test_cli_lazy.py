"""The CLI imports each command's module only when that command runs."""

from __future__ import annotations

import importlib
import os
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


def test_every_commands_help_loads_no_model_and_no_reader() -> None:
    """--help of every command is about as fast as Python starts: pydantic and PyYAML load
    only when a command runs."""
    code = (
        "import sys\n"
        "from argmap.cli import COMMANDS, main\n"
        "for name in COMMANDS:\n"
        "    try:\n"
        "        main([name, '--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('pydantic', 'yaml')))\n"
        "print('loaded:', *loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().split("\n")[-1] == "loaded:"


def test_the_choices_spelled_without_the_model_are_the_settings_own() -> None:
    from argmap import serve, settings
    from argmap.cli import choices
    from argmap.cli import serve as serve_cli

    assert choices.STANDARDS == settings.STANDARDS
    assert choices.READINGS == settings.READINGS
    assert choices.GRADUAL_SEMANTICS == settings.GRADUAL_SEMANTICS
    assert choices.SUPPORT_READINGS == settings.SUPPORT_READINGS
    assert choices.DEFAULT_SUPPORT == settings.DEFAULT_SUPPORT
    assert serve_cli.LOOPBACK == serve.LOOPBACK


def test_the_cli_keeps_openblas_to_one_thread_unless_told_otherwise() -> None:
    # Importing numpy for a large framework would start an OpenBLAS thread per core, which
    # spins for tens of milliseconds of CPU; argmap does no linear algebra.
    code = (
        "import os\n"
        "from argmap.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(os.environ.get('OPENBLAS_NUM_THREADS'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.split("\n")[1] == "1"
    env["OPENBLAS_NUM_THREADS"] = "2"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.split("\n")[1] == "2"
