"""The command-line interface: a thin adapter over the library, each command imported when used."""

from __future__ import annotations

from argmap.cli.app import main

#: Each command and the module that registers it on ``main`` when imported (a test keeps
#: this table equal to what the modules register).
COMMANDS = {
    "build": "commands",
    "check": "commands",
    "compare": "compare",
    "convert": "convert",
    "eval": "eval",
    "fmt": "fmt",
    "render": "commands",
    "schema": "commands",
    "serve": "serve",
}
main.lazy_commands.update({name: f"argmap.cli.{module}" for name, module in COMMANDS.items()})

__all__ = ["COMMANDS", "main"]
