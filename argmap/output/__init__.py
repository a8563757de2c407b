"""The one package that writes output files: one file atomically, or a build's set of files as a whole."""

from __future__ import annotations

from argmap.output.atomic import write_atomic
from argmap.output.tree import MANIFEST, recover_tree, write_tree

__all__ = ["MANIFEST", "recover_tree", "write_atomic", "write_tree"]
