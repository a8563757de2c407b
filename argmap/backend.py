"""The one module that runs the Graphviz ``dot`` executable (in a process group of its own)."""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence

from argmap.errors import RenderError

LAYOUT_FORMATS = ("svg", "png", "pdf")
INSTALL_HINT = (
    "Graphviz's 'dot' program was not found on PATH. Install it: "
    "'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS), "
    "or see https://graphviz.org/download/"
)
#: How long one layout may take before its process group is killed.
TIMEOUT_SECONDS = 300
_PAGE = re.compile(rb'(id="(?:a_)?)page\d+,\d+_')
#: The most output (and the most error text) one layout may write.
MAX_OUTPUT_BYTES = 256 << 20
#: The layouts running now, so that a signal handler can stop them all.
_RUNNING: set[subprocess.Popen[bytes]] = set()


def dot_executable() -> str:
    """The path of ``dot``; ARGMAP_DOT overrides the lookup.

    Raises:
        RenderError: ``dot`` cannot be found, with the command that installs it.
    """
    configured = os.environ.get("ARGMAP_DOT")
    try:
        found = shutil.which(configured or "dot")
    except ValueError:  # a NUL in the name or in PATH
        found = None
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
    out, err, code = _communicate([exe, f"-T{fmt}"], source.encode("utf-8"))
    if code != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        reason = clean_line(detail[-1]) if detail else _exit_reason(code)
        raise RenderError(f"Graphviz failed to lay out the map: {reason}")
    if fmt == "svg":
        try:
            out.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RenderError(
                f"Graphviz returned SVG that is not UTF-8 (byte 0x{out[exc.start]:02x} "
                f"at offset {exc.start})"
            ) from None
    if not out:
        said = [clean_line(line) for line in err.decode("utf-8", "replace").splitlines()]
        reason = next((line for line in said if line), "")
        raise RenderError("Graphviz returned nothing" + (f": {reason}" if reason else ""))
    return out


def _communicate(command: list[str], data: bytes) -> tuple[bytes, bytes, int]:
    """Run a command in a session of its own, feed it ``data``, and return its output.

    Its output goes to temporary files whose size is watched, so a program that writes
    without end is stopped at ``MAX_OUTPUT_BYTES``. Whatever ends the wait (exit, timeout,
    too much output, an interrupt), the command's whole process group is killed, so no
    child of it outlives the call.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            proc = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=out, stderr=err, start_new_session=True
            )
        except OSError as exc:
            raise RenderError(f"cannot run Graphviz ({command[0]}): {exc.strerror or exc}") from exc
        _RUNNING.add(proc)
        feeder = threading.Thread(target=_feed, args=(proc, data), daemon=True)
        feeder.start()
        try:
            _wait(proc, out.fileno(), err.fileno())
        finally:
            _kill_group(proc)
            # A daemon thread: should a process outside the group hold the input open,
            # it is left blocked rather than the build.
            feeder.join(timeout=5)
        out.seek(0)
        err.seek(0)
        return out.read(), err.read(MAX_OUTPUT_BYTES), proc.returncode


def stop_all() -> None:
    """Kill every layout still running (their whole process groups); for signal handlers.

    The waits on them then end, so a build that is being stopped stops at once.
    """
    for proc in list(_RUNNING):
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)


def _feed(proc: subprocess.Popen[bytes], data: bytes) -> None:
    """Write the input and close it; a program that exits without reading it is not an error here."""
    assert proc.stdin is not None
    with contextlib.suppress(OSError, ValueError):
        proc.stdin.write(data)
    with contextlib.suppress(OSError, ValueError):
        proc.stdin.close()


def _wait(proc: subprocess.Popen[bytes], *outputs: int) -> None:
    """Wait for the program to exit, within the time and output limits.

    The wait ends the moment the program exits (on Linux it waits on a pidfd, which does
    not reap the process); meanwhile the output files are looked at every 50 ms.

    Raises:
        RenderError: It ran longer than ``TIMEOUT_SECONDS`` or wrote more than
            ``MAX_OUTPUT_BYTES``.
    """
    deadline = time.monotonic() + TIMEOUT_SECONDS
    with _exit_waiter(proc) as waits:
        pause = 0.001
        while not waits(pause):
            if time.monotonic() > deadline:
                raise RenderError(
                    f"Graphviz took longer than {TIMEOUT_SECONDS} s to lay out the map"
                )
            if any(os.fstat(fd).st_size > MAX_OUTPUT_BYTES for fd in outputs):
                raise RenderError(
                    f"Graphviz wrote more than {MAX_OUTPUT_BYTES >> 20} MB; stopped it"
                )
            pause = min(pause * 2, 0.05)


@contextlib.contextmanager
def _exit_waiter(proc: subprocess.Popen[bytes]) -> Iterator[Callable[[float], bool]]:
    """A function that waits up to so many seconds for the program to exit and says
    whether it has: on a pidfd where there is one, else by sleeping between looks."""
    try:
        pidfd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):  # not Linux, or a kernel before 5.3
        pidfd = -1
    if pidfd < 0:

        def slept(seconds: float) -> bool:
            if _exited(proc):
                return True
            time.sleep(seconds)
            return _exited(proc)

        yield slept
        return
    poller = select.poll()
    poller.register(pidfd, select.POLLIN)
    try:
        yield lambda seconds: bool(poller.poll(seconds * 1000)) or _exited(proc)
    finally:
        os.close(pidfd)


def _exited(proc: subprocess.Popen[bytes]) -> bool:
    """Whether the program has exited, without reaping it: while it is not reaped its pid,
    and so its process group's id, cannot be taken by another process."""
    if not hasattr(os, "waitid"):  # pragma: no cover - every supported system has it
        return proc.poll() is not None
    try:
        found = os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return found is not None


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the process group the command leads (its children too), then reap it."""
    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGKILL)
    _RUNNING.discard(proc)
    proc.wait()


def _exit_reason(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def clean_line(text: str) -> str:
    """One line of a program's message, without control characters, at most 200 characters."""
    line = "".join(ch if ch.isprintable() else "?" for ch in text)
    return line if len(line) <= 200 else line[:197] + "..."


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
