"""The option choices of the CLI, spelled from model-free modules so that ``--help`` and the
ICCMA path load no pydantic. A test keeps each equal to the settings' own."""

from __future__ import annotations

from argmap.formats import INPUT_FORMATS
from argmap.semantics.acceptance import MODES
from argmap.semantics.bipolar import SUPPORT_READINGS
from argmap.semantics.extensions import SEMANTICS as EXTENSION_SEMANTICS
from argmap.semantics.gradual import SEMANTICS as GRADUAL_SEMANTICS

__all__ = [
    "DEFAULT_SUPPORT",
    "EXTENSION_SEMANTICS",
    "FORMATS",
    "GRADUAL_SEMANTICS",
    "MODES",
    "READINGS",
    "STANDARDS",
    "SUPPORT_READINGS",
]

#: Input formats (``formats.INPUT_FORMATS``).
FORMATS = INPUT_FORMATS
#: Proof standards (``settings.STANDARDS``).
STANDARDS = (
    "scintilla",
    "preponderance",
    "clear-and-convincing",
    "beyond-reasonable-doubt",
    "dialectical",
)
#: The reader's proof standards and the extension semantics (``settings.READINGS``).
READINGS = ("carneades", *EXTENSION_SEMANTICS)
#: How supports turn into derived attacks by default (``settings.DEFAULT_SUPPORT``).
DEFAULT_SUPPORT = SUPPORT_READINGS[0]
