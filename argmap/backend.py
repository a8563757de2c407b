"""The one module that runs the Graphviz ``dot`` executable."""

from __future__ import annotations

import os
import shutil
import subprocess

from argmap.errors import RenderError

LAYOUT_FORMATS = ("svg", "png", "pdf")
INSTALL_HINT = (
    "Graphviz's 'dot' program was not found on PATH. Install it: "
    "'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS), "
    "or see https://graphviz.org/download/"
)
TIMEOUT_SECONDS = 300


def dot_executable() -> str:
    """The path of ``dot``; ARGMAP_DOT overrides the lookup.

    Raises:
        RenderError: ``dot`` cannot be found, with the command that installs it.
    """
    configured = os.environ.get("ARGMAP_DOT")
    found = shutil.which(configured or "dot")
    if found is None:
        raise RenderError(INSTALL_HINT)
    return found


def run_dot(source: str, fmt: str) -> bytes:
    """Lay out DOT text with Graphviz and return the output bytes.

    Args:
        source: DOT text.
        fmt: One of ``svg``, ``png``, ``pdf``.

    Raises:
        RenderError: ``dot`` is missing, fails, or takes too long.
    """
    if fmt not in LAYOUT_FORMATS:
        raise RenderError(
            f"unknown layout format {fmt!r}: expected one of {', '.join(LAYOUT_FORMATS)}"
        )
    exe = dot_executable()
    try:
        proc = subprocess.run(
            [exe, f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderError(
            f"Graphviz took longer than {TIMEOUT_SECONDS} s to lay out the map"
        ) from exc
    except OSError as exc:
        raise RenderError(f"cannot run Graphviz ({exe}): {exc.strerror or exc}") from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit code {proc.returncode}"
        raise RenderError(f"Graphviz failed to lay out the map: {reason}")
    return proc.stdout
