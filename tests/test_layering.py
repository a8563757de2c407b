"""The pipeline is one-way: each module imports only from the stages before it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"

# Stages in pipeline order; a module may import argmap modules of its own or earlier stages.
STAGES = [
    {"errors", "model", "gcpause", "formats", "numbered", "arrays", "urls"},
    {"diagnostics", "settings", "structure"},
    {"read"},
    {"quotes"},
    {"validate", "schema"},
    {"semantics", "evaluation", "assess"},
    {"evaluate"},
    {"compare", "explain", "explain_formal", "explain_scores"},
    {"backend"},
    {"render", "write"},
    {"output"},
    {"check", "convert", "fmt", "iccma_task"},
    {"build", "serve", "artifacts"},
    {"integrations"},
    {"cli", "__main__", "__init__"},
]


def stage_of(module: str) -> int:
    top = module.split(".")[1] if module.count(".") else "__init__"
    for i, names in enumerate(STAGES):
        if top in names:
            return i
    raise AssertionError(f"module argmap.{top} is in no stage: add it to STAGES")


def test_imports_point_only_to_earlier_stages() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(rel.parts).removesuffix(".__init__")
        own = stage_of(module)
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name == "argmap" or not name.startswith("argmap."):
                    continue
                if stage_of(name) > own:
                    problems.append(f"{module} imports {name}")
    assert problems == []


def test_the_package_exports_the_library_entry_points_lazily() -> None:
    import subprocess
    import sys

    import argmap

    for name in argmap.__all__:
        assert getattr(argmap, name) is not None
    # Importing the package alone loads no stage: the CLI's --version stays quick.
    code = "import argmap, sys; print(sorted(m for m in sys.modules if m.startswith('argmap.')))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def test_model_does_no_io_and_imports_nothing_of_argmap() -> None:
    source = (PACKAGE / "model.py").read_text("utf-8")
    assert "import argmap" not in source and "from argmap" not in source
    assert "open(" not in source
