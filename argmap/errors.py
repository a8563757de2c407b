"""The exception hierarchy: every error a user can cause is an ArgmapError whose str() is the message."""

from __future__ import annotations


class ArgmapError(Exception):
    """Base of all argmap errors; ``str()`` is the complete user-facing message."""


class InputError(ArgmapError):
    """An input file cannot be read or parsed at all."""


class DataError(ArgmapError):
    """The map has errors (diagnostics); nothing was rendered or written."""


class UsageError(ArgmapError):
    """A library call or option was used wrongly (unknown thesis, unknown format)."""


class OutputError(ArgmapError):
    """An output cannot be written: a path that is not a regular file, a full disk, no permission."""


class RenderError(ArgmapError):
    """Rendering failed: Graphviz is missing or returned an error."""


class EvaluationError(ArgmapError):
    """An evaluation cannot be completed (for example, gradual semantics did not converge)."""
