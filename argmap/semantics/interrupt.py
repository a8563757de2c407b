"""SAT searches that a signal can stop: Ctrl-C and SIGTERM reach Python's handlers at once.

A search runs in the solver's C code. Python runs a signal's handler only when that code
returns, and python-sat's own Ctrl-C handling raises an error of its own, so without this a
hard search would ignore SIGTERM for as long as it ran and answer Ctrl-C with a traceback.
Here the search releases the interpreter while it runs (``expect_interrupt``), the signal's
byte reaches a pipe through :func:`signal.set_wakeup_fd`, and a watcher thread stops the
search; the search returns, and the handler runs as it would anywhere else (the CLI's turns
SIGTERM into ``argmap: terminated``). A handler that does not raise lets the search go on.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import suppress
from typing import Any

_lock = threading.Lock()
_watcher: _Watcher | None = None


class _Watcher:
    """A pipe for signal bytes and the daemon thread that stops the running search."""

    def __init__(self) -> None:
        self.read, self.write = os.pipe()
        os.set_blocking(self.write, False)
        self.solver: Any = None
        self.forward = -1  # the wakeup descriptor set before ours, which gets every byte too
        threading.Thread(target=self._run, name="argmap-sat-signals", daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                data = os.read(self.read, 512)
            except OSError:
                return
            if not data:
                return
            with _lock:
                if self.solver is not None:
                    self.solver.interrupt()
                if self.forward >= 0:
                    with suppress(OSError):
                        os.write(self.forward, data)


def _forget_watcher() -> None:
    """In a forked child the watcher's thread is gone (and the lock may be held by a
    thread that is gone too): the next search starts afresh."""
    global _watcher, _lock
    _watcher = None
    _lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_watcher)


def solve(solver: Any, assumptions: list[int]) -> bool | None:
    """Whether the python-sat ``solver`` (one that supports interrupts) finds a model under
    the assumptions; a signal that arrives meanwhile is handled as in plain Python code.
    None when the search ran out of a budget the solver was given (see
    :meth:`argmap.semantics.minisat.MiniSat.limit`)."""
    if threading.current_thread() is not threading.main_thread():
        # No signal reaches this thread; releasing the interpreter still lets others run.
        return _search(solver, assumptions)
    global _watcher
    with _lock:
        if _watcher is None:
            _watcher = _Watcher()
        watcher = _watcher
        watcher.solver = solver
    try:
        previous = signal.set_wakeup_fd(watcher.write, warn_on_full_buffer=False)
    except ValueError:  # the descriptor cannot be set here: search as before
        previous = None
    try:
        with _lock:
            watcher.forward = -1 if previous is None or previous == watcher.write else previous
        return _search(solver, assumptions)
    finally:
        if previous is not None:
            signal.set_wakeup_fd(previous)
        with _lock:
            watcher.solver = None
            watcher.forward = -1


def _search(solver: Any, assumptions: list[int]) -> bool | None:
    while True:
        found = solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
        if found is not None:
            return bool(found)
        if getattr(solver, "spent", bool)():
            return None
        # Stopped by a signal whose handler (run just now) did not raise: go on.
        solver.clear_interrupt()
