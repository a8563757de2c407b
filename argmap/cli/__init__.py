"""The command-line interface: a thin adapter over the library."""

from __future__ import annotations

from argmap.cli.app import main

# Each module registers its commands on ``main`` when imported.
from argmap.cli import commands as _commands  # noqa: F401  # isort: skip
from argmap.cli import compare as _compare  # noqa: F401  # isort: skip
from argmap.cli import convert as _convert  # noqa: F401  # isort: skip
from argmap.cli import eval as _eval  # noqa: F401  # isort: skip
from argmap.cli import fmt as _fmt  # noqa: F401  # isort: skip
from argmap.cli import serve as _serve  # noqa: F401  # isort: skip

__all__ = ["main"]
