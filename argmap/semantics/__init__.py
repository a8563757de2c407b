"""Formal argumentation on integer-indexed graphs: extensions, bipolar flattening, gradual strength.

Knows nothing of claim files or output; ``argmap.evaluate`` bridges maps to this package.
"""

from __future__ import annotations
