"""The one module that runs the Graphviz ``dot`` executable."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence

from argmap.errors import RenderError

LAYOUT_FORMATS = ("svg", "png", "pdf")
INSTALL_HINT = (
    "Graphviz's 'dot' program was not found on PATH. Install it: "
    "'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS), "
    "or see https://graphviz.org/download/"
)
TIMEOUT_SECONDS = 300
_PAGE = re.compile(rb'(id="(?:a_)?)page\d+,\d+_')


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


def run_dot_many(sources: Sequence[str]) -> list[bytes]:
    """Lay out several DOT graphs with one Graphviz process; return each one's SVG.

    Starting ``dot`` costs far more than laying out a small map (about 30 ms of CPU
    against a few), so the many small maps of a build are laid out together.

    Raises:
        RenderError: ``dot`` is missing, fails, or takes too long.
    """
    if not sources:
        return []
    # Each graph is laid out on its own; the SVG documents follow one another.
    out = run_dot("\n".join(sources), "svg")
    # Graphviz marks the graph's own ids in every document but the first with a page
    # number ("page0,1_"); without it each document is what a run of its own gives.
    parts = [_PAGE.sub(rb"\1", part) + b"</svg>\n" for part in out.split(b"</svg>\n")[:-1]]
    if len(parts) != len(sources):
        raise RenderError(f"Graphviz returned {len(parts)} SVG documents for {len(sources)} maps")
    return parts
